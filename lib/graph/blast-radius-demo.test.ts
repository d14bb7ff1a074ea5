import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectReadOnly } from "../introspect/connect";
import { introspect } from "../introspect/introspect";
import type { Catalog } from "../introspect/types";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { DEMO_LIKE_ROOTS, DEMO_LIKE_SQL } from "./blast-demo-fixture";
import { computeBlastRadius } from "./blast-radius";
import { expectSameAsRealDelete } from "./blast-truth";

let db: ScratchDatabase;
let reader: pg.Client;
let catalog: Catalog;

beforeAll(async () => {
  db = await createScratchDatabase("blastdemo");
  await db.admin.query(DEMO_LIKE_SQL);
  reader = await connectReadOnly(db.url);
  catalog = await introspect(reader);
});

afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

describe("computeBlastRadius on a demo-like Prisma schema", () => {
  it("equals the real DELETE for several users and other roots", async () => {
    const results = await expectSameAsRealDelete(db.admin, reader, catalog, DEMO_LIKE_ROOTS);
    const u1 = results[0]!.ours;
    // u1 is a talent with deals, invited every other user, and wrote comments on others' deals.
    expect(u1.rowsDeletedByTable).toMatchObject({ "public.User": 1, "public.Talent": 1, "public.Deal": 5 });
    expect(u1.rowsUpdatedByTable["public.User"]).toBe(11);
    const brand = results.find((r) => r.root.table === "public.Brand")!.ours;
    expect(brand.blockedBy).toEqual([{ constraint: "Deal_brandId_fkey", table: "public.Deal" }]);
    expect(results.find((r) => r.root.key.id === "nobody")!.ours.outcome).toBe("not-found");
  });

  it("reports how long one user delete takes to compute (cold and with rules cached)", async () => {
    // Measured, not asserted: timing thresholds do not belong in tests (see the benchmark).
    const fresh = await introspect(reader);
    const cold = await computeBlastRadius(reader, fresh, { table: "public.User", key: { id: "u3" } });
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      warm.push(
        (await computeBlastRadius(reader, fresh, { table: "public.User", key: { id: "u3" } })).elapsedMs,
      );
    }
    console.info(`blast radius of User u3: cold ${cold.elapsedMs} ms, cached rules ${warm.join(" / ")} ms`);
    expect(cold.outcome).toBe("deleted");
  });
});
