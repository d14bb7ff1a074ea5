import { describe, expect, it } from "vitest";
import { arrowMarkerId, arrowMarkerIds, edgeLook, edgeWidth } from "./edge-look";

describe("edge look", () => {
  it("draws a marker for the arrowhead of every edge the graph can show", () => {
    const drawn = new Set(arrowMarkerIds());
    for (const rule of ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"])
      for (const emphasised of [false, true]) {
        const look = edgeLook(rule);
        expect(drawn.has(arrowMarkerId(look.stroke, edgeWidth(look, emphasised)))).toBe(true);
      }
  });

  it("widens only an emphasised CASCADE edge", () => {
    expect(edgeWidth(edgeLook("CASCADE"), true)).toBeGreaterThan(edgeWidth(edgeLook("CASCADE"), false));
    expect(edgeWidth(edgeLook("SET NULL"), true)).toBe(edgeWidth(edgeLook("SET NULL"), false));
  });
});
