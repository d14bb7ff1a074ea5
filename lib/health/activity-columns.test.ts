import { describe, expect, it } from "vitest";
import { activityColumnCandidates, activityColumnType, activityMaxSql } from "./activity-columns";
import { rollUpPartitions } from "./roll-up";
import type { TableHealth } from "./types";

describe("activity columns", () => {
  it("prefers updated-like columns over created-like ones, whatever the spelling", () => {
    const columns = [
      { name: "id", type: "integer" },
      { name: "created_at", type: "timestamp with time zone" },
      { name: "UPDATED_AT", type: "timestamp(3) without time zone" },
      { name: "updatedAt", type: "text" }, // not a time: ignored
      { name: "birthday", type: "date" },
    ];
    expect(activityColumnCandidates(columns)).toEqual(["UPDATED_AT", "created_at"]);
    expect(activityColumnCandidates([{ name: "createdAt", type: "date" }])).toEqual(["createdAt"]);
    expect(activityColumnCandidates([{ name: "name", type: "text" }])).toEqual([]);
  });

  it("reads the types PostgreSQL prints", () => {
    expect(activityColumnType("timestamp(3) without time zone")).toBe("timestamp");
    expect(activityColumnType("timestamp without time zone")).toBe("timestamp");
    expect(activityColumnType("timestamp(6) with time zone")).toBe("timestamptz");
    expect(activityColumnType("timestamptz")).toBe("timestamptz");
    expect(activityColumnType("date")).toBe("date");
    expect(activityColumnType("interval")).toBeNull();
    // An array has no newest value that max() could read as a time.
    expect(activityColumnType("timestamp with time zone[]")).toBeNull();
    expect(activityColumnType("date[]")).toBeNull();
  });

  it("reads a timestamp without time zone as UTC", () => {
    expect(activityMaxSql('"updatedAt"', "timestamp")).toBe(`(max("updatedAt") at time zone 'UTC')`);
    expect(activityMaxSql('"d"', "date", 'only "s"."t"')).toBe(
      `((select max("d") from only "s"."t")::timestamp at time zone 'UTC')`,
    );
    expect(activityMaxSql('"at"', "timestamptz")).toBe(`max("at")`);
  });
});

describe("rollUpPartitions", () => {
  const t = (name: string, oid: number, o: Partial<TableHealth> = {}): TableHealth => ({
    name,
    oid,
    relfilenode: oid,
    rows: 0,
    rowsExact: true,
    liveTuples: 0,
    deadTuples: 0,
    insertedTuples: 0,
    updatedTuples: 0,
    deletedTuples: 0,
    sizeBytes: 0,
    lastVacuumAt: null,
    lastAnalyzeAt: null,
    lastActivityAt: null,
    kind: "table",
    ...o,
  });

  it("sums sub-partitioned trees level by level, exact only when every leaf is", () => {
    const root = t("public.events", 1, { kind: "partitioned", relfilenode: 0 });
    const mid = t("public.events_2026", 2, { kind: "partitioned", relfilenode: 0 });
    const a = t("public.events_2026_01", 3, {
      kind: "partition",
      rows: 10,
      sizeBytes: 8192,
      lastActivityAt: "2026-01-31T00:00:00.000Z",
    });
    const b = t("public.events_2026_02", 4, {
      kind: "partition",
      rows: 20,
      rowsExact: false,
      sizeBytes: 16384,
      lastActivityAt: "2026-02-28T00:00:00.000Z",
    });
    const c = t("public.events_2025", 5, { kind: "partition", rows: 5, deletedTuples: 7, sizeBytes: 8192 });
    const out = rollUpPartitions([
      { health: root, parentOid: null },
      { health: a, parentOid: 2 },
      { health: mid, parentOid: 1 },
      { health: b, parentOid: 2 },
      { health: c, parentOid: 1 },
    ]);
    expect(out.map((x) => x.name)).toEqual([
      "public.events",
      "public.events_2026_01",
      "public.events_2026",
      "public.events_2026_02",
      "public.events_2025",
    ]);
    expect(mid).toMatchObject({ rows: 30, rowsExact: false, sizeBytes: 24576, partitionOf: "public.events" });
    expect(root).toMatchObject({
      rows: 35,
      rowsExact: false,
      rowsSource: "partitions",
      deletedTuples: 7,
      lastActivityAt: "2026-02-28T00:00:00.000Z",
    });
    expect(a.partitionOf).toBe("public.events_2026");
  });

  it("gives a partitioned table without partitions 0 exact rows", () => {
    const lonely = t("public.empty_parent", 9, { kind: "partitioned", rows: 123, rowsExact: false });
    rollUpPartitions([{ health: lonely, parentOid: null }]);
    expect(lonely).toMatchObject({ rows: 0, rowsExact: true });
  });
});
