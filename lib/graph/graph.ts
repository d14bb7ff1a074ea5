import type { Catalog, ForeignKey, Table } from "../introspect/types";

/**
 * The FK graph of a catalog, indexed for the algorithms in this folder. Pure.
 *
 * Tables are numbered 0…n-1 in catalog order. Partitioning is folded in once, here, so every
 * algorithm sees the same rule: a row of a partition is also a row of each of its ancestors, and a
 * row of a partitioned table lives in one of its partitions. Hence
 * - deleting rows of table X fires every FK whose parent is X, an ancestor of X or a descendant of X
 *   (`firedBy[X]`), and
 * - a FK's action lands on its child table and on every partition below it (`landsOn[k]`).
 */
export interface FkGraph {
  catalog: Catalog;
  tables: Table[];
  names: string[];
  indexOf: Map<string, number>;
  foreignKeys: ForeignKey[];
  /** Per FK: table index of its child and parent. */
  childOf: Int32Array;
  parentOf: Int32Array;
  /** Per table: FK indices that fire when rows of the table are deleted. */
  firedBy: number[][];
  /** Per FK: table indices that can have rows deleted or changed by the FK's action. */
  landsOn: number[][];
  /** Per table: indices of all partitions below it (any depth). */
  descendants: number[][];
  /** Per table: indices of its partitioned ancestors, nearest first. */
  ancestors: number[][];
}

/** Compressed adjacency: the neighbours of v are targets[offsets[v] … offsets[v+1]-1]. */
export interface Csr {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
}

export class UnknownTableError extends Error {
  readonly code = "UNKNOWN_TABLE";
  constructor(readonly table: string) {
    super(`unknown table "${table}"`);
    this.name = "UnknownTableError";
  }
}

export function buildGraph(catalog: Catalog): FkGraph {
  const tables = catalog.tables;
  const names = tables.map((t) => t.name);
  const indexOf = new Map(names.map((name, i) => [name, i]));
  const n = tables.length;

  const ancestors: number[][] = tables.map(() => []);
  const descendants: number[][] = tables.map(() => []);
  for (let i = 0; i < n; i++) {
    const seen = new Set<number>([i]);
    let parent = tables[i]!.partitionOf;
    while (parent !== null) {
      const p = indexOf.get(parent);
      if (p === undefined || seen.has(p)) break;
      seen.add(p);
      ancestors[i]!.push(p);
      descendants[p]!.push(i);
      parent = tables[p]!.partitionOf;
    }
  }

  const foreignKeys = catalog.foreignKeys;
  const childOf = new Int32Array(foreignKeys.length);
  const parentOf = new Int32Array(foreignKeys.length);
  const firedBy: number[][] = tables.map(() => []);
  const landsOn: number[][] = [];
  foreignKeys.forEach((fk, k) => {
    const child = indexOf.get(fk.child);
    const parent = indexOf.get(fk.parent);
    if (child === undefined) throw new UnknownTableError(fk.child);
    if (parent === undefined) throw new UnknownTableError(fk.parent);
    childOf[k] = child;
    parentOf[k] = parent;
    for (const x of [parent, ...ancestors[parent]!, ...descendants[parent]!]) firedBy[x]!.push(k);
    landsOn.push([child, ...descendants[child]!]);
  });

  return {
    catalog,
    tables,
    names,
    indexOf,
    foreignKeys,
    childOf,
    parentOf,
    firedBy,
    landsOn,
    descendants,
    ancestors,
  };
}

export function tableIndex(graph: FkGraph, name: string): number {
  const i = graph.indexOf.get(name);
  if (i === undefined) throw new UnknownTableError(name);
  return i;
}

/**
 * Table-to-table edges "deleting rows of X deletes rows of Y" (ON DELETE CASCADE), deduplicated,
 * self-loops kept (a self-referencing cascade deletes more rows of the same table).
 */
export function cascadeCsr(graph: FkGraph): Csr {
  return edgesCsr(graph.tables.length, (emit) => {
    graph.firedBy.forEach((fks, x) => {
      for (const k of fks) {
        if (graph.foreignKeys[k]!.onDelete !== "CASCADE") continue;
        for (const y of graph.landsOn[k]!) emit(x, y);
      }
    });
  });
}

/** Builds a deduplicated CSR from an edge generator. */
export function edgesCsr(n: number, generate: (emit: (from: number, to: number) => void) => void): Csr {
  const lists: number[][] = Array.from({ length: n }, () => []);
  generate((from, to) => lists[from]!.push(to));
  const offsets = new Int32Array(n + 1);
  let total = 0;
  const stamp = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    const list = lists[v]!;
    let kept = 0;
    for (const w of list) {
      if (stamp[w] === v) continue;
      stamp[w] = v;
      list[kept++] = w;
    }
    list.length = kept;
    total += kept;
    offsets[v + 1] = total;
  }
  const targets = new Int32Array(total);
  for (let v = 0; v < n; v++) targets.set(lists[v]!, offsets[v]!);
  return { n, offsets, targets };
}
