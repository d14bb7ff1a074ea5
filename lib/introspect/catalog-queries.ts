/**
 * The set-based pg_catalog queries behind `introspect`. Each one reads every relevant object of the
 * database in a single statement (no per-table round trips), so a 5,000-table schema costs the
 * same handful of queries as a 5-table one. Attribute numbers are returned raw and mapped to
 * column names in JavaScript, where each table's columns are already at hand; arrays such as
 * `conkey` keep their key order through that mapping.
 *
 * Rows come back as arrays (pg's rowMode "array"), typed as tuples in select-list order: building
 * tens of thousands of row objects cost more client CPU than the queries cost the server.
 *
 * Every query takes the same parameter: `$1::text[]`, the schemas to read, or null for all user
 * schemas. System schemas are always skipped. `_` is a LIKE wildcard, hence the escapes.
 */

const USER_SCHEMA = `
  n.nspname not in ('pg_catalog', 'information_schema')
  and n.nspname not like 'pg\\_toast%'
  and n.nspname not like 'pg\\_temp\\_%'
  and ($1::text[] is null or n.nspname = any($1::text[]))`;

/** Tables we report: ordinary ('r') and partitioned ('p'). */
const TABLE_KINDS = `c.relkind in ('r', 'p')`;

export const SERVER_SQL = `
  select current_setting('server_version') as version,
         current_setting('server_version_num')::int as version_num,
         current_database() as database`;

export const SCHEMAS_SQL = `
  select n.nspname as name
  from pg_catalog.pg_namespace n
  where ${USER_SCHEMA}
  order by n.nspname`;

/** int8 columns arrive from pg as strings; `introspect` converts them with Number(). */
type Int8 = string;

export type RelationRow = [
  oid: Int8,
  schema: string,
  table: string,
  relkind: "r" | "p",
  relfilenode: Int8,
  reltuples: number,
  ispartition: boolean,
  parentOid: Int8 | null,
];

export const RELATIONS_SQL = `
  select c.oid::int8 as oid, n.nspname as schema, c.relname as table, c.relkind,
         c.relfilenode::int8 as relfilenode, c.reltuples::float8 as reltuples,
         c.relispartition as ispartition, i.inhparent::int8 as parent_oid
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  left join pg_catalog.pg_inherits i on c.relispartition and i.inhrelid = c.oid
  where ${TABLE_KINDS} and ${USER_SCHEMA}`;

export type ColumnRow = [
  relid: Int8,
  attnum: number,
  name: string,
  type: string,
  notnull: boolean,
  defaultExpr: string | null,
];

/** Unordered: `introspect` sorts each table's columns by attnum (a sort here would cost more). */
export const COLUMNS_SQL = `
  select a.attrelid::int8 as relid, a.attnum::int as attnum, a.attname as name,
         pg_catalog.format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as notnull,
         case when a.atthasdef then
           (select pg_catalog.pg_get_expr(d.adbin, d.adrelid) from pg_catalog.pg_attrdef d
            where d.adrelid = a.attrelid and d.adnum = a.attnum)
         end as default_expr
  from pg_catalog.pg_attribute a
  join pg_catalog.pg_class c on c.oid = a.attrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where ${TABLE_KINDS} and ${USER_SCHEMA} and a.attnum > 0 and not a.attisdropped`;

export type IndexRow = [
  relid: Int8,
  name: string,
  primary: boolean,
  unique: boolean,
  /** int2vector as text, "1 3": attnums, 0 for an expression; the first `nkeys` are key columns. */
  keys: string,
  nkeys: number,
  partial: boolean,
  valid: boolean,
  btree: boolean,
];

export const INDEXES_SQL = `
  select x.indrelid::int8 as relid, ic.relname as name, x.indisprimary as primary,
         x.indisunique as unique,
         x.indkey::text as keys, x.indnkeyatts::int as nkeys,
         x.indpred is not null as partial, x.indisvalid as valid, am.amname = 'btree' as btree
  from pg_catalog.pg_index x
  join pg_catalog.pg_class ic on ic.oid = x.indexrelid
  join pg_catalog.pg_am am on am.oid = ic.relam
  join pg_catalog.pg_class c on c.oid = x.indrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where ${TABLE_KINDS} and ${USER_SCHEMA}`;

export type ForeignKeyRow = [
  oid: Int8,
  name: string,
  relid: Int8,
  frelid: Int8,
  conkey: number[],
  confkey: number[],
  deltype: string,
  updtype: string,
  delsetcols: number[] | null,
  deferrable: boolean,
  deferred: boolean,
  validated: boolean,
];

/**
 * contype = 'f' only: PostgreSQL 18 also stores NOT NULL constraints in pg_constraint (contype 'n').
 * conparentid = 0 keeps the constraint the user declared and drops the clones PostgreSQL makes on
 * each partition of a partitioned child and for each partition of a partitioned parent. A FK
 * declared directly on a partition has conparentid = 0 itself and is kept.
 */
export function foreignKeysSql(versionNum: number): string {
  // confdelsetcols (ON DELETE SET NULL (col, …)) exists from PostgreSQL 15.
  const setCols = versionNum >= 150000 ? "k.confdelsetcols" : "null::int2[]";
  return `
  select k.oid::int8 as oid, k.conname as name, k.conrelid::int8 as relid,
         k.confrelid::int8 as frelid, k.conkey, k.confkey,
         k.confdeltype as deltype, k.confupdtype as updtype, ${setCols} as delsetcols,
         k.condeferrable as deferrable, k.condeferred as deferred, k.convalidated as validated
  from pg_catalog.pg_constraint k
  join pg_catalog.pg_class c on c.oid = k.conrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where k.contype = 'f' and k.conparentid = 0 and ${USER_SCHEMA}`;
}

export type TriggerRow = [
  relid: Int8,
  name: string,
  enabled: string,
  type: number,
  functionSchema: string,
  functionName: string,
];

export const TRIGGERS_SQL = `
  select t.tgrelid::int8 as relid, t.tgname as name, t.tgenabled as enabled, t.tgtype::int as type,
         pn.nspname as function_schema, p.proname as function_name
  from pg_catalog.pg_trigger t
  join pg_catalog.pg_class c on c.oid = t.tgrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_proc p on p.oid = t.tgfoid
  join pg_catalog.pg_namespace pn on pn.oid = p.pronamespace
  where not t.tgisinternal and ${TABLE_KINDS} and ${USER_SCHEMA}
  order by t.tgrelid, t.tgname`;
