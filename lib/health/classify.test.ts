import { describe, expect, it } from "vitest";
import { classifyReading, classifyTable } from "./classify";
import type { HealthReading, TableHealth } from "./types";

function table(overrides: Partial<TableHealth> = {}): TableHealth {
  return {
    name: "public.Talent",
    oid: 1000,
    relfilenode: 1000,
    rows: 1204,
    rowsExact: true,
    liveTuples: 1204,
    deadTuples: 0,
    insertedTuples: 1204,
    updatedTuples: 10,
    deletedTuples: 0,
    sizeBytes: 8192 * 20,
    lastVacuumAt: null,
    lastAnalyzeAt: "2026-01-11T15:00:00.000Z",
    lastActivityAt: "2026-01-11T15:02:00.000Z",
    kind: "table",
    ...overrides,
  };
}

function reading(
  sampledAt: string,
  tables: TableHealth[],
  statsResetAt: string | null = null,
): HealthReading {
  return { sampledAt, statsResetAt, tables };
}

describe("classifyTable", () => {
  it("is UNKNOWN without a current reading, and says what the baseline had", () => {
    const v = classifyTable(table(), [], undefined, true);
    expect(v.status).toBe("UNKNOWN");
    expect(v.reasons.join(" ")).toMatch(/unreachable/);
    expect(v.reasons.join(" ")).toMatch(/1,204/);
  });

  it("is MISSING when in the baseline but not in the database", () => {
    const v = classifyTable(table(), [], null, false);
    expect(v).toMatchObject({ status: "MISSING" });
    expect(v.reasons[0]).toBe("not in the database, had 1,204 rows at baseline");
  });

  it("is MISSING when only the expected schema knows it (the report's Campaign)", () => {
    expect(classifyTable(null, [], null, true)).toMatchObject({
      status: "MISSING",
      reasons: ["expected by the schema, not in the database"],
    });
    expect(classifyTable(undefined, [], null, true).status).toBe("MISSING");
  });

  it("is WIPED on an exact 0 when the baseline had rows", () => {
    const v = classifyTable(table(), [], table({ rows: 0, liveTuples: 0 }), true);
    expect(v.status).toBe("WIPED");
    expect(v.reasons[0]).toBe("0 rows, had 1,204 at baseline");
    expect(v.truncated).toBeUndefined();
    expect(v.recreated).toBeUndefined();
  });

  it("is WIPED on an estimate of 0 only with deletion evidence", () => {
    const base = table({ rows: 500_000, rowsExact: false, liveTuples: 500_000, deletedTuples: 0 });
    const dead = table({
      rows: 0,
      rowsExact: false,
      liveTuples: 0,
      deadTuples: 500_000,
      deletedTuples: 500_000,
    });
    expect(classifyTable(base, [], dead, true).status).toBe("WIPED");
    // After autovacuum the dead tuples are gone, but the deleted counter still tells.
    const vacuumed = { ...dead, deadTuples: 0 };
    expect(classifyTable(base, [], vacuumed, true).status).toBe("WIPED");
    // Nothing says rows were deleted: the estimate alone is not a verdict.
    const bare = table({ rows: 0, rowsExact: false, liveTuples: 0, deadTuples: 0, deletedTuples: 0 });
    const v = classifyTable(base, [], bare, true);
    expect(v.status).toBe("SHRUNK");
    expect(v.reasons[0]).toMatch(/unconfirmed/);
    expect(v.reasons[0]).toMatch(/~500,000/);
  });

  it("calls SHRUNK at exactly the threshold and not below it", () => {
    const base = table({ rows: 1000 });
    expect(classifyTable(base, [], table({ rows: 800 }), true).status).toBe("SHRUNK");
    expect(classifyTable(base, [], table({ rows: 801 }), true).status).toBe("INTACT");
    expect(classifyTable(base, [], table({ rows: 801 }), true, { shrinkThreshold: 0.1 }).status).toBe(
      "SHRUNK",
    );
    expect(classifyTable(base, [], table({ rows: 600 }), true, { shrinkThreshold: 0.5 }).status).toBe(
      "INTACT",
    );
    const v = classifyTable(base, [], table({ rows: 800 }), true);
    expect(v.reasons[0]).toBe("800 rows, had 1,000 at baseline (−20%)");
  });

  it("does not call an estimate SHRUNK on a change below the threshold", () => {
    const base = table({ rows: 100_000, rowsExact: false });
    expect(classifyTable(base, [], table({ rows: 85_000, rowsExact: false }), true).status).toBe("INTACT");
    expect(classifyTable(base, [], table({ rows: 79_000, rowsExact: false }), true).status).toBe("SHRUNK");
  });

  it("is SHRUNK against the peak of the recent window", () => {
    const v = classifyTable(table({ rows: 100 }), [table({ rows: 1000 })], table({ rows: 500 }), true);
    expect(v.status).toBe("SHRUNK");
    expect(v.reasons[0]).toBe("500 rows, had 1,000 in the recent window (−50%)");
  });

  it("is WIPED when a table that grew after the baseline empties in the window", () => {
    const v = classifyTable(null, [table({ rows: 40 })], table({ rows: 0 }), false);
    expect(v.status).toBe("WIPED");
  });

  it("is EMPTY when it never had rows", () => {
    expect(classifyTable(table({ rows: 0 }), [], table({ rows: 0 }), true)).toMatchObject({
      status: "EMPTY",
      reasons: ["0 rows, 0 at baseline"],
    });
    expect(classifyTable(undefined, [], table({ rows: 0 }), true).status).toBe("EMPTY");
    // An expected table a migration created after the baseline.
    expect(classifyTable(null, [], table({ rows: 0 }), true).status).toBe("EMPTY");
  });

  it("is NEW when not in the baseline and it has rows or was not expected", () => {
    expect(classifyTable(null, [], table({ rows: 12 }), true)).toMatchObject({
      status: "NEW",
      reasons: ["not in the baseline, 12 rows now"],
    });
    expect(classifyTable(null, [], table({ rows: 0 }), false).status).toBe("NEW");
  });

  it("is INTACT when growing, and when back at the baseline after a loss", () => {
    expect(classifyTable(table({ rows: 1000 }), [], table({ rows: 1500 }), true).status).toBe("INTACT");
    const recovered = classifyTable(
      table({ rows: 1000 }),
      [table({ rows: 0 }), table({ rows: 400 })],
      table({ rows: 1000 }),
      true,
    );
    expect(recovered.status).toBe("INTACT");
    expect(recovered.reasons[0]).toBe("1,000 rows, 1,000 at baseline (unchanged)");
  });

  it("treats counters that go down as a statistics reset, not data loss", () => {
    const base = table({ rows: 5000, rowsExact: false, insertedTuples: 9000, deletedTuples: 4000 });
    // pg_stat_reset(): counters back to 0; an n_live_tup-based estimate would read 0.
    const afterReset = table({
      rows: 0,
      rowsExact: false,
      liveTuples: 0,
      insertedTuples: 0,
      updatedTuples: 0,
      deletedTuples: 0,
    });
    const v = classifyTable(base, [], afterReset, true);
    expect(v.statsReset).toBe(true);
    expect(v.status).toBe("INTACT");
    expect(v.reasons.join(" ")).toMatch(/statistics were reset/);
    // Same rows, counters reset: flagged, still INTACT.
    const sameRows = { ...afterReset, rows: 5000 };
    expect(classifyTable(base, [], sameRows, true)).toMatchObject({ status: "INTACT", statsReset: true });
    // An exact count is still believed across a reset.
    expect(classifyTable(base, [], { ...afterReset, rowsExact: true }, true).status).toBe("WIPED");
  });

  it("does not take a partitioned parent's falling sums for a statistics reset", () => {
    const parent = (o: Partial<TableHealth>) =>
      table({ kind: "partitioned", relfilenode: 0, rowsExact: false, ...o });
    // A partition was dropped: the parent's rows and counters (sums of the partitions) both fall.
    const v = classifyTable(
      parent({ rows: 900, insertedTuples: 900 }),
      [],
      parent({ rows: 300, insertedTuples: 300 }),
      true,
    );
    expect(v.status).toBe("SHRUNK");
    expect(v.statsReset).toBeUndefined();
  });

  it("notices a TRUNCATE: same oid, new relfilenode, no rows", () => {
    const v = classifyTable(
      table(),
      [],
      table({ relfilenode: 2000, rows: 0, liveTuples: 0, rowsExact: false }),
      true,
    );
    expect(v).toMatchObject({ status: "WIPED", truncated: true });
    expect(v.reasons).toContain("truncated (same oid, new relfilenode)");
  });

  it("does not call VACUUM FULL a truncate (new relfilenode, same rows)", () => {
    const v = classifyTable(table(), [], table({ relfilenode: 2000 }), true);
    expect(v.status).toBe("INTACT");
    expect(v.truncated).toBeUndefined();
    // A VACUUM FULL long ago, then a DELETE of everything: a wipe, but not a truncate.
    const later = classifyTable(
      table(),
      [table({ relfilenode: 2000 })],
      table({ relfilenode: 2000, rows: 0 }),
      true,
    );
    expect(later).toMatchObject({ status: "WIPED" });
    expect(later.truncated).toBeUndefined();
  });

  it("keeps the truncate flag while the table stays emptied, drops it once refilled", () => {
    const history = [table({ relfilenode: 2000, rows: 0 })];
    expect(classifyTable(table(), history, table({ relfilenode: 2000, rows: 0 }), true).truncated).toBe(true);
    expect(
      classifyTable(table(), history, table({ relfilenode: 2000, rows: 1204 }), true).truncated,
    ).toBeUndefined();
  });

  it("notices a DROP + CREATE (new oid)", () => {
    const v = classifyTable(
      table(),
      [],
      table({ oid: 3000, relfilenode: 3000, rows: 0, rowsExact: false, insertedTuples: 0, updatedTuples: 0 }),
      true,
    );
    expect(v).toMatchObject({ status: "WIPED", recreated: true });
    expect(v.statsReset).toBeUndefined(); // a new table's counters start at 0: not a reset
    expect(v.reasons.join(" ")).toMatch(/oid 1000 → 3000/);
    // Recreated and refilled: intact, but still flagged.
    expect(classifyTable(table(), [], table({ oid: 3000 }), true)).toMatchObject({
      status: "INTACT",
      recreated: true,
    });
  });
});

describe("classifyReading", () => {
  const baseline = reading("2026-01-11T15:00:00.000Z", [
    table({ name: "public.User", oid: 1, relfilenode: 1, rows: 2 }),
    table({ name: "public.Talent", oid: 2, relfilenode: 2, rows: 1204 }),
    table({ name: "public.Deal", oid: 3, relfilenode: 3, rows: 310 }),
    table({ name: "public.Event", oid: 4, relfilenode: 4, rows: 90, kind: "partitioned" }),
    table({ name: "public.Event_2025", oid: 5, relfilenode: 5, rows: 90, kind: "partition" }),
    table({ name: "public.Empty", oid: 6, relfilenode: 6, rows: 0 }),
  ]);
  const current = reading("2026-01-11T15:20:00.000Z", [
    table({
      name: "public.User",
      oid: 1,
      relfilenode: 1,
      rows: 2,
      lastActivityAt: "2026-01-11T15:11:46.767Z",
    }),
    table({ name: "public.Talent", oid: 2, relfilenode: 2, rows: 0 }),
    table({ name: "public.Deal", oid: 3, relfilenode: 3, rows: 0 }),
    table({ name: "public.Event", oid: 4, relfilenode: 4, rows: 0, kind: "partitioned" }),
    table({ name: "public.Event_2025", oid: 5, relfilenode: 5, rows: 0, kind: "partition" }),
    table({ name: "public.Empty", oid: 6, relfilenode: 6, rows: 0 }),
    table({ name: "audit.Log", oid: 7, relfilenode: 7, rows: 5 }),
  ]);

  it("classifies the union of baseline, current and expected tables, most affected first", () => {
    const out = classifyReading(baseline, [], current, [
      "User",
      "Talent",
      "Deal",
      "Campaign",
      "public.Empty",
    ]);
    expect(out.reachable).toBe(true);
    expect(out.sampledAt).toBe(current.sampledAt);
    expect(out.baselineAt).toBe(baseline.sampledAt);
    expect(out.tables.map((t) => [t.name, t.status])).toEqual([
      ["public.Deal", "WIPED"],
      ["public.Event", "WIPED"],
      ["public.Event_2025", "WIPED"],
      ["public.Talent", "WIPED"],
      ["public.Campaign", "MISSING"],
      ["audit.Log", "NEW"],
      ["public.Empty", "EMPTY"],
      ["public.User", "INTACT"],
    ]);
    const user = out.tables.find((t) => t.name === "public.User")!;
    expect(user).toMatchObject({
      rows: 2,
      rowsExact: true,
      baselineRows: 2,
      lastActivityAt: "2026-01-11T15:11:46.767Z",
      expected: true,
    });
    const campaign = out.tables.find((t) => t.name === "public.Campaign")!;
    expect(campaign).toMatchObject({ rows: null, baselineRows: null, expected: true });
  });

  it("does not count partitioned parents in the summary", () => {
    const out = classifyReading(baseline, [], current, ["Campaign"]);
    expect(out.summary).toEqual({ WIPED: 3, MISSING: 1, SHRUNK: 0, UNKNOWN: 0, NEW: 1, EMPTY: 1, INTACT: 1 });
  });

  it("marks every table UNKNOWN when there is no current reading", () => {
    const out = classifyReading(baseline, [], undefined, ["Campaign"]);
    expect(out.reachable).toBe(false);
    expect(new Set(out.tables.map((t) => t.status))).toEqual(new Set(["UNKNOWN"]));
    expect(out.summary.UNKNOWN).toBe(6);
  });

  it("uses the history as the recent window and ignores a trailing copy of the current reading", () => {
    const grown = reading("2026-01-11T15:10:00.000Z", [
      table({ name: "public.User", oid: 1, relfilenode: 1, rows: 50 }),
    ]);
    const now = reading("2026-01-11T15:20:00.000Z", [
      table({ name: "public.User", oid: 1, relfilenode: 1, rows: 20 }),
    ]);
    const out = classifyReading(reading(baseline.sampledAt, [baseline.tables[0]!]), [grown, now], now, []);
    expect(out.tables[0]).toMatchObject({ name: "public.User", status: "SHRUNK", rows: 20, baselineRows: 2 });
  });

  it("without a baseline, classifies from the current reading alone", () => {
    const out = classifyReading(undefined, [], current, []);
    expect(out.baselineAt).toBeNull();
    expect(out.tables.find((t) => t.name === "public.User")?.status).toBe("INTACT");
    expect(out.tables.find((t) => t.name === "public.Talent")?.status).toBe("EMPTY");
    expect(out.summary.NEW).toBe(0);
  });
});
