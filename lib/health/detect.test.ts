import { describe, expect, it } from "vitest";
import { detectDataLoss } from "./classify";
import type { HealthReading, TableHealth } from "./types";

function table(name: string, overrides: Partial<TableHealth> = {}): TableHealth {
  return {
    name,
    oid: 100,
    relfilenode: 100,
    rows: 1000,
    rowsExact: true,
    liveTuples: 1000,
    deadTuples: 0,
    insertedTuples: 1000,
    updatedTuples: 0,
    deletedTuples: 0,
    sizeBytes: 65536,
    lastVacuumAt: null,
    lastAnalyzeAt: null,
    lastActivityAt: null,
    ...overrides,
  };
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 11, 15, minute)).toISOString();
const sample = (minute: number, ...tables: TableHealth[]): HealthReading => ({
  sampledAt: at(minute),
  statsResetAt: null,
  tables,
});

const talent = (o: Partial<TableHealth> = {}) => table("public.Talent", { oid: 1, relfilenode: 1, ...o });
const deal = (o: Partial<TableHealth> = {}) =>
  table("public.Deal", { oid: 2, relfilenode: 2, rows: 300, ...o });
const user = (o: Partial<TableHealth> = {}) =>
  table("public.User", { oid: 3, relfilenode: 3, rows: 2, ...o });

describe("detectDataLoss", () => {
  it("finds nothing while tables hold or grow", () => {
    const baseline = sample(0, talent(), deal(), user());
    expect(
      detectDataLoss(baseline, [
        sample(1, talent(), deal({ rows: 400 }), user()),
        sample(2, talent(), deal({ rows: 420 }), user()),
      ]),
    ).toEqual([]);
  });

  it("groups tables lost in the same sample and dates the window by the first bad sample", () => {
    const baseline = sample(0, talent(), deal(), user());
    const gone = { rows: 0, liveTuples: 0, deadTuples: 0 };
    const detections = detectDataLoss(baseline, [
      sample(1, talent(), deal(), user()),
      sample(2, talent(gone), deal(gone), user()),
      sample(3, talent(gone), deal(gone), user()),
    ]);
    expect(detections).toHaveLength(1);
    const [d] = detections;
    expect(d).toMatchObject({
      firstBadSampleAt: at(2),
      lastGoodSampleAt: at(1),
      tables: ["public.Deal", "public.Talent"],
      ongoing: true,
    });
    expect(d!.findings.find((f) => f.table === "public.Talent")).toMatchObject({
      kinds: ["wiped"],
      rowsBefore: 1000,
      rowsAfter: 0,
      reasons: ["0 rows, had 1,000 at baseline"],
    });
    expect(d!.id).toMatch(/^dl-[0-9a-f]{8}$/);
    // The same samples give the same id (the sampler stores detections by id).
    expect(
      detectDataLoss(baseline, [
        sample(1, talent(), deal(), user()),
        sample(2, talent(gone), deal(gone), user()),
      ])[0]!.id,
    ).toBe(d!.id);
  });

  it("uses the baseline as the last good sample when the first sample is already bad", () => {
    const [d] = detectDataLoss(sample(0, talent()), [sample(5, talent({ rows: 0 }))]);
    expect(d).toMatchObject({ firstBadSampleAt: at(5), lastGoodSampleAt: at(0) });
  });

  it("separates losses that begin in different samples", () => {
    const baseline = sample(0, talent(), deal());
    const detections = detectDataLoss(baseline, [
      sample(1, talent({ rows: 0 }), deal()),
      sample(2, talent({ rows: 0 }), deal({ rows: 100 })),
    ]);
    expect(detections.map((d) => [d.firstBadSampleAt, d.tables])).toEqual([
      [at(1), ["public.Talent"]],
      [at(2), ["public.Deal"]],
    ]);
    expect(detections[1]!.findings[0]!.kinds).toEqual(["shrunk"]);
  });

  it("ends an episode on recovery and starts a new one on a later loss", () => {
    const baseline = sample(0, talent());
    const detections = detectDataLoss(baseline, [
      sample(1, talent({ rows: 0 })),
      sample(2, talent({ rows: 1000 })),
      sample(3, talent({ rows: 500 })),
    ]);
    expect(detections.map((d) => [d.firstBadSampleAt, d.ongoing])).toEqual([
      [at(1), false],
      [at(3), true],
    ]);
  });

  it("applies the threshold at its edge", () => {
    const baseline = sample(0, talent());
    expect(detectDataLoss(baseline, [sample(1, talent({ rows: 800 }))])).toHaveLength(1);
    expect(detectDataLoss(baseline, [sample(1, talent({ rows: 801 }))])).toHaveLength(0);
    expect(
      detectDataLoss(baseline, [sample(1, talent({ rows: 801 }))], { shrinkThreshold: 0.1 }),
    ).toHaveLength(1);
  });

  it("does not take a statistics reset for data loss", () => {
    const baseline = sample(
      0,
      talent({ rows: 50_000, rowsExact: false, insertedTuples: 80_000, deletedTuples: 30_000 }),
    );
    const reset = { insertedTuples: 0, updatedTuples: 0, deletedTuples: 0, liveTuples: 0 };
    // Same estimate, counters back to zero: nothing.
    expect(
      detectDataLoss(baseline, [sample(1, talent({ rows: 50_000, rowsExact: false, ...reset }))]),
    ).toEqual([]);
    // An n_live_tup estimate of 0 read across the reset is not trusted either.
    expect(detectDataLoss(baseline, [sample(1, talent({ rows: 0, rowsExact: false, ...reset }))])).toEqual(
      [],
    );
  });

  it("sees a jump in deleted tuples while the row estimate is still stale", () => {
    const big = { rows: 2_000_000, rowsExact: false, insertedTuples: 2_000_000 };
    const baseline = sample(0, talent(big));
    const [d] = detectDataLoss(baseline, [
      sample(1, talent(big)),
      sample(2, talent({ ...big, deletedTuples: 900_000, deadTuples: 900_000 })),
    ]);
    expect(d).toMatchObject({ firstBadSampleAt: at(2), tables: ["public.Talent"] });
    expect(d!.findings[0]!.kinds).toEqual(["deleted-jump"]);
    expect(d!.findings[0]!.reasons[0]).toMatch(/900,000 tuples deleted/);
  });

  it("does not take queue churn (deletes matched by inserts) for a jump", () => {
    const baseline = sample(0, talent({ rows: 100, insertedTuples: 5000, deletedTuples: 4900 }));
    expect(
      detectDataLoss(baseline, [sample(1, talent({ rows: 100, insertedTuples: 9000, deletedTuples: 8900 }))]),
    ).toEqual([]);
  });

  it("notices a TRUNCATE and a DROP + CREATE", () => {
    const baseline = sample(0, talent(), deal());
    const [d] = detectDataLoss(baseline, [
      sample(
        1,
        talent({ relfilenode: 50, rows: 0, rowsExact: false, liveTuples: 0 }),
        deal({ oid: 60, relfilenode: 60, rows: 0, rowsExact: false, insertedTuples: 0 }),
      ),
    ]);
    expect(d!.findings.find((f) => f.table === "public.Talent")!.kinds).toEqual(["truncated", "wiped"]);
    expect(d!.findings.find((f) => f.table === "public.Deal")!.kinds).toEqual(["recreated", "wiped"]);
  });

  it("reports a dropped table until it comes back", () => {
    const baseline = sample(0, talent(), user());
    const back = talent({ oid: 9, relfilenode: 9 });
    const detections = detectDataLoss(baseline, [
      sample(1, user()),
      sample(2, user()),
      sample(3, back, user()),
      sample(4, back, user()),
    ]);
    expect(detections).toHaveLength(1);
    expect(detections[0]).toMatchObject({
      firstBadSampleAt: at(1),
      tables: ["public.Talent"],
      ongoing: false,
    });
    expect(detections[0]!.findings[0]!.kinds).toEqual(["dropped", "recreated"]);
  });

  it("compares with the peak of the recent window, not only the baseline", () => {
    const baseline = sample(0, talent({ rows: 100 }));
    const samples = [sample(10, talent({ rows: 1000 })), sample(11, talent({ rows: 500 }))];
    const [d] = detectDataLoss(baseline, samples);
    expect(d).toMatchObject({ firstBadSampleAt: at(11) });
    expect(d!.findings[0]!.reasons[0]).toBe("500 rows, had 1,000 in the recent window (−50%)");
    // A peak older than the window no longer counts.
    const later = [sample(10, talent({ rows: 1000 })), sample(40, talent({ rows: 500 }))];
    expect(detectDataLoss(baseline, later)).toEqual([]);
  });
});
