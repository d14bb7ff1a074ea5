import { describe, expect, it } from "vitest";
import type { Catalog, Trigger } from "../introspect/types";
import { catalogOf } from "./catalog-builder";
import { dangerReport, isCaptureTrigger, trimDangerReport } from "./danger-report";

/** user → talent → deal → payment (CASCADE), note → deal (SET NULL), audit → user (RESTRICT). */
function schema(): Catalog {
  const catalog = catalogOf(
    ["p.user", "p.talent", "p.deal", "p.payment", "p.note", "p.audit", "p.tag"],
    [
      { child: "p.talent", parent: "p.user", onDelete: "CASCADE", name: "talent_user_fkey" },
      { child: "p.deal", parent: "p.talent", onDelete: "CASCADE", name: "deal_talent_fkey" },
      { child: "p.payment", parent: "p.deal", onDelete: "CASCADE", name: "payment_deal_fkey" },
      { child: "p.note", parent: "p.deal", onDelete: "SET NULL", name: "note_deal_fkey" },
      { child: "p.audit", parent: "p.user", onDelete: "RESTRICT", name: "audit_user_fkey" },
    ],
  );
  const rows: Record<string, number> = {
    "p.user": 10,
    "p.talent": 50,
    "p.deal": 400,
    "p.payment": 900,
    "p.note": 5000,
    "p.audit": 7,
    "p.tag": 100_000,
  };
  for (const t of catalog.tables) t.estimatedRows = rows[t.name] ?? 0;
  // Only deal_talent_fkey and note_deal_fkey have an index on their child columns.
  for (const k of catalog.foreignKeys)
    k.indexed = k.name === "deal_talent_fkey" || k.name === "note_deal_fkey";
  return catalog;
}

const trigger = (table: string, name: string, enabled = true): Trigger => ({
  name,
  table,
  enabled,
  events: ["DELETE", "UPDATE", "TRUNCATE"],
  timing: "AFTER",
  level: "ROW",
  functionName: "incident_room.capture",
});

describe("dangerReport", () => {
  it("lists every CASCADE path into configured critical tables, in words a CI log can show", () => {
    const report = dangerReport(schema(), { criticalTables: ["p.deal", "p.nope"] });
    expect(report.critical).toEqual({ tables: ["p.deal"], source: "configured", notFound: ["p.nope"] });
    expect(report.cascadePaths.map((p) => p.steps.map((s) => `${s.from}>${s.to}`).join(" "))).toEqual([
      "p.talent>p.deal",
      "p.user>p.talent p.talent>p.deal",
    ]);
    expect(report.cascadePathsTruncated).toBe(false);
  });

  it("defaults to the cascade-reachable tables holding the most rows (never a table no cascade reaches)", () => {
    const report = dangerReport(schema(), { defaultCriticalCount: 2 });
    // p.tag and p.note hold more rows, but no cascade reaches them.
    expect(report.critical).toEqual({ tables: ["p.payment", "p.deal"], source: "default", notFound: [] });
    expect(report.cascadePaths.length).toBe(5); // payment: 3 paths, deal: 2
  });

  it("prefers current row counts over estimates when given", () => {
    const report = dangerReport(schema(), { defaultCriticalCount: 1, rows: { "p.talent": 1_000_000 } });
    expect(report.critical.tables).toEqual(["p.talent"]);
  });

  it("flags FKs without an index on the child, cascading ones first, and counts what each parent delete scans", () => {
    const report = dangerReport(schema());
    expect(report.unindexedForeignKeys.map((k) => [k.foreignKey, k.onDelete, k.childRows])).toEqual([
      ["payment_deal_fkey", "CASCADE", 900],
      ["talent_user_fkey", "CASCADE", 50],
      ["audit_user_fkey", "RESTRICT", 7],
    ]);
  });

  it("reports every cascade target without an enabled capture trigger — all of them when none is installed", () => {
    const catalog = schema();
    expect(dangerReport(catalog).uncapturedCascadeTargets).toEqual([
      { table: "p.payment", rows: 900, cascadedFrom: ["p.deal"] },
      { table: "p.deal", rows: 400, cascadedFrom: ["p.talent"] },
      { table: "p.talent", rows: 50, cascadedFrom: ["p.user"] },
    ]);
    catalog.triggers = [
      trigger("p.deal", "incident_room_capture_row"),
      trigger("p.payment", "incident_room_capture_row", false), // disabled: does not count
      trigger("p.talent", "audit_talent"), // someone else's trigger
    ];
    const report = dangerReport(catalog);
    expect(report.capturedTables).toEqual(["p.deal"]);
    expect(report.uncapturedCascadeTargets.map((t) => t.table)).toEqual(["p.payment", "p.talent"]);
  });

  it("counts a capture trigger on a partitioned table for its partitions", () => {
    const catalog = catalogOf(
      ["p.user", { name: "p.event", kind: "partitioned" }, { name: "p.event_2026", partitionOf: "p.event" }],
      [{ child: "p.event", parent: "p.user", onDelete: "CASCADE" }],
    );
    expect(dangerReport(catalog).uncapturedCascadeTargets.map((t) => t.table)).toEqual(["p.event_2026"]);
    catalog.triggers = [trigger("p.event", "incident_room_capture")];
    expect(dangerReport(catalog).uncapturedCascadeTargets).toEqual([]);
  });

  it("recognises capture triggers by name and enabled state", () => {
    expect(isCaptureTrigger(trigger("p.x", "Incident_Room_Capture_del"))).toBe(true);
    expect(isCaptureTrigger(trigger("p.x", "incident_room_capture", false))).toBe(false);
    expect(isCaptureTrigger(trigger("p.x", "capture_incident_room"))).toBe(false);
  });

  it("trims each list for a page and keeps the full counts", () => {
    const trimmed = trimDangerReport(dangerReport(schema()), 1);
    expect(trimmed.uncapturedCascadeTargets.map((t) => t.table)).toEqual(["p.payment"]);
    expect(trimmed.unindexedForeignKeys).toHaveLength(1);
    expect(trimmed.totals).toEqual({ cascadePaths: 6, unindexedForeignKeys: 3, uncapturedCascadeTargets: 3 });
  });
});
