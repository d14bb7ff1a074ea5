/** Shapes of a blast-radius computation (see lib/graph/blast-radius.ts). Stable: the CLI's and API's JSON. */

export interface BlastRadiusRequest {
  /** "schema.table" */
  table: string;
  /** Column → value (as text; PostgreSQL casts it to the column's type). Must identify rows by equality. */
  key: Record<string, string>;
  /** Stop counting beyond this many rows in all; the answer then says "more than N". Default 1,000,000. */
  rowCap?: number;
  /** Statement timeout for the read-only queries. Default 10 s. */
  statementTimeoutMs?: number;
}

export type BlastOutcome = "deleted" | "blocked" | "not-found";

export interface BlastRadiusResult {
  root: { table: string; key: Record<string, string> };
  outcome: BlastOutcome;
  /** Rows deleted per table, root included. Partitioned tables report under the partition holding the rows. */
  rowsDeletedByTable: Record<string, number>;
  /** Rows changed by SET NULL / SET DEFAULT per table. */
  rowsUpdatedByTable: Record<string, number>;
  blockedBy: { constraint: string; table: string }[];
  elapsedMs: number;
  /** Present when the row cap was reached: counts are lower bounds ("more than cap"). */
  truncated?: { rowCap: number };
}
