import type { Queryable } from "../introspect/connect";
import { quoteIdent, qualify } from "../introspect/identifiers";
import type { MigrationEntry, MigrationHistory } from "./store-types";

/**
 * The expected schema of a target: the tables configuration names, plus what the app's own
 * migration history says. Prisma's `_prisma_migrations` and drizzle's `__drizzle_migrations` record
 * migration names (or hashes), not tables, so the history is reported (latest applied migration,
 * rolled-back and failed ones) rather than turned into table names by guesswork.
 */

interface MigrationTableRow {
  schema: string;
  table: string;
}

const FIND_MIGRATION_TABLES_SQL = `
  select n.nspname as schema, c.relname as table
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p') and c.relname in ('_prisma_migrations', '__drizzle_migrations')
     and n.nspname not in ('pg_catalog', 'information_schema')
   order by c.relname, n.nspname
   limit 4`;

const iso = (value: Date | string | null | undefined) =>
  value === null || value === undefined ? null : new Date(value).toISOString();

/** `relation "Campaign"` / `table "Campaign"` in a migration's error log → "Campaign". */
export function relationsMentioned(logs: string | null): string[] {
  if (!logs) return [];
  const found = new Set<string>();
  for (const match of logs.matchAll(/\b(?:relation|table)\s+"([^"]{1,63})"/gi)) found.add(match[1]!);
  return [...found];
}

async function readPrisma(client: Queryable, schema: string, table: string): Promise<MigrationHistory> {
  const { rows } = await client.query<{
    migration_name: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
    started_at: Date | null;
    logs: string | null;
  }>(
    `select migration_name, finished_at, rolled_back_at, started_at,
            case when finished_at is null or rolled_back_at is not null then left(logs, 4000) end as logs
       from ${quoteIdent(schema)}.${quoteIdent(table)}
      order by started_at desc nulls last, migration_name desc
      limit 500`,
  );
  const applied = rows.filter((r) => r.finished_at && !r.rolled_back_at);
  const latest = [...applied].sort(
    (a, b) =>
      b.finished_at!.getTime() - a.finished_at!.getTime() || (a.migration_name < b.migration_name ? 1 : -1),
  )[0];
  const rolledBack = rows.filter((r) => r.rolled_back_at);
  const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at);
  const entry = (name: string, at: Date | null): MigrationEntry => ({ name, at: iso(at) });
  return {
    tool: "prisma",
    table: qualify(schema, table),
    applied: applied.length,
    latestApplied: latest ? entry(latest.migration_name, latest.finished_at) : null,
    rolledBack: rolledBack.map((r) => entry(r.migration_name, r.rolled_back_at)),
    failed: failed.map((r) => entry(r.migration_name, r.started_at)),
    relationsInErrors: [...new Set([...rolledBack, ...failed].flatMap((r) => relationsMentioned(r.logs)))],
  };
}

async function readDrizzle(client: Queryable, schema: string, table: string): Promise<MigrationHistory> {
  // drizzle keeps (id, hash, created_at = the migration folder's timestamp in ms); no names.
  const { rows } = await client.query<{ applied: string; hash: string | null; created_at: string | null }>(
    `select (select count(*) from ${quoteIdent(schema)}.${quoteIdent(table)})::int8 as applied, m.hash, m.created_at::text
       from (select 1) one
       left join lateral (select hash, created_at from ${quoteIdent(schema)}.${quoteIdent(table)}
                           order by created_at desc nulls last limit 1) m on true`,
  );
  const row = rows[0];
  const createdMs = row?.created_at ? Number(row.created_at) : NaN;
  return {
    tool: "drizzle",
    table: qualify(schema, table),
    applied: Number(row?.applied ?? 0),
    latestApplied: row?.hash
      ? {
          name: `migration ${row.hash.slice(0, 12)}`,
          at: Number.isFinite(createdMs) ? new Date(createdMs).toISOString() : null,
        }
      : null,
    rolledBack: [],
    failed: [],
    relationsInErrors: [],
  };
}

/**
 * Reads every migration table found on the target. Never throws for a table it cannot read (a
 * role without access, an unexpected layout): that table is left out.
 */
export async function readMigrationHistory(client: Queryable): Promise<MigrationHistory[]> {
  const { rows } = await client.query<MigrationTableRow>(FIND_MIGRATION_TABLES_SQL);
  const out: MigrationHistory[] = [];
  for (const { schema, table } of rows) {
    try {
      out.push(
        table === "_prisma_migrations"
          ? await readPrisma(client, schema, table)
          : await readDrizzle(client, schema, table),
      );
    } catch {
      // Unreadable or not the layout we know: report nothing rather than something wrong.
    }
  }
  return out;
}

/** Configured expected tables, normalised to "schema.table" ("Campaign" → "public.Campaign"), deduplicated. */
export function normaliseExpectedTables(names: string[]): string[] {
  const out = new Set<string>();
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    out.add(name.includes(".") ? name : `public.${name}`);
  }
  return [...out].sort();
}
