/** Shapes of a health reading and its classification. Pure data. */

import type { TableKind } from "../introspect/types";

/**
 * Where `rows` came from:
 * - `exact`: count(*) in this pass;
 * - `live-tuples`: pg_stat n_live_tup (fresh: tracks every committed insert/delete since the last
 *   vacuum/analyze, which the statistics system has on record);
 * - `reltuples`: pg_class.reltuples (as of the last vacuum/analyze/CREATE INDEX), used when the
 *   statistics system has no record of that (stats reset, a standby, never tracked);
 * - `partitions`: a partitioned parent, the sum of its partitions.
 */
export type RowsSource = "exact" | "live-tuples" | "reltuples" | "partitions";

export interface TableHealth {
  /** "schema.table" */
  name: string;
  oid: number;
  relfilenode: number;
  rows: number;
  /** True when `rows` is an exact count(*); false when it is an estimate. */
  rowsExact: boolean;
  liveTuples: number;
  deadTuples: number;
  insertedTuples: number;
  updatedTuples: number;
  deletedTuples: number;
  sizeBytes: number;
  lastVacuumAt: string | null;
  lastAnalyzeAt: string | null;
  /** ISO time of max(updatedAt-like column) where an index makes it cheap, else null. */
  lastActivityAt: string | null;
  /**
   * "partitioned" marks a partitioned parent: its rows, tuples and size are the sums of its
   * partitions, which are listed too — skip parents when adding up a whole database.
   * Absent in readings stored before this field existed (treat as "table").
   */
  kind?: TableKind;
  /** "schema.parent" for a partition. */
  partitionOf?: string | null;
  rowsSource?: RowsSource;
  /** False when sizeBytes comes from pg_class.relpages (as of the last vacuum/analyze) rather than the files. */
  sizeExact?: boolean;
  /** The column lastActivityAt was read from, e.g. "updatedAt". */
  lastActivityColumn?: string | null;
}

export interface HealthReading {
  /** ISO time the reading was taken (the server's clock). */
  sampledAt: string;
  /** pg_stat_database.stats_reset for the database, ISO or null. */
  statsResetAt: string | null;
  tables: TableHealth[];
}

export type TableStatus = "INTACT" | "WIPED" | "SHRUNK" | "MISSING" | "EMPTY" | "NEW" | "UNKNOWN";

export const TABLE_STATUSES: readonly TableStatus[] = [
  "WIPED",
  "MISSING",
  "SHRUNK",
  "UNKNOWN",
  "NEW",
  "EMPTY",
  "INTACT",
];

export interface ClassifyOptions {
  /** Share of rows whose loss makes a table SHRUNK (and a detection). Default 0.2. */
  shrinkThreshold?: number;
  /**
   * A detection fires when, between two samples, deleted tuples minus inserted tuples exceed this
   * share of the table's rows. Default: shrinkThreshold.
   */
  deletedJumpThreshold?: number;
  /** How far back detectDataLoss looks for a peak to compare with, in ms. Default 15 minutes. */
  windowMs?: number;
}

export interface TableClassification {
  status: TableStatus;
  /** Short human-readable why, e.g. "0 rows, had 1,204 at baseline". */
  reasons: string[];
  /** Same oid, new relfilenode, and the rows went (TRUNCATE). */
  truncated?: boolean;
  /** A different oid than at baseline: the table was dropped and created again. */
  recreated?: boolean;
  /** Cumulative counters went down: the statistics were reset (not data loss). */
  statsReset?: boolean;
}

export interface ClassifiedTable extends TableClassification {
  name: string;
  kind: TableKind;
  /** Rows now; null when the table is not in the current reading. */
  rows: number | null;
  rowsExact: boolean;
  baselineRows: number | null;
  baselineRowsExact: boolean | null;
  lastActivityAt: string | null;
  expected: boolean;
}

export interface ClassifiedReading {
  sampledAt: string | null;
  baselineAt: string | null;
  reachable: boolean;
  /** Most affected first (status order of TABLE_STATUSES), then by name. */
  tables: ClassifiedTable[];
  /** Counts by status; partitioned parents are not counted (their partitions are). */
  summary: Record<TableStatus, number>;
}

export type DataLossKind = "wiped" | "shrunk" | "deleted-jump" | "truncated" | "recreated" | "dropped";

export interface DataLossFinding {
  table: string;
  kinds: DataLossKind[];
  /** Rows before the loss (at baseline or the window's peak) and at the first bad sample. */
  rowsBefore: number | null;
  rowsAfter: number | null;
  reasons: string[];
}

export interface DataLossDetection {
  /** Stable for the same episode: derived from firstBadSampleAt and the tables. */
  id: string;
  /** The first sample that showed the loss: the data-loss window ends here. */
  firstBadSampleAt: string;
  /** The sample before it (the baseline at the earliest): the data-loss window starts here. */
  lastGoodSampleAt: string | null;
  /** Sorted table names. */
  tables: string[];
  findings: DataLossFinding[];
  /** True while at least one of the tables has not recovered in the newest sample. */
  ongoing: boolean;
}
