import { describe, expect, it } from "vitest";
import { fastLayeredLayout, type LayoutInput } from "./fast-layout";

const W = 180;
const H = 44;

function input(nodes: string[], edges: [string, string][]): LayoutInput {
  return {
    nodes: nodes.map((id) => ({ id, width: W, height: H })),
    edges: edges.map(([source, target]) => ({ source, target })),
  };
}

function overlaps(positions: ReturnType<typeof fastLayeredLayout>): boolean {
  const boxes = Object.values(positions);
  return boxes.some((a, i) =>
    boxes.some((b, j) => j > i && Math.abs(a.x - b.x) < W && Math.abs(a.y - b.y) < H),
  );
}

describe("fastLayeredLayout", () => {
  it("places every table, parents left of their children, without overlaps", () => {
    const positions = fastLayeredLayout(
      input(
        ["User", "Talent", "Deal", "Payout", "Brand", "Lonely"],
        [
          ["User", "Talent"],
          ["Talent", "Deal"],
          ["Deal", "Payout"],
          ["Talent", "Payout"],
          ["Brand", "Deal"],
        ],
      ),
    );
    expect(Object.keys(positions).sort()).toEqual(["Brand", "Deal", "Lonely", "Payout", "Talent", "User"]);
    expect(positions.User!.x).toBeLessThan(positions.Talent!.x);
    expect(positions.Talent!.x).toBeLessThan(positions.Deal!.x);
    expect(positions.Deal!.x).toBeLessThan(positions.Payout!.x);
    expect(positions.Brand!.x).toBeLessThan(positions.Deal!.x);
    expect(overlaps(positions)).toBe(false);
  });

  it("lays out cycles and self-references instead of looping", () => {
    const positions = fastLayeredLayout(
      input(
        ["Talent", "TalentAssignment", "Deal"],
        [
          ["Talent", "TalentAssignment"],
          ["TalentAssignment", "Talent"],
          ["Deal", "Deal"],
        ],
      ),
    );
    expect(Object.keys(positions)).toHaveLength(3);
    expect(overlaps(positions)).toBe(false);
  });

  it("lays out 1,000 tables and 2,000 foreign keys with no overlaps", () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => `t${i}`);
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const edges: [string, string][] = Array.from({ length: 2000 }, () => {
      const a = Math.floor(random() * 1000);
      const b = Math.floor(random() * 1000);
      return [`t${Math.min(a, b)}`, `t${Math.max(a, b)}`];
    });
    const positions = fastLayeredLayout(input(nodes, edges));
    expect(Object.keys(positions)).toHaveLength(1000);
    for (const [source, target] of edges)
      if (source !== target) expect(positions[source]!.x).toBeLessThan(positions[target]!.x);
    expect(overlaps(positions)).toBe(false);
  });
});
