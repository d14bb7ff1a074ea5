import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, baselines, healthSamples } from "../db/schema";
import { AppError } from "../errors";
import { createControlPlane, type ControlPlane } from "./sampler-fixture";
import { currentBaseline, insertSample, pinBaseline, pinFirstBaselineIfNone, pruneSamples } from "./store";
import type { HealthReading } from "./types";

let cp: ControlPlane;
beforeAll(async () => {
  cp = await createControlPlane();
});
afterAll(async () => {
  await cp.close();
});

const reading = (at: Date, rows = 10): HealthReading => ({
  sampledAt: at.toISOString(),
  statsResetAt: null,
  tables: [
    {
      name: "public.T",
      oid: 1,
      relfilenode: 1,
      rows,
      rowsExact: true,
      liveTuples: rows,
      deadTuples: 0,
      insertedTuples: rows,
      updatedTuples: 0,
      deletedTuples: 0,
      sizeBytes: 8192,
      lastVacuumAt: null,
      lastAnalyzeAt: null,
      lastActivityAt: null,
    },
  ],
});

async function sample(targetId: string, at: Date, reachable = true) {
  return insertSample(cp.db, {
    targetId,
    sampledAt: at,
    reachable,
    error: reachable ? null : "connection refused (is the server running?)",
    reading: reachable ? reading(at) : null,
    meta: null,
  });
}

describe("baselines", () => {
  it("pins the latest reachable sample, audited with the person, and the newest pin wins", async () => {
    const t = "pin";
    const first = await sample(t, new Date("2026-01-11T15:00:00Z"));
    const second = await sample(t, new Date("2026-01-11T15:00:15Z"));
    await sample(t, new Date("2026-01-11T15:00:30Z"), false);

    expect(await pinFirstBaselineIfNone(cp.db, t, first)).toBe(true);
    expect(await pinFirstBaselineIfNone(cp.db, t, second)).toBe(false);
    expect((await currentBaseline(cp.db, t))?.sampleId).toBe(first);

    const pinned = await pinBaseline(cp.db, {
      targetId: t,
      actor: { userId: null, email: "responder@example.com" },
      reason: "Pinned from the API",
    });
    expect(pinned.sampleId).toBe(second); // the unreachable one is skipped
    expect((await currentBaseline(cp.db, t))?.sampleId).toBe(second);
    const audit = await cp.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "baseline.pin"), eq(auditEvents.targetId, t)))
      .orderBy(asc(auditEvents.id));
    expect(audit.map((a) => [a.actorEmail, a.subject])).toEqual([
      ["system:health-sampler", String(first)],
      ["responder@example.com", String(second)],
    ]);
  });

  it("refuses an unreachable sample, another target's sample, and a target with no samples — changing nothing", async () => {
    const t = "pin-bad";
    const down = await sample(t, new Date("2026-01-11T16:00:00Z"), false);
    const other = await sample("someone-else", new Date("2026-01-11T16:00:00Z"));
    const actor = { userId: null, email: "r@example.com" };
    await expect(
      pinBaseline(cp.db, { targetId: t, sampleId: down, actor, reason: "x" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      pinBaseline(cp.db, { targetId: t, sampleId: other, actor, reason: "x" }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(pinBaseline(cp.db, { targetId: "nothing-here", actor, reason: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await cp.db.select().from(baselines).where(eq(baselines.targetId, t))).toEqual([]);
  });
});

describe("retention", () => {
  it("keeps every sample of the last 48 h, one per older hour (a reachable one), and baselines forever", async () => {
    const t = "retention";
    const now = new Date("2026-03-10T12:00:00Z");
    const hour = 3_600_000;
    const ids: Record<string, number> = {};
    // Three days ago, hour 10: an unreachable sample first, then three reachable ones.
    const old = now.getTime() - 72 * hour;
    const base = Math.floor(old / hour) * hour;
    ids.downFirst = await sample(t, new Date(base + 1_000), false);
    ids.keptOld = await sample(t, new Date(base + 15_000));
    ids.dropA = await sample(t, new Date(base + 30_000));
    ids.baseline = await sample(t, new Date(base + 45_000));
    // The next hour: only unreachable samples — the first one is kept.
    ids.downKept = await sample(t, new Date(base + hour + 5_000), false);
    ids.downDrop = await sample(t, new Date(base + hour + 20_000), false);
    // Recent: all kept.
    ids.recent1 = await sample(t, new Date(now.getTime() - 47 * hour));
    ids.recent2 = await sample(t, new Date(now.getTime() - 47 * hour + 15_000));
    await cp.db.insert(baselines).values({ targetId: t, sampleId: ids.baseline, reason: "test" });

    expect(await pruneSamples(cp.db, t, now)).toBe(3);
    const left = await cp.db
      .select({ id: healthSamples.id })
      .from(healthSamples)
      .where(eq(healthSamples.targetId, t))
      .orderBy(asc(healthSamples.sampledAt));
    expect(left.map((r) => r.id)).toEqual([
      ids.keptOld,
      ids.baseline,
      ids.downKept,
      ids.recent1,
      ids.recent2,
    ]);
    expect(await pruneSamples(cp.db, t, now)).toBe(0);
  });
});
