import "server-only";
import { getReadOnlyPool, listTargets } from "./registry";
import { describeConnectionError } from "./errors";

/**
 * Whether each target answers, its server version, and whether the "read-only" role we were given
 * could in fact write (a configuration mistake we warn about on every page). Cached for a few
 * seconds per process so that pages and API calls do not hammer a struggling server.
 */

export interface TargetStatus {
  id: string;
  name: string;
  reachable: boolean;
  serverVersion: string | null;
  /** Error without secrets, when unreachable. */
  error: string | null;
  /** Tables the read-only role could write to (first few), or "superuser". Empty when truly read-only. */
  writableBy: string[];
  checkedAt: string;
}

const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; status: Promise<TargetStatus> }>();

async function probe(id: string, name: string): Promise<TargetStatus> {
  const checkedAt = new Date().toISOString();
  try {
    const pool = getReadOnlyPool(id);
    const client = await pool.connect();
    try {
      const version = await client.query<{ v: string }>("select current_setting('server_version') as v");
      const writable = await client.query<{ name: string; superuser: boolean }>(
        `select (select rolsuper from pg_roles where rolname = current_user) as superuser,
                n.nspname || '.' || c.relname as name
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r','p')
            and n.nspname not in ('pg_catalog','information_schema') and n.nspname not like 'pg_toast%'
            and has_table_privilege(c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE')
          limit 5`,
      );
      const superuser = writable.rows[0]?.superuser ?? false;
      return {
        id,
        name,
        reachable: true,
        serverVersion: version.rows[0]?.v ?? null,
        error: null,
        writableBy: superuser ? ["superuser"] : writable.rows.map((r) => r.name),
        checkedAt,
      };
    } finally {
      client.release();
    }
  } catch (error) {
    return {
      id,
      name,
      reachable: false,
      serverVersion: null,
      error: describeConnectionError(error),
      writableBy: [],
      checkedAt,
    };
  }
}

export function getTargetStatus(id: string, name: string): Promise<TargetStatus> {
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.status;
  const status = probe(id, name);
  cache.set(id, { at: Date.now(), status });
  return status;
}

export function listTargetStatuses(): Promise<TargetStatus[]> {
  return Promise.all(listTargets().map((t) => getTargetStatus(t.id, t.name)));
}
