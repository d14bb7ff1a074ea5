import {
  DEFAULT_SHRINK_THRESHOLD,
  countersWentDown,
  deletionEvidence,
  formatCount,
  formatRows,
  lostShare,
  percent,
} from "./compare";
import type {
  ClassifyOptions,
  DataLossDetection,
  DataLossFinding,
  DataLossKind,
  HealthReading,
  TableHealth,
} from "./types";

/**
 * Data-loss detection over the samples taken since a baseline. Pure.
 *
 * Each sample is compared, table by table, with the baseline, with the peak of the samples in the
 * last `windowMs`, and with the sample just before it. A table is "bad" in a sample when:
 * - wiped / shrunk: it holds `shrinkThreshold` fewer rows (or none) than at the baseline or than the
 *   window's peak (an estimate of 0 counts as wiped only with evidence, as in the classifier);
 * - dropped: it had rows at the baseline or in the sample before, and is gone;
 * - recreated: its oid differs from the sample before (DROP + CREATE between the two);
 * - truncated: same oid, new relfilenode, and it lost rows since the sample before;
 * - deleted-jump: deleted minus inserted tuples since the sample before exceed
 *   `deletedJumpThreshold` of its rows then (rows that went and did not come back, seen in the
 *   counters even while the row estimate is stale). Counters that went down are a statistics
 *   reset and are not compared; nor is an estimate read across a reset trusted to call a loss.
 * A run of bad samples is one episode; its first sample is the first bad sample — the end of the
 * data-loss window, whose start is the last good sample before it. Episodes that begin in the same
 * sample form one detection. A table that recovers (back within the threshold of the baseline)
 * ends its episode; a later loss starts a new one.
 */

const DEFAULT_WINDOW_MS = 15 * 60_000;

interface TableVerdict {
  kinds: DataLossKind[];
  rowsBefore: number | null;
  rowsAfter: number | null;
  reasons: string[];
}

function judge(
  baseline: TableHealth | undefined,
  previous: TableHealth | undefined,
  windowPeak: TableHealth | undefined,
  current: TableHealth | undefined,
  share: number,
  jumpShare: number,
): TableVerdict | null {
  const kinds: DataLossKind[] = [];
  const reasons: string[] = [];
  if (!current) {
    const last = previous ?? baseline;
    if (last && (last.rows > 0 || (baseline?.rows ?? 0) > 0)) {
      const had = baseline && baseline.rows > 0 ? baseline : last;
      return {
        kinds: ["dropped"],
        rowsBefore: had.rows,
        rowsAfter: null,
        reasons: [`dropped, had ${formatRows(had)} rows`],
      };
    }
    return null;
  }
  const sameAsPrevious = previous !== undefined && previous.oid === current.oid;
  const reset = sameAsPrevious && countersWentDown(previous, current);
  const trustworthy = current.rowsExact || !reset;

  const prior = previous ?? baseline;
  if (prior && prior.oid !== current.oid) {
    kinds.push("recreated");
    reasons.push(`dropped and created again (oid ${prior.oid} → ${current.oid})`);
  }
  if (
    sameAsPrevious &&
    previous.relfilenode !== current.relfilenode &&
    lostShare(previous.rows, current.rows, share)
  ) {
    kinds.push("truncated");
    reasons.push(`truncated: new relfilenode, ${formatRows(current)} rows, had ${formatRows(previous)}`);
  }
  if (sameAsPrevious && !reset && previous.rows > 0) {
    const net =
      current.deletedTuples - previous.deletedTuples - (current.insertedTuples - previous.insertedTuples);
    if (current.deletedTuples > previous.deletedTuples && net >= jumpShare * previous.rows - 1e-9) {
      kinds.push("deleted-jump");
      reasons.push(
        `${formatCount(current.deletedTuples - previous.deletedTuples)} tuples deleted since the sample before ` +
          `(${percent(net / previous.rows)} of ${formatRows(previous)} rows, net of inserts)`,
      );
    }
  }

  let before: TableHealth | undefined;
  let label = "";
  if (baseline && lostShare(baseline.rows, current.rows, share)) {
    before = baseline;
    label = "at baseline";
  } else if (windowPeak && lostShare(windowPeak.rows, current.rows, share)) {
    before = windowPeak;
    label = "in the recent window";
  }
  if (before && trustworthy) {
    const lost = before.rows - current.rows;
    const structural =
      kinds.includes("truncated") || kinds.includes("recreated") || before.oid !== current.oid;
    const reference = sameAsPrevious ? previous : before.oid === current.oid ? before : undefined;
    if (
      current.rows === 0 &&
      (current.rowsExact || structural || deletionEvidence(reference, current, lost))
    ) {
      kinds.push("wiped");
      reasons.push(`0 rows, had ${formatRows(before)} ${label}`);
    } else {
      kinds.push("shrunk");
      reasons.push(
        current.rows === 0
          ? `estimated 0 rows, had ${formatRows(before)} ${label} (unconfirmed)`
          : `${formatRows(current)} rows, had ${formatRows(before)} ${label} (−${percent(lost / before.rows)})`,
      );
    }
  }
  if (kinds.length === 0) return null;
  return { kinds, rowsBefore: before?.rows ?? previous?.rows ?? null, rowsAfter: current.rows, reasons };
}

interface Episode {
  table: string;
  start: number;
  finding: DataLossFinding;
  ongoing: boolean;
}

function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * `samples`: the readings since `baseline`, oldest → newest (the newest is the current one).
 * Returns the detections, oldest first.
 */
export function detectDataLoss(
  baseline: HealthReading,
  samples: HealthReading[],
  options: ClassifyOptions = {},
): DataLossDetection[] {
  const share = options.shrinkThreshold ?? DEFAULT_SHRINK_THRESHOLD;
  const jumpShare = options.deletedJumpThreshold ?? share;
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const baseAt = Date.parse(baseline.sampledAt);
  const ordered = samples
    .filter((s) => s.sampledAt !== baseline.sampledAt)
    .sort((a, b) => Date.parse(a.sampledAt) - Date.parse(b.sampledAt));
  const base = new Map(baseline.tables.map((t) => [t.name, t]));

  // One pass over the samples, one state per table: O(samples × tables), memory O(tables × window).
  interface State {
    previous: TableHealth | undefined;
    /** Samples in the window, rows decreasing from the front: the front is the peak. */
    window: Array<{ at: number; table: TableHealth }>;
    open: Episode | null;
  }
  const states = new Map<string, State>();
  const stateOf = (name: string): State => {
    let state = states.get(name);
    if (!state) {
      const b = base.get(name);
      state = { previous: b, window: b ? [{ at: baseAt, table: b }] : [], open: null };
      states.set(name, state);
    }
    return state;
  };
  for (const name of base.keys()) stateOf(name);

  const episodes: Episode[] = [];
  ordered.forEach((sample, i) => {
    const at = Date.parse(sample.sampledAt);
    const current = new Map(sample.tables.map((t) => [t.name, t]));
    for (const name of current.keys()) stateOf(name);
    for (const [name, state] of states) {
      while (state.window.length > 0 && at - state.window[0]!.at > windowMs) state.window.shift();
      const now = current.get(name);
      const verdict = judge(base.get(name), state.previous, state.window[0]?.table, now, share, jumpShare);
      if (verdict && !state.open) {
        state.open = { table: name, start: i, finding: { table: name, ...verdict }, ongoing: true };
        episodes.push(state.open);
      } else if (verdict && state.open) {
        const kinds = state.open.finding.kinds;
        for (const kind of verdict.kinds) if (!kinds.includes(kind)) kinds.push(kind);
      } else if (!verdict && state.open) {
        state.open.ongoing = false;
        state.open = null;
      }
      if (now) {
        while (state.window.length > 0 && state.window[state.window.length - 1]!.table.rows <= now.rows)
          state.window.pop();
        state.window.push({ at, table: now });
      }
      state.previous = now;
    }
  });

  const byStart = new Map<number, Episode[]>();
  for (const e of episodes) byStart.set(e.start, [...(byStart.get(e.start) ?? []), e]);
  return [...byStart.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, group]) => {
      group.sort((a, b) => (a.table < b.table ? -1 : 1));
      const tables = group.map((e) => e.table);
      const firstBadSampleAt = ordered[start]!.sampledAt;
      return {
        id: `dl-${hashOf(`${firstBadSampleAt}|${tables.join("|")}`)}`,
        firstBadSampleAt,
        lastGoodSampleAt: start === 0 ? baseline.sampledAt : ordered[start - 1]!.sampledAt,
        tables,
        findings: group.map((e) => e.finding),
        ongoing: group.some((e) => e.ongoing),
      };
    });
}
