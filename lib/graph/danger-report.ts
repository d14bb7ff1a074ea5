import type { Catalog, ReferentialAction, Trigger } from "../introspect/types";
import { findCascadePaths, type CascadePath } from "./cascade-paths";
import { buildGraph, type FkGraph } from "./graph";

/**
 * The danger report of a schema: where a single DELETE can take out a lot, slowly, or without a
 * trace. Pure — works on the catalog (and current row counts when the caller has them).
 *
 * - CASCADE paths that reach a critical table. Critical tables come from the target's configuration;
 *   without one, the default is the tables a cascade can reach that hold the most rows — the data a
 *   stray delete would take with it.
 * - FKs whose child columns have no index: every delete (or key update) of a parent row makes
 *   PostgreSQL scan the whole child table to cascade, null or check.
 * - Tables a cascade can empty that have no enabled Incident Room capture trigger: what a cascade
 *   deletes there cannot be rehydrated exactly.
 */

export const CAPTURE_TRIGGER_PREFIX = "incident_room_capture";
export const DEFAULT_CRITICAL_COUNT = 5;

export interface DangerReportOptions {
  /** Configured critical tables ("schema.table"); empty or absent → the default rule. */
  criticalTables?: string[];
  /** Current rows per table (e.g. from a health reading); missing tables fall back to the estimate. */
  rows?: Record<string, number>;
  /** How many tables the default rule picks. Default 5. */
  defaultCriticalCount?: number;
  /** Cap on enumerated paths (their number can grow exponentially). Default 500. */
  maxPaths?: number;
}

export interface UnindexedForeignKey {
  foreignKey: string;
  child: string;
  childColumns: string[];
  parent: string;
  onDelete: ReferentialAction;
  /** Rows PostgreSQL scans in the child for every parent row deleted. */
  childRows: number;
}

export interface UncapturedCascadeTarget {
  table: string;
  rows: number;
  /** Tables whose deletes cascade directly into this one. */
  cascadedFrom: string[];
}

export interface DangerReport {
  critical: {
    tables: string[];
    source: "configured" | "default";
    /** Configured names that are not in the schema (a typo, or a table that is gone). */
    notFound: string[];
  };
  cascadePaths: CascadePath[];
  cascadePathsTruncated: boolean;
  unindexedForeignKeys: UnindexedForeignKey[];
  uncapturedCascadeTargets: UncapturedCascadeTarget[];
  /** Tables with an enabled capture trigger. */
  capturedTables: string[];
}

export function isCaptureTrigger(trigger: Trigger): boolean {
  return trigger.enabled && trigger.name.toLowerCase().startsWith(CAPTURE_TRIGGER_PREFIX);
}

export function rowsOf(catalog: Catalog, rows: Record<string, number> | undefined): Map<string, number> {
  return new Map(catalog.tables.map((t) => [t.name, rows?.[t.name] ?? t.estimatedRows]));
}

/** For each table, the tables whose deletes cascade straight into it (partitioning folded in). */
export function cascadeParents(graph: FkGraph): Map<string, Set<string>> {
  const parents = new Map<string, Set<string>>();
  graph.firedBy.forEach((fks, x) => {
    for (const k of fks) {
      if (graph.foreignKeys[k]!.onDelete !== "CASCADE") continue;
      for (const y of graph.landsOn[k]!) {
        const name = graph.names[y]!;
        let set = parents.get(name);
        if (!set) parents.set(name, (set = new Set()));
        set.add(graph.names[x]!);
      }
    }
  });
  return parents;
}

export function defaultCriticalTables(
  graph: FkGraph,
  rows: Map<string, number>,
  count = DEFAULT_CRITICAL_COUNT,
): string[] {
  const reachable = [...cascadeParents(graph).keys()].filter(
    (name) => (rows.get(name) ?? 0) > 0 && graph.tables[graph.indexOf.get(name)!]!.kind !== "partitioned",
  );
  return reachable.sort((a, b) => (rows.get(b) ?? 0) - (rows.get(a) ?? 0) || compare(a, b)).slice(0, count);
}

export function dangerReport(catalog: Catalog, options: DangerReportOptions = {}): DangerReport {
  const graph = buildGraph(catalog);
  const rows = rowsOf(catalog, options.rows);
  const configured = options.criticalTables ?? [];
  const notFound = configured.filter((name) => !graph.indexOf.has(name));
  const critical =
    configured.length > 0
      ? configured.filter((name) => graph.indexOf.has(name))
      : defaultCriticalTables(graph, rows, options.defaultCriticalCount);

  const { paths, truncated } = findCascadePaths(graph, critical, { maxPaths: options.maxPaths ?? 500 });

  const unindexedForeignKeys: UnindexedForeignKey[] = catalog.foreignKeys
    .filter((k) => !k.indexed)
    .map((k) => ({
      foreignKey: k.name,
      child: k.child,
      childColumns: k.childColumns,
      parent: k.parent,
      onDelete: k.onDelete,
      childRows: rows.get(k.child) ?? 0,
    }))
    .sort(
      (a, b) =>
        actionWeight(a.onDelete) - actionWeight(b.onDelete) ||
        b.childRows - a.childRows ||
        compare(a.child, b.child) ||
        compare(a.foreignKey, b.foreignKey),
    );

  // A trigger on a partitioned table fires for rows of its partitions too.
  const withTrigger = new Set(catalog.triggers.filter(isCaptureTrigger).map((t) => t.table));
  const captured = new Set(
    graph.names.filter(
      (name, i) => withTrigger.has(name) || graph.ancestors[i]!.some((a) => withTrigger.has(graph.names[a]!)),
    ),
  );
  const uncapturedCascadeTargets: UncapturedCascadeTarget[] = [...cascadeParents(graph)]
    .filter(([table]) => !captured.has(table))
    .filter(([table]) => graph.tables[graph.indexOf.get(table)!]!.kind !== "partitioned")
    .map(([table, from]) => ({ table, rows: rows.get(table) ?? 0, cascadedFrom: [...from].sort(compare) }))
    .sort((a, b) => b.rows - a.rows || compare(a.table, b.table));

  return {
    critical: { tables: critical, source: configured.length > 0 ? "configured" : "default", notFound },
    cascadePaths: paths,
    cascadePathsTruncated: truncated,
    unindexedForeignKeys,
    uncapturedCascadeTargets,
    capturedTables: [...captured].sort(compare),
  };
}

/** Rules that make PostgreSQL touch child rows come first: they scan the child on every parent delete. */
function actionWeight(action: ReferentialAction): number {
  return action === "CASCADE" ? 0 : action === "SET NULL" || action === "SET DEFAULT" ? 1 : 2;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface TrimmedDangerReport extends DangerReport {
  /** Full lengths of the lists before trimming. */
  totals: { cascadePaths: number; unindexedForeignKeys: number; uncapturedCascadeTargets: number };
  /** How many entries each list was cut to. */
  shownPerList: number;
}

/** The report with each list cut to its first `n` entries (a page does not need 5,000 of them). */
export function trimDangerReport(report: DangerReport, n: number): TrimmedDangerReport {
  return {
    ...report,
    cascadePaths: report.cascadePaths.slice(0, n),
    unindexedForeignKeys: report.unindexedForeignKeys.slice(0, n),
    uncapturedCascadeTargets: report.uncapturedCascadeTargets.slice(0, n),
    totals: {
      cascadePaths: report.cascadePaths.length,
      unindexedForeignKeys: report.unindexedForeignKeys.length,
      uncapturedCascadeTargets: report.uncapturedCascadeTargets.length,
    },
    shownPerList: n,
  };
}
