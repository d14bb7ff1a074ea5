import type { Queryable } from "./connect";
import {
  COLUMNS_SQL,
  INDEXES_SQL,
  RELATIONS_SQL,
  SCHEMAS_SQL,
  SERVER_SQL,
  TRIGGERS_SQL,
  foreignKeysSql,
  type ColumnRow,
  type ForeignKeyRow,
  type IndexRow,
  type RelationRow,
  type TriggerRow,
} from "./catalog-queries";
import { qualify } from "./identifiers";
import type { Catalog, Column, ForeignKey, ReferentialAction, Table, Trigger, UniqueKey } from "./types";

export interface IntrospectOptions {
  /**
   * Read only these schemas (raw names). Foreign keys are kept when both of their tables are read,
   * so a cascade that crosses into an unread schema is not seen: leave this unset for the full graph.
   */
  schemas?: string[];
}

/** confdeltype / confupdtype letters, see pg_constraint. */
const ACTIONS: Record<string, ReferentialAction> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

function action(letter: string): ReferentialAction {
  const found = ACTIONS[letter];
  if (!found) throw new Error(`unknown referential action '${letter}'`);
  return found;
}

/** Reads the catalog of the database `client` is connected to, in six set-based queries. */
export async function introspect(client: Queryable, options: IntrospectOptions = {}): Promise<Catalog> {
  const params = [options.schemas ?? null];
  const server = (await client.query<{ version: string; version_num: number; database: string }>(SERVER_SQL))
    .rows[0];
  if (!server) throw new Error("server did not answer its version");
  // One client runs one query at a time: issue them in sequence (pg deprecates queueing).
  const schemas = await client.query<{ name: string }>(SCHEMAS_SQL, params);
  const relations = await client.query<RelationRow>(RELATIONS_SQL, params);
  const columns = await client.query<ColumnRow>(COLUMNS_SQL, params);
  const indexes = await client.query<IndexRow>(INDEXES_SQL, params);
  const foreignKeys = await client.query<ForeignKeyRow>(foreignKeysSql(server.version_num), params);
  const triggers = await client.query<TriggerRow>(TRIGGERS_SQL, params);
  return assembleCatalog({
    server,
    schemas: schemas.rows.map((r) => r.name),
    relations: relations.rows,
    columns: columns.rows,
    indexes: indexes.rows,
    foreignKeys: foreignKeys.rows,
    triggers: triggers.rows,
  });
}

interface RawCatalog {
  server: { version: string; version_num: number; database: string };
  schemas: string[];
  relations: RelationRow[];
  columns: ColumnRow[];
  indexes: IndexRow[];
  foreignKeys: ForeignKeyRow[];
  triggers: TriggerRow[];
}

interface TableBuild {
  table: Table;
  /** attnum → column name */
  attnames: Map<number, string>;
  /** Key column lists (attnums, key order) of the valid, non-partial, plain-column indexes. */
  indexKeys: number[][];
}

function assembleCatalog(raw: RawCatalog): Catalog {
  const byOid = new Map<number, TableBuild>();
  for (const r of raw.relations) {
    const table: Table = {
      name: qualify(r.schema, r.table),
      schema: r.schema,
      table: r.table,
      oid: Number(r.oid),
      relfilenode: Number(r.relfilenode),
      kind: r.relkind === "p" ? "partitioned" : r.ispartition ? "partition" : "table",
      partitionOf: null,
      columns: [],
      primaryKey: [],
      uniqueKeys: [],
      estimatedRows: Math.max(0, Math.round(r.reltuples)),
    };
    byOid.set(table.oid, { table, attnames: new Map(), indexKeys: [] });
  }
  // A partitioned table's partitions may themselves be partitioned ("partitioned" wins over "partition").
  for (const r of raw.relations) {
    if (!r.ispartition || r.parent_oid === null) continue;
    const child = byOid.get(Number(r.oid));
    const parent = byOid.get(Number(r.parent_oid));
    if (child && parent) child.table.partitionOf = parent.table.name;
  }

  for (const c of raw.columns) {
    const build = byOid.get(Number(c.relid));
    if (!build) continue;
    const column: Column = {
      name: c.name,
      type: c.type,
      nullable: !c.notnull,
      defaultExpr: c.default_expr,
      position: c.attnum,
    };
    build.table.columns.push(column);
    build.attnames.set(c.attnum, c.name);
  }

  for (const x of raw.indexes) {
    const build = byOid.get(Number(x.relid));
    if (!build || x.partial || x.keys.includes(0)) continue;
    const names = x.keys.map((n) => build.attnames.get(n));
    if (names.some((n) => n === undefined)) continue;
    const columns = names as string[];
    if (x.valid) build.indexKeys.push(x.keys);
    if (x.primary) build.table.primaryKey = columns;
    if (x.unique || x.primary) {
      const key: UniqueKey = { name: x.name, columns, primary: x.primary };
      build.table.uniqueKeys.push(key);
    }
  }

  const foreignKeys: ForeignKey[] = [];
  for (const k of raw.foreignKeys) {
    const child = byOid.get(Number(k.relid));
    const parent = byOid.get(Number(k.frelid));
    if (!child || !parent) continue; // the other end is in a schema we were asked not to read
    const childColumns = mapColumns(child, k.conkey);
    const parentColumns = mapColumns(parent, k.confkey);
    if (!childColumns || !parentColumns) continue;
    foreignKeys.push({
      name: k.name,
      child: child.table.name,
      childColumns,
      parent: parent.table.name,
      parentColumns,
      onDelete: action(k.deltype),
      onUpdate: action(k.updtype),
      onDeleteSetColumns: k.delsetcols && k.delsetcols.length > 0 ? mapColumns(child, k.delsetcols) : null,
      deferrable: k.deferrable,
      initiallyDeferred: k.deferred,
      validated: k.validated,
      indexed: isIndexed(child.indexKeys, k.conkey),
      oid: Number(k.oid),
    });
  }

  const triggers: Trigger[] = [];
  for (const t of raw.triggers) {
    const build = byOid.get(Number(t.relid));
    if (build) triggers.push(toTrigger(t, build.table.name));
  }

  const tables = [...byOid.values()].map((b) => b.table);
  for (const t of tables) t.columns.sort((a, b) => a.position - b.position);
  tables.sort((a, b) => compareNames(a.name, b.name));
  for (const t of tables)
    t.uniqueKeys.sort((a, b) => Number(b.primary) - Number(a.primary) || compareNames(a.name, b.name));
  foreignKeys.sort((a, b) => compareNames(a.child, b.child) || compareNames(a.name, b.name));
  return {
    serverVersion: raw.server.version,
    serverVersionNum: raw.server.version_num,
    database: raw.server.database,
    schemas: raw.schemas,
    tables,
    foreignKeys,
    triggers,
  };
}

function mapColumns(build: TableBuild, attnums: number[]): string[] | null {
  const names: string[] = [];
  for (const n of attnums) {
    const name = build.attnames.get(n);
    if (name === undefined) return null;
    names.push(name);
  }
  return names;
}

/** An index serves a FK when its leading key columns are exactly the FK columns, in any order. */
export function isIndexed(indexKeys: number[][], fkColumns: number[]): boolean {
  const wanted = new Set(fkColumns);
  return indexKeys.some(
    (keys) => keys.length >= wanted.size && keys.slice(0, wanted.size).every((attnum) => wanted.has(attnum)),
  );
}

// pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h)
const ROW = 1;
const BEFORE = 2;
const INSERT = 4;
const DELETE = 8;
const UPDATE = 16;
const TRUNCATE = 32;
const INSTEAD = 64;

function toTrigger(t: TriggerRow, table: string): Trigger {
  const events: string[] = [];
  if (t.type & INSERT) events.push("INSERT");
  if (t.type & UPDATE) events.push("UPDATE");
  if (t.type & DELETE) events.push("DELETE");
  if (t.type & TRUNCATE) events.push("TRUNCATE");
  return {
    name: t.name,
    table,
    // 'O' fires in normal sessions, 'A' always, 'R' only under session_replication_role = replica.
    enabled: t.enabled === "O" || t.enabled === "A",
    events,
    timing: t.type & INSTEAD ? "INSTEAD OF" : t.type & BEFORE ? "BEFORE" : "AFTER",
    level: t.type & ROW ? "ROW" : "STATEMENT",
    functionName: qualify(t.function_schema, t.function_name),
  };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
