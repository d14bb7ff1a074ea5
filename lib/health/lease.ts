import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type * as schema from "../db/schema";

/**
 * Leases in the control-plane database (table job_leases) so that, with several app replicas, one
 * replica at a time runs a job such as sampling a target. Expiry uses the database's clock. A holder
 * that stops renewing (crashed, partitioned away) loses the lease after `ttlMs`; anyone may take it.
 */

type Db = NodePgDatabase<typeof schema>;

/** Takes or renews the lease; true when `holder` holds it for the next `ttlMs`. */
export async function acquireLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const result = await db.execute<{ holder: string }>(sql`
    insert into job_leases as l (name, holder, acquired_at, renewed_at, expires_at)
    values (${name}, ${holder}, now(), now(), now() + make_interval(secs => ${ttlMs / 1000}))
    on conflict (name) do update
       set holder = excluded.holder,
           acquired_at = case when l.holder = excluded.holder then l.acquired_at else excluded.acquired_at end,
           renewed_at = excluded.renewed_at,
           expires_at = excluded.expires_at
     where l.holder = excluded.holder or l.expires_at <= now()
    returning l.holder`);
  return result.rows.length === 1;
}

/** Gives the lease up (at shutdown) so another replica need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.execute(sql`delete from job_leases where name = ${name} and holder = ${holder}`);
}

/**
 * Inside a transaction: locks the lease row and tells whether `holder` still holds it. Writing the
 * job's result in the same transaction after this check fences out a holder whose lease expired
 * while it was working (another replica took over meanwhile).
 */
export async function stillHoldsLease(tx: Db, name: string, holder: string): Promise<boolean> {
  const result = await tx.execute(sql`
    select 1 from job_leases where name = ${name} and holder = ${holder} and expires_at > now() for update`);
  return result.rows.length === 1;
}
