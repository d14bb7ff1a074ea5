import type pg from "pg";
import { quoteIdent } from "@/lib/introspect/identifiers";

/** The role Incident Room's forensics, health and graph use: reads everything, writes nothing. */
export const READ_ONLY_ROLE = "incident_room_ro";
/** The role approved restore steps use: DML and triggers on the demo schema, not a superuser. */
export const PRIVILEGED_ROLE = "incident_room_restore";

/**
 * Creates the login role, or resets its password and attributes when it exists (roles are
 * cluster-wide and outlive a rebuilt demo database). The statement is built server-side with
 * format(%I, %L), and statement logging is off for it so the password never reaches the server log.
 */
async function upsertLoginRole(client: pg.Client, role: string, password: string) {
  await client.query("SET log_statement = 'none'; SET log_min_error_statement = 'panic'");
  try {
    for (let attempt = 0; ; attempt++) {
      const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      const { rows } = await client.query<{ sql: string }>(
        "SELECT format('%s ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', $1::text, $2::text, $3::text) AS sql",
        [exists.rowCount ? "ALTER" : "CREATE", role, password],
      );
      try {
        await client.query(rows[0]!.sql);
        return;
      } catch (error) {
        // Another process created it between our check and our CREATE: alter it instead.
        if ((error as { code?: string }).code !== "42710" || attempt > 0) throw error;
      }
    }
  } finally {
    await client.query("RESET log_statement; RESET log_min_error_statement");
  }
}

/** Cluster-wide part: the two login roles. `client` is a superuser connection to any database. */
export async function ensureDemoRoles(
  client: pg.Client,
  passwords: { readOnly: string; privileged: string },
) {
  await upsertLoginRole(client, READ_ONLY_ROLE, passwords.readOnly);
  await upsertLoginRole(client, PRIVILEGED_ROLE, passwords.privileged);
  // pg_read_all_data exists from PostgreSQL 14; on 13 the demo database grants SELECT on its
  // schema instead (readOnlyGrantStatements).
  const roles =
    (await serverVersionNum(client)) >= 140000 ? "pg_read_all_data, pg_read_all_stats" : "pg_read_all_stats";
  await client.query(`GRANT ${roles} TO ${quoteIdent(READ_ONLY_ROLE)}`);
  // A second lock besides missing privileges: every transaction of this role starts read-only.
  await client.query(`ALTER ROLE ${quoteIdent(READ_ONLY_ROLE)} SET default_transaction_read_only = on`);
}

/** The server's version as a number (180004 for 18.4). */
export async function serverVersionNum(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    "select current_setting('server_version_num')::int as n",
  );
  return rows[0]!.n;
}

/**
 * Per-database read access for the read-only role where pg_read_all_data does not exist (before
 * PostgreSQL 14): SELECT on the demo's tables and on those created later. Nothing from 14 on.
 */
export function readOnlyGrantStatements(serverVersionNum: number): string[] {
  if (serverVersionNum >= 140000) return [];
  const role = quoteIdent(READ_ONLY_ROLE);
  return [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${role}`,
  ];
}

/** Per-database part, run as superuser in the demo database after its tables exist. */
export function privilegedGrantStatements(database: string): string[] {
  const role = quoteIdent(PRIVILEGED_ROLE);
  return [
    // CREATE on the database lets capture installs add their own schema (functions, trigger tables).
    `GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${quoteIdent(database)} TO ${role}`,
    `GRANT USAGE, CREATE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE, TRIGGER ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRIGGER ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`,
  ];
}
