/** Shapes of a health reading and its classification. Pure data. */

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
}

export interface HealthReading {
  /** ISO time the reading was taken. */
  sampledAt: string;
  /** pg_stat_database.stats_reset for the database, ISO or null. */
  statsResetAt: string | null;
  tables: TableHealth[];
}

export type TableStatus = "INTACT" | "WIPED" | "SHRUNK" | "MISSING" | "EMPTY" | "NEW" | "UNKNOWN";
