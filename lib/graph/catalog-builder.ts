import type { Catalog, ForeignKey, ReferentialAction, Table, TableKind } from "../introspect/types";

/**
 * Hand-built catalogs for unit tests of graph code. Pure. Columns named in a table's primary key
 * or a FK are added automatically (nullable unless listed in `notNull` or in the primary key).
 */
export interface TableSpec {
  name: string;
  primaryKey?: string[];
  notNull?: string[];
  kind?: TableKind;
  partitionOf?: string;
}

export interface FkSpec {
  name?: string;
  child: string;
  childColumns?: string[];
  parent: string;
  parentColumns?: string[];
  onDelete?: ReferentialAction;
  deferrable?: boolean;
  initiallyDeferred?: boolean;
  onDeleteSetColumns?: string[];
}

export function catalogOf(tableSpecs: (TableSpec | string)[], fkSpecs: FkSpec[]): Catalog {
  const specs = tableSpecs.map((s) => (typeof s === "string" ? { name: s } : s));
  const foreignKeys: ForeignKey[] = fkSpecs.map((f, i) => {
    const parentColumns = f.parentColumns ?? ["id"];
    return {
      name: f.name ?? `${f.child}_${f.parent}_fkey`,
      child: f.child,
      childColumns: f.childColumns ?? [`${f.parent.split(".").pop()}_id`],
      parent: f.parent,
      parentColumns,
      onDelete: f.onDelete ?? "NO ACTION",
      onUpdate: "NO ACTION",
      onDeleteSetColumns: f.onDeleteSetColumns ?? null,
      deferrable: f.deferrable ?? false,
      initiallyDeferred: f.initiallyDeferred ?? false,
      validated: true,
      indexed: false,
      oid: 100_000 + i,
    };
  });
  const tables: Table[] = specs.map((s, i) => {
    const primaryKey = s.primaryKey ?? ["id"];
    const names = new Set(primaryKey);
    for (const fk of foreignKeys) if (fk.child === s.name) fk.childColumns.forEach((c) => names.add(c));
    const notNull = new Set([...primaryKey, ...(s.notNull ?? [])]);
    const dot = s.name.indexOf(".");
    return {
      name: s.name,
      schema: s.name.slice(0, dot),
      table: s.name.slice(dot + 1),
      oid: 10_000 + i,
      relfilenode: 10_000 + i,
      kind: s.kind ?? (s.partitionOf ? "partition" : "table"),
      partitionOf: s.partitionOf ?? null,
      columns: [...names].map((name, position) => ({
        name,
        type: "integer",
        nullable: !notNull.has(name),
        defaultExpr: null,
        position: position + 1,
      })),
      primaryKey,
      uniqueKeys: [{ name: `${s.name}_pkey`, columns: primaryKey, primary: true }],
      indexLeadingColumns: primaryKey.slice(0, 1),
      estimatedRows: 0,
    };
  });
  return {
    serverVersion: "18.0",
    serverVersionNum: 180000,
    database: "test",
    schemas: [...new Set(tables.map((t) => t.schema))].sort(),
    tables,
    foreignKeys,
    triggers: [],
  };
}
