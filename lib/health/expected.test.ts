import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaMigrationHistory, prismaMigrationsInsert } from "../demo/migrations";
import { PRISMA_MIGRATIONS_DDL } from "../demo/schema-tables";
import { connectReadOnly } from "../introspect/connect";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { normaliseExpectedTables, readMigrationHistory, relationsMentioned } from "./expected";

describe("expected schema", () => {
  let db: ScratchDatabase;
  beforeAll(async () => {
    db = await createScratchDatabase("exp");
  });
  afterAll(async () => {
    await db.drop();
  });

  it("reads nothing from a database without a migration table", async () => {
    const client = await connectReadOnly(db.url);
    try {
      expect(await readMigrationHistory(client)).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it("reports Prisma's latest applied migration and the rolled-back one, with the relation its error names", async () => {
    const anchor = new Date("2026-01-11T15:11:46Z");
    const history = prismaMigrationHistory(anchor);
    await db.admin.query(PRISMA_MIGRATIONS_DDL);
    const insert = prismaMigrationsInsert(history);
    await db.admin.query(insert.text, insert.values);
    // A drizzle app in the same database, in drizzle's default schema.
    await db.admin.query(`
      create schema drizzle;
      create table drizzle."__drizzle_migrations" (id serial primary key, hash text not null, created_at bigint);
      insert into drizzle."__drizzle_migrations" (hash, created_at) values ('aaaa1111bbbb2222', 1767000000000), ('cccc3333dddd4444', 1768000000000);`);
    const client = await connectReadOnly(db.url);
    try {
      const found = await readMigrationHistory(client);
      const prisma = found.find((m) => m.tool === "prisma")!;
      const applied = history.filter((h) => h.finishedAt && !h.rolledBackAt);
      const latest = applied.sort((a, b) => b.finishedAt!.getTime() - a.finishedAt!.getTime())[0]!;
      expect(prisma.table).toBe("public._prisma_migrations");
      expect(prisma.applied).toBe(applied.length);
      expect(prisma.latestApplied).toEqual({
        name: latest.migrationName,
        at: latest.finishedAt!.toISOString(),
      });
      expect(prisma.rolledBack.map((m) => m.name)).toEqual([expect.stringMatching(/_add_campaign$/)]);
      expect(prisma.failed).toEqual([]);
      expect(prisma.relationsInErrors).toEqual(["Campaign"]);

      const drizzle = found.find((m) => m.tool === "drizzle")!;
      expect(drizzle).toMatchObject({ table: "drizzle.__drizzle_migrations", applied: 2 });
      expect(drizzle.latestApplied).toEqual({
        name: "migration cccc3333dddd",
        at: new Date(1768000000000).toISOString(),
      });
    } finally {
      await client.end();
    }
  });

  it("normalises configured names and finds relations in error logs", () => {
    expect(
      normaliseExpectedTables(["Campaign", " public.User ", "sales.Deal", "", "public.Campaign"]),
    ).toEqual(["public.Campaign", "public.User", "sales.Deal"]);
    expect(relationsMentioned('ERROR: column "brandId" of relation "Campaign" contains null values')).toEqual(
      ["Campaign"],
    );
    expect(relationsMentioned(null)).toEqual([]);
  });
});
