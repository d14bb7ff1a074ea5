import { describe, expect, it } from "vitest";
import type { Positions } from "./fast-layout";
import { BIG_GRAPH, framedTables, OPENING_NODES, OPENING_SELECTION } from "./framing";

/** `n` tables in one row, 100 apart, named t0…t(n-1), with the root `r` at x = 0. */
function row(n: number): Positions {
  const positions: Positions = { r: { x: 0, y: 0 } };
  for (let i = 0; i < n; i++) positions[`t${i}`] = { x: (i + 1) * 100, y: 0 };
  return positions;
}

describe("framedTables", () => {
  it("frames a selection's whole cascade when it is small enough to read", () => {
    const positions = row(OPENING_NODES);
    const fitTo = ["r", ...Object.keys(positions).filter((id) => id !== "r")];
    expect(framedTables(positions, fitTo, 50)).toEqual(fitTo);
  });

  it("frames a big cascade's root and the tables laid out nearest it, whatever their depth order", () => {
    const positions = row(150);
    // Breadth-first order puts far tables first: the framing must not follow it.
    const fitTo = [
      "r",
      ...Object.keys(positions)
        .filter((id) => id !== "r")
        .reverse(),
    ];
    const framed = framedTables(positions, fitTo, 200);
    expect(framed).toHaveLength(OPENING_SELECTION + 1);
    expect(framed[0]).toBe("r");
    expect(new Set(framed.slice(1))).toEqual(
      new Set(Array.from({ length: OPENING_SELECTION }, (_, i) => `t${i}`)),
    );
  });

  it("skips selected tables that are not laid out, and frames everything without a root", () => {
    const positions = row(3);
    expect(framedTables(positions, ["r", "gone", "t1"], 4)).toEqual(["r", "t1"]);
    expect(framedTables(positions, ["gone"], 4)).toEqual([]);
  });

  it("frames all of a small graph, and a big graph's leftmost tables", () => {
    expect(framedTables(row(10), [], 11)).toEqual([]);
    const big = row(BIG_GRAPH + 10);
    const framed = framedTables(big, [], BIG_GRAPH + 11);
    expect(framed).toHaveLength(OPENING_NODES);
    expect(framed[0]).toBe("r");
    expect(framed.at(-1)).toBe(`t${OPENING_NODES - 2}`);
  });
});
