import { describe, expect, it } from "vitest";
import type { LayoutInput } from "./fast-layout";
import { ELK_MAX_NODES } from "./layout-engine";
import { INLINE_FAST_LAYOUT_MAX, requestLayout } from "./use-layout";

function chain(n: number): LayoutInput {
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, width: 190, height: 44 }));
  return { nodes, edges: nodes.slice(1).map((node, i) => ({ source: `t${i}`, target: node.id })) };
}

describe("requestLayout", () => {
  it("answers a small fast layout at once, in the same render, with every table placed", () => {
    const input = chain(ELK_MAX_NODES + 3);
    const request = requestLayout(input);
    expect(request.answer).toMatchObject({ engine: "fast", where: "main-thread", error: null });
    expect(Object.keys(request.answer!.positions!)).toHaveLength(input.nodes.length);
    expect(requestLayout(input)).toBe(request); // one request per input object
  });

  it("leaves bigger layouts and elkjs ones to later (the worker, where there is one)", async () => {
    for (const input of [chain(INLINE_FAST_LAYOUT_MAX + 1), chain(20)]) {
      const request = requestLayout(input);
      expect(request.answer).toBeNull();
      const answer = await request.done;
      expect(Object.keys(answer.positions!)).toHaveLength(input.nodes.length);
    }
  });
});
