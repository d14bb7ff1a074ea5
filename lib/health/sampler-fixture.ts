import pg from "pg";
import { createControlDb, type ControlDb } from "../db/client";
import { migrateControlPlane } from "../db/migrate";
import { createReadOnlyPool } from "../introspect/connect";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { HealthSampler, type SamplerOptions } from "./sampler";

/** Test fixtures for the sampler: a migrated control plane and a small target schema. */

export interface ControlPlane {
  scratch: ScratchDatabase;
  db: ControlDb;
  close(): Promise<void>;
}

export async function createControlPlane(): Promise<ControlPlane> {
  const scratch = await createScratchDatabase("cp");
  const db = createControlDb(scratch.url, 6);
  await migrateControlPlane(db);
  return {
    scratch,
    db,
    async close() {
      await db.$client.end().catch(() => {});
      await scratch.drop();
    },
  };
}

/** "User" ← "Talent" (ON DELETE CASCADE) ← "Deal", with rows. */
export async function createTargetSchema(admin: pg.Client, rows = { users: 20, talents: 40, deals: 100 }) {
  await admin.query(`
    create table "User" (id int primary key, email text not null, "updatedAt" timestamptz not null default now());
    create index on "User" ("updatedAt");
    create table "Talent" (id int primary key, "userId" int not null references "User" on delete cascade);
    create table "Deal" (id int primary key, "talentId" int references "Talent" on delete cascade, amount int);
    create table "Empty" (id int primary key);
    insert into "User" select g, 'u' || g || '@example.com' from generate_series(1, ${rows.users}) g;
    insert into "Talent" select g, 1 + (g % ${rows.users}) from generate_series(1, ${rows.talents}) g;
    insert into "Deal" select g, 1 + (g % ${rows.talents}), g from generate_series(1, ${rows.deals}) g;`);
}

/** A pool-backed `connect` for the sampler, as the server wires it. */
export function poolConnect(pool: pg.Pool): SamplerOptions["connect"] {
  return async () => {
    const client = await pool.connect();
    return { client, release: (error) => client.release(error) };
  };
}

export function readOnlyPool(url: string): pg.Pool {
  return createReadOnlyPool(url, { purpose: "health-test", max: 2 });
}

export function makeSampler(
  db: ControlDb,
  pool: pg.Pool,
  overrides: Partial<SamplerOptions> = {},
  target = { id: "t1", expectedTables: [] as string[], criticalTables: [] as string[] },
): HealthSampler {
  return new HealthSampler({
    db,
    targets: () => [target],
    connect: poolConnect(pool),
    intervalMs: 1_000,
    log: () => {},
    ...overrides,
  });
}
