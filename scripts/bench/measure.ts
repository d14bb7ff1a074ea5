/** Timing helpers for benchmarks: repeat, then report median and min. */

export interface Measurement {
  label: string;
  runs: number;
  medianMs: number | null;
  minMs: number | null;
  target?: string;
  /** For a pass/fail mark against the target. */
  targetMs?: number;
  note?: string;
}

export async function measure(label: string, runs: number, fn: () => Promise<unknown>): Promise<Measurement> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const mid = Math.floor(samples.length / 2);
  const median = samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2;
  process.stderr.write(
    `  ${label.trim()}: median ${ms(median)} [${samples.map((s) => s.toFixed(0)).join(", ")}]\n`,
  );
  return { label, runs, medianMs: median, minMs: samples[0]! };
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
