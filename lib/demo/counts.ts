import type pg from "pg";
import { quoteQualified } from "@/lib/introspect/identifiers";

/** Ordinary and partitioned tables of the public schema, as "public.Name", sorted. */
export async function listPublicTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT 'public.' || c.relname AS name FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname COLLATE "C"`,
  );
  return rows.map((row) => row.name);
}

/** Exact count(*) of every table, in one round trip. */
export async function countRows(client: pg.Client, tables: string[]): Promise<Record<string, number>> {
  if (tables.length === 0) return {};
  const sql = tables
    .map((table, i) => `SELECT ${i} AS i, count(*)::bigint AS n FROM ${quoteQualified(table)}`)
    .join(" UNION ALL ");
  const { rows } = await client.query<{ i: number; n: string }>(sql);
  const counts: Record<string, number> = {};
  for (const row of rows) counts[tables[row.i]!] = Number(row.n);
  return counts;
}
