import type { Queryable } from "../introspect/connect";
import { quoteIdent, qualify } from "../introspect/identifiers";
import type { Table } from "../introspect/types";
import { activityColumnCandidates, activityColumnRank } from "./activity-columns";
import { ACTIVITY_PROBE_SQL, type ActivityProbeRow, type StatsRow } from "./read-sql";
import type { RowsSource, TableHealth } from "./types";

/** What a health pass knows about one table between its statements, and which tables get the costly reads. */

export interface ActivityColumn {
  col: string;
  type: ActivityProbeRow["type"];
}

export interface Entry {
  health: TableHealth;
  relkind: "r" | "p";
  parentOid: number | null;
  quoted: string;
  estimate: number;
  reltuples: number;
  /** Held exclusively by another session, or not readable by this role: not counted, not looked up. */
  locked: boolean;
  table: Table | undefined;
  priority: boolean;
  /** Best existing activity column (read by the exact count's scan). */
  activity: ActivityColumn | null;
  /** Best activity column that leads a btree index (read by an index max()). */
  indexedActivity: ActivityColumn | null;
}

export const isoFromMs = (ms: string | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function estimateRows(row: StatsRow): { rows: number; source: RowsSource } {
  const live = Number(row.live);
  // PG14+ marks a never-analysed table with reltuples = -1; PG13 leaves 0 with relpages 0.
  const neverAnalysed = row.reltuples < 0 || (row.reltuples === 0 && row.relpages === 0);
  // n_live_tup follows every committed change since the last vacuum/analyze — when the statistics
  // system has a record of that vacuum/analyze. Without one (stats reset, a standby, a table only
  // sized by CREATE INDEX) n_live_tup may read 0 for a full table: reltuples is the safer guess.
  if (neverAnalysed || row.last_vacuum || row.last_analyze) return { rows: live, source: "live-tuples" };
  return { rows: Math.max(0, Math.round(row.reltuples)), source: "reltuples" };
}

export function toEntry(row: StatsRow, byName: Map<string, Table>, priority: Set<string>): Entry {
  const name = qualify(row.schema, row.table);
  const { rows, source } = estimateRows(row);
  const parentOid = row.parent_oid === null ? null : Number(row.parent_oid);
  const table = byName.get(name);
  return {
    relkind: row.relkind,
    parentOid,
    quoted: `${quoteIdent(row.schema)}.${quoteIdent(row.table)}`,
    estimate: rows,
    reltuples: Math.max(0, row.reltuples),
    locked: row.locked || !row.readable,
    table,
    priority: priority.has(name),
    activity: null,
    indexedActivity: null,
    health: {
      name,
      oid: Number(row.oid),
      relfilenode: Number(row.relfilenode),
      rows,
      rowsExact: false,
      liveTuples: Number(row.live),
      deadTuples: Number(row.dead),
      insertedTuples: Number(row.inserted),
      updatedTuples: Number(row.updated),
      deletedTuples: Number(row.deleted),
      sizeBytes: Number(row.size_estimate),
      lastVacuumAt: isoFromMs(row.last_vacuum),
      lastAnalyzeAt: isoFromMs(row.last_analyze),
      lastActivityAt: null,
      kind: row.relkind === "p" ? "partitioned" : parentOid !== null ? "partition" : "table",
      partitionOf: table?.partitionOf ?? null,
      rowsSource: source,
      sizeExact: false,
      lastActivityColumn: null,
    },
  };
}

const STABLE = 4;

/** Lower tier is counted first: where an exact number changes the verdict. */
function countTier(e: Entry): number {
  const h = e.health;
  if (e.priority) return 0;
  if (e.estimate === 0 && (e.reltuples > 0 || h.deadTuples > 0 || h.deletedTuples > 0)) return 1; // a wipe?
  if (h.rowsSource === "reltuples") return 2; // the statistics cannot vouch for the estimate
  if (h.deadTuples > 0 || h.deletedTuples > 0) return 3; // saw deletes
  return STABLE;
}

export function pickExactCounts(
  entries: Entry[],
  limits: { maxRows: number; max: number; countStable: boolean },
): Entry[] {
  return entries
    .filter((e) => e.relkind === "r" && !e.locked && e.estimate < limits.maxRows)
    .map((e) => ({ e, tier: countTier(e) }))
    .filter((x) => limits.countStable || x.tier < STABLE)
    .sort((a, b) => a.tier - b.tier || a.e.estimate - b.e.estimate || a.e.health.oid - b.e.health.oid)
    .slice(0, Math.max(0, limits.max))
    .map((x) => x.e);
}

const hasActivityCandidates = (e: Entry) => activityColumnCandidates(e.table?.columns ?? []).length > 0;

/** Tables not counted that might have an indexed activity column: priority tables, then the most written. */
export function pickLookupCandidates(entries: Entry[], counted: Set<Entry>, max: number): Entry[] {
  return entries
    .filter((e) => e.relkind === "r" && !e.locked && !counted.has(e) && hasActivityCandidates(e))
    .sort(
      (a, b) =>
        Number(b.priority) - Number(a.priority) ||
        b.health.insertedTuples + b.health.updatedTuples - (a.health.insertedTuples + a.health.updatedTuples),
    )
    .slice(0, Math.max(0, max));
}

/**
 * Checks, in one statement, which of the catalog's activity-like columns still exist on these
 * tables and which lead an index; fills `activity` and `indexedActivity`. Returns false when there
 * was nothing to ask.
 */
export async function probeActivityColumns(client: Queryable, entries: Entry[]): Promise<boolean> {
  const oids: number[] = [];
  const cols: string[] = [];
  for (const e of entries) {
    for (const col of activityColumnCandidates(e.table?.columns ?? [])) {
      oids.push(e.health.oid);
      cols.push(col);
    }
  }
  if (oids.length === 0) return false;
  const { rows } = await client.query<ActivityProbeRow>(ACTIVITY_PROBE_SQL, [oids, cols]);
  const byOid = new Map(entries.map((e) => [e.health.oid, e]));
  const better = (candidate: string, current: ActivityColumn | null) =>
    !current || activityColumnRank(candidate) < activityColumnRank(current.col);
  for (const row of rows) {
    const e = byOid.get(Number(row.oid));
    if (!e) continue;
    const column = { col: row.col, type: row.type };
    if (better(row.col, e.activity)) e.activity = column;
    if (row.indexed && better(row.col, e.indexedActivity)) e.indexedActivity = column;
  }
  return true;
}
