import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

/** The control-plane database: one pool per process, created on first use. */

export type ControlDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export function createControlDb(url: string, max = 10): ControlDb {
  const pool = new pg.Pool({ connectionString: url, max, application_name: "incident-room/control" });
  pool.on("error", (error) => console.error("[control-plane] idle client error:", error.message));
  return drizzle(pool, { schema });
}

const globalForDb = globalThis as unknown as { incidentRoomDb?: ControlDb };

/** The process-wide control-plane client (survives Next's dev-mode module reloads). */
export function getDb(): ControlDb {
  if (!globalForDb.incidentRoomDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    globalForDb.incidentRoomDb = createControlDb(url);
  }
  return globalForDb.incidentRoomDb;
}
