/**
 * Layered (Sugiyama-style) layout in linear-ish time, for schemas too big for elkjs to lay out in
 * a few seconds (elkjs takes ~3 s for 1,000 tables on this machine; this takes tens of ms).
 * Left to right: parents (referenced tables) before children, so a cascade flows rightwards.
 * Steps: break cycles on DFS back edges, longest-path layering, barycenter ordering sweeps, then
 * coordinates, splitting very tall layers into several columns and parking unconnected tables in a
 * grid below. Pure.
 */

export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { source: string; target: string }[];
}

export type Positions = Record<string, { x: number; y: number }>;

const GAP_X = 70;
const GAP_Y = 20;
const MAX_COLUMN = 40;
const SWEEPS = 6;

export function fastLayeredLayout(input: LayoutInput): Positions {
  const n = input.nodes.length;
  const index = new Map(input.nodes.map((node, i) => [node.id, i]));
  const out: number[][] = Array.from({ length: n }, () => []);
  const inc: number[][] = Array.from({ length: n }, () => []);
  for (const e of input.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    out[s]!.push(t);
    inc[t]!.push(s);
  }
  const connected = input.nodes.map((_, i) => out[i]!.length + inc[i]!.length > 0);

  // 1. Acyclic orientation: drop DFS back edges (iterative DFS; 0 new, 1 on stack, 2 done).
  const state = new Uint8Array(n);
  const dag: number[][] = Array.from({ length: n }, () => []);
  for (let s = 0; s < n; s++) {
    if (state[s] !== 0 || !connected[s]) continue;
    const stack: [number, number][] = [[s, 0]];
    state[s] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, i] = top;
      if (i < out[v]!.length) {
        top[1] = i + 1;
        const w = out[v]![i]!;
        if (state[w] === 1) continue; // back edge: ignored for layering
        dag[v]!.push(w);
        if (state[w] === 0) {
          state[w] = 1;
          stack.push([w, 0]);
        }
      } else {
        state[v] = 2;
        stack.pop();
      }
    }
  }

  // 2. Longest-path layering (Kahn's order).
  const indegree = new Int32Array(n);
  for (let v = 0; v < n; v++) for (const w of dag[v]!) indegree[w]!++;
  const layer = new Int32Array(n);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (connected[v] && indegree[v] === 0) queue.push(v);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of dag[v]!) {
      layer[w] = Math.max(layer[w]!, layer[v]! + 1);
      if (--indegree[w]! === 0) queue.push(w);
    }
  }
  const layers: number[][] = [];
  for (const v of queue) (layers[layer[v]!] ??= []).push(v);

  // 3. Barycenter ordering, alternating downward and upward sweeps.
  const position = new Float64Array(n);
  for (const members of layers) members.forEach((v, i) => (position[v] = i));
  const neighbours = (v: number, down: boolean) => (down ? inc[v]! : out[v]!);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.keys() : [...layers.keys()].reverse();
    for (const l of order) {
      const members = layers[l]!;
      const key = new Map<number, number>();
      for (const v of members) {
        const ns = neighbours(v, down);
        key.set(v, ns.length ? ns.reduce((sum, w) => sum + position[w]!, 0) / ns.length : position[v]!);
      }
      members.sort((a, b) => key.get(a)! - key.get(b)! || position[a]! - position[b]!);
      members.forEach((v, i) => (position[v] = i));
    }
  }

  // 4. Coordinates: each layer is one or more columns of at most MAX_COLUMN tables.
  const positions: Positions = {};
  const width = Math.max(0, ...input.nodes.map((node) => node.width));
  const height = Math.max(0, ...input.nodes.map((node) => node.height));
  const tallest = Math.min(MAX_COLUMN, Math.max(0, ...layers.map((m) => m.length)));
  let x = 0;
  for (const members of layers) {
    const columns = Math.ceil(members.length / MAX_COLUMN);
    for (let c = 0; c < columns; c++) {
      const slice = members.slice(c * MAX_COLUMN, (c + 1) * MAX_COLUMN);
      const offset = ((tallest - slice.length) * (height + GAP_Y)) / 2;
      slice.forEach((v, i) => (positions[input.nodes[v]!.id] = { x, y: offset + i * (height + GAP_Y) }));
      x += width + (c === columns - 1 ? GAP_X : GAP_X / 3);
    }
  }

  // Unconnected tables: a grid under the graph.
  const loose = input.nodes.filter((_, i) => !connected[i]);
  const perRow = Math.max(4, Math.ceil(Math.sqrt(loose.length * 3)));
  const top = tallest * (height + GAP_Y) + (tallest > 0 ? height * 2 : 0);
  loose.forEach((node, i) => {
    positions[node.id] = {
      x: (i % perRow) * (width + GAP_Y),
      y: top + Math.floor(i / perRow) * (height + GAP_Y),
    };
  });
  return positions;
}
