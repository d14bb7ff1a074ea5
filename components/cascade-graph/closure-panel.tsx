"use client";

import { formatCount } from "@/lib/format";
import {
  cascadeTree,
  deepestRoute,
  pruneTree,
  shortName,
  type CascadeTreeNode,
  type DeleteEffectsView,
  type GraphModel,
} from "./model";
import { formatRows, statusLook } from "./status";

/**
 * A closure of thousands of tables is listed in breadth-first order up to this many; the list view
 * has them all. Each listed table is a dozen elements in a box that shows about fifteen.
 */
const MAX_LISTED = 60;
/** SET NULL targets and blocking constraints named inline; the rest are counted ("and 103 more"). */
const NAMED_SHOWN = 4;
const andMore = (total: number) => (total > NAMED_SHOWN ? ` and ${total - NAMED_SHOWN} more` : "");

export interface RowsInfo {
  rows: number | null;
  exact: boolean;
  status: string;
  baselineRows: number | null;
}

/**
 * What deleting one row of the selected table does, in words: which tables the cascade reaches and
 * how deep, the route it takes to each (shortest first), what SET NULL changes, what can block it.
 */
export function ClosurePanel({
  model,
  effects,
  rowsOf,
  onSelect,
}: {
  model: GraphModel;
  effects: DeleteEffectsView;
  rowsOf: (table: string) => RowsInfo;
  onSelect: (table: string) => void;
}) {
  const fullTree = cascadeTree(model, effects.root);
  const route = deepestRoute(fullTree);
  const { tree, omitted } = pruneTree(fullTree, MAX_LISTED);
  const depth = Math.max(0, ...effects.closure.values());
  const reached = [...effects.closure.keys()].filter((t) => t !== effects.root);
  const selfCascade = effects.closure.has(effects.root);
  const rowsNow = reached.reduce((sum, t) => sum + (rowsOf(t).rows ?? 0), 0);
  const anyEstimate = reached.some((t) => !rowsOf(t).exact);
  const baselines = reached.map((t) => rowsOf(t).baselineRows).filter((n): n is number => n !== null);
  const rowsAtBaseline = baselines.length > 0 ? baselines.reduce((a, b) => a + b, 0) : null;
  const setNullTables = new Set(effects.setNull.map((f) => f.child));

  return (
    <div className="space-y-3" data-testid="closure-panel">
      <h3 className="text-base font-semibold text-slate-900">
        Deleting one <code className="rounded bg-slate-100 px-1">{shortName(effects.root)}</code> row
      </h3>
      {reached.length > 0 ? (
        <div
          className="rounded-md border-l-4 border-red-600 bg-red-50 px-3 py-2"
          data-testid="closure-summary"
        >
          <p className="font-semibold text-red-900">
            <span aria-hidden>⚠ </span>cascades into {reached.length} table{reached.length === 1 ? "" : "s"},
            up to {depth} level{depth === 1 ? "" : "s"} deep{selfCascade ? " (and back into itself)" : ""}
          </p>
          <p className="mt-1 text-red-900" data-testid="deepest-route">
            {route.map((t, i) => (
              <span key={`${t}-${i}`}>
                {i > 0 ? <span aria-hidden> → </span> : null}
                {i > 0 ? <span className="sr-only"> then </span> : null}
                <code className="font-semibold">{shortName(t)}</code>
              </span>
            ))}
            {route.length < reached.length + 1 ? " …" : ""}
          </p>
          <p className="mt-1 text-xs text-red-900">
            {anyEstimate ? "≈ " : ""}
            {formatCount(rowsNow)} rows live in those tables now
            {rowsAtBaseline !== null && rowsAtBaseline !== rowsNow
              ? ` — ${formatCount(rowsAtBaseline)} at the baseline`
              : ""}
            .
          </p>
        </div>
      ) : (
        <p className="rounded-md border-l-4 border-emerald-600 bg-emerald-50 px-3 py-2 text-emerald-900">
          <span aria-hidden>✓ </span>No ON DELETE CASCADE leaves this table: a delete removes only its own
          rows.
        </p>
      )}
      {effects.setNull.length > 0 ? (
        <p className="rounded-md border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-amber-950">
          <span aria-hidden>◐ </span>sets columns to NULL / default in {setNullTables.size} table
          {setNullTables.size === 1 ? "" : "s"}:{" "}
          {effects.setNull.slice(0, NAMED_SHOWN).map((f, i) => (
            <span key={f.index}>
              {i > 0 ? ", " : ""}
              <code>{shortName(f.child)}</code>
              <span className="text-amber-800"> ({model.foreignKeys[f.index]!.childColumns.join(", ")})</span>
            </span>
          ))}
          {andMore(effects.setNull.length)}
        </p>
      ) : null}
      {effects.blockers.length > 0 ? (
        <p className="rounded-md border-l-4 border-slate-500 bg-slate-100 px-3 py-2 text-slate-800">
          <span aria-hidden>⊗ </span>can be blocked by {effects.blockers.length} RESTRICT / NO ACTION
          constraint
          {effects.blockers.length === 1 ? "" : "s"} when referencing rows exist:{" "}
          {effects.blockers.slice(0, NAMED_SHOWN).map((f, i) => (
            <span key={f.index}>
              {i > 0 ? ", " : ""}
              <code>{f.name}</code> on {shortName(f.child)}
            </span>
          ))}
          {andMore(effects.blockers.length)}
        </p>
      ) : null}
      {reached.length > 0 ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Cascade paths</h4>
          <ul className="mt-1 max-h-72 overflow-auto pr-1 text-[13px]" data-testid="cascade-paths">
            {tree.children.map((child) => (
              <TreeItem
                key={child.table}
                node={child}
                parent={effects.root}
                rowsOf={rowsOf}
                onSelect={onSelect}
              />
            ))}
          </ul>
          {omitted > 0 ? (
            <p className="mt-1 text-xs text-slate-600">
              …and {formatCount(omitted)} more tables deeper in the cascade (the list view shows every table).
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function TreeItem({
  node,
  parent,
  rowsOf,
  onSelect,
}: {
  node: CascadeTreeNode;
  parent: string;
  rowsOf: (table: string) => RowsInfo;
  onSelect: (table: string) => void;
}) {
  const info = rowsOf(node.table);
  const look = statusLook(info.status);
  return (
    <li
      className="border-l-2 border-red-300 pl-2"
      data-testid="cascade-path"
      data-table={node.table}
      data-depth={node.depth}
    >
      <div className="flex flex-wrap items-baseline gap-x-1.5 py-0.5">
        <span aria-hidden className="text-red-600">
          →
        </span>
        <span className="sr-only">cascades from {shortName(parent)} to</span>
        <button
          type="button"
          onClick={() => onSelect(node.table)}
          className="font-mono font-semibold text-slate-900 underline-offset-2 hover:underline"
        >
          {shortName(node.table)}
        </button>
        <span className="text-xs text-slate-600 tabular-nums">
          {formatRows(info.rows, info.exact)}
          {info.baselineRows !== null && info.rows !== info.baselineRows
            ? ` (had ${formatCount(info.baselineRows)})`
            : ""}
        </span>
        <span className="text-[10px] font-bold uppercase text-slate-600">
          <span aria-hidden>{look.icon}</span> {look.word}
        </span>
      </div>
      {node.children.length > 0 ? (
        <ul className="ml-2">
          {node.children.map((child) => (
            <TreeItem
              key={child.table}
              node={child}
              parent={node.table}
              rowsOf={rowsOf}
              onSelect={onSelect}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
