import { describe, expect, it } from "vitest";
import { tablesToMount, visibleRect } from "./viewport-culling";

const NODE = { width: 100, height: 40 };

describe("visibleRect", () => {
  it("maps a panned, zoomed viewport back to flow coordinates and grows it by the margin", () => {
    // At zoom 2, panned so that flow point (50, 100) sits at the top-left pixel.
    const rect = visibleRect({ x: -100, y: -200, zoom: 2 }, { width: 800, height: 400 }, 0);
    expect(rect).toEqual({ x: 50, y: 100, width: 400, height: 200 });
    const grown = visibleRect({ x: -100, y: -200, zoom: 2 }, { width: 800, height: 400 }, 0.5);
    expect(grown).toEqual({ x: -150, y: 0, width: 800, height: 400 });
  });
});

describe("tablesToMount", () => {
  const positions = {
    a: { x: 0, y: 0 },
    b: { x: 150, y: 0 },
    far: { x: 5000, y: 0 },
    farther: { x: 9000, y: 0 },
    edge: { x: 390, y: 0 },
  };
  const rect = { x: 0, y: 0, width: 300, height: 100 };

  it("mounts the tables whose box overlaps the rectangle, by a single unit too", () => {
    const edgeOnly = tablesToMount({ ...positions, edge: { x: 299, y: 0 } }, rect, [], NODE);
    expect([...edgeOnly].sort()).toEqual(["a", "b", "edge"]);
    expect([...tablesToMount(positions, rect, [], NODE)].sort()).toEqual(["a", "b"]);
  });

  it("adds the far end of a foreign key that leaves the view, in either direction, and no further", () => {
    const mounted = tablesToMount(
      positions,
      rect,
      [
        { source: "a", target: "far" },
        { source: "farther", target: "b" },
        { source: "far", target: "farther" },
      ],
      NODE,
    );
    expect([...mounted].sort()).toEqual(["a", "b", "far", "farther"]);
  });

  it("ignores edges to tables without a position", () => {
    expect([...tablesToMount(positions, rect, [{ source: "a", target: "gone" }], NODE)].sort()).toEqual([
      "a",
      "b",
    ]);
  });
});
