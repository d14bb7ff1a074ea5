import { z } from "zod";
import { AppError } from "../errors";
import type { Queryable } from "../introspect/connect";
import { quoteIdent, quoteQualified } from "../introspect/identifiers";
import type { Catalog, Table } from "../introspect/types";
import { describeConnectionError } from "../targets/errors";
import { BlastRadiusInputError, BlastRadiusTimeoutError, BlastRadiusUnsupportedError } from "./blast-errors";

/**
 * The row picker of the blast-radius explorer: the first rows of a table, KEY COLUMNS ONLY (never
 * names, emails or other personal data), optionally filtered by a search on those key columns.
 * Read-only, bounded, identifiers quoted and the search bound as a parameter.
 */

export const KEY_ROWS_LIMIT = 20;
const KEY_ROWS_TIMEOUT_MS = 3_000;

export interface KeyRows {
  table: string;
  /** The columns that identify a row: the primary key, else the first unique key. */
  keyColumns: string[];
  rows: Record<string, string | null>[];
  limit: number;
}

/** The columns that identify one row of a table, or null when it has no primary or unique key. */
export function identifyingColumns(table: Table): string[] | null {
  if (table.primaryKey.length > 0) return table.primaryKey;
  return table.uniqueKeys[0]?.columns ?? null;
}

export function findTable(catalog: Catalog, name: string): Table {
  const table =
    catalog.tables.find((t) => t.name === name) ?? catalog.tables.find((t) => t.name === `public.${name}`);
  if (!table) throw new BlastRadiusInputError("UNKNOWN_TABLE", `unknown table ${JSON.stringify(name)}`);
  return table;
}

/** `%` and `_` in the search are matched literally. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function keyRowsSql(table: Table, keyColumns: string[], withSearch: boolean, limit: number): string {
  const cols = keyColumns.map(quoteIdent);
  const select = cols.map((c, i) => `${c}::text AS k${i}`).join(", ");
  const where = withSearch
    ? ` WHERE concat_ws(' ', ${cols.map((c) => `${c}::text`).join(", ")}) ILIKE $1`
    : "";
  return `SELECT ${select} FROM ${quoteQualified(table.name)}${where} ORDER BY ${cols.join(", ")} LIMIT ${limit}`;
}

export async function listKeyRows(
  client: Queryable,
  catalog: Catalog,
  tableName: string,
  search: string,
): Promise<KeyRows> {
  const table = findTable(catalog, tableName);
  const keyColumns = identifyingColumns(table);
  if (!keyColumns)
    throw new BlastRadiusInputError(
      "BAD_KEY",
      `${table.name} has no primary or unique key: type the column=value pairs that pick the rows`,
    );
  const trimmed = search.trim().slice(0, 200);
  const sql = keyRowsSql(table, keyColumns, trimmed.length > 0, KEY_ROWS_LIMIT);
  await client.query("BEGIN READ ONLY");
  try {
    await client.query("SELECT pg_catalog.set_config('statement_timeout', $1, true)", [
      `${KEY_ROWS_TIMEOUT_MS}ms`,
    ]);
    const result = await client.query<Record<string, string | null>>(
      sql,
      trimmed ? [likePattern(trimmed)] : [],
    );
    await client.query("COMMIT");
    return {
      table: table.name,
      keyColumns,
      rows: result.rows.map((row) => Object.fromEntries(keyColumns.map((c, i) => [c, row[`k${i}`] ?? null]))),
      limit: KEY_ROWS_LIMIT,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** Body of POST /api/v1/targets/{id}/blast-radius: `{ "table", "key": { column: value } }`. */
export const blastRequestSchema = z.object({
  table: z.string().trim().min(1, "a table is required, as schema.table").max(500),
  key: z
    .record(
      z.string().min(1).max(200),
      z.union([z.string().max(2_000), z.number(), z.boolean()]).transform((v) => String(v)),
    )
    .refine((key) => Object.keys(key).length > 0, "a key is required: at least one column and value")
    .refine((key) => Object.keys(key).length <= 32, "at most 32 key columns"),
});

/** Engine and connection errors → the API's typed errors (400 bad input, 503 target, 409 unsupported). */
export function blastErrorToAppError(error: unknown, targetId: string): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof BlastRadiusInputError) return new AppError("BAD_REQUEST", error.message);
  if (error instanceof BlastRadiusUnsupportedError)
    return new AppError("CONFLICT", `The engine cannot compute this delete exactly: ${error.message}`);
  if (error instanceof BlastRadiusTimeoutError)
    return new AppError(
      "TARGET_UNREACHABLE",
      `Target "${targetId}" did not answer in time: ${error.message}`,
    );
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && (/^(08|57P)/.test(code) || /^E[A-Z]+$/.test(code)))
    return new AppError(
      "TARGET_UNREACHABLE",
      `Target "${targetId}" is unreachable: ${describeConnectionError(error)}`,
    );
  return error;
}
