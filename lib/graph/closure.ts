import { cascadeCsr, tableIndex, type Csr, type FkGraph } from "./graph";
import { stronglyConnectedComponents } from "./scc";

/**
 * Cascade closure: for every table, the tables that can lose rows when one of its rows is deleted,
 * each with its depth (the fewest ON DELETE CASCADE hops that reach it). A table is in its own
 * closure only when a cascade cycle (or self-reference) leads back to it.
 *
 * Stored flat in typed arrays: the closure of table v is targets/depths[start[v] … start[v]+length[v]-1],
 * in no particular order (see `closureOf` for a sorted view).
 */
export interface CascadeClosure {
  names: string[];
  start: Int32Array;
  length: Int32Array;
  targets: Int32Array;
  depths: Int32Array;
}

export interface ClosureEntry {
  table: string;
  depth: number;
}

/**
 * Computes the closure of every table, sharing work between tables: the cascade graph is condensed
 * into strongly connected components, which Tarjan emits children first. A table outside any cycle
 * then merges its children's finished closures (depth + 1, keeping the minimum) instead of walking
 * the graph again; only tables inside a cascade cycle run their own breadth-first search.
 */
export function computeCascadeClosure(graph: FkGraph): CascadeClosure {
  const csr = cascadeCsr(graph);
  const { n, offsets, targets: edges } = csr;
  const { members, cyclic } = stronglyConnectedComponents(csr);
  const start = new Int32Array(n);
  const length = new Int32Array(n);
  const out = new GrowableBuffer(Math.max(16, edges.length * 4));
  const stamp = new Int32Array(n).fill(-1);
  const dist = new Int32Array(n);
  const found: number[] = [];
  const reached = new Int32Array(n);
  const queue = new Int32Array(n);

  members.forEach((component, c) => {
    for (const s of component) {
      let count: number;
      if (cyclic[c]) {
        found.length = 0;
        breadthFirst(csr, s, stamp, dist, queue, found);
        count = found.length;
        for (let i = 0; i < count; i++) reached[i] = found[i]!;
      } else {
        // Merge the children's finished closures; the hot loop, so written out by hand.
        count = 0;
        const targets = out.targets;
        const depths = out.depths;
        for (let e = offsets[s]!; e < offsets[s + 1]!; e++) {
          const child = edges[e]!;
          if (stamp[child] !== s) {
            stamp[child] = s;
            dist[child] = 1;
            reached[count++] = child;
          } else dist[child] = 1;
          const to = start[child]! + length[child]!;
          for (let i = start[child]!; i < to; i++) {
            const t = targets[i]!;
            const d = depths[i]! + 1;
            if (stamp[t] !== s) {
              stamp[t] = s;
              dist[t] = d;
              reached[count++] = t;
            } else if (d < dist[t]!) dist[t] = d;
          }
        }
      }
      out.reserve(count);
      start[s] = out.size;
      length[s] = count;
      for (let i = 0; i < count; i++) {
        const t = reached[i]!;
        out.targets[out.size] = t;
        out.depths[out.size++] = dist[t]!;
      }
    }
  });
  return { names: graph.names, start, length, targets: out.targets, depths: out.depths };
}

/**
 * The same answer with one breadth-first search per table and no sharing: the reference that
 * tests and the benchmark compare `computeCascadeClosure` with.
 */
export function computeCascadeClosureByBfs(graph: FkGraph): CascadeClosure {
  const csr = cascadeCsr(graph);
  const n = csr.n;
  const start = new Int32Array(n);
  const length = new Int32Array(n);
  const out = new GrowableBuffer(Math.max(16, csr.targets.length * 4));
  const stamp = new Int32Array(n).fill(-1);
  const dist = new Int32Array(n);
  const queue = new Int32Array(n);
  const found: number[] = [];
  for (let s = 0; s < n; s++) {
    found.length = 0;
    breadthFirst(csr, s, stamp, dist, queue, found);
    start[s] = out.size;
    length[s] = found.length;
    for (const t of found) out.push(t, dist[t]!);
  }
  return { names: graph.names, start, length, targets: out.targets, depths: out.depths };
}

/** The closure of one table by breadth-first search. */
export function closureFrom(csr: Csr, source: number): Map<number, number> {
  const stamp = new Int32Array(csr.n).fill(-1);
  const dist = new Int32Array(csr.n);
  const found: number[] = [];
  breadthFirst(csr, source, stamp, dist, new Int32Array(csr.n), found);
  return new Map(found.map((t) => [t, dist[t]!]));
}

function breadthFirst(
  csr: Csr,
  s: number,
  stamp: Int32Array,
  dist: Int32Array,
  queue: Int32Array,
  found: number[],
) {
  // The source is not marked up front: it joins its own closure only if a cycle leads back to it.
  let head = 0;
  let tail = 0;
  const visit = (t: number, d: number) => {
    if (stamp[t] === s) return;
    stamp[t] = s;
    dist[t] = d;
    found.push(t);
    queue[tail++] = t;
  };
  for (let e = csr.offsets[s]!; e < csr.offsets[s + 1]!; e++) visit(csr.targets[e]!, 1);
  while (head < tail) {
    const v = queue[head++]!;
    for (let e = csr.offsets[v]!; e < csr.offsets[v + 1]!; e++) visit(csr.targets[e]!, dist[v]! + 1);
  }
}

/** The closure of one table, sorted by depth, then name. */
export function closureOf(closure: CascadeClosure, graph: FkGraph, table: string): ClosureEntry[] {
  return entriesOf(closure, tableIndex(graph, table));
}

function entriesOf(closure: CascadeClosure, v: number): ClosureEntry[] {
  const entries: ClosureEntry[] = [];
  const from = closure.start[v]!;
  for (let i = from; i < from + closure.length[v]!; i++) {
    entries.push({ table: closure.names[closure.targets[i]!]!, depth: closure.depths[i]! });
  }
  return entries.sort((a, b) => a.depth - b.depth || (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
}

/** `{ "schema.table": ["schema.other", …] }` for every table, each list by depth then name. */
export function closureByName(closure: CascadeClosure): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  closure.names.forEach((name, v) => {
    result[name] = entriesOf(closure, v).map((e) => e.table);
  });
  return result;
}

class GrowableBuffer {
  targets: Int32Array;
  depths: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.targets = new Int32Array(capacity);
    this.depths = new Int32Array(capacity);
  }
  /** Makes room for `extra` more entries. */
  reserve(extra: number) {
    if (this.size + extra <= this.targets.length) return;
    const capacity = Math.max(this.targets.length * 2, this.size + extra);
    const targets = new Int32Array(capacity);
    const depths = new Int32Array(capacity);
    targets.set(this.targets.subarray(0, this.size));
    depths.set(this.depths.subarray(0, this.size));
    this.targets = targets;
    this.depths = depths;
  }
  push(target: number, depth: number) {
    this.reserve(1);
    this.targets[this.size] = target;
    this.depths[this.size] = depth;
    this.size++;
  }
}
