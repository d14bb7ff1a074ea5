import { formatCount } from "../format";
import type { TableHealth } from "./types";

/** Small comparisons shared by the classifier and the detector. Pure. */

export const DEFAULT_SHRINK_THRESHOLD = 0.2;

export { formatCount };

/** "1,204" for an exact count, "~1,204" for an estimate. */
export function formatRows(t: Pick<TableHealth, "rows" | "rowsExact">): string {
  return `${t.rowsExact ? "" : "~"}${formatCount(t.rows)}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** True when going from `before` to `after` rows loses at least `threshold` of them (0 → anything is no loss). */
export function lostShare(before: number, after: number, threshold: number): boolean {
  if (before <= 0 || after >= before) return false;
  return before - after >= threshold * before - 1e-9;
}

/**
 * Cumulative counters (inserted/updated/deleted) went down: the statistics were reset in between.
 * Not for a partitioned parent, whose counters are sums that also drop when a partition is dropped.
 */
export function countersWentDown(earlier: TableHealth, later: TableHealth): boolean {
  if (later.kind === "partitioned") return false;
  return (
    later.insertedTuples < earlier.insertedTuples ||
    later.updatedTuples < earlier.updatedTuples ||
    later.deletedTuples < earlier.deletedTuples
  );
}

/**
 * Evidence, besides an exact count, that a table at 0 rows really lost `lost` rows: dead tuples
 * still waiting for vacuum, or the deleted-tuples counter (same table, no reset in between) grown
 * by at least half of them. Half, because the rows before are themselves often an estimate.
 */
export function deletionEvidence(
  earlier: TableHealth | undefined,
  current: TableHealth,
  lost: number,
): boolean {
  if (lost <= 0) return false;
  if (current.liveTuples === 0 && current.deadTuples >= lost * 0.5) return true;
  if (!earlier || earlier.oid !== current.oid || countersWentDown(earlier, current)) return false;
  return current.deletedTuples - earlier.deletedTuples >= lost * 0.5;
}

/**
 * Same oid, and the file changed together with a loss of rows: the first sample with the current
 * relfilenode holds at least `threshold` fewer rows than the last one before it (and the table has
 * not been refilled since). A VACUUM FULL or CLUSTER changes the file too, but keeps the rows.
 * `earlier` is in time order.
 */
export function wasTruncated(earlier: TableHealth[], current: TableHealth, threshold: number): boolean {
  const seq = [...earlier.filter((t) => t.oid === current.oid), current];
  let j = -1;
  for (let k = seq.length - 2; k >= 0; k--) {
    if (seq[k]!.relfilenode !== current.relfilenode) {
      j = k;
      break;
    }
  }
  if (j < 0) return false;
  const before = seq[j]!;
  const first = seq[j + 1]!;
  return lostShare(before.rows, first.rows, threshold) && lostShare(before.rows, current.rows, threshold);
}
