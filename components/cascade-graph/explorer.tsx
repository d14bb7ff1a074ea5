"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { BlastRadiusResult } from "@/lib/graph/blast-radius-types";
import type { TrimmedDangerReport } from "@/lib/graph/danger-report";
import { Card } from "@/components/ui/card";
import { BlastExplorer } from "./blast-explorer";
import { ClosurePanel, type RowsInfo } from "./closure-panel";
import { DangerReportCard } from "./danger-report-card";
import { GraphCanvas } from "./graph-canvas";
import { HardeningPanel, type GenerateHardening } from "./hardening-panel";
import { Legend } from "./legend";
import {
  buildModel,
  deleteEffectsView,
  neighbourhood,
  shortName,
  widestCascadeRoot,
  expandGraph,
  type CompactGraph,
} from "./model";
import type { TableNodeData } from "./table-node";
import { TableList } from "./table-list";
import { Toolbar, type ViewMode } from "./toolbar";
import { useGraphData } from "./use-graph-data";
import { useHealth } from "./use-health";

/** Above this many tables the page opens in focus mode (a k-hop neighbourhood) instead of drawing everything. */
export const FOCUS_MODE_THRESHOLD = 1500;
/** Focus mode never draws more than this many tables. */
const FOCUS_LIMIT = 400;
const SEP = "\u0000";

export interface ExplorerProps {
  targetId: string;
  danger: TrimmedDangerReport;
  canExplore: boolean;
  role: string;
  initialTable: string | null;
  initialView?: ViewMode;
  generateHardening: GenerateHardening;
}

/**
 * Client-only: the page's HTML carries no graph; the browser fetches it (preloaded while the
 * scripts load), so a 5,000-table schema costs the server no rendering and the browser no
 * hydration of a big tree.
 */
export function CascadeGraphExplorer(props: ExplorerProps) {
  const graph = useGraphData(props.targetId);
  if (graph.error)
    return (
      <div className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900" role="alert">
        <p className="font-semibold">The cascade graph could not be loaded.</p>
        <p className="mt-1">{graph.error.message}</p>
        <button
          type="button"
          className="mt-2 rounded-md border border-red-300 bg-white px-3 py-1 font-medium hover:bg-red-100"
          onClick={() => void graph.refetch()}
        >
          Try again
        </button>
      </div>
    );
  if (!graph.data)
    return (
      <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-600" role="status">
        Loading the cascade graph (tables and foreign keys)…
      </p>
    );
  return <Explorer {...props} graph={graph.data} />;
}

function Explorer({
  targetId,
  graph,
  danger,
  canExplore,
  role,
  initialTable,
  initialView = "graph",
  generateHardening,
}: ExplorerProps & { graph: CompactGraph }) {
  const data = useMemo(() => expandGraph(graph), [graph]);
  const model = useMemo(() => buildModel(data), [data]);
  const big = data.tables.length > FOCUS_MODE_THRESHOLD;
  const [selected, setSelected] = useState<string | null>(() =>
    initialTable && model.byName.has(initialTable) ? initialTable : big ? widestCascadeRoot(model) : null,
  );
  const [focus, setFocus] = useState<{ center: string; hops: number } | null>(() =>
    big && selected ? { center: selected, hops: 2 } : null,
  );
  const [view, setView] = useState<ViewMode>(initialView);
  const [cascadeOnly, setCascadeOnly] = useState(false);
  const [blast, setBlast] = useState<BlastRadiusResult | null>(null);
  const health = useHealth(targetId);
  const critical = useMemo(() => new Set(danger.critical.tables), [danger]);

  const select = useCallback((table: string | null) => {
    setSelected(table);
    setBlast(null);
    if (table) setFocus((f) => (f ? { ...f, center: table } : f));
  }, []);

  useEffect(() => {
    const url = new URL(window.location.href);
    if (selected) url.searchParams.set("table", selected);
    else url.searchParams.delete("table");
    window.history.replaceState(window.history.state, "", url);
  }, [selected]);

  const effects = useMemo(() => (selected ? deleteEffectsView(model, selected) : null), [model, selected]);

  const visibleKey = useMemo(() => {
    let names: string[];
    if (focus) {
      const around = neighbourhood(model, focus.center, focus.hops, { cascadeOnly, limit: FOCUS_LIMIT });
      if (effects) for (const t of effects.closure.keys()) if (around.size < FOCUS_LIMIT) around.add(t);
      names = data.tables.map((t) => t.name).filter((n) => around.has(n));
    } else {
      names = data.tables.map((t) => t.name);
    }
    if (cascadeOnly) {
      names = names.filter(
        (n) =>
          n === selected ||
          (model.incoming.get(n) ?? []).some((i) => model.foreignKeys[i]!.onDelete === "CASCADE") ||
          (model.outgoing.get(n) ?? []).some((i) => model.foreignKeys[i]!.onDelete === "CASCADE"),
      );
    }
    return names.join(SEP);
  }, [model, data, focus, cascadeOnly, effects, selected]);
  // Joined into a key so that an unchanged set keeps its identity (no new layout on selection).
  const visibleTables = useMemo(() => (visibleKey ? visibleKey.split(SEP) : []), [visibleKey]);

  const visibleFks = useMemo(() => {
    const shown = new Set(visibleTables);
    const list: number[] = [];
    model.foreignKeys.forEach((fk, i) => {
      if (cascadeOnly && fk.onDelete !== "CASCADE") return;
      if (shown.has(fk.child) && shown.has(fk.parent)) list.push(i);
    });
    return list;
  }, [model, visibleTables, cascadeOnly]);

  const rowsOf = useCallback(
    (table: string): RowsInfo => {
      const h = health.data?.byName.get(table);
      if (h) return { rows: h.rows, exact: h.rowsExact, status: h.status, baselineRows: h.baselineRows };
      return {
        rows: model.byName.get(table)?.estimatedRows ?? null,
        exact: false,
        status: "UNKNOWN",
        baselineRows: null,
      };
    },
    [health.data, model],
  );

  const nodeData = useCallback(
    (table: string): TableNodeData => {
      const info = rowsOf(table);
      const depth = effects?.closure.get(table);
      const role = !effects
        ? "plain"
        : table === effects.root
          ? "root"
          : depth !== undefined
            ? "closure"
            : "dimmed";
      return {
        label: shortName(table),
        status: info.status,
        rows: info.rows,
        rowsExact: info.exact,
        baselineRows: info.baselineRows,
        role,
        depth: depth ?? null,
        blastRows: blast && blast.root.table === selected ? (blast.rowsDeletedByTable[table] ?? null) : null,
        critical: critical.has(table),
      };
    },
    [rowsOf, effects, blast, selected, critical],
  );

  const fitTo = useMemo(
    () => (effects ? [effects.root, ...[...effects.closure.keys()].slice(0, 200)] : []),
    [effects],
  );

  const healthNote = health.data?.available
    ? `Statuses from live health${health.data.sampledAt ? `, sampled ${health.data.sampledAt.slice(11, 19)} UTC` : ""}`
    : health.isLoading
      ? "Reading table statuses…"
      : `Status unknown (grey): ${health.data?.reason ?? "live health did not answer"}; row counts are catalog estimates`;

  const keyColumns = selected ? (model.byName.get(selected)?.primaryKey ?? []) : [];

  return (
    <div className="space-y-4" onKeyDown={(e) => e.key === "Escape" && select(null)}>
      <Toolbar
        tables={model.tables.map((t) => t.name)}
        selected={selected}
        onSelect={select}
        view={view}
        onView={setView}
        cascadeOnly={cascadeOnly}
        onCascadeOnly={setCascadeOnly}
        focus={focus}
        onFocus={setFocus}
        shown={visibleTables.length}
        total={model.tables.length}
      />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="flex h-[max(440px,calc(100vh-260px))] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white">
          <Legend healthNote={healthNote} />
          <div className="relative min-h-0 flex-1">
            {view === "graph" ? (
              <GraphCanvas
                model={model}
                tables={visibleTables}
                foreignKeys={visibleFks}
                nodeData={nodeData}
                emphasised={effects ? effects.fired : null}
                onSelect={select}
                fitTo={fitTo}
              />
            ) : (
              <TableList
                model={model}
                tables={visibleTables}
                selected={selected}
                effects={effects}
                rowsOf={rowsOf}
                onSelect={select}
              />
            )}
          </div>
        </div>
        <aside className="space-y-4" aria-label="Selected table">
          <Card title={selected ? `Cascade from ${shortName(selected)}` : "Cascade"}>
            {effects ? (
              <ClosurePanel model={model} effects={effects} rowsOf={rowsOf} onSelect={select} />
            ) : (
              <p className="text-slate-700" data-testid="closure-hint">
                Select a table (click a node, search, or use the list) to see everything one delete from it
                would take with it. Red arrows are <strong>ON DELETE CASCADE</strong>.
              </p>
            )}
          </Card>
          {selected ? (
            <Card title="Blast radius of one delete">
              {canExplore ? (
                <BlastExplorer
                  key={selected}
                  targetId={targetId}
                  table={selected}
                  keyColumns={keyColumns}
                  onResult={setBlast}
                />
              ) : (
                <p className="text-slate-700" data-testid="blast-viewer-note">
                  Responders and above can compute exactly which rows a delete would take (read-only). You are
                  signed in as <strong>{role}</strong>.
                </p>
              )}
            </Card>
          ) : null}
          {selected && effects && canExplore ? (
            <Card title="Harden: CASCADE → RESTRICT">
              <HardeningPanel
                key={selected}
                targetId={targetId}
                model={model}
                effects={effects}
                generate={generateHardening}
              />
            </Card>
          ) : null}
        </aside>
      </div>
      <DangerReportCard report={danger} onSelect={select} />
    </div>
  );
}
