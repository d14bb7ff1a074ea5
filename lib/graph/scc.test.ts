import { describe, expect, it } from "vitest";
import { edgesCsr } from "./graph";
import { stronglyConnectedComponents } from "./scc";

function csrOf(n: number, edges: [number, number][]) {
  return edgesCsr(n, (emit) => edges.forEach(([a, b]) => emit(a, b)));
}

describe("stronglyConnectedComponents", () => {
  it("finds cycles, self-loops and singletons", () => {
    // 0→1→2→0 is a cycle, 3 has a self-loop, 4 is alone, 2→3→4
    const result = stronglyConnectedComponents(
      csrOf(5, [
        [0, 1],
        [1, 2],
        [2, 0],
        [2, 3],
        [3, 3],
        [3, 4],
      ]),
    );
    const components = result.members.map((m, i) => ({ members: [...m].sort(), cyclic: result.cyclic[i] }));
    // emitted children first: 4, then 3, then the 0-1-2 cycle
    expect(components).toEqual([
      { members: [4], cyclic: false },
      { members: [3], cyclic: true },
      { members: [0, 1, 2], cyclic: true },
    ]);
    expect(result.componentOf[0]).toBe(result.componentOf[2]);
  });

  it("emits every component after the components it reaches (reverse topological order)", () => {
    const edges: [number, number][] = [];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 600; i++) edges.push([Math.floor(random() * 200), Math.floor(random() * 200)]);
    const csr = csrOf(200, edges);
    const { componentOf } = stronglyConnectedComponents(csr);
    for (const [a, b] of edges) expect(componentOf[a]!).toBeGreaterThanOrEqual(componentOf[b]!);
  });

  it("handles a 200,000-table cycle and chain without recursion limits", () => {
    const n = 200_000;
    const cycle = edgesCsr(n, (emit) => {
      for (let i = 0; i < n; i++) emit(i, (i + 1) % n);
    });
    expect(stronglyConnectedComponents(cycle).members).toHaveLength(1);
    const chain = edgesCsr(n, (emit) => {
      for (let i = 0; i + 1 < n; i++) emit(i, i + 1);
    });
    const result = stronglyConnectedComponents(chain);
    expect(result.members).toHaveLength(n);
    expect(result.members[0]).toEqual([n - 1]);
    expect(result.cyclic.some(Boolean)).toBe(false);
  });
});
