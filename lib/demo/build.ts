import pg from "pg";
import { quoteIdent } from "@/lib/introspect/identifiers";
import { countRows, listPublicTables } from "./counts";
import { prismaMigrationHistory, prismaMigrationsInsert } from "./migrations";
import {
  ensureDemoRoles,
  PRIVILEGED_ROLE,
  privilegedGrantStatements,
  READ_ONLY_ROLE,
  readOnlyGrantStatements,
  serverVersionNum,
} from "./roles";
import { foreignKeyStatements, indexStatements } from "./schema-constraints";
import { createTableSql, DEMO_TABLES, PRISMA_MIGRATIONS_DDL } from "./schema-tables";
import { contentSteps } from "./seed-content";
import { dealSteps } from "./seed-deals";
import { helperStatements, seedCounts } from "./seed-helpers";
import { peopleSteps } from "./seed-people";

export interface BuildDemoTargetOptions {
  /** URL of the cluster's "postgres" database, as superuser. */
  superuserUrl: string;
  /** Default "breakco". Dropped and re-created. */
  database?: string;
  /** Default 1 (~150,000 rows, never fewer than 100,000: see seed-plan.ts); fractions such as 0.05 for tests. */
  scale?: number;
  readOnlyPassword: string;
  privilegedPassword: string;
  /** The seed's "now": data falls in the weeks before it. Default: the current minute. */
  anchor?: Date;
  onProgress?: (message: string) => void;
}

export interface DemoTargetInfo {
  database: string;
  readOnlyRole: string;
  privilegedRole: string;
  /** "public.User", …, sorted. */
  tables: string[];
  /** Exact count(*) per table before the incident. */
  rowCountsBefore: Record<string, number>;
  /** The seed's "now", ISO 8601. */
  anchor: string;
  /** Wall time of schema + seed + constraints + ANALYZE, in milliseconds. */
  seedMs: number;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function recreateDatabase(
  superuserUrl: string,
  database: string,
  passwords: { readOnly: string; privileged: string },
) {
  const client = new pg.Client({
    connectionString: superuserUrl,
    application_name: "incident-room/demo-setup",
  });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
    await ensureDemoRoles(client, passwords);
  } finally {
    await client.end();
  }
}

/**
 * Builds the demo target: a Prisma-style talent-agency schema mirroring the incident report, filled
 * with deterministic, realistic data generated server-side, plus the read-only and privileged roles.
 */
export async function buildDemoTarget(options: BuildDemoTargetOptions): Promise<DemoTargetInfo> {
  const database = options.database ?? "breakco";
  const counts = seedCounts(options.scale ?? 1);
  const anchor = new Date(Math.floor((options.anchor ?? new Date()).getTime() / 60_000) * 60_000);
  const progress = options.onProgress ?? (() => {});

  progress(`creating database ${database}`);
  await recreateDatabase(options.superuserUrl, database, {
    readOnly: options.readOnlyPassword,
    privileged: options.privilegedPassword,
  });

  const started = Date.now();
  const client = new pg.Client({
    connectionString: databaseUrl(options.superuserUrl, database),
    application_name: "incident-room/demo-setup",
  });
  await client.connect();
  try {
    await client.query(
      "SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET client_min_messages = warning",
    );
    await client.query("BEGIN");
    for (const statement of helperStatements(anchor)) await client.query(statement);
    progress("creating schema");
    for (const table of DEMO_TABLES) await client.query(createTableSql(table));
    await client.query(PRISMA_MIGRATIONS_DDL);
    const insert = prismaMigrationsInsert(prismaMigrationHistory(anchor));
    await client.query(insert.text, insert.values);

    for (const step of [...peopleSteps(counts), ...dealSteps(counts), ...contentSteps(counts)]) {
      const result = await client.query(step.sql);
      progress(`seeded ${step.table}: ${result.rowCount ?? 0} rows`);
    }
    progress("building indexes");
    for (const statement of indexStatements()) await client.query(statement);
    progress("adding foreign keys");
    for (const statement of foreignKeyStatements()) await client.query(statement);
    for (const statement of privilegedGrantStatements(database)) await client.query(statement);
    const version = await serverVersionNum(client);
    for (const statement of readOnlyGrantStatements(version)) await client.query(statement);
    await client.query("COMMIT");

    // Sensible estimates before the incident; after it, statistics are left as PostgreSQL keeps them.
    progress("analyzing");
    await client.query("ANALYZE");
    const seedMs = Date.now() - started;

    const tables = await listPublicTables(client);
    const rowCountsBefore = await countRows(client, tables);
    const total = Object.values(rowCountsBefore).reduce((a, b) => a + b, 0);
    progress(`demo target ready: ${tables.length} tables, ${total} rows in ${(seedMs / 1000).toFixed(1)} s`);
    return {
      database,
      readOnlyRole: READ_ONLY_ROLE,
      privilegedRole: PRIVILEGED_ROLE,
      tables,
      rowCountsBefore,
      anchor: anchor.toISOString(),
      seedMs,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
