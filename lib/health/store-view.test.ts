import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import {
  createControlPlane,
  createTargetSchema,
  makeSampler,
  readOnlyPool,
  type ControlPlane,
} from "./sampler-fixture";
import { getTargetHealth, spread } from "./store-view";

let cp: ControlPlane;
let target: ScratchDatabase;
beforeAll(async () => {
  cp = await createControlPlane();
  target = await createScratchDatabase("tg");
  await createTargetSchema(target.admin);
});
afterAll(async () => {
  await target.drop();
  await cp.close();
});

describe("the health view", () => {
  it("classifies the newest sample against the baseline, names MISSING expected tables, and keeps the last reading while unreachable", async () => {
    const spec = {
      id: "view",
      name: "View target",
      expectedTables: ["public.Campaign", "User"],
      criticalTables: ["Talent"],
    };
    const pool = readOnlyPool(target.url);
    let down = false;
    const sampler = makeSampler(
      cp.db,
      pool,
      {
        connect: async () => {
          if (down)
            throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
          const client = await pool.connect();
          return { client, release: (e) => client.release(e) };
        },
      },
      spec,
    );
    const options = { intervalSeconds: 1 };
    try {
      const empty = await getTargetHealth(cp.db, spec, options);
      expect(empty).toMatchObject({
        sampledAt: null,
        reachable: false,
        tables: [],
        baseline: null,
        stale: true,
      });

      await sampler.tickTarget("view"); // becomes the baseline
      await target.admin.query(`delete from "Talent"; delete from "User" where id > 2`);
      await sampler.tickTarget("view");
      const view = await getTargetHealth(cp.db, spec, options);
      const row = (name: string) => view.tables.find((t) => t.name === name)!;
      expect(view.reachable).toBe(true);
      expect(view.baselineAt).not.toBeNull();
      expect(row("public.Talent")).toMatchObject({
        status: "WIPED",
        rows: 0,
        rowsExact: true,
        baselineRows: 40,
      });
      expect(row("public.Deal")).toMatchObject({ status: "WIPED", rows: 0, baselineRows: 100 });
      expect(row("public.User")).toMatchObject({ status: "SHRUNK", rows: 2, baselineRows: 20 });
      expect(row("public.User").lastActivityAt).not.toBeNull();
      expect(row("public.Campaign")).toMatchObject({ status: "MISSING", rows: null, expected: true });
      expect(row("public.Empty")).toMatchObject({ status: "EMPTY" });
      // Affected first (critical ones first, then the biggest loss), and the summary counts them.
      expect(view.tables.slice(0, 2).map((t) => [t.name, t.status, t.critical])).toEqual([
        ["public.Talent", "WIPED", true],
        ["public.Deal", "WIPED", false],
      ]);
      expect(view.rowsAtBaseline).toBe(20 + 40 + 100);
      expect(view.rowsLost).toBe(18 + 40 + 100);
      expect(view.summary).toMatchObject({ WIPED: 2, MISSING: 1, SHRUNK: 1, EMPTY: 1 });
      // Sparkline: the baseline, then the sample.
      expect(view.seriesAt).toHaveLength(2);
      expect(row("public.Talent").series).toEqual([40, 0]);
      expect(view.detections).toHaveLength(1);
      expect(view.detections[0]!.tables).toEqual(["public.Deal", "public.Talent", "public.User"]);

      down = true;
      await sampler.tickTarget("view");
      const outage = await getTargetHealth(cp.db, spec, options);
      expect(outage.reachable).toBe(false);
      expect(outage.error).toBe("connection refused (is the server running?)");
      expect(outage.lastReadingAt).toBe(view.sampledAt);
      const talent = outage.tables.find((t) => t.name === "public.Talent")!;
      expect(talent).toMatchObject({
        status: "UNKNOWN",
        rows: null,
        lastKnownStatus: "WIPED",
        lastKnownRows: 0,
      });
      expect(outage.summary.UNKNOWN).toBeGreaterThan(0);
      expect(outage.lastKnownSummary).toMatchObject({ WIPED: 2, SHRUNK: 1 });

      down = false;
      await sampler.tickTarget("view");
      const back = await getTargetHealth(cp.db, spec, options);
      expect(back.reachable).toBe(true);
      expect(back.tables.find((t) => t.name === "public.Talent")).toMatchObject({ status: "WIPED", rows: 0 });
    } finally {
      await sampler.stop();
      await pool.end();
    }
  });

  it("spreads series points evenly and keeps the newest", () => {
    expect(spread([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(spread([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 3, 6, 9]);
  });
});
