import type { Queryable } from "../introspect/connect";
import { quoteIdent, qualify } from "../introspect/identifiers";
import type { Catalog, Table } from "../introspect/types";
import { activityColumnCandidates, activityColumnRank, activityMaxSql } from "./activity-columns";
import { runBoundedBatches, type BatchItem } from "./bounded-batches";
import { ACTIVITY_PROBE_SQL, STATS_SQL, type ActivityProbeRow, type StatsRow } from "./read-sql";
import { rollUpPartitions } from "./roll-up";
import type { HealthReading, RowsSource, TableHealth } from "./types";

/**
 * One health pass over a target: a reading of every table in the catalog.
 *
 * Cost model (measured on 5,000 tables, see the README's performance section): what costs is
 * touching a table at all — the first count(*) or max() on a table in a session builds its
 * relcache entries and locks it, which is most of what a naive `SELECT count(*)` loop pays per
 * table. So a pass is:
 * 1. one statement reading pg_class and the statistics functions for every table (no table is
 *    opened): estimates, tuples, counters, vacuum/analyze times, sizes from relpages;
 * 2. exact count(*) for at most `maxExactCounts` tables whose estimate is under
 *    `exactCountMaxRows`, the ones where exactness matters first (an estimate of 0 where rows
 *    used to be, then estimates the statistics system cannot vouch for, then tables with deletes,
 *    then the smallest), glued into UNION ALL statements under a time budget, each bounded by
 *    `SET LOCAL statement_timeout` in a read-only transaction; a count that times out keeps the
 *    estimate. The same scan reads max(updatedAt-like column) and pg_table_size;
 * 3. for at most `maxActivityLookups` other tables that have an updatedAt-like column leading a
 *    btree index, max() of it (a short backward index scan), batched the same way.
 * Tables the catalog names are matched by name, so a table dropped and created again since
 * introspection is read with its new oid; a table that no longer exists is left out (MISSING to
 * the classifier). Partitioned parents carry the sums of their partitions (kind "partitioned").
 *
 * Give it a read-only connection (connectReadOnly / createReadOnlyPool) that is not inside a
 * transaction; it never writes and leaves the session as it found it.
 */

export interface ReadHealthOptions {
  /** count(*) exactly when the estimate is under this. Default 100,000. */
  exactCountMaxRows?: number;
  /** Total time for exact counts in one pass, ms. Default 2,000. */
  exactCountBudgetMs?: number;
  /** statement_timeout for one batched count statement (≈ one count of exactCountMaxRows rows), ms. Default 500. */
  perCountTimeoutMs?: number;
  /** At most this many exact counts per pass. Default 100. */
  maxExactCounts?: number;
  /** At most this many index max() lookups for tables that were not counted. Default 50. */
  maxActivityLookups?: number;
  /** Total time for those lookups, ms. Default 500. */
  activityBudgetMs?: number;
  /** "schema.table" names to count (and look up) before any other, e.g. critical tables. */
  priorityTables?: string[];
}

export interface ReadHealthDiagnostics {
  tables: number;
  exactCounts: number;
  /** Counts that timed out, hit a lock or failed otherwise (their rows stay estimates). */
  exactCountsFailed: number;
  activityLookups: number;
  activityLookupsFailed: number;
  /** Statements sent (round trips). */
  statements: number;
  statsMs: number;
  /** Finding which activity columns exist and lead an index. */
  probeMs: number;
  countsMs: number;
  activityMs: number;
  elapsedMs: number;
  errors: string[];
}

const DEFAULTS = {
  exactCountMaxRows: 100_000,
  exactCountBudgetMs: 2_000,
  perCountTimeoutMs: 500,
  maxExactCounts: 100,
  maxActivityLookups: 50,
  activityBudgetMs: 500,
};

interface Entry {
  health: TableHealth;
  relkind: "r" | "p";
  parentOid: number | null;
  quoted: string;
  estimate: number;
  reltuples: number;
  locked: boolean;
  table: Table | undefined;
  priority: boolean;
  activity: { col: string; type: ActivityProbeRow["type"]; indexed: boolean } | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const isoFromMs = (ms: string | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

function estimateRows(row: StatsRow): { rows: number; source: RowsSource } {
  const live = Number(row.live);
  // PG14+ marks a never-analysed table with reltuples = -1; PG13 leaves 0 with relpages 0.
  const neverAnalysed = row.reltuples < 0 || (row.reltuples === 0 && row.relpages === 0);
  // n_live_tup follows every committed change since the last vacuum/analyze — when the statistics
  // system has a record of that vacuum/analyze. Without one (stats reset, a standby, a table only
  // sized by CREATE INDEX) n_live_tup may read 0 for a full table: reltuples is the safer guess.
  if (neverAnalysed || row.last_vacuum || row.last_analyze) return { rows: live, source: "live-tuples" };
  return { rows: Math.max(0, Math.round(row.reltuples)), source: "reltuples" };
}

function toEntry(row: StatsRow, byName: Map<string, Table>, priority: Set<string>): Entry {
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
    locked: row.locked,
    table,
    priority: priority.has(name),
    activity: null,
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

/** Lower tier is counted first: where an exact number changes the verdict. */
function countTier(e: Entry): number {
  const h = e.health;
  if (e.priority) return 0;
  if (e.estimate === 0 && (e.reltuples > 0 || h.deadTuples > 0 || h.deletedTuples > 0)) return 1;
  if (h.rowsSource === "reltuples") return 2;
  if (h.deadTuples > 0 || h.deletedTuples > 0) return 3;
  return 4;
}

function pickExactCounts(entries: Entry[], maxRows: number, max: number): Entry[] {
  return entries
    .filter((e) => e.relkind === "r" && !e.locked && e.estimate < maxRows)
    .map((e) => ({ e, tier: countTier(e) }))
    .sort((a, b) => a.tier - b.tier || a.e.estimate - b.e.estimate || a.e.health.oid - b.e.health.oid)
    .slice(0, Math.max(0, max))
    .map((x) => x.e);
}

async function probeActivityColumns(client: Queryable, entries: Entry[]): Promise<void> {
  const oids: number[] = [];
  const cols: string[] = [];
  for (const e of entries) {
    for (const col of activityColumnCandidates(e.table?.columns ?? [])) {
      oids.push(e.health.oid);
      cols.push(col);
    }
  }
  if (oids.length === 0) return;
  const { rows } = await client.query<ActivityProbeRow>(ACTIVITY_PROBE_SQL, [oids, cols]);
  const byOid = new Map(entries.map((e) => [e.health.oid, e]));
  for (const row of rows) {
    const e = byOid.get(Number(row.oid));
    if (!e) continue;
    const current = e.activity;
    const better =
      !current ||
      activityColumnRank(row.col) < activityColumnRank(current.col) ||
      (activityColumnRank(row.col) === activityColumnRank(current.col) && row.indexed && !current.indexed);
    if (better) e.activity = { col: row.col, type: row.type, indexed: row.indexed };
  }
}

export async function readHealth(
  client: Queryable,
  catalog: Catalog,
  options: ReadHealthOptions = {},
): Promise<HealthReading> {
  return (await readHealthDetailed(client, catalog, options)).reading;
}

export async function readHealthDetailed(
  client: Queryable,
  catalog: Catalog,
  options: ReadHealthOptions = {},
): Promise<{ reading: HealthReading; diagnostics: ReadHealthDiagnostics }> {
  const o = { ...DEFAULTS, ...options };
  const started = performance.now();
  const byName = new Map(catalog.tables.map((t) => [t.name, t]));
  const priority = new Set(options.priorityTables ?? []);
  const d: ReadHealthDiagnostics = {
    tables: 0,
    exactCounts: 0,
    exactCountsFailed: 0,
    activityLookups: 0,
    activityLookupsFailed: 0,
    statements: 1,
    statsMs: 0,
    probeMs: 0,
    countsMs: 0,
    activityMs: 0,
    elapsedMs: 0,
    errors: [],
  };

  // 1. Catalog and statistics, one statement.
  const { rows } = await client.query<StatsRow>(STATS_SQL, [
    catalog.tables.map((t) => t.schema),
    catalog.tables.map((t) => t.table),
  ]);
  const meta = rows[0];
  const entries = rows.filter((r) => r.oid !== null).map((r) => toEntry(r, byName, priority));
  d.tables = entries.length;
  d.statsMs = performance.now() - started;

  // 2. Exact counts (with max(activity column) and pg_table_size from the same scan).
  const counted = pickExactCounts(entries, o.exactCountMaxRows, o.maxExactCounts);
  const countedSet = new Set(counted);
  const lookupCandidates = entries
    .filter((e) => e.relkind === "r" && !e.locked && !countedSet.has(e))
    .filter((e) => activityColumnCandidates(e.table?.columns ?? []).length > 0)
    .sort(
      (a, b) =>
        Number(b.priority) - Number(a.priority) ||
        b.health.insertedTuples + b.health.updatedTuples - (a.health.insertedTuples + a.health.updatedTuples),
    )
    .slice(0, Math.max(0, o.maxActivityLookups) * 2);
  const probe = [...counted, ...lookupCandidates];
  const probeStarted = performance.now();
  if (probe.some((e) => activityColumnCandidates(e.table?.columns ?? []).length > 0)) {
    d.statements++;
    await probeActivityColumns(client, probe);
  }
  d.probeMs = performance.now() - probeStarted;

  const countsStarted = performance.now();
  const countItems: BatchItem[] = counted.map((e, id) => ({
    id,
    weight: Math.max(e.estimate, e.reltuples) + 500,
    sql:
      `select ${id}::int4 as i, count(*)::int8 as n, ` +
      `${e.activity ? activityMaxSql(quoteIdent(e.activity.col), e.activity.type) : "null::timestamptz"} as m, ` +
      `pg_catalog.pg_table_size(${e.health.oid}::oid) as sz from only ${e.quoted}`,
  }));
  const counts = await runBoundedBatches<{ i: number; n: string; m: Date | null; sz: string | null }>(
    client,
    countItems,
    {
      deadline: countsStarted + o.exactCountBudgetMs,
      statementTimeoutMs: o.perCountTimeoutMs,
      lockTimeoutMs: Math.min(o.perCountTimeoutMs, 200),
      maxItems: 100,
      maxWeight: o.exactCountMaxRows,
    },
  );
  counted.forEach((e, id) => {
    const row = counts.rows.get(id);
    if (!row) return;
    e.health.rows = Number(row.n);
    e.health.rowsExact = true;
    e.health.rowsSource = "exact";
    if (row.sz !== null) {
      e.health.sizeBytes = Number(row.sz);
      e.health.sizeExact = true;
    }
    if (e.activity) {
      e.health.lastActivityAt = iso(row.m);
      e.health.lastActivityColumn = e.activity.col;
    }
  });
  d.exactCounts = counts.rows.size;
  d.exactCountsFailed = counts.failed.length;
  d.statements += counts.statements;
  d.errors.push(...counts.errors);
  d.countsMs = performance.now() - countsStarted;

  // 3. Index-backed max() for tables that were not counted.
  const activityStarted = performance.now();
  const lookups = lookupCandidates
    .filter((e) => e.activity?.indexed)
    .slice(0, Math.max(0, o.maxActivityLookups));
  const activity = await runBoundedBatches<{ i: number; m: Date | null }>(
    client,
    lookups.map((e, id) => ({
      id,
      weight: 1,
      sql: `select ${id}::int4 as i, ${activityMaxSql(quoteIdent(e.activity!.col), e.activity!.type, `only ${e.quoted}`)} as m`,
    })),
    {
      deadline: activityStarted + o.activityBudgetMs,
      statementTimeoutMs: o.perCountTimeoutMs,
      lockTimeoutMs: Math.min(o.perCountTimeoutMs, 200),
      maxItems: 100,
      maxWeight: Number.POSITIVE_INFINITY,
    },
  );
  lookups.forEach((e, id) => {
    const row = activity.rows.get(id);
    if (!row) return;
    e.health.lastActivityAt = iso(row.m);
    e.health.lastActivityColumn = e.activity!.col;
  });
  d.activityLookups = activity.rows.size;
  d.activityLookupsFailed = activity.failed.length;
  d.statements += activity.statements;
  d.errors.push(...activity.errors);
  d.activityMs = performance.now() - activityStarted;

  const tables = rollUpPartitions(entries.map((e) => ({ health: e.health, parentOid: e.parentOid })));
  d.elapsedMs = performance.now() - started;
  return {
    reading: {
      sampledAt: isoFromMs(meta?.sampled_at ?? null) ?? new Date().toISOString(),
      statsResetAt: isoFromMs(meta?.stats_reset ?? null),
      tables,
    },
    diagnostics: d,
  };
}
