import { eq } from "drizzle-orm";
import pg from "pg";
import { createApiToken } from "../../lib/auth/api-tokens";
import { createAuth } from "../../lib/auth/auth";
import { createUserAccount } from "../../lib/auth/users";
import { appendAudit } from "../../lib/audit/chain";
import type { ControlDb } from "../../lib/db/client";
import { baselines, healthSamples, users } from "../../lib/db/schema";
import type { HealthReading } from "../../lib/health/types";
import type { DemoState } from "./state";

/** Control-plane side of the demo: database, demo accounts with API tokens, the pinned baseline. */

export async function ensureDatabase(superuserUrl: string, database: string) {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** Creates any demo account that does not exist yet, each with an API token of its role. */
export async function ensureDemoAccounts(db: ControlDb, state: DemoState, secret: string, baseUrl: string) {
  const auth = createAuth({ db, secret, baseUrl });
  for (const account of state.accounts) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    const userId =
      existing?.id ??
      (
        await createUserAccount(auth, db, null, {
          email: account.email,
          name: `Demo ${account.role}`,
          role: account.role,
          password: account.password,
        })
      ).id;
    if (!account.apiToken) {
      const { token } = await createApiToken(db, null, {
        name: `demo-${account.role}`,
        role: account.role,
        userId,
      });
      account.apiToken = token;
    }
  }
}

/** Stores a health reading as a sample and pins it as the target's baseline. */
export async function pinBaseline(db: ControlDb, targetId: string, reading: HealthReading, reason: string) {
  await db.transaction(async (tx) => {
    const [sample] = await tx
      .insert(healthSamples)
      .values({ targetId, sampledAt: new Date(reading.sampledAt), reachable: true, reading })
      .returning({ id: healthSamples.id });
    await tx.insert(baselines).values({ targetId, sampleId: sample!.id, reason });
    await appendAudit(tx, {
      actorId: null,
      actorEmail: "demo",
      action: "baseline.pin",
      targetId,
      subject: String(sample!.id),
      details: { reason, tables: reading.tables.length },
    });
  });
}
