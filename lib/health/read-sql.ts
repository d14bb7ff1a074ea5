import pg, { escapeLiteral } from "pg";

/**
 * The catalog-and-statistics half of a health pass: one statement for every table, touching no
 * table (no relation locks, no relcache builds), so it stays cheap for thousands of tables.
 * Sizes here come from pg_class.relpages of the heap and its TOAST table (what pg_table_size
 * measures, as of the last vacuum/analyze); tables counted exactly get pg_table_size itself.
 *
 * On a fresh backend (a new connection's first pass) these statements cost mostly page faults:
 * memory and shared buffers the new process touches for the first time, 30–100 µs each on the
 * bench machine. So they are shaped to touch little. Measured on 5,000 tables (fresh connections,
 * medians of 15): reading pg_class's 644 pages ~35 ms, the per-row statistics functions ~20 ms,
 * planning ~5 ms (EXPLAIN ANALYZE); the whole statement ~32 ms on a backend that ran it before.
 */

/**
 * A timestamptz as integer epoch milliseconds (rounded): node-postgres parses a timestamptz with a
 * regular expression (~10 µs each), which for thousands of rows costs more than the query itself.
 * date_part gives a float8 on every version; extract gives numeric from PostgreSQL 14, whose
 * arithmetic on 10,000 values cost ~2 ms more on a fresh backend (41 paired runs).
 */
const ms = (expr: string) => `(pg_catalog.date_part('epoch', ${expr}) * 1000)::int8`;

/**
 * Tables of this database that another session holds in ACCESS EXCLUSIVE mode (a migration, a
 * TRUNCATE, VACUUM FULL): a count or lookup on one would wait for the lock. Read only after one did
 * time out on a lock: pg_lock_status copies the whole lock table, which cost a fresh backend ~5 ms.
 */
export const LOCKED_SQL = `
select l.relation::int8 as oid
from pg_catalog.pg_locks l
where l.locktype = 'relation' and l.mode = 'AccessExclusiveLock' and l.granted
  and l.database = (select d.oid from pg_catalog.pg_database d where d.datname = current_database())`;

/**
 * The first statement of the pass's read-only transaction: when it was sampled and when the
 * statistics were last reset, once rather than on each of 5,000 rows. (The function rather than
 * the pg_stat_database view: planning the view's thirty columns cost a fresh backend ~3 ms.)
 *
 * On PostgreSQL 15 and later it also sets stats_fetch_consistency to 'none' for the transaction.
 * By default ('cache') a backend copies each table's statistics entry into a local cache the first
 * time it reads one and keeps it to the end of the transaction: for 5,000 tables, memory a fresh
 * backend must first fault in (~390 of the fresh pass's ~2,400 faults on the 5,000-table bench
 * schema). With 'none' each value is read from shared memory into memory reused row after row.
 * What it costs: a table's counters are read microseconds apart instead of from one copy, which no
 * verdict depends on.
 */
export function metaSql(serverVersionNum: number): string {
  return (
    `select ${ms("statement_timestamp()")} as sampled_at,
            ${ms("pg_catalog.pg_stat_get_db_stat_reset_time((select d.oid from pg_catalog.pg_database d where d.datname = current_database()))")} as stats_reset` +
    (serverVersionNum >= 150_000
      ? `, pg_catalog.set_config('stats_fetch_consistency', 'none', true) as stats_fetch_consistency`
      : "")
  );
}

export interface MetaRow {
  /** Epoch ms, as are the other times. */
  sampled_at: number;
  stats_reset: number | null;
}

/**
 * The statement for the catalog's schemas, as escaped literals (it is sent with the meta statement
 * in one simple-protocol message, which has no parameters). Every ordinary and partitioned table of
 * those schemas comes back, and the caller keeps the ones its catalog names: matched by name, not
 * by the catalog's oids, so a table dropped and created again since introspection shows up with
 * its new oid. Filtering here instead, by joining 5,000 (schema, table) pairs, cost ~20 ms more on
 * a fresh backend: two sorts of 5,000 rows whose memory a new backend must first fault in. The
 * TOAST tables' pages are joined from pg_class's TOAST rows only: hashing all of pg_class (24,000
 * relations, 1.2 MB) or one index probe per table (15 ms on a fresh backend) both cost more.
 */
export const statsSql = (schemas: readonly string[]) => `
with rel as (
  select c.oid, c.relfilenode, c.relkind, n.nspname, c.relname, c.reltuples, c.relpages,
         c.reltoastrelid, c.relispartition
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p') and n.nspname = any(array[${schemas.map(escapeLiteral).join(", ")}]::text[])
),
meta as (
  select current_setting('block_size')::int8 as block_size,
         -- A role that may read every table need not be asked table by table: 5,000 privilege
         -- lookups cost ~20 ms on a fresh connection. pg_read_all_data exists from PG 14
         -- (to_regrole gives null before). is_superuser follows SET ROLE; asking pg_roles instead
         -- cost a fresh backend ~90 more page faults (planning the view).
         (current_setting('is_superuser') = 'on'
          or coalesce(pg_catalog.pg_has_role(current_user, pg_catalog.to_regrole('pg_read_all_data'), 'member'), false))
           as reads_all
)
select r.oid::int8 as oid, r.relfilenode::int8 as relfilenode, r.relkind::text as relkind,
       r.nspname::text as schema, r.relname::text as "table", r.reltuples::float8 as reltuples, r.relpages::int4 as relpages,
       case when r.relispartition
            then (select i.inhparent::int8 from pg_catalog.pg_inherits i where i.inhrelid = r.oid limit 1)
       end as parent_oid,
       pg_catalog.pg_stat_get_live_tuples(r.oid) as live,
       pg_catalog.pg_stat_get_dead_tuples(r.oid) as dead,
       pg_catalog.pg_stat_get_tuples_inserted(r.oid) as inserted,
       pg_catalog.pg_stat_get_tuples_updated(r.oid) as updated,
       pg_catalog.pg_stat_get_tuples_deleted(r.oid) as deleted,
       ${ms(`greatest(pg_catalog.pg_stat_get_last_vacuum_time(r.oid),
                      pg_catalog.pg_stat_get_last_autovacuum_time(r.oid))`)} as last_vacuum,
       ${ms(`greatest(pg_catalog.pg_stat_get_last_analyze_time(r.oid),
                      pg_catalog.pg_stat_get_last_autoanalyze_time(r.oid))`)} as last_analyze,
       (r.relpages::int8 + coalesce(t.relpages, 0)::int8) * m.block_size as size_estimate,
       -- Not readable by this role: neither counted nor looked up. (Tables another session holds
       -- exclusively are found only when a count or lookup times out on its lock: bounded-batches.)
       not (m.reads_all or pg_catalog.has_table_privilege(r.oid, 'select')) as unreadable
from meta m
cross join rel r
left join pg_catalog.pg_class t on t.oid = r.reltoastrelid and t.relkind = 't'`;

export interface StatsRow {
  oid: number;
  relfilenode: number;
  relkind: "r" | "p";
  schema: string;
  table: string;
  reltuples: number;
  relpages: number;
  parent_oid: number | null;
  live: number;
  dead: number;
  inserted: number;
  updated: number;
  deleted: number;
  last_vacuum: number | null;
  last_analyze: number | null;
  size_estimate: number;
  unreadable: boolean;
}

/**
 * int8 columns as numbers: node-postgres otherwise hands them over as strings after a regular
 * expression test each (65,000 of them in a 5,000-table pass). Every int8 these statements return
 * (oids, counters, sizes, epoch ms) is far below 2^53, where a double stops being exact.
 */
export const INT8_AS_NUMBER: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8
      ? Number
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};
