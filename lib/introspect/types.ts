/**
 * The catalog model the engine works on. Introspection (lib/introspect) fills it from pg_catalog;
 * graph algorithms (lib/graph) and health reading (lib/health) consume it. Pure data, no I/O.
 *
 * Table names are qualified as "schema.table" using the raw (unquoted) identifiers, e.g.
 * `public.User`, `Sales Ops.Deal "Q1"`. Use `quoteQualified` from lib/introspect/identifiers to
 * turn one into SQL.
 */

export type TableKind = "table" | "partitioned" | "partition";

export type ReferentialAction = "CASCADE" | "RESTRICT" | "NO ACTION" | "SET NULL" | "SET DEFAULT";

export interface Column {
  name: string;
  /** Formatted type, e.g. `timestamp(3) without time zone`. */
  type: string;
  nullable: boolean;
  /** Default expression as PostgreSQL prints it, or null. */
  defaultExpr: string | null;
  /** attnum, for ordering. */
  position: number;
}

export interface UniqueKey {
  name: string;
  columns: string[];
  primary: boolean;
}

export interface Table {
  /** "schema.table" */
  name: string;
  schema: string;
  table: string;
  oid: number;
  relfilenode: number;
  kind: TableKind;
  /** "schema.parent" for a partition, else null. */
  partitionOf: string | null;
  columns: Column[];
  primaryKey: string[];
  uniqueKeys: UniqueKey[];
  /**
   * Columns that lead a valid, non-partial btree index: max() of such a column is a short backward
   * index scan, which is how a health pass reads last activity on big tables.
   */
  indexLeadingColumns: string[];
  /** pg_class.reltuples, clamped at 0 (-1 means never analysed → 0). */
  estimatedRows: number;
}

export interface ForeignKey {
  name: string;
  /** "schema.table" holding the constraint. */
  child: string;
  /** In key order. */
  childColumns: string[];
  parent: string;
  /** In key order, matched position by position with childColumns. */
  parentColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  /** For SET NULL / SET DEFAULT (col list) — PostgreSQL 15+ allows a subset; null means all childColumns. */
  onDeleteSetColumns: string[] | null;
  deferrable: boolean;
  initiallyDeferred: boolean;
  validated: boolean;
  /** True when an index on the child has childColumns as its leading columns (any order). */
  indexed: boolean;
  /**
   * Constraint oid. A FK on a partitioned table is cloned onto each partition (conparentid set);
   * introspection reports only the top-level constraint.
   */
  oid: number;
}

export interface Trigger {
  name: string;
  table: string;
  enabled: boolean;
  /** e.g. ["DELETE","TRUNCATE"] */
  events: string[];
  timing: "BEFORE" | "AFTER" | "INSTEAD OF";
  level: "ROW" | "STATEMENT";
  functionName: string;
}

export interface Catalog {
  serverVersion: string;
  serverVersionNum: number;
  database: string;
  schemas: string[];
  tables: Table[];
  foreignKeys: ForeignKey[];
  triggers: Trigger[];
}
