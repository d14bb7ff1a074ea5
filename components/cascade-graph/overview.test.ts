import { describe, expect, it } from "vitest";
import { OVERVIEW_ZOOM, roleOutline, statusFill, tableAt, toScreen } from "./overview";

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
});
