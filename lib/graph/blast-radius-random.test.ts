import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectReadOnly } from "../introspect/connect";
import { introspect } from "../introspect/introspect";
import type { Catalog } from "../introspect/types";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { randomSchema, type RandomSchema } from "./blast-random-schema";
import { expectSameAsRealDelete, type Comparison } from "./blast-truth";

const SEEDS = [7, 1234, 90210];

let db: ScratchDatabase;
let reader: pg.Client;
let catalog: Catalog;
let schemas: RandomSchema[];
const all: Comparison[] = [];

beforeAll(async () => {
  db = await createScratchDatabase("blastrnd");
  schemas = SEEDS.map((seed) => randomSchema(seed));
  for (const s of schemas) await db.admin.query(s.sql);
  reader = await connectReadOnly(db.url);
  catalog = await introspect(reader);
});

afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

describe("computeBlastRadius on seeded random schemas", () => {
  it.each(SEEDS.map((seed, i) => [seed, i]))(
    "equals the real DELETE for 25 roots (seed %i)",
    async (_seed, i) => {
      const schema = schemas[i]!;
      const results = await expectSameAsRealDelete(db.admin, reader, catalog, schema.roots);
      all.push(...results);
      expect(results).toHaveLength(25);
    },
  );

  it("exercised cascades across several tables, updates, blocks and misses", () => {
    // Guards the generator: a schema that only ever produced one kind of answer would prove little.
    const wide = all.filter(
      (r) => r.ours.outcome === "deleted" && Object.keys(r.ours.rowsDeletedByTable).length >= 3,
    );
    expect(wide.length).toBeGreaterThanOrEqual(5);
    expect(
      all.filter((r) => Object.keys(r.ours.rowsUpdatedByTable).length > 0).length,
    ).toBeGreaterThanOrEqual(3);
    expect(all.filter((r) => r.ours.outcome === "blocked").length).toBeGreaterThanOrEqual(3);
    expect(all.some((r) => r.ours.outcome === "not-found")).toBe(true);
  });
});
