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
  const rows = async <R extends unknown[]>(text: string) =>
    (await client.query<R>({ text, values: params, rowMode: "array" })).rows;
  const schemas = await rows<[name: string]>(SCHEMAS_SQL);
  const relations = await rows<RelationRow>(RELATIONS_SQL);
  const columns = await rows<ColumnRow>(COLUMNS_SQL);
  const indexes = await rows<IndexRow>(INDEXES_SQL);
  const foreignKeys = await rows<ForeignKeyRow>(foreignKeysSql(server.version_num));
  const triggers = await rows<TriggerRow>(TRIGGERS_SQL);
  return assembleCatalog({
    server,
    schemas: schemas.map(([name]) => name),
    relations,
    columns,
    indexes,
    foreignKeys,
    triggers,
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
  for (const [oid, schema, name, relkind, relfilenode, reltuples, ispartition] of raw.relations) {
    const table: Table = {
      name: qualify(schema, name),
      schema,
      table: name,
      oid: Number(oid),
      relfilenode: Number(relfilenode),
      kind: relkind === "p" ? "partitioned" : ispartition ? "partition" : "table",
      partitionOf: null,
      columns: [],
      primaryKey: [],
      uniqueKeys: [],
      indexLeadingColumns: [],
      estimatedRows: Math.max(0, Math.round(reltuples)),
    };
    byOid.set(table.oid, { table, attnames: new Map(), indexKeys: [] });
  }
  // A partitioned table's partitions may themselves be partitioned ("partitioned" wins over "partition").
  for (const [oid, , , , , , ispartition, parentOid] of raw.relations) {
    if (!ispartition || parentOid === null) continue;
    const child = byOid.get(Number(oid));
    const parent = byOid.get(Number(parentOid));
    if (child && parent) child.table.partitionOf = parent.table.name;
  }

  for (const [relid, attnum, name, type, notnull, defaultExpr] of raw.columns) {
    const build = byOid.get(Number(relid));
    if (!build) continue;
    const column: Column = { name, type, nullable: !notnull, defaultExpr, position: attnum };
    build.table.columns.push(column);
    build.attnames.set(attnum, name);
  }

  for (const [relid, name, primary, unique, indkey, nkeys, partial, valid, btree] of raw.indexes) {
    const build = byOid.get(Number(relid));
    if (!build || partial) continue;
    const keys = indkey.split(" ", nkeys).map(Number);
    const leading = build.attnames.get(keys[0]!);
    const leadingColumns = build.table.indexLeadingColumns;
    if (valid && btree && leading !== undefined && !leadingColumns.includes(leading))
      leadingColumns.push(leading);
    if (keys.includes(0)) continue; // an expression
    const names = keys.map((n) => build.attnames.get(n));
    if (names.some((n) => n === undefined)) continue;
    const columns = names as string[];
    if (valid) build.indexKeys.push(keys);
    if (primary) build.table.primaryKey = columns;
    if (unique || primary) {
      const key: UniqueKey = { name, columns, primary };
      build.table.uniqueKeys.push(key);
    }
  }

  const foreignKeys: ForeignKey[] = [];
  for (const [
    oid,
    name,
    relid,
    frelid,
    conkey,
    confkey,
    deltype,
    updtype,
    delsetcols,
    deferrable,
    deferred,
    validated,
  ] of raw.foreignKeys) {
    const child = byOid.get(Number(relid));
    const parent = byOid.get(Number(frelid));
    if (!child || !parent) continue; // the other end is in a schema we were asked not to read
    const childColumns = mapColumns(child, conkey);
    const parentColumns = mapColumns(parent, confkey);
    if (!childColumns || !parentColumns) continue;
    foreignKeys.push({
      name,
      child: child.table.name,
      childColumns,
      parent: parent.table.name,
      parentColumns,
      onDelete: action(deltype),
      onUpdate: action(updtype),
      onDeleteSetColumns: delsetcols && delsetcols.length > 0 ? mapColumns(child, delsetcols) : null,
      deferrable,
      initiallyDeferred: deferred,
      validated,
      indexed: isIndexed(child.indexKeys, conkey),
      oid: Number(oid),
    });
  }

  const triggers: Trigger[] = [];
  for (const row of raw.triggers) {
    const build = byOid.get(Number(row[0]));
    if (build) triggers.push(toTrigger(row, build.table.name));
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

function toTrigger(
  [, name, enabled, type, functionSchema, functionName]: TriggerRow,
  table: string,
): Trigger {
  const events: string[] = [];
  if (type & INSERT) events.push("INSERT");
  if (type & UPDATE) events.push("UPDATE");
  if (type & DELETE) events.push("DELETE");
  if (type & TRUNCATE) events.push("TRUNCATE");
  return {
    name,
    table,
    // 'O' fires in normal sessions, 'A' always, 'R' only under session_replication_role = replica.
    enabled: enabled === "O" || enabled === "A",
    events,
    timing: type & INSTEAD ? "INSTEAD OF" : type & BEFORE ? "BEFORE" : "AFTER",
    level: type & ROW ? "ROW" : "STATEMENT",
    functionName: qualify(functionSchema, functionName),
  };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
