import type { Csr } from "./graph";

export interface Components {
  /** Component id of each vertex. Ids are in Tarjan's emission order: a component is numbered after
   * every component it can reach, so increasing ids are a reverse topological order. */
  componentOf: Int32Array;
  /** Vertices of each component. */
  members: number[][];
  /** True when the component holds a cycle: more than one vertex, or a vertex with an edge to itself. */
  cyclic: boolean[];
}

/**
 * Tarjan's strongly connected components, iterative (an explicit stack instead of recursion), so
 * a 100,000-table chain does not overflow the call stack. O(V + E).
 */
export function stronglyConnectedComponents(graph: Csr): Components {
  const { n, offsets, targets } = graph;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callVertex = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const members: number[][] = [];
  const cyclic: boolean[] = [];
  let sp = 0;
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    const enter = (v: number) => {
      index[v] = low[v] = counter++;
      stack[sp++] = v;
      onStack[v] = 1;
      callVertex[depth] = v;
      callEdge[depth] = offsets[v]!;
      depth++;
    };
    enter(root);
    while (depth > 0) {
      const v = callVertex[depth - 1]!;
      const edge = callEdge[depth - 1]!;
      if (edge < offsets[v + 1]!) {
        callEdge[depth - 1] = edge + 1;
        const w = targets[edge]!;
        if (index[w] === -1) enter(w);
        else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      depth--;
      if (low[v] === index[v]) {
        const id = members.length;
        const component: number[] = [];
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          componentOf[w] = id;
          component.push(w);
        } while (w !== v);
        members.push(component);
        cyclic.push(component.length > 1 || hasEdge(graph, v, v));
      }
      if (depth > 0) {
        const parent = callVertex[depth - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { componentOf, members, cyclic };
}

function hasEdge(graph: Csr, from: number, to: number): boolean {
  for (let e = graph.offsets[from]!; e < graph.offsets[from + 1]!; e++)
    if (graph.targets[e] === to) return true;
  return false;
}
