import { edgesCsr, type FkGraph } from "./graph";
import { stronglyConnectedComponents } from "./scc";

/**
 * The order in which to insert rows when restoring: every table after the tables it references.
 * Cycles cannot be ordered; each one gets an explicit, explained strategy, chosen per FK:
 *   1. "defer": the FK is DEFERRABLE → SET CONSTRAINTS … DEFERRED, checked at COMMIT;
 *   2. "null-then-update": its columns are nullable → insert them as NULL, UPDATE them afterwards;
 *   3. "disable-triggers": neither → session_replication_role = replica, then verify before COMMIT.
 * Within a cycle, the order is chosen to need the mildest strategies: first break the cycle on
 * deferrable FKs only, else on deferrable or nullable FKs, else force it.
 * Self-references are not cycles between tables: their rows go in level by level (see
 * self-reference-levels.ts), or in any order when the FK is deferrable.
 */
export interface InsertOrder {
  /** Every table, parents first. */
  order: string[];
  /** The same order grouped: one table per step, or the tables of one cycle with how to break it. */
  steps: InsertStep[];
  selfReferences: SelfReference[];
}

export interface InsertStep {
  tables: string[];
  cycle: CycleBreak | null;
}

export type CycleStrategy =
  "defer-constraints" | "null-then-update" | "defer-and-null-then-update" | "disable-triggers";

export interface BrokenEdge {
  foreignKey: string;
  child: string;
  parent: string;
  columns: string[];
  how: "defer" | "null-then-update" | "disable-triggers";
}

export interface CycleBreak {
  strategy: CycleStrategy;
  broken: BrokenEdge[];
  explanation: string;
}

export interface SelfReference {
  table: string;
  foreignKey: string;
  columns: string[];
  strategy: "levels" | "defer";
  explanation: string;
}

interface Edge {
  from: number;
  to: number;
  fk: number;
}

export function computeInsertOrder(graph: FkGraph): InsertOrder {
  const n = graph.tables.length;
  const edges: Edge[] = [];
  const selfRefs = new Map<number, SelfReference>();
  graph.foreignKeys.forEach((fk, k) => {
    const parent = graph.parentOf[k]!;
    for (const from of [parent, ...graph.descendants[parent]!]) {
      for (const to of graph.landsOn[k]!) {
        if (from !== to) edges.push({ from, to, fk: k });
        else if (!selfRefs.has(k)) selfRefs.set(k, selfReference(graph, k));
      }
    }
  });
  const csr = edgesCsr(n, (emit) => edges.forEach((e) => emit(e.from, e.to)));
  const { componentOf, members } = stronglyConnectedComponents(csr);

  // Kahn's algorithm over the condensation, alphabetical among the ready ones, for a stable answer.
  const rank = rankByName(graph.names);
  const componentRank = members.map((m) => Math.min(...m.map((v) => rank[v]!)));
  const indegree = new Int32Array(members.length);
  const next: Set<number>[] = members.map(() => new Set());
  for (const e of edges) {
    const a = componentOf[e.from]!;
    const b = componentOf[e.to]!;
    if (a !== b && !next[a]!.has(b)) {
      next[a]!.add(b);
      indegree[b]!++;
    }
  }
  const ready = new MinHeap((c) => componentRank[c]!);
  indegree.forEach((d, c) => d === 0 && ready.push(c));
  const steps: InsertStep[] = [];
  while (ready.size > 0) {
    const c = ready.pop();
    const component = members[c]!;
    if (component.length === 1) steps.push({ tables: [graph.names[component[0]!]!], cycle: null });
    else steps.push(breakCycle(graph, component, edges, componentOf, c, rank));
    for (const d of next[c]!) if (--indegree[d]! === 0) ready.push(d);
  }
  return {
    order: steps.flatMap((s) => s.tables),
    steps,
    selfReferences: [...selfRefs.values()].sort(
      (a, b) => cmp(a.table, b.table) || cmp(a.foreignKey, b.foreignKey),
    ),
  };
}

function breakCycle(
  graph: FkGraph,
  component: number[],
  allEdges: Edge[],
  componentOf: Int32Array,
  c: number,
  rank: Int32Array,
): InsertStep {
  const edges = allEdges.filter((e) => componentOf[e.from] === c && componentOf[e.to] === c);
  const deferrable = (e: Edge) => graph.foreignKeys[e.fk]!.deferrable;
  const nullable = (e: Edge) => {
    const fk = graph.foreignKeys[e.fk]!;
    const child = graph.tables[graph.childOf[e.fk]!]!;
    return fk.childColumns.every(
      (name) => child.columns.find((col) => col.name === name)?.nullable !== false,
    );
  };
  const order =
    orderIgnoring(component, edges, rank, deferrable, false) ??
    orderIgnoring(component, edges, rank, (e) => deferrable(e) || nullable(e), false) ??
    orderIgnoring(component, edges, rank, () => false, true)!;
  const position = new Map(order.map((v, i) => [v, i]));
  const broken = new Map<number, BrokenEdge>();
  for (const e of edges) {
    if (position.get(e.from)! < position.get(e.to)! || broken.has(e.fk)) continue;
    const fk = graph.foreignKeys[e.fk]!;
    const how = deferrable(e) ? "defer" : nullable(e) ? "null-then-update" : "disable-triggers";
    broken.set(e.fk, {
      foreignKey: fk.name,
      child: fk.child,
      parent: fk.parent,
      columns: fk.childColumns,
      how,
    });
  }
  const list = [...broken.values()].sort((a, b) => cmp(a.foreignKey, b.foreignKey));
  const tables = order.map((v) => graph.names[v]!);
  return { tables, cycle: { ...describeStrategy(list, tables) } };
}

function describeStrategy(broken: BrokenEdge[], tables: string[]): CycleBreak {
  const hows = new Set(broken.map((b) => b.how));
  const names = (how: BrokenEdge["how"]) =>
    broken
      .filter((b) => b.how === how)
      .map((b) => `${b.foreignKey} (${b.child})`)
      .join(", ");
  const inOrder = `Insert ${tables.join(", ")} in this order, in one transaction.`;
  const parts = [inOrder];
  if (hows.has("defer"))
    parts.push(
      `Run SET CONSTRAINTS … DEFERRED for ${names("defer")} first: they are DEFERRABLE and are checked at COMMIT, when every row is in.`,
    );
  if (hows.has("null-then-update"))
    parts.push(
      `Insert the columns of ${names("null-then-update")} as NULL, then UPDATE them to their saved values once the referenced rows are in.`,
    );
  if (hows.has("disable-triggers"))
    parts.push(
      `${names("disable-triggers")} are NOT NULL and not deferrable, so no order satisfies them: insert with SET LOCAL session_replication_role = replica (needs superuser; FK triggers do not fire) and check these FKs with an anti-join before COMMIT.`,
    );
  const strategy: CycleStrategy = hows.has("disable-triggers")
    ? "disable-triggers"
    : hows.has("defer") && hows.has("null-then-update")
      ? "defer-and-null-then-update"
      : hows.has("null-then-update")
        ? "null-then-update"
        : "defer-constraints";
  return { strategy, broken, explanation: parts.join(" ") };
}

/** Topological order of one cycle's tables with some edges ignored; null if a cycle remains, unless forced. */
function orderIgnoring(
  component: number[],
  edges: Edge[],
  rank: Int32Array,
  ignore: (e: Edge) => boolean,
  force: boolean,
): number[] | null {
  const local = new Map(component.map((v, i) => [v, i]));
  const waiting = new Int32Array(component.length);
  const out: number[][] = component.map(() => []);
  for (const e of edges) {
    if (ignore(e)) continue;
    waiting[local.get(e.to)!]!++;
    out[local.get(e.from)!]!.push(local.get(e.to)!);
  }
  const placed = new Uint8Array(component.length);
  const ready = new MinHeap((i) => rank[component[i]!]!);
  waiting.forEach((w, i) => w === 0 && ready.push(i));
  const order: number[] = [];
  while (order.length < component.length) {
    let pick: number;
    if (ready.size > 0) pick = ready.pop();
    else if (!force) return null;
    else {
      // stuck on a cycle of hard edges: take the table waiting on the fewest others
      pick = -1;
      for (let i = 0; i < component.length; i++) {
        if (placed[i]) continue;
        if (
          pick < 0 ||
          waiting[i]! < waiting[pick]! ||
          (waiting[i] === waiting[pick] && rank[component[i]!]! < rank[component[pick]!]!)
        )
          pick = i;
      }
    }
    if (placed[pick]) continue;
    placed[pick] = 1;
    order.push(component[pick]!);
    for (const j of out[pick]!) if (--waiting[j]! === 0 && !placed[j]) ready.push(j);
  }
  return order;
}

function selfReference(graph: FkGraph, k: number): SelfReference {
  const fk = graph.foreignKeys[k]!;
  const table = graph.names[graph.childOf[k]!]!;
  const columns = fk.childColumns;
  if (fk.deferrable) {
    return {
      table,
      foreignKey: fk.name,
      columns,
      strategy: "defer",
      explanation: `${fk.name} is DEFERRABLE: SET CONSTRAINTS ${fk.name} DEFERRED and insert the rows in any order.`,
    };
  }
  return {
    table,
    foreignKey: fk.name,
    columns,
    strategy: "levels",
    explanation: `Insert ${table} level by level: first rows whose (${columns.join(", ")}) is NULL or points to a row already present, then the rows that reference those, and so on.`,
  };
}

function rankByName(names: string[]): Int32Array {
  const rank = new Int32Array(names.length);
  names
    .map((name, i) => [name, i] as const)
    .sort((a, b) => cmp(a[0], b[0]))
    .forEach(([, i], r) => (rank[i] = r));
  return rank;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A binary min-heap of numbers by a key. */
class MinHeap {
  private items: number[] = [];
  constructor(private key: (item: number) => number) {}
  get size() {
    return this.items.length;
  }
  push(item: number) {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key(a[p]!) <= this.key(a[i]!)) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.key(a[l]!) < this.key(a[m]!)) m = l;
        if (r < a.length && this.key(a[r]!) < this.key(a[m]!)) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
