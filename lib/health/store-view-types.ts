import type { Detection } from "../db/schema";
import type { DetectionStatus } from "./detections";
import type { MigrationHistory } from "./store-types";
import { TABLE_STATUSES, type ClassifiedTable, type TableStatus } from "./types";

/** The shapes of the health view (API and page), and its ordering. Pure: safe in the browser bundle. */

export interface HealthTableView {
  name: string;
  status: TableStatus;
  rows: number | null;
  rowsExact: boolean;
  baselineRows: number | null;
  baselineRowsExact: boolean | null;
  lastActivityAt: string | null;
  kind: ClassifiedTable["kind"];
  expected: boolean;
  /** Named critical in the target's configuration: listed first among tables of the same status. */
  critical: boolean;
  reasons: string[];
  truncated?: boolean;
  recreated?: boolean;
  statsReset?: boolean;
  /** While the target is unreachable: what the last reading said. */
  lastKnownStatus?: TableStatus;
  lastKnownRows?: number | null;
  /** Rows at each time of `seriesAt` (the baseline first); null where the table was not there. */
  series: Array<number | null>;
}

export interface DetectionView {
  id: string;
  detectedAt: string;
  firstBadSampleAt: string;
  lastGoodSampleAt: string | null;
  lastSeenAt: string;
  clearedAt: string | null;
  kind: Detection["kind"];
  kinds: Detection["kinds"];
  tables: string[];
  status: DetectionStatus;
  incidentId: string | null;
}

/** A detection with its target, for the banner on every page. */
export interface OpenDetectionView extends DetectionView {
  targetId: string;
  targetName: string;
}

export interface TargetHealthView {
  targetId: string;
  targetName: string;
  /** Time of the newest sample, reachable or not (null before the first one). */
  sampledAt: string | null;
  baselineAt: string | null;
  reachable: boolean;
  /** Why the newest sample has no reading (no secrets). */
  error: string | null;
  /** Time of the newest sample that has a reading. */
  lastReadingAt: string | null;
  /** No sample newer than three intervals: the sampler is not running (or cannot write). */
  stale: boolean;
  intervalSeconds: number;
  latestSampleId: number | null;
  baseline: {
    sampleId: number;
    pinnedAt: string;
    pinnedBy: string | null;
    reason: string;
  } | null;
  summary: Record<TableStatus, number>;
  /** The counts of the last reading, while the target is unreachable. */
  lastKnownSummary: Record<TableStatus, number> | null;
  /** Rows at the baseline and rows lost since, over all tables (partitions counted, parents not). */
  rowsAtBaseline: number;
  rowsLost: number;
  tables: HealthTableView[];
  seriesAt: string[];
  migrations: MigrationHistory[];
  detections: DetectionView[];
}

/** The status that tells most: while unreachable, what the last reading said. */
export function effectiveStatus(t: Pick<HealthTableView, "status" | "lastKnownStatus">): TableStatus {
  return t.status === "UNKNOWN" && t.lastKnownStatus ? t.lastKnownStatus : t.status;
}

/** Most affected first; within a status, critical tables, then the biggest loss, then by name. */
export function affectedFirst(a: HealthTableView, b: HealthTableView): number {
  const order = (t: HealthTableView) => TABLE_STATUSES.indexOf(effectiveStatus(t));
  const lost = (t: HealthTableView) =>
    (t.baselineRows ?? 0) - (t.rows ?? t.lastKnownRows ?? t.baselineRows ?? 0);
  return (
    order(a) - order(b) ||
    Number(b.critical) - Number(a.critical) ||
    lost(b) - lost(a) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}
