import { describe, expect, it } from "vitest";
import { graphJson } from "@/lib/cli/commands/graph";
import { catalogOf } from "@/lib/graph/catalog-builder";
import { buildModel, compactGraph, expandGraph } from "./model";
import { OVERVIEW_ZOOM, overviewScene, roleOutline, statusFill, tableAt, toScreen } from "./overview";

const node = { width: 190, height: 44 };
const positions = { "public.a": { x: 0, y: 0 }, "public.b": { x: 300, y: 0 }, "public.c": { x: 300, y: 20 } };
const tables = ["public.a", "public.b", "public.c"];

describe("graph overview", () => {
  it("finds the table under a point, the last drawn on top, and nothing between boxes", () => {
    expect(tableAt(positions, tables, { x: 10, y: 10 }, node)).toBe("public.a");
    // b and c overlap at y 20–44: c is drawn after b, so it is the one seen and clicked.
    expect(tableAt(positions, tables, { x: 310, y: 30 }, node)).toBe("public.c");
    expect(tableAt(positions, tables, { x: 310, y: 5 }, node)).toBe("public.b");
    expect(tableAt(positions, tables, { x: 250, y: 10 }, node)).toBeNull();
    expect(tableAt(positions, ["public.gone"], { x: 10, y: 10 }, node)).toBeNull();
  });

  it("maps flow coordinates to the screen as React Flow's transform does", () => {
    expect(toScreen({ x: 100, y: -50, zoom: 0.5 }, 200, 400)).toEqual({ x: 200, y: 150 });
  });

  it("colours a box by status like the node's border, and outlines the selection", () => {
    expect(statusFill("WIPED")).toBe("#ef4444");
    expect(statusFill("INTACT")).toBe("#10b981");
    expect(statusFill("nonsense")).toBe(statusFill("UNKNOWN"));
    expect(roleOutline("root")).not.toBeNull();
    expect(roleOutline("closure")).not.toBeNull();
    expect(roleOutline("plain")).toBeNull();
  });

  it("starts below the zoom at which a 13 px name stays readable (about 4 px)", () => {
    expect(13 * OVERVIEW_ZOOM).toBeLessThanOrEqual(4);
  });

  it("styles tables and foreign keys as the node view does, without self-references", () => {
    const catalog = catalogOf(
      ["p.user", "p.talent", "p.note"],
      [
        { name: "talent_user", child: "p.talent", parent: "p.user", onDelete: "CASCADE" },
        { name: "note_talent", child: "p.note", parent: "p.talent", onDelete: "SET NULL" },
        { name: "user_manager", child: "p.user", parent: "p.user", onDelete: "NO ACTION" },
      ],
    );
    const model = buildModel(expandGraph(compactGraph(graphJson(catalog))));
    const fk = (name: string) => model.foreignKeys.findIndex((k) => k.name === name);
    const scene = overviewScene({
      model,
      positions: { "p.user": { x: 0, y: 0 }, "p.talent": { x: 300, y: 0 }, "p.note": { x: 600, y: 0 } },
      tables: ["p.user", "p.talent", "p.note"],
      foreignKeys: model.foreignKeys.map((_, i) => i),
      nodeData: (t) => ({
        status: t === "p.talent" ? "WIPED" : "INTACT",
        role: t === "p.user" ? "root" : t === "p.talent" ? "closure" : "dimmed",
      }),
      emphasised: new Set([fk("talent_user")]),
      node,
    });
    expect(scene.tables.map((t) => [t.id, t.fill, t.outline !== null, t.dimmed])).toEqual([
      ["p.user", statusFill("INTACT"), true, false],
      ["p.talent", statusFill("WIPED"), true, false],
      ["p.note", statusFill("INTACT"), false, true],
    ]);
    // The self-reference has no line; the selected cascade's edge is wider, the other one dimmed.
    expect(scene.edges).toHaveLength(2);
    const cascade = scene.edges.find((e) => e.target === "p.talent")!;
    const setNull = scene.edges.find((e) => e.target === "p.note")!;
    expect([cascade.stroke, cascade.dimmed, cascade.width]).toEqual(["#dc2626", false, 4.5]);
    expect([setNull.stroke, setNull.dimmed]).toEqual(["#d97706", true]);
  });
});
