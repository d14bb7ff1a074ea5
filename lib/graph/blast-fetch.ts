import type { Queryable } from "../introspect/connect";
import { quoteIdent } from "../introspect/identifiers";
import { BlastRadiusUnsupportedError } from "./blast-errors";
import { relationSql, type Relation, type RiConstraint } from "./blast-rules";

/**
 * The set-based reads behind a blast-radius simulation. Every statement is a SELECT with bound
 * parameters; identifiers are quoted; the only SQL text taken from the server is its own
 * format_type() output and a column's default expression (pg_get_expr), never request input.
 * Rows are identified by (tableoid, ctid): the whole computation runs in one REPEATABLE READ
 * snapshot, in which a ctid names exactly one row version, with or without a primary key.
 */

export interface FetchedRow {
  leaf: number;
  ctid: string;
  values: (string | null)[];
}

function valueList(alias: string, columns: string[]): string {
  return columns.map((c, i) => `, ${alias}.${quoteIdent(c)}::text as v${i}`).join("");
}

function readRow(row: Record<string, unknown>, columns: string[], leafKey = "t", ctidKey = "c"): FetchedRow {
  return {
    leaf: Number(row[leafKey]),
    ctid: String(row[ctidKey]),
    values: columns.map((_, i) => (row[`v${i}`] as string | null | undefined) ?? null),
  };
}

/**
 * The rows `DELETE FROM root WHERE key` would delete, in heap order. Like that DELETE, no ONLY:
 * partitions (and inheritance children) are included. Parameters are sent untyped, so PostgreSQL
 * resolves each value against its column exactly as it would a quoted literal in the DELETE.
 */
export async function fetchRootRows(
  client: Queryable,
  root: Relation,
  key: [column: string, value: string][],
  columns: string[],
  limit: number,
): Promise<FetchedRow[]> {
  const where = key.map(([column], i) => `r.${quoteIdent(column)} = $${i + 1}`).join(" and ");
  const sql = `select r.tableoid::int8 as t, r.ctid::text as c${valueList("r", columns)}
    from ${relationSql(root, false)} r where ${where}
    order by r.tableoid, r.ctid limit ${Math.trunc(limit)}`;
  const result = await client.query(
    sql,
    key.map(([, value]) => value),
  );
  return result.rows.map((row) => readRow(row, columns));
}

export interface ReferencingGroup {
  constraint: RiConstraint;
  /** The referenced leaf whose deleted (or updated) rows the events are for. */
  pkLeaf: Relation;
  pkCtids: string[];
  /** Columns to read from the referencing rows. */
  columns: string[];
}

/**
 * For each group: the rows of the constraint's referencing relation that match the given rows of
 * the referenced leaf on their stored values — what the RI trigger's `WHERE $1 = fkatt1 …` finds
 * in the untouched table. Joins on the real columns, so PostgreSQL's own equality operators apply.
 * All groups of a firing cycle go in one statement (UNION ALL), to save round trips.
 */
export async function fetchReferencing(
  client: Queryable,
  groups: ReferencingGroup[],
  limit: number,
): Promise<(FetchedRow & { group: number; pkCtid: string })[]> {
  if (groups.length === 0) return [];
  const parts = groups.map(({ constraint, pkLeaf, columns }, g) => {
    const on = constraint.pkColumns
      .map((pkCol, i) => `p.${quoteIdent(pkCol)} = c.${quoteIdent(constraint.fkColumns[i]!)}`)
      .join(" and ");
    const values = `array[${columns.map((c) => `c.${quoteIdent(c)}::text`).join(", ")}]::text[]`;
    return `select ${g} as g, p.ctid::text as pc, c.tableoid::int8 as t, c.ctid::text as c, ${values} as v
      from ${relationSql(pkLeaf, true)} p join ${relationSql(constraint.fk)} c on ${on}
      where p.ctid = any($${g + 1}::tid[])`;
  });
  const sql = `${parts.join("\nunion all\n")}\nlimit ${Math.trunc(limit)}`;
  const result = await client.query<{ g: number; pc: string; t: string; c: string; v: (string | null)[] }>(
    sql,
    groups.map((group) => group.pkCtids),
  );
  return result.rows.map((row) => ({
    group: row.g,
    pkCtid: row.pc,
    leaf: Number(row.t),
    ctid: row.c,
    values: row.v,
  }));
}

export interface ReferencedGroup {
  constraint: RiConstraint;
  /** Keys as text of the FK columns' types, all non-null. */
  keys: string[][];
}

/**
 * For FK check events: which referenced rows carry each key, casting the text back to the FK
 * columns' types as the RI check's parameters are. One statement for all groups.
 */
export async function fetchReferenced(
  client: Queryable,
  groups: ReferencedGroup[],
): Promise<{ group: number; key: number; leaf: number; ctid: string }[]> {
  if (groups.length === 0) return [];
  const params: string[][] = [];
  const parts = groups.map(({ constraint, keys }, g) => {
    const first = params.length;
    constraint.pkColumns.forEach((_, col) => params.push(keys.map((key) => key[col]!)));
    const arrays = constraint.pkColumns.map((_, i) => `$${first + i + 1}::text[]`).join(", ");
    const names = constraint.pkColumns.map((_, i) => `k${i}`).join(", ");
    const on = constraint.pkColumns
      .map((pkCol, i) => `p.${quoteIdent(pkCol)} = k.k${i}::${constraint.fkTypes[i]}`)
      .join(" and ");
    return `select ${g} as g, k.i::int as i, p.tableoid::int8 as t, p.ctid::text as c
      from ${relationSql(constraint.pk)} p
      join unnest(${arrays}) with ordinality as k(${names}, i) on ${on}`;
  });
  const result = await client.query<{ g: number; i: number; t: string; c: string }>(
    parts.join("\nunion all\n"),
    params,
  );
  return result.rows.map((row) => ({ group: row.g, key: row.i - 1, leaf: Number(row.t), ctid: row.c }));
}

/**
 * The value `SET col = DEFAULT` would store, as text. Evaluated inside a savepoint: a volatile
 * default such as nextval() cannot run in a read-only transaction, and we would rather say so than
 * abort the snapshot the rest of the computation reads.
 */
export async function evaluateDefault(
  client: Queryable,
  table: string,
  column: string,
  defaultExpr: string | null,
  type: string,
): Promise<string | null> {
  if (defaultExpr === null) return null;
  await client.query("savepoint blast_default");
  try {
    const result = await client.query<{ v: string | null }>(`select ((${defaultExpr})::${type})::text as v`);
    await client.query("release savepoint blast_default");
    return result.rows[0]?.v ?? null;
  } catch (error) {
    await client.query("rollback to savepoint blast_default");
    const reason = error instanceof Error ? error.message : String(error);
    throw new BlastRadiusUnsupportedError(
      `cannot evaluate the default of ${table}.${column} (${defaultExpr}) read-only: ${reason}`,
    );
  }
}
