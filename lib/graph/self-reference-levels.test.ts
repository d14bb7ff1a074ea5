import { describe, expect, it } from "vitest";
import { selfReferenceLevels } from "./self-reference-levels";

describe("selfReferenceLevels", () => {
  it("puts roots first, then each level of children, and returns row cycles apart", () => {
    const rows = [
      { id: "c", parent: "b" },
      { id: "a", parent: null },
      { id: "b", parent: "a" },
      { id: "x", parent: "elsewhere" }, // parent not restored: must exist already
      { id: "self", parent: "self" },
      { id: "p", parent: "q" },
      { id: "q", parent: "p" },
      { id: "d", parent: "a" },
    ];
    const { levels, cyclic } = selfReferenceLevels(
      rows,
      (r) => r.id,
      (r) => r.parent,
    );
    expect(levels.map((level) => level.map((r) => r.id))).toEqual([["a", "x", "self"], ["b", "d"], ["c"]]);
    expect(cyclic.map((r) => r.id)).toEqual(["p", "q"]);
  });
});
