import pg from "pg";

/**
 * Read-only connections to a target. Every connection the engine opens goes through here, so the
 * guarantees hold in one place: every transaction is read-only by default, statements and lock waits
 * are bounded, and the server sees who we are in pg_stat_activity.
 */

export const APPLICATION_NAME = "incident-room";

export interface ReadOnlyOptions {
  statementTimeoutMs?: number;
  lockTimeoutMs?: number;
  /** Suffix for application_name, e.g. "health" → "incident-room/health". */
  purpose?: string;
}

/** libpq `options` that make the session itself read-only and bounded, before any SQL runs. */
export function readOnlySessionOptions(options: ReadOnlyOptions = {}): string {
  const statement = options.statementTimeoutMs ?? 30_000;
  const lock = options.lockTimeoutMs ?? 2_000;
  return [
    "-c default_transaction_read_only=on",
    `-c statement_timeout=${statement}`,
    `-c lock_timeout=${lock}`,
    "-c idle_in_transaction_session_timeout=60000",
  ].join(" ");
}

export function readOnlyClientConfig(url: string, options: ReadOnlyOptions = {}): pg.ClientConfig {
  return {
    connectionString: url,
    options: readOnlySessionOptions(options),
    application_name: options.purpose ? `${APPLICATION_NAME}/${options.purpose}` : APPLICATION_NAME,
    connectionTimeoutMillis: 5_000,
  };
}

/** Opens one read-only client. The caller ends it. */
export async function connectReadOnly(url: string, options: ReadOnlyOptions = {}): Promise<pg.Client> {
  const client = new pg.Client(readOnlyClientConfig(url, options));
  client.on("error", () => {}); // a dropped connection surfaces on the next query instead of crashing
  await client.connect();
  return client;
}

/** A read-only pool, for long-lived servers. */
export function createReadOnlyPool(url: string, options: ReadOnlyOptions & { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({
    ...readOnlyClientConfig(url, options),
    max: options.max ?? 4,
    idleTimeoutMillis: 30_000,
  });
  pool.on("error", () => {}); // idle clients die when the target restarts; the next checkout reconnects
  return pool;
}

/** What `pg.Client` and `pg.PoolClient` have in common, for engine functions that only query. */
export type Queryable = Pick<pg.ClientBase, "query">;

/**
 * Whether an error means the connection is gone, not that a statement failed: no SQLSTATE (a
 * socket's ECONNRESET, "Connection terminated", a closed client), class 08, or 57P0x (the server
 * shutting down or ending the session). Retrying a statement on such a connection cannot help.
 */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith("08") || code.startsWith("57P0");
}
