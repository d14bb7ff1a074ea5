import type { GraphJson } from "@/lib/cli/commands/graph";
import { closureFrom } from "@/lib/graph/closure";
import { buildGraph, cascadeCsr, type Csr, type FkGraph } from "@/lib/graph/graph";
import type { CompactGraph } from "@/lib/graph/compact-graph";
import type { Catalog, ForeignKey, ReferentialAction, Table } from "@/lib/introspect/types";

export { compactGraph, type CompactGraph } from "@/lib/graph/compact-graph";

/**
 * The graph page's model of a schema, built once in the browser from the API's graph JSON. Pure.
 * Cascade closures come from the engine's own code (buildGraph + closureFrom), so the page can never
 * disagree with `incident-room graph`.
 */

export type GraphTable = GraphJson["tables"][number];
/** What the page needs of a FK (the API's JSON has more: onUpdate, deferrable, validated, indexed). */
export type GraphForeignKey = Pick<
  GraphJson["foreignKeys"][number],
  "name" | "child" | "childColumns" | "parent" | "parentColumns"
> & { onDelete: ReferentialAction };
export interface GraphData {
  tables: GraphTable[];
  foreignKeys: GraphForeignKey[];
}

export function expandGraph(compact: CompactGraph): GraphData {
  const tables = compact.t.map(([name, kind, partitionOf, primaryKey, estimatedRows]) => ({
    name,
    kind,
    partitionOf,
    primaryKey,
    estimatedRows,
  }));
  return {
    tables,
    foreignKeys: compact.f.map(([name, child, childColumns, parent, parentColumns, onDelete]) => ({
      name,
      child: tables[child]!.name,
      childColumns,
      parent: tables[parent]!.name,
      parentColumns,
      onDelete,
    })),
  };
}

export interface GraphModel {
  tables: GraphTable[];
  foreignKeys: GraphForeignKey[];
  byName: Map<string, GraphTable>;
  graph: FkGraph;
  cascade: Csr;
  /** Per table: FK indices where it is the child / the parent. */
  outgoing: Map<string, number[]>;
  incoming: Map<string, number[]>;
}

export function buildModel(data: GraphData): GraphModel {
  const catalog: Catalog = {
    serverVersion: "",
    serverVersionNum: 0,
    database: "",
    schemas: [],
    tables: data.tables.map((t, i): Table => {
      const dot = t.name.indexOf(".");
      return {
        name: t.name,
        schema: t.name.slice(0, dot),
        table: t.name.slice(dot + 1),
        oid: i,
        relfilenode: i,
        kind: t.kind,
        partitionOf: t.partitionOf,
        columns: [],
        primaryKey: t.primaryKey,
        uniqueKeys: [],
        indexLeadingColumns: [],
        estimatedRows: t.estimatedRows,
      };
    }),
    // buildGraph reads names, columns and onDelete; the rest is filler for the Catalog type.
    // Fields listed one by one: `{ ...k, onUpdate, … }` took 60–135 ms for 10,000 FKs in V8 (a
    // spread plus added keys leaves every object on a slow path); with this, all of buildModel
    // for 5,000 tables took 22–76 ms in Node.js (118–184 ms before).
    foreignKeys: data.foreignKeys.map((k, i): ForeignKey => ({
      name: k.name,
      child: k.child,
      childColumns: k.childColumns,
      parent: k.parent,
      parentColumns: k.parentColumns,
      onDelete: k.onDelete,
      onUpdate: "NO ACTION",
      onDeleteSetColumns: null,
      deferrable: false,
      initiallyDeferred: false,
      validated: true,
      indexed: true,
      oid: i,
    })),
    triggers: [],
  };
  const graph = buildGraph(catalog);
  const outgoing = new Map<string, number[]>();
  const incoming = new Map<string, number[]>();
  const append = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  data.foreignKeys.forEach((k, i) => {
    append(outgoing, k.child, i);
    append(incoming, k.parent, i);
  });
  return {
    tables: data.tables,
    foreignKeys: data.foreignKeys,
    byName: new Map(data.tables.map((t) => [t.name, t])),
    graph,
    cascade: cascadeCsr(graph),
    outgoing,
    incoming,
  };
}

/** The tables one delete of `table` can reach through CASCADE, with depth (the engine's answer). */
export function closureWithDepth(model: GraphModel, table: string): Map<string, number> {
  const i = model.graph.indexOf.get(table);
  if (i === undefined) return new Map();
  const found = closureFrom(model.cascade, i);
  return new Map([...found].map(([v, depth]) => [model.graph.names[v]!, depth]));
}

export interface CascadeTreeNode {
  table: string;
  depth: number;
  /** FK the cascade arrives through (on the shortest route), null for the root. */
  via: string | null;
  children: CascadeTreeNode[];
}

/**
 * The closure as a tree of shortest routes: every table once, under the table whose delete reaches
 * it first. Read top-down it is the list of cascade paths in words.
 */
export function cascadeTree(model: GraphModel, root: string): CascadeTreeNode {
  const depths = closureWithDepth(model, root);
  const rootNode: CascadeTreeNode = { table: root, depth: 0, via: null, children: [] };
  const placed = new Map<string, CascadeTreeNode>([[root, rootNode]]);
  const { graph } = model;
  // Breadth-first over cascade FKs, in name order, so the tree is stable.
  let frontier = [root];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const from of frontier) {
      const x = graph.indexOf.get(from)!;
      const fired = graph.firedBy[x]!.filter((k) => graph.foreignKeys[k]!.onDelete === "CASCADE")
        .flatMap((k) => graph.landsOn[k]!.map((y) => ({ k, to: graph.names[y]! })))
        .sort(
          (a, b) =>
            compare(a.to, b.to) || compare(graph.foreignKeys[a.k]!.name, graph.foreignKeys[b.k]!.name),
        );
      for (const { k, to } of fired) {
        if (placed.has(to)) continue;
        const depth = depths.get(to);
        if (depth === undefined) continue;
        const node: CascadeTreeNode = { table: to, depth, via: graph.foreignKeys[k]!.name, children: [] };
        placed.get(from)!.children.push(node);
        placed.set(to, node);
        next.push(to);
      }
    }
    frontier = next;
  }
  return rootNode;
}

/** The longest route in the tree, e.g. ["public.User", "public.Talent", "public.Deal", …]. */
export function deepestRoute(tree: CascadeTreeNode): string[] {
  let best: string[] = [tree.table];
  for (const child of tree.children) {
    const route = [tree.table, ...deepestRoute(child)];
    if (route.length > best.length) best = route;
  }
  return best;
}

/**
 * Tables within k FK hops of `center` (either direction), at most `limit` of them, nearest first.
 * With `cascadeOnly`, only CASCADE FKs are followed. k = Infinity gives the connected component.
 */
export function neighbourhood(
  model: GraphModel,
  center: string,
  k: number,
  options: { cascadeOnly?: boolean; limit?: number } = {},
): Set<string> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const seen = new Set<string>([center]);
  let frontier = [center];
  for (let hop = 0; hop < k && frontier.length > 0 && seen.size < limit; hop++) {
    const next: string[] = [];
    for (const table of frontier) {
      for (const i of [...(model.outgoing.get(table) ?? []), ...(model.incoming.get(table) ?? [])]) {
        const fk = model.foreignKeys[i]!;
        if (options.cascadeOnly && fk.onDelete !== "CASCADE") continue;
        for (const other of [fk.child, fk.parent]) {
          if (seen.has(other) || seen.size >= limit) continue;
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return seen;
}

/** The table whose delete reaches the most tables: where to start on a big schema. */
export function widestCascadeRoot(model: GraphModel): string | null {
  let best: string | null = null;
  let bestSize = 0;
  const { cascade, graph } = model;
  // Cheap first pass: out-degree in the cascade graph, then exact closure for the top few.
  const candidates = graph.names
    .map((name, v) => ({ name, degree: cascade.offsets[v + 1]! - cascade.offsets[v]! }))
    .filter((c) => c.degree > 0)
    .sort((a, b) => b.degree - a.degree || compare(a.name, b.name))
    .slice(0, 25);
  for (const c of candidates) {
    const size = closureWithDepth(model, c.name).size;
    if (size > bestSize || (size === bestSize && best !== null && c.name < best)) {
      best = c.name;
      bestSize = size;
    }
  }
  return best ?? model.tables[0]?.name ?? null;
}

export function shortName(name: string): string {
  return name.startsWith("public.") ? name.slice("public.".length) : name;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface FiredForeignKey {
  index: number;
  /** Table whose deleted rows fire the FK (the root or a table in its closure). */
  from: string;
  child: string;
  name: string;
  onDelete: ReferentialAction;
}

export interface DeleteEffectsView {
  root: string;
  /** Tables that can lose rows, with depth. */
  closure: Map<string, number>;
  /** Every FK the delete can fire, from the root or from a table in its closure. */
  fired: Set<number>;
  setNull: FiredForeignKey[];
  blockers: FiredForeignKey[];
}

/** Table-level effects of deleting one row of `root` (the row-level answer is the blast radius). */
export function deleteEffectsView(model: GraphModel, root: string): DeleteEffectsView {
  const closure = closureWithDepth(model, root);
  const { graph } = model;
  const fired = new Set<number>();
  const setNull: FiredForeignKey[] = [];
  const blockers: FiredForeignKey[] = [];
  const losing = [root, ...[...closure.keys()].filter((t) => t !== root)];
  for (const table of losing) {
    const x = graph.indexOf.get(table);
    if (x === undefined) continue;
    for (const k of graph.firedBy[x]!) {
      if (fired.has(k)) continue;
      fired.add(k);
      const fk = model.foreignKeys[k]!;
      const entry = { index: k, from: table, child: fk.child, name: fk.name, onDelete: fk.onDelete };
      if (fk.onDelete === "SET NULL" || fk.onDelete === "SET DEFAULT") setNull.push(entry);
      else if (fk.onDelete === "RESTRICT" || fk.onDelete === "NO ACTION") blockers.push(entry);
    }
  }
  const order = (a: FiredForeignKey, b: FiredForeignKey) =>
    compare(a.child, b.child) || compare(a.name, b.name);
  return { root, closure, fired, setNull: setNull.sort(order), blockers: blockers.sort(order) };
}

/** The first `max` nodes of the tree in breadth-first order (a huge closure stays readable); `omitted` counts the rest. */
export function pruneTree(tree: CascadeTreeNode, max: number): { tree: CascadeTreeNode; omitted: number } {
  const keep = new Set<CascadeTreeNode>();
  const queue = [tree];
  let total = 0;
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    total++;
    if (keep.size < max + 1) keep.add(node);
    queue.push(...node.children);
  }
  const copy = (node: CascadeTreeNode): CascadeTreeNode => ({
    ...node,
    children: node.children.filter((c) => keep.has(c)).map(copy),
  });
  return { tree: copy(tree), omitted: total - keep.size };
}
