import pg from "pg";
import { countRows, listPublicTables } from "./counts";

export const SURVIVING_EMAILS = ["lila@thebreakco.com", "admin@thebreakco.com"] as const;

export interface ReplayedIncident {
  deletedUsers: number;
  /** When the deleting transaction started (the server's now()), ISO 8601. */
  at: string;
  rowCountsAfter: Record<string, number>;
}

/**
 * Replays the incident the way the app would have: a connection that calls itself "prisma" runs
 * one `deleteMany` on User keeping two accounts, and ON DELETE CASCADE does the rest: Talent, Deal,
 * ExternalSocialProfile and every table hanging off them end up empty.
 */
export async function replayIncident(options: { url: string }): Promise<ReplayedIncident> {
  const client = new pg.Client({ connectionString: options.url, application_name: "prisma" });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ at: Date }>("SELECT now() AS at");
    // The SQL Prisma renders for prisma.user.deleteMany({ where: { email: { notIn: [...] } } }).
    const deleted = await client.query(
      'DELETE FROM "public"."User" WHERE "public"."User"."email" NOT IN ($1,$2)',
      [...SURVIVING_EMAILS],
    );
    await client.query("COMMIT");
    const tables = await listPublicTables(client);
    return {
      deletedUsers: deleted.rowCount ?? 0,
      at: rows[0]!.at.toISOString(),
      rowCountsAfter: await countRows(client, tables),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
