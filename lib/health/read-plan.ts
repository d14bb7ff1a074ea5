import { quoteIdent } from "../introspect/identifiers";
import type { Catalog, Table } from "../introspect/types";
import { activityColumnCandidates, activityColumnType, type ActivityColumnType } from "./activity-columns";
import type { StatsRow } from "./read-sql";
import type { HealthReading, RowsSource, TableHealth } from "./types";

/** What a health pass knows about one table between its statements, and which tables get the costly reads. */

export interface ActivityColumn {
  col: string;
  type: ActivityColumnType;
}

export interface ActivityColumns {
  /** Best activity-like column (read by an exact count's own scan). */
  activity: ActivityColumn | null;
  /** Best one that leads a btree index (read by an index max(): a short backward index scan). */
  indexedActivity: ActivityColumn | null;
}

export interface Entry {
  health: TableHealth;
  relkind: "r" | "p";
  parentOid: number | null;
  schema: string;
  relname: string;
  estimate: number;
  reltuples: number;
  /** Not readable by this role: not counted, not looked up. */
  unreadable: boolean;
  table: Table;
  priority: boolean;
}

/** The table as SQL (quoted only for the few tables a pass counts or looks up). */
export const quotedName = (e: Entry) => `${quoteIdent(e.schema)}.${quoteIdent(e.relname)}`;

export const isoFromMs = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function estimateRows(row: StatsRow): { rows: number; source: RowsSource } {
  // PG14+ marks a never-analysed table with reltuples = -1; PG13 leaves 0 with relpages 0.
  const neverAnalysed = row.reltuples < 0 || (row.reltuples === 0 && row.relpages === 0);
  // n_live_tup follows every committed change since the last vacuum/analyze — when the statistics
  // system has a record of that vacuum/analyze. Without one (stats reset, a standby, a table only
  // sized by CREATE INDEX) n_live_tup may read 0 for a full table: reltuples is the safer guess.
  if (neverAnalysed || row.last_vacuum !== null || row.last_analyze !== null)
    return { rows: row.live, source: "live-tuples" };
  return { rows: Math.max(0, Math.round(row.reltuples)), source: "reltuples" };
}

/** A statistics row of a table the catalog names (`table`, found by the row's schema and name). */
export function toEntry(row: StatsRow, table: Table, priority: Set<string>): Entry {
  const name = table.name;
  const { rows, source } = estimateRows(row);
  const parentOid = row.parent_oid;
  return {
    relkind: row.relkind,
    parentOid,
    schema: row.schema,
    relname: row.table,
    estimate: rows,
    reltuples: Math.max(0, row.reltuples),
    unreadable: row.unreadable,
    table,
    priority: priority.has(name),
    health: {
      name,
      oid: row.oid,
      relfilenode: row.relfilenode,
      rows,
      rowsExact: false,
      liveTuples: row.live,
      deadTuples: row.dead,
      insertedTuples: row.inserted,
      updatedTuples: row.updated,
      deletedTuples: row.deleted,
      sizeBytes: row.size_estimate,
      lastVacuumAt: isoFromMs(row.last_vacuum),
      lastAnalyzeAt: isoFromMs(row.last_analyze),
      lastActivityAt: null,
      kind: row.relkind === "p" ? "partitioned" : parentOid !== null ? "partition" : "table",
      partitionOf: table.partitionOf,
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
    .filter((e) => e.relkind === "r" && !e.unreadable && e.estimate < limits.maxRows)
    .map((e) => ({ e, tier: countTier(e) }))
    .filter((x) => limits.countStable || x.tier < STABLE)
    .sort((a, b) => a.tier - b.tier || a.e.estimate - b.e.estimate || a.e.health.oid - b.e.health.oid)
    .slice(0, Math.max(0, limits.max))
    .map((x) => x.e);
}

/** A catalog's tables by "schema.table", and its schemas: built once per catalog (the sampler reuses one until the schema changes). */
export interface CatalogIndex {
  byName: Map<string, Table>;
  schemas: string[];
}
const indexMemo = new WeakMap<Catalog, CatalogIndex>();
export function catalogIndex(catalog: Catalog): CatalogIndex {
  let index = indexMemo.get(catalog);
  if (!index) {
    index = {
      byName: new Map(catalog.tables.map((t) => [t.name, t])),
      schemas: [...new Set(catalog.tables.map((t) => t.schema))],
    };
    indexMemo.set(catalog, index);
  }
  return index;
}

// Per Table object: the sampler reuses one catalog for every pass until the schema changes.
const activityMemo = new WeakMap<Table, ActivityColumns>();

/**
 * A table's activity columns, from the catalog (introspection lists the columns and which lead a
 * btree index; the sampler checks the schema's fingerprint before each pass, and the CLI has just
 * read it). Should the schema have changed since, the statement reading the column fails and the
 * table keeps no last activity (see bounded-batches).
 */
export function activityColumnsOf(table: Table): ActivityColumns {
  let memo = activityMemo.get(table);
  if (!memo) {
    const types = new Map(table.columns.map((c) => [c.name, activityColumnType(c.type)]));
    const columns = activityColumnCandidates(table.columns).map((col) => ({ col, type: types.get(col)! }));
    memo = {
      activity: columns[0] ?? null,
      indexedActivity: columns.find((c) => table.indexLeadingColumns.includes(c.col)) ?? null,
    };
    activityMemo.set(table, memo);
  }
  return memo;
}

type WriteCounters = Pick<TableHealth, "insertedTuples" | "updatedTuples" | "deletedTuples">;
const NO_WRITES: WriteCounters = { insertedTuples: 0, updatedTuples: 0, deletedTuples: 0 };
const writes = (t: WriteCounters) => t.insertedTuples + t.updatedTuples + t.deletedTuples;

/** The same target's previous reading by table name (empty without one). */
export type PreviousReading = ReadonlyMap<string, TableHealth>;
export const previousByName = (previous: HealthReading | undefined): PreviousReading =>
  new Map(previous?.tables.map((t) => [t.name, t]));

/**
 * Carries last activity forward from the same target's previous reading for tables with no write
 * since: same oid and relfilenode (not dropped, recreated or truncated), and no insert, update or
 * delete counted — so max(updatedAt) cannot have moved (a delete of the newest row would lower it,
 * hence deletes too). The counters reach the statistics within about a second of a commit (up to
 * ~10 s from a session that goes idle), so a write that recent may be carried over once and is
 * seen by the next pass. Returns the entries carried.
 */
export function carryLastActivity(entries: Entry[], previous: PreviousReading): Set<Entry> {
  const carried = new Set<Entry>();
  for (const e of entries) {
    const h = e.health;
    const p = previous.get(h.name);
    if (!p || !p.lastActivityColumn || p.oid !== h.oid || p.relfilenode !== h.relfilenode) continue;
    if (p.insertedTuples !== h.insertedTuples || p.updatedTuples !== h.updatedTuples) continue;
    if (p.deletedTuples !== h.deletedTuples) continue;
    h.lastActivityAt = p.lastActivityAt;
    h.lastActivityColumn = p.lastActivityColumn;
    carried.add(e);
  }
  return carried;
}

/**
 * Tables whose last activity an index can tell and that are neither counted nor carried forward:
 * every priority table, then at most `max` others, the most written since the previous reading
 * first (without one, the most written), then, while slots are left, the others most written
 * first: tables already read are carried over, so over successive passes quiet ones get their turn.
 */
export function pickLookupCandidates(
  entries: Entry[],
  skip: Set<Entry>,
  max: number,
  previous: PreviousReading,
): Entry[] {
  const recent = (e: Entry) => writes(e.health) - writes(previous.get(e.health.name) ?? NO_WRITES);
  const eligible = entries.filter(
    (e) => e.relkind === "r" && !e.unreadable && !skip.has(e) && activityColumnsOf(e.table).indexedActivity,
  );
  const others = eligible
    .filter((e) => !e.priority)
    .map((e) => ({ e, recent: recent(e), total: writes(e.health) }))
    .sort((a, b) => b.recent - a.recent || b.total - a.total)
    .slice(0, Math.max(0, max))
    .map((x) => x.e);
  return [...eligible.filter((e) => e.priority), ...others];
}
