import { createHash } from "node:crypto";
import pg from "pg";
import { countRows, listPublicTables } from "./counts";

/** The accounts the cleanup script re-creates, in order: the report's "Remaining Users". */
export const RECREATED_USERS = [
  { email: "lila@thebreakco.com", name: "Lila Bennett", role: "SUPERADMIN" },
  { email: "admin@thebreakco.com", name: "Break Co Admin", role: "ADMIN" },
] as const;

export const SURVIVING_EMAILS = RECREATED_USERS.map((user) => user.email);

export interface ReplayedIncident {
  /** Users the `deleteMany({})` removed: both staff accounts. */
  deletedUsers: number;
  /** When the deleting transaction started (the server's now()), ISO 8601. */
  at: string;
  /** Emails of the accounts inserted again after the delete, in order. */
  recreatedUsers: string[];
  rowCountsAfter: Record<string, number>;
}

/**
 * A cuid-like id ("c" + time + counter + fingerprint + random, 25 characters of base 36), derived
 * from `at`, `counter` and `seed` so a replay is reproducible. Pure.
 */
export function cuidLike(at: Date, counter: number, seed: string): string {
  const time = at.getTime().toString(36).padStart(8, "0").slice(-8);
  const count = counter.toString(36).padStart(4, "0").slice(-4);
  const digest = BigInt(`0x${createHash("sha256").update(`${seed}|${at.getTime()}`).digest("hex")}`);
  const tail = digest.toString(36).padStart(12, "0").slice(-12);
  return `c${time}${count}${tail}`;
}

/**
 * Replays the incident the way the app's cleanup/seed script would have: a connection that calls
 * itself "prisma" runs `prisma.user.deleteMany({})` — one statement, its own transaction — and
 * ON DELETE CASCADE wipes Talent, Deal, ExternalSocialProfile and every table hanging off them.
 * The script then re-creates the two staff accounts with new ids and fresh timestamps, one
 * `prisma.user.create` each, which is why the report finds User "intact" at 2 rows created during
 * the incident window.
 */
export async function replayIncident(options: { url: string }): Promise<ReplayedIncident> {
  const client = new pg.Client({ connectionString: options.url, application_name: "prisma" });
  await client.connect();
  try {
    let at: Date;
    let deletedUsers: number;
    await client.query("BEGIN");
    try {
      const { rows } = await client.query<{ at: Date }>("SELECT now() AS at");
      at = rows[0]!.at;
      // The SQL Prisma renders for prisma.user.deleteMany({}).
      const deleted = await client.query('DELETE FROM "public"."User"');
      deletedUsers = deleted.rowCount ?? 0;
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }

    // Autocommit: each create is its own statement and transaction. Times are UTC like Prisma's
    // TIMESTAMP(3) columns; each account is created at least a millisecond after the one before.
    let previous: string | null = null;
    for (const [i, user] of RECREATED_USERS.entries()) {
      const created: pg.QueryResult<{ createdAt: string }> = await client.query(
        `INSERT INTO "public"."User" ("id", "email", "name", "role", "createdAt", "updatedAt")
         SELECT $1, $2, $3, $4, t, t
         FROM (SELECT greatest(now() AT TIME ZONE 'UTC', $5::timestamp + interval '1 millisecond')::timestamp(3) AS t) s
         RETURNING "createdAt"::text AS "createdAt"`,
        [cuidLike(at, i, user.email), user.email, user.name, user.role, previous],
      );
      previous = created.rows[0]!.createdAt;
    }

    const tables = await listPublicTables(client);
    return {
      deletedUsers,
      at: at.toISOString(),
      recreatedUsers: RECREATED_USERS.map((user) => user.email),
      rowCountsAfter: await countRows(client, tables),
    };
  } finally {
    await client.end();
  }
}
