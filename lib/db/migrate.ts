import path from "node:path";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { ControlDb } from "./client";

/**
 * Applies the reviewed SQL migrations in drizzle/. Safe to run from several replicas at once:
 * a session-level advisory lock serialises them and drizzle skips migrations already applied.
 */
export async function migrateControlPlane(db: ControlDb, migrationsFolder = path.resolve("drizzle")) {
  const client = await db.$client.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('incident-room:migrate'))");
    await migrate(db, { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock(hashtext('incident-room:migrate'))").catch(() => {});
    client.release();
  }
}
