import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, gt } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, detections, healthSamples, jobLeases } from "../db/schema";
import { locateBinaries } from "../embedded/binaries";
import { startCluster } from "../embedded/cluster";
import { findFreePort } from "../embedded/ports";
import type { Catalog } from "../introspect/types";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { acquireLease } from "./lease";
import { leaseName } from "./sampler";
import {
  createControlPlane,
  createTargetSchema,
  makeSampler,
  poolConnect,
  readOnlyPool,
  type ControlPlane,
} from "./sampler-fixture";
import { currentBaseline } from "./store";

let cp: ControlPlane;
beforeAll(async () => {
  cp = await createControlPlane();
});
afterAll(async () => {
  await cp.close();
});

async function samplesOf(targetId: string) {
  return cp.db
    .select()
    .from(healthSamples)
    .where(eq(healthSamples.targetId, targetId))
    .orderBy(asc(healthSamples.sampledAt));
}

async function detectionsOf(targetId: string) {
  return cp.db
    .select()
    .from(detections)
    .where(eq(detections.targetId, targetId))
    .orderBy(asc(detections.detectedAt));
}

describe("health sampler against a real target", () => {
  let target: ScratchDatabase;
  beforeAll(async () => {
    target = await createScratchDatabase("tg");
    await createTargetSchema(target.admin);
  });
  afterAll(async () => {
    await target.drop();
  });

  it("pins the first reading as baseline, detects a delete within two intervals, once, and ignores a stats reset", async () => {
    const pool = readOnlyPool(target.url);
    const id = "live";
    const sampler = makeSampler(
      cp.db,
      pool,
      { intervalMs: 1_000 },
      { id, expectedTables: [], criticalTables: [] },
    );
    sampler.start();
    try {
      await expect
        .poll(async () => (await samplesOf(id)).length, { timeout: 15_000 })
        .toBeGreaterThanOrEqual(2);
      const baseline = await currentBaseline(cp.db, id);
      expect(baseline?.reason).toMatch(/First reading/);
      const pinAudit = await cp.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "baseline.pin"), eq(auditEvents.targetId, id)));
      expect(pinAudit).toHaveLength(1);
      expect(pinAudit[0]!.actorId).toBeNull();
      expect(pinAudit[0]!.actorEmail).toBe("system:health-sampler");

      // A statistics reset between samples is not data loss.
      await target.admin.query("select pg_stat_reset()");
      const afterReset = (await target.admin.query<{ now: Date }>("select clock_timestamp() as now")).rows[0]!
        .now;
      await expect
        .poll(async () => (await samplesOf(id)).filter((s) => s.sampledAt > afterReset).length, {
          timeout: 15_000,
        })
        .toBeGreaterThanOrEqual(2);
      expect(await detectionsOf(id)).toHaveLength(0);

      // The incident: users deleted, the cascade wipes Talent and Deal; and a third of "User" goes.
      const deletedAt = (await target.admin.query<{ at: Date }>("select clock_timestamp() as at")).rows[0]!
        .at;
      await target.admin.query(`delete from "Talent"; delete from "User" where id % 3 = 0`);
      await expect.poll(async () => (await detectionsOf(id)).length, { timeout: 15_000 }).toBe(1);
      const [detection] = await detectionsOf(id);
      expect(detection!.tables).toEqual(
        expect.arrayContaining(["public.Talent", "public.Deal", "public.User"]),
      );
      expect(detection!.kinds).toEqual(expect.arrayContaining(["wiped", "shrunk"]));
      expect(detection!.kind).toBe("wiped");
      // Within two intervals: the first or second sample after the delete is the first bad one.
      const after = (await samplesOf(id)).filter((s) => s.sampledAt > deletedAt);
      const rank = after.findIndex((s) => s.sampledAt.getTime() === detection!.firstBadSampleAt.getTime());
      expect(rank).toBeGreaterThanOrEqual(0);
      expect(rank).toBeLessThan(2);
      expect(detection!.lastGoodSampleAt!.getTime()).toBeLessThanOrEqual(deletedAt.getTime());

      // The same ongoing loss does not raise a new detection at every sample.
      const seen = detection!.lastSeenAt;
      await expect
        .poll(async () => (await detectionsOf(id))[0]!.lastSeenAt.getTime(), { timeout: 15_000 })
        .toBeGreaterThan(seen.getTime());
      const rows2 = await cp.db
        .select()
        .from(healthSamples)
        .where(and(eq(healthSamples.targetId, id), gt(healthSamples.sampledAt, detection!.firstBadSampleAt)));
      expect(rows2.length).toBeGreaterThanOrEqual(1);
      expect(await detectionsOf(id)).toHaveLength(1);
      const raised = await cp.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "detection.raise"), eq(auditEvents.targetId, id)));
      expect(raised).toHaveLength(1);
    } finally {
      await sampler.stop();
      await pool.end();
    }
  });

  it("lets one of two samplers sample a target at a time, and fences a holder whose lease was taken over", async () => {
    const pool = readOnlyPool(target.url);
    const id = "leased";
    const spec = { id, expectedTables: [], criticalTables: [] };
    const a = makeSampler(cp.db, pool, { holder: "replica-a", leaseTtlMs: 60_000 }, spec);
    const b = makeSampler(cp.db, pool, { holder: "replica-b", leaseTtlMs: 60_000 }, spec);
    try {
      const outcomes = await Promise.all([a.tickTarget(id), b.tickTarget(id)]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(["not-leader", "sampled"]);
      expect(await samplesOf(id)).toHaveLength(1);
      const leader = outcomes[0]!.kind === "sampled" ? a : b;
      const follower = leader === a ? b : a;
      expect((await follower.tickTarget(id)).kind).toBe("not-leader");
      expect((await leader.tickTarget(id)).kind).toBe("sampled");
      expect(await samplesOf(id)).toHaveLength(2);

      // The leader stops: it gives the lease up, the other replica takes over at once.
      await leader.stop();
      expect((await follower.tickTarget(id)).kind).toBe("sampled");
      expect(await samplesOf(id)).toHaveLength(3);

      // A holder that stalls while its lease expires and is taken does not write its sample.
      const stalled = makeSampler(
        cp.db,
        pool,
        {
          holder: "replica-c",
          leaseTtlMs: 60_000,
          connect: async (targetId) => {
            await cp.db
              .update(jobLeases)
              .set({ expiresAt: new Date(Date.now() - 1_000) })
              .where(eq(jobLeases.name, leaseName(targetId)));
            expect(await acquireLease(cp.db, leaseName(targetId), "replica-d", 60_000)).toBe(true);
            return poolConnect(pool)(targetId);
          },
        },
        spec,
      );
      await cp.db
        .update(jobLeases)
        .set({ expiresAt: new Date(Date.now() - 1_000) })
        .where(eq(jobLeases.name, leaseName(id)));
      expect((await stalled.tickTarget(id)).kind).toBe("fenced");
      expect(await samplesOf(id)).toHaveLength(3);
      await follower.stop();
    } finally {
      await pool.end();
    }
  });
});

describe("health sampler catalog hand-off", () => {
  it("carries last activity over from its previous sample for tables not written since", async () => {
    const target = await createScratchDatabase("tg");
    // Built in a session that ends: before PostgreSQL 15 a backend sends its statistics when it exits.
    const builder = new pg.Client({ connectionString: target.url });
    await builder.connect();
    await createTargetSchema(builder).finally(() => builder.end());
    const pool = readOnlyPool(target.url);
    const spec = { id: "carry-activity", expectedTables: [], criticalTables: [] };
    // No table counted, so "User" (indexed "updatedAt") gets its last activity from a lookup.
    const sampler = makeSampler(cp.db, pool, { readOptions: { countStableTablesUpTo: 0 } }, spec);
    try {
      // The inserts' counters must have reached the statistics, or the second pass sees a "write".
      await expect
        .poll(
          async () =>
            (await pool.query(`select n_tup_ins::int as n from pg_stat_user_tables where relname = 'User'`))
              .rows[0]?.n,
          { timeout: 15_000 },
        )
        .toBe(20);
      await sampler.tickTarget(spec.id);
      await sampler.tickTarget(spec.id);
      const [first, second] = await samplesOf(spec.id);
      expect(first!.meta).toMatchObject({
        exactCounts: 0,
        activityLookups: 1,
        activityCarried: 0,
        lockedTables: 0,
      });
      expect(second!.meta).toMatchObject({ exactCounts: 0, activityLookups: 0, activityCarried: 1 });
      const user = (sample: typeof first) => sample!.reading!.tables.find((t) => t.name === "public.User");
      expect(user(second)!.lastActivityAt).not.toBeNull();
      expect(user(second)!.lastActivityAt).toBe(user(first)!.lastActivityAt);
    } finally {
      await sampler.stop();
      await pool.end();
      await target.drop();
    }
  });

  it("hands every pass's checked catalog on (the same object until DDL changes the schema) and says when a sample is stored", async () => {
    const target = await createScratchDatabase("tg");
    await createTargetSchema(target.admin);
    const pool = readOnlyPool(target.url);
    const seen: { catalog: Catalog; checkedAt: Date }[] = [];
    let sampled = 0;
    const spec = { id: "catalog-handoff", expectedTables: [], criticalTables: [] };
    const sampler = makeSampler(
      cp.db,
      pool,
      {
        onCatalog: (id, catalog, checkedAt) => id === spec.id && seen.push({ catalog, checkedAt }),
        onSampled: (id) => id === spec.id && sampled++,
      },
      spec,
    );
    try {
      await sampler.tickTarget(spec.id);
      await target.admin.query(`insert into "Deal" values (1000, 1, 5); analyze "Deal"`);
      await sampler.tickTarget(spec.id);
      expect(seen).toHaveLength(2);
      expect(seen[1]!.catalog).toBe(seen[0]!.catalog);
      expect(seen[1]!.checkedAt.getTime()).toBeGreaterThanOrEqual(seen[0]!.checkedAt.getTime());

      // The hardening swap: same constraint name, same count of constraints, another rule.
      await target.admin.query(`begin;
        alter table "Deal" drop constraint "Deal_talentId_fkey";
        alter table "Deal" add constraint "Deal_talentId_fkey" foreign key ("talentId") references "Talent" on delete restrict;
        commit;`);
      await sampler.tickTarget(spec.id);
      expect(seen).toHaveLength(3);
      expect(seen[2]!.catalog).not.toBe(seen[1]!.catalog);
      const rule = (c: Catalog) => c.foreignKeys.find((fk) => fk.name === "Deal_talentId_fkey")?.onDelete;
      expect([rule(seen[1]!.catalog), rule(seen[2]!.catalog)]).toEqual(["CASCADE", "RESTRICT"]);
      expect(sampled).toBe(3);
    } finally {
      await sampler.stop();
      await pool.end();
      await target.drop();
    }
  });
});

describe("health sampler when the target goes down", () => {
  it("stores unreachable samples with the error (no secrets) and recovers when the server is back", async () => {
    const { runAs } = locateBinaries();
    const root = mkdtempSync(path.join(os.tmpdir(), "incident-room-outage-"));
    if (runAs) rmSync(root, { recursive: true });
    const options = {
      dataDir: path.join(root, "pg"),
      port: await findFreePort(),
      superuserPassword: "s3cret-password",
      logFile: path.join(root, "postgres.log"),
      settings: { fsync: "off" },
    };
    let cluster = await startCluster(options);
    const url = cluster.superuserUrl("postgres");
    const pool = readOnlyPool(url);
    const setup = readOnlyPool(url);
    const id = "outage";
    const sampler = makeSampler(cp.db, pool, {}, { id, expectedTables: [], criticalTables: [] });
    try {
      await setup.end();
      const admin = new (await import("pg")).default.Client({ connectionString: url });
      await admin.connect();
      await createTargetSchema(admin);
      await admin.end();

      const first = await sampler.tickTarget(id);
      expect(first).toMatchObject({ kind: "sampled", reachable: true });

      await cluster.stop();
      const down = await sampler.tickTarget(id);
      expect(down).toMatchObject({ kind: "sampled", reachable: false });
      const stored = (await samplesOf(id)).at(-1)!;
      expect(stored.reachable).toBe(false);
      expect(stored.reading).toBeNull();
      expect(stored.error).toMatch(/refused|terminat|shutting down/);
      expect(stored.error).not.toContain("s3cret-password");
      expect(stored.error).not.toContain("postgres://");
      // A second tick while down does not throw either.
      expect((await sampler.tickTarget(id)).kind).toBe("sampled");

      cluster = await startCluster(options);
      const back = await sampler.tickTarget(id);
      expect(back).toMatchObject({ kind: "sampled", reachable: true });
      const latest = (await samplesOf(id)).at(-1)!;
      expect(latest.reachable).toBe(true);
      expect(latest.reading?.tables.map((t) => t.name)).toContain("public.Talent");
      // Rows unchanged across the outage: no data loss is reported.
      expect(await detectionsOf(id)).toHaveLength(0);
    } finally {
      await sampler.stop();
      await pool.end().catch(() => {});
      await cluster.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("survives a control plane that is down or restarts: the pass fails, the next one works", async () => {
    const target = await createScratchDatabase("tg");
    await createTargetSchema(target.admin);
    const pool = readOnlyPool(target.url);
    const { createControlDb } = await import("../db/client");
    const unreachable = createControlDb("postgres://nobody:x@127.0.0.1:1/none", 1);
    const spec = { id: "cp-down", expectedTables: [], criticalTables: [] };
    const lost = makeSampler(unreachable, pool, {}, spec);
    const sampler = makeSampler(cp.db, pool, {}, spec);
    try {
      const outcome = await lost.tickTarget("cp-down");
      expect(outcome.kind).toBe("failed");
      expect(outcome).toHaveProperty("error");

      expect((await sampler.tickTarget("cp-down")).kind).toBe("sampled");
      // Every control-plane connection is cut, as a restart of that server would.
      await cp.scratch.admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      );
      const outcomes = [];
      for (let i = 0; i < 3; i++) outcomes.push((await sampler.tickTarget("cp-down")).kind);
      expect(outcomes.at(-1)).toBe("sampled");
      expect((await samplesOf("cp-down")).length).toBeGreaterThanOrEqual(2);
    } finally {
      await sampler.stop();
      await unreachable.$client.end().catch(() => {});
      await pool.end();
      await target.drop();
    }
  });
});
