import pg from "pg";
import type { Queryable } from "../introspect/connect";
import { qualify } from "../introspect/identifiers";
import type { Catalog } from "../introspect/types";
import { countExactly, LockedTables, lookUpLastActivity } from "./read-batches";
import {
  activityColumnsOf,
  carryLastActivity,
  catalogIndex,
  isoFromMs,
  pickExactCounts,
  pickLookupCandidates,
  previousByName,
  toEntry,
  type Entry,
} from "./read-plan";
import { INT8_AS_NUMBER, metaSql, statsSql, type MetaRow, type StatsRow } from "./read-sql";
import { rollUpPartitions } from "./roll-up";
import type { HealthReading } from "./types";

/**
 * The meta row, and each statistics row handed to `onRow` as it arrives (read-sql.ts). One message,
 * one round trip, one implicit read-only transaction, so the meta statement's transaction-local
 * setting applies to the statistics statement and ends with it, failure or not. Rows are taken as
 * they stream in rather than from an array at the end: the server is the slower side, so turning
 * 5,000 rows into entries costs no time after the last one (measured: 131 → 110 ms on a fresh
 * connection, 9 runs).
 */
async function readStats(
  client: Queryable,
  catalog: Catalog,
  onRow: (row: StatsRow) => void,
): Promise<MetaRow> {
  const { schemas } = catalogIndex(catalog);
  let meta: MetaRow | undefined;
  let failure: unknown;
  await new Promise<void>((resolve, reject) => {
    const query = new pg.Query({
      text: `set transaction read only; ${metaSql(catalog.serverVersionNum)}; ${statsSql(schemas)}`,
      types: INT8_AS_NUMBER,
    });
    query.on("row", (row: MetaRow | StatsRow) => {
      if (failure !== undefined) return;
      try {
        if ("sampled_at" in row) meta = row;
        else onRow(row);
      } catch (error) {
        failure = error; // thrown in pg's event handler it would be lost; reported at the end
      }
    });
    query.on("end", () => (failure === undefined ? resolve() : reject(failure)));
    query.on("error", reject);
    client.query(query);
  });
  return meta!;
}

/**
 * One health pass over a target: a reading of every table in the catalog.
 *
 * Cost model (measured on 5,000 tables, see the README's performance section): what costs is
 * touching a table at all — the first count(*) or max() on a table in a session builds its
 * relcache entries and locks it, which is most of what a naive `SELECT count(*)` loop pays per
 * table. So a pass is:
 * 1. one statement reading pg_class and the statistics functions for every table (no table is
 *    opened): estimates, tuples, counters, vacuum/analyze times, sizes from relpages. On a fresh
 *    backend its cost is mostly page faults (memory and shared buffers the new process touches
 *    for the first time), so it is shaped to touch little: see read-sql.ts;
 * 2. exact count(*) for at most `maxExactCounts` tables whose estimate is under
 *    `exactCountMaxRows`, the ones where exactness matters first: priority tables, an estimate of
 *    0 where rows used to be, estimates the statistics system cannot vouch for, tables with dead
 *    or deleted tuples — and, in schemas of at most `countStableTablesUpTo` tables, the "stable"
 *    rest too, smallest first (in a bigger schema counting a table whose n_live_tup has tracked
 *    every change changes no verdict, and costs nearly what the naive loop pays for it). Counts
 *    are glued into UNION ALL statements under a time budget, each bounded by `SET LOCAL
 *    statement_timeout` in a read-only transaction; a count that times out keeps the estimate, and
 *    after the first lock timeout the tables other sessions hold exclusively are skipped
 *    (bounded-batches.ts).
 *    The same scan reads max(updatedAt-like column) and pg_table_size;
 * 3. for tables not counted that have an updatedAt-like column leading a btree index, max() of it
 *    (a short backward index scan), batched the same way: every priority table, and at most
 *    `maxActivityLookups` others, the most written first. Given the target's previous reading, a
 *    table with no insert, update or delete since keeps the last activity read then, and the
 *    lookups go to the tables written since (read-plan.ts, carryLastActivity) — so the sampler
 *    covers more tables pass after pass while each pass stays small. A lookup is one table and
 *    its indexes opened: ~0.2 ms on a warm connection, 1.2–1.4 ms on a fresh one (5,000-table
 *    bench schema), where 25 of them were a fifth of the pass.
 * Which columns those are comes from the catalog (introspection lists columns and index leading
 * columns), not from another statement: on a fresh connection that statement cost ~15 ms.
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
  /** Count tables with nothing suspicious only in schemas of at most this many tables. Default 1,000. */
  countStableTablesUpTo?: number;
  /** At most this many index max() lookups for tables neither counted nor carried over, besides priority tables. Default 10. */
  maxActivityLookups?: number;
  /** Total time for those lookups, ms. Default 500. */
  activityBudgetMs?: number;
  /** "schema.table" names to count (and look up) before any other, e.g. critical tables. */
  priorityTables?: string[];
  /** The same target's previous reading: last activity of tables not written since is carried over. */
  previous?: HealthReading;
}

export interface ReadHealthDiagnostics {
  tables: number;
  exactCounts: number;
  /** Counts that timed out, hit a lock or failed otherwise (their rows stay estimates). */
  exactCountsFailed: number;
  /**
   * Tables another session held exclusively, neither counted nor looked up. Known only once a
   * count or lookup timed out on a lock (the lock table is read then); 0 otherwise.
   */
  lockedTables: number;
  activityLookups: number;
  activityLookupsFailed: number;
  /** Tables whose last activity was carried over from `previous` (no write since). */
  activityCarried: number;
  /** Statements sent (round trips). */
  statements: number;
  statsMs: number;
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
  countStableTablesUpTo: 1_000,
  maxActivityLookups: 10,
  activityBudgetMs: 500,
};

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
  const { byName } = catalogIndex(catalog);
  const priority = new Set(options.priorityTables ?? []);
  const d: ReadHealthDiagnostics = {
    tables: 0,
    exactCounts: 0,
    exactCountsFailed: 0,
    lockedTables: 0,
    activityLookups: 0,
    activityLookupsFailed: 0,
    activityCarried: 0,
    statements: 1,
    statsMs: 0,
    countsMs: 0,
    activityMs: 0,
    elapsedMs: 0,
    errors: [],
  };

  // 1. Catalog and statistics, one message (meta + statistics statement).
  const entries: Entry[] = [];
  const meta = await readStats(client, catalog, (row) => {
    const table = byName.get(qualify(row.schema, row.table));
    if (table) entries.push(toEntry(row, table, priority));
  });
  d.tables = entries.length;
  d.statsMs = performance.now() - started;
  const locked = new LockedTables(client);

  // 2. Exact counts (with max(activity column) and pg_table_size from the same scan).
  const counted = pickExactCounts(entries, {
    maxRows: o.exactCountMaxRows,
    max: o.maxExactCounts,
    countStable: entries.length <= o.countStableTablesUpTo,
  });
  const countsStarted = performance.now();
  const counts = await countExactly(
    client,
    counted,
    { budgetMs: o.exactCountBudgetMs, statementTimeoutMs: o.perCountTimeoutMs, maxRows: o.exactCountMaxRows },
    locked,
  );
  d.exactCounts = counts.rows.size;
  d.exactCountsFailed = counts.failed.length;
  d.statements += counts.statements;
  d.errors.push(...counts.errors);
  d.countsMs = performance.now() - countsStarted;

  // 3. Last activity carried over from the previous reading where nothing was written since, and
  //    index-backed max() for (some of) the other tables that were not counted.
  const countedOk = new Set(counted.filter((_, id) => counts.rows.has(id)));
  const previous = previousByName(options.previous);
  const carried = carryLastActivity(
    entries.filter((e) => !countedOk.has(e)),
    previous,
  );
  d.activityCarried = carried.size;
  const activityStarted = performance.now();
  const skip = new Set([...counted, ...carried]); // a failed count (timeout, lock) is not retried as a lookup
  const knownLocked = await locked.known();
  const lookups = pickLookupCandidates(
    entries.filter((e) => !knownLocked.has(e.health.oid)),
    skip,
    o.maxActivityLookups,
    previous,
  ).map((e) => ({ e, column: activityColumnsOf(e.table).indexedActivity! }));
  const activity = await lookUpLastActivity(
    client,
    lookups,
    { budgetMs: o.activityBudgetMs, statementTimeoutMs: o.perCountTimeoutMs },
    locked,
  );
  d.activityLookups = activity.rows.size;
  d.activityLookupsFailed = activity.failed.length;
  d.statements += activity.statements;
  d.errors.push(...activity.errors);
  d.activityMs = performance.now() - activityStarted;

  if (locked.wasRead) {
    d.statements++;
    const oids = await locked.read();
    d.lockedTables = entries.filter((e) => oids.has(e.health.oid)).length;
  }

  const tables = rollUpPartitions(entries.map((e) => ({ health: e.health, parentOid: e.parentOid })));
  d.elapsedMs = performance.now() - started;
  return {
    reading: {
      sampledAt: isoFromMs(meta.sampled_at)!,
      statsResetAt: isoFromMs(meta.stats_reset),
      tables,
    },
    diagnostics: d,
  };
}
