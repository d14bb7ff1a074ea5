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
  const ordered = samples
    .filter((s) => s.sampledAt !== baseline.sampledAt)
    .sort((a, b) => Date.parse(a.sampledAt) - Date.parse(b.sampledAt));
  const maps = ordered.map((s) => new Map(s.tables.map((t) => [t.name, t])));
  const base = new Map(baseline.tables.map((t) => [t.name, t]));
  const names = new Set<string>([...base.keys(), ...maps.flatMap((m) => [...m.keys()])]);

  interface Episode {
    table: string;
    start: number;
    finding: DataLossFinding;
    ongoing: boolean;
  }
  const episodes: Episode[] = [];
  for (const name of names) {
    let open: Episode | null = null;
    for (let i = 0; i < ordered.length; i++) {
      const at = Date.parse(ordered[i]!.sampledAt);
      const previous = i === 0 ? base.get(name) : maps[i - 1]!.get(name);
      let peak: TableHealth | undefined;
      for (let k = i - 1; k >= -1; k--) {
        const sample = k < 0 ? baseline : ordered[k]!;
        if (at - Date.parse(sample.sampledAt) > windowMs) break;
        const t = k < 0 ? base.get(name) : maps[k]!.get(name);
        if (t && (!peak || t.rows > peak.rows)) peak = t;
      }
      const verdict = judge(base.get(name), previous, peak, maps[i]!.get(name), share, jumpShare);
      if (verdict && !open) {
        open = { table: name, start: i, finding: { table: name, ...verdict }, ongoing: true };
        episodes.push(open);
      } else if (verdict && open) {
        for (const kind of verdict.kinds)
          if (!open.finding.kinds.includes(kind)) open.finding.kinds.push(kind);
      } else if (!verdict && open) {
        open.ongoing = false;
        open = null;
      }
    }
  }

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
