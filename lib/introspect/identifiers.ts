/** Quoting for identifiers that may hold capitals, spaces or quotes. Pure. */

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Splits "schema.table" at the first dot; a table name may itself contain dots. */
export function splitQualified(qualified: string): { schema: string; table: string } {
  const dot = qualified.indexOf(".");
  if (dot <= 0) return { schema: "public", table: qualified };
  return { schema: qualified.slice(0, dot), table: qualified.slice(dot + 1) };
}

export function quoteQualified(qualified: string): string {
  const { schema, table } = splitQualified(qualified);
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

export function qualify(schema: string, table: string): string {
  return `${schema}.${table}`;
}
