import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../db/schema";
import { listDetections, recordDetections, updateDetectionStatus } from "./detections";
import { createControlPlane, type ControlPlane } from "./sampler-fixture";
import type { DataLossDetection, DataLossKind } from "./types";

let cp: ControlPlane;
beforeAll(async () => {
  cp = await createControlPlane();
});
afterAll(async () => {
  await cp.close();
});

const found = (
  id: string,
  firstBad: string,
  tables: Array<[string, DataLossKind]>,
  ongoing = true,
): DataLossDetection => ({
  id,
  firstBadSampleAt: firstBad,
  lastGoodSampleAt: "2026-01-11T15:11:46.000Z",
  tables: tables.map(([t]) => t).sort(),
  findings: tables.map(([table, kind]) => ({
    table,
    kinds: [kind],
    rowsBefore: 100,
    rowsAfter: 0,
    reasons: [],
  })),
  ongoing,
});

describe("stored detections", () => {
  it("raise once per episode, merge tables that join the ongoing loss, clear when it is over", async () => {
    const t = "dedupe";
    const s1 = new Date("2026-01-11T15:12:01Z");
    const first = found("dl-a", s1.toISOString(), [
      ["public.Talent", "wiped"],
      ["public.Deal", "wiped"],
    ]);
    expect((await recordDetections(cp.db, t, [first], s1)).created).toHaveLength(1);

    // The next samples report the same loss (the detector's id may change as the window slides).
    const s2 = new Date("2026-01-11T15:12:16Z");
    const again = found("dl-b", s2.toISOString(), [
      ["public.Talent", "wiped"],
      ["public.Payment", "truncated"],
    ]);
    const second = await recordDetections(cp.db, t, [again], s2);
    expect(second).toMatchObject({ created: [], updated: 1, cleared: 0 });
    const [merged] = await listDetections(cp.db, { targetId: t });
    expect(merged!.tables).toEqual(["public.Deal", "public.Payment", "public.Talent"]);
    expect(merged!.kind).toBe("truncated");
    expect(merged!.firstBadSampleAt.toISOString()).toBe(s1.toISOString());
    expect(merged!.lastSeenAt.toISOString()).toBe(s2.toISOString());

    // A detection that is not ongoing any more does not raise anything; the stored one clears.
    const s3 = new Date("2026-01-11T15:20:00Z");
    expect(await recordDetections(cp.db, t, [{ ...again, ongoing: false }], s3)).toMatchObject({
      created: [],
      cleared: 1,
    });
    expect(await listDetections(cp.db, { targetId: t, openOnly: true })).toEqual([]);

    // A later, unrelated loss is a new detection.
    const s4 = new Date("2026-01-11T16:00:00Z");
    const later = found("dl-c", s4.toISOString(), [["public.User", "shrunk"]]);
    expect((await recordDetections(cp.db, t, [later], s4)).created).toHaveLength(1);
    expect(await listDetections(cp.db, { targetId: t })).toHaveLength(2);
    const raised = await cp.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "detection.raise"), eq(auditEvents.targetId, t)));
    expect(raised).toHaveLength(2);
  });

  it("dismissing is audited and removes the detection from the open ones without clearing it", async () => {
    const t = "dismiss";
    const at = new Date("2026-01-11T15:12:01Z");
    const {
      created: [d],
    } = await recordDetections(cp.db, t, [found("dl-x", at.toISOString(), [["public.Deal", "shrunk"]])], at);
    expect(await listDetections(cp.db, { targetId: t, openOnly: true })).toHaveLength(1);
    const dismissed = await updateDetectionStatus(cp.db, d!.id, "dismiss", {
      userId: null,
      email: "r@example.com",
    });
    expect(dismissed.dismissedAt).not.toBeNull();
    expect(await listDetections(cp.db, { targetId: t, openOnly: true })).toEqual([]);
    // Still ongoing: the next sample merges into it instead of raising it again.
    const later = new Date("2026-01-11T15:12:16Z");
    const outcome = await recordDetections(
      cp.db,
      t,
      [found("dl-y", later.toISOString(), [["public.Deal", "shrunk"]])],
      later,
    );
    expect(outcome.created).toEqual([]);
    const audit = await cp.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "detection.dismiss"), eq(auditEvents.subject, d!.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorEmail).toBe("r@example.com");
  });
});
