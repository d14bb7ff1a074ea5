/** Timing helpers for benchmarks: repeat, then report median and min. */

export interface Measurement {
  label: string;
  runs: number;
  medianMs: number | null;
  minMs: number | null;
  /** Median of setup + run (the answer in hand; teardown left out), for cases with an untimed setup such as a new connection. */
  withSetupMedianMs?: number;
  target?: string;
  /** For a pass/fail mark against the target. */
  targetMs?: number;
  note?: string;
}

export interface Case<S = void> {
  label: string;
  runs: number;
  /** Run before each timed run, untimed: e.g. opening a new connection. Its cost is kept apart in `withSetupMedianMs`. */
  setup?: () => Promise<S>;
  fn: (state: S) => Promise<unknown>;
  teardown?: (state: S) => Promise<unknown>;
}

export async function measure(label: string, runs: number, fn: () => Promise<unknown>): Promise<Measurement> {
  const [m] = await measureInterleaved([{ label, runs, fn }]);
  return m!;
}

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Measures several operations taking turns (a, b, a, b, …; each its own number of runs), so that
 * their figures come from the same minutes: on a shared 2-core machine the speed drifts by ±20%
 * from minute to minute, and a ratio of two figures measured one after the other carries that drift.
 */
export async function measureInterleaved(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each case has its own setup state
  cases: Case<any>[],
): Promise<Measurement[]> {
  const samples = cases.map(() => [] as number[]);
  const withSetup = cases.map(() => [] as number[]);
  const rounds = Math.max(...cases.map((c) => c.runs));
  for (let i = 0; i < rounds; i++) {
    for (const [k, c] of cases.entries()) {
      if (i >= c.runs) continue;
      const setupStarted = performance.now();
      const state = await c.setup?.();
      try {
        const started = performance.now();
        await c.fn(state);
        const ended = performance.now();
        samples[k]!.push(ended - started);
        withSetup[k]!.push(ended - setupStarted);
      } finally {
        await c.teardown?.(state);
      }
    }
  }
  return cases.map((c, k) => {
    const sorted = samples[k]!.sort((a, b) => a - b);
    const measured: Measurement = {
      label: c.label,
      runs: c.runs,
      medianMs: median(sorted),
      minMs: sorted[0]!,
    };
    if (c.setup) measured.withSetupMedianMs = median(withSetup[k]!);
    process.stderr.write(
      `  ${c.label.trim()}: median ${ms(measured.medianMs!)} [${sorted.map((x) => x.toFixed(0)).join(", ")}]` +
        (c.setup
          ? `; with setup ${ms(measured.withSetupMedianMs!)} [${withSetup[k]!.map((x) => x.toFixed(0)).join(", ")}]`
          : "") +
        "\n",
    );
    return measured;
  });
}

export function ms(value: number): string {
  return value >= 10_000
    ? `${(value / 1000).toFixed(1)} s`
    : value >= 100
      ? `${value.toFixed(0)} ms`
      : `${value.toFixed(1)} ms`;
}

type Header = { label: string; runs: string; median: string; min: string; target: string; note: string };

export function formatRow(row: Measurement | Header): string {
  const cells =
    "median" in row
      ? row
      : {
          label: row.label,
          runs: row.runs === 0 ? "" : String(row.runs),
          median: row.medianMs === null ? "—" : ms(row.medianMs),
          min: row.minMs === null ? "—" : ms(row.minMs),
          target:
            row.target === undefined
              ? ""
              : `${row.target}${row.medianMs !== null && row.targetMs !== undefined ? (row.medianMs <= row.targetMs ? " ✓" : " ✗") : ""}`,
          note: row.note ?? "",
        };
  return [
    cells.label.padEnd(58),
    cells.runs.padStart(4),
    cells.median.padStart(10),
    cells.min.padStart(10),
    "  " + cells.target.padEnd(12),
    cells.note,
  ]
    .join("")
    .trimEnd();
}
