import { tableIndex, type FkGraph } from "./graph";

/**
 * Every ON DELETE CASCADE path that ends at a critical table: "deleting a row of `from` can delete
 * rows of `to` through these FKs". Used by `incident-room check` to fail a CI run. Pure.
 *
 * Paths are simple (no table twice), except that a path may start and end at the same critical
 * table when a cascade cycle or self-reference leads back to it. Enumeration stops at `maxPaths`
 * (the number of simple paths can grow exponentially) and says so.
 */
export interface CascadeStep {
  foreignKey: string;
  from: string;
  to: string;
}

export interface CascadePath {
  from: string;
  to: string;
  steps: CascadeStep[];
}

export interface CascadePathsResult {
  paths: CascadePath[];
  truncated: boolean;
}

export interface CascadePathOptions {
  /** Only paths starting at these tables (default: any table). */
  from?: string[];
  /** Stop after this many paths (default 1,000). */
  maxPaths?: number;
  /** Stop after this many search steps, found or not (default 1,000,000). */
  maxSteps?: number;
}

export function findCascadePaths(
  graph: FkGraph,
  critical: string[],
  options: CascadePathOptions = {},
): CascadePathsResult {
  const maxPaths = options.maxPaths ?? 1000;
  let stepsLeft = options.maxSteps ?? 1_000_000;
  const targets = [...new Set(critical.map((name) => tableIndex(graph, name)))];
  const sources = options.from ? new Set(options.from.map((name) => tableIndex(graph, name))) : null;
  // into[y] = the (x, fk) pairs where deleting rows of x cascades into rows of y
  const into: { from: number; fk: number }[][] = graph.tables.map(() => []);
  graph.firedBy.forEach((fks, x) => {
    for (const k of fks) {
      if (graph.foreignKeys[k]!.onDelete !== "CASCADE") continue;
      for (const y of graph.landsOn[k]!) into[y]!.push({ from: x, fk: k });
    }
  });

  const paths: CascadePath[] = [];
  let truncated = false;
  for (const target of targets) {
    // Iterative DFS backwards from the target; the stack holds the path's tables, target last.
    const path: { table: number; fk: number }[] = [{ table: target, fk: -1 }];
    const cursor: number[] = [0];
    const onPath = new Set<number>([target]);
    while (path.length > 0 && !truncated) {
      const top = path[path.length - 1]!;
      const next = cursor[cursor.length - 1]!;
      const edge = into[top.table]![next];
      if (edge === undefined) {
        path.pop();
        cursor.pop();
        onPath.delete(top.table);
        continue;
      }
      cursor[cursor.length - 1] = next + 1;
      if (--stepsLeft < 0) {
        truncated = true;
        break;
      }
      const wanted = sources === null || sources.has(edge.from);
      if (wanted && (edge.from === target || !onPath.has(edge.from))) {
        paths.push(toPath(graph, edge, path));
        if (paths.length >= maxPaths) truncated = true;
      }
      if (!onPath.has(edge.from) && edge.from !== target) {
        path.push({ table: edge.from, fk: edge.fk });
        cursor.push(0);
        onPath.add(edge.from);
      }
    }
    if (truncated) break;
  }
  paths.sort(
    (a, b) =>
      cmp(a.to, b.to) || cmp(a.from, b.from) || a.steps.length - b.steps.length || cmp(key(a), key(b)),
  );
  return { paths, truncated };
}

/** `path` runs from the newest predecessor back to the target; `edge` is one step before its top. */
function toPath(
  graph: FkGraph,
  edge: { from: number; fk: number },
  path: { table: number; fk: number }[],
): CascadePath {
  const steps: CascadeStep[] = [];
  let from = edge.from;
  let fk = edge.fk;
  for (let i = path.length - 1; i >= 0; i--) {
    const to = path[i]!.table;
    steps.push({ foreignKey: graph.foreignKeys[fk]!.name, from: graph.names[from]!, to: graph.names[to]! });
    from = to;
    fk = path[i]!.fk;
  }
  return { from: steps[0]!.from, to: steps[steps.length - 1]!.to, steps };
}

function key(path: CascadePath): string {
  return path.steps.map((s) => `${s.from}>${s.foreignKey}>${s.to}`).join("|");
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
