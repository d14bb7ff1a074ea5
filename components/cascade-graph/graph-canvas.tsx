"use client";

import { formatCount } from "@/lib/format";
import {
  Background,
  ControlButton,
  Controls,
  Position,
  ReactFlow,
  ReactFlowProvider,
  getViewportForBounds,
  useReactFlow,
  type Edge,
  type NodeHandle,
  type Viewport,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { LayoutInput, Positions } from "./fast-layout";
import { ArrowMarkers, arrowMarkerId, edgeLook, edgeWidth } from "./edge-look";
import type { GraphModel } from "./model";
import { OVERVIEW_ZOOM, overviewScene, tableAt } from "./overview";
import { OverviewLayer, type OverviewHandle } from "./overview-layer";
import { NODE_HEIGHT, NODE_WIDTH, TableNode, type TableFlowNode, type TableNodeData } from "./table-node";
import { useLayout } from "./use-layout";
import { BIG_GRAPH, framedTables } from "./framing";
import { tablesToMount, visibleRect } from "./viewport-culling";

const nodeTypes = { table: TableNode };
const SEP = "\u0000";
const FIT = { padding: 0.15, minZoom: 0.05, maxZoom: 1.1 };
/** A big graph mounts the tables within the view grown by this much of its size on each side (viewport-culling.ts). */
const CULL_MARGIN = 0.5;
/** While a big graph is panned or zoomed, its mounted set follows the view at most this often. */
const CULL_DURING_MOVE_MS = 200;
const NODE_BOX = { width: NODE_WIDTH, height: NODE_HEIGHT };
/**
 * Where TableNode's two 6 px handles sit (centred on the inner edges of its 2 px border), as React
 * Flow would measure them. Known up front, edges are drawn in the first frame, also to tables that
 * onlyRenderVisibleElements keeps out of the DOM, instead of after a round of DOM measurements.
 */
const HANDLES: NodeHandle[] = [
  { type: "target", position: Position.Left, x: -1, y: NODE_HEIGHT / 2 - 3, width: 6, height: 6 },
  {
    type: "source",
    position: Position.Right,
    x: NODE_WIDTH - 5,
    y: NODE_HEIGHT / 2 - 3,
    width: 6,
    height: 6,
  },
];

/** What React Flow's fitView would choose, computed before React Flow mounts. */
function viewportFraming(
  positions: Positions,
  ids: string[],
  size: { width: number; height: number },
): Viewport {
  const points = (ids.length > 0 ? ids : Object.keys(positions)).map((id) => positions[id]!);
  const x = Math.min(...points.map((p) => p.x));
  const y = Math.min(...points.map((p) => p.y));
  const right = Math.max(...points.map((p) => p.x + NODE_WIDTH));
  const bottom = Math.max(...points.map((p) => p.y + NODE_HEIGHT));
  return getViewportForBounds(
    { x, y, width: right - x, height: bottom - y },
    size.width,
    size.height,
    FIT.minZoom,
    FIT.maxZoom,
    FIT.padding,
  );
}

export interface GraphCanvasProps {
  model: GraphModel;
  tables: string[];
  foreignKeys: number[];
  nodeData: (table: string) => TableNodeData;
  /** FKs to emphasise (the selected cascade); others are dimmed when this is set. */
  emphasised: Set<number> | null;
  onSelect: (table: string) => void;
  /** Tables to fit in view after a change of selection or focus. */
  fitTo: string[];
}

export function GraphCanvas(props: GraphCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ model, tables, foreignKeys, nodeData, emphasised, onSelect, fitTo }: GraphCanvasProps) {
  const layoutInput = useMemo<LayoutInput>(() => {
    const seen = new Set<string>();
    const edges: LayoutInput["edges"] = [];
    for (const i of foreignKeys) {
      const fk = model.foreignKeys[i]!;
      const id = `${fk.parent}\u0000${fk.child}`;
      if (fk.parent === fk.child || seen.has(id)) continue;
      seen.add(id);
      edges.push({ source: fk.parent, target: fk.child });
    }
    return { nodes: tables.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })), edges };
  }, [model, tables, foreignKeys]);
  const layout = useLayout(layoutInput);
  const flow = useReactFlow();
  const [initialised, setInitialised] = useState(false);
  const [fitted, setFitted] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      if (width > 0 && height > 0) setSize((s) => s ?? { width, height });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The viewport the culling follows: where a pan, zoom or framing settled, or is passing through.
  const [view, setView] = useState<Viewport | null>(null);
  // Followed during a move too, not only when it ends: a pan longer than the margin would
  // otherwise show empty canvas until the mouse is released.
  const lastCullDuringMove = useRef(0);
  const followMove = (viewport: Viewport) => {
    const now = performance.now();
    if (now - lastCullDuringMove.current < CULL_DURING_MOVE_MS) return;
    lastCullDuringMove.current = now;
    setView(viewport);
  };
  const culled = tables.length > BIG_GRAPH;
  // Zoomed out past reading, a big graph is drawn on a canvas and React Flow is given no table.
  const overview = culled && view !== null && view.zoom < OVERVIEW_ZOOM;
  const mountedKey = useMemo(() => {
    if (!culled || overview || !layout.positions || !view || !size) return null;
    const rect = visibleRect(view, size, CULL_MARGIN);
    return [...tablesToMount(layout.positions, rect, layoutInput.edges, NODE_BOX)].sort().join(SEP);
  }, [culled, overview, layout.positions, view, size, layoutInput]);
  // Keyed by content, so a pan that mounts the same tables hands React Flow the same arrays.
  const mounted = useMemo(
    () => (overview ? new Set<string>() : mountedKey === null ? null : new Set(mountedKey.split(SEP))),
    [overview, mountedKey],
  );

  const nodes = useMemo<TableFlowNode[]>(() => {
    if (!layout.positions) return [];
    return tables
      .filter((id) => layout.positions![id] && (mounted === null || mounted.has(id)))
      .map((id) => ({
        id,
        type: "table" as const,
        position: layout.positions![id]!,
        data: nodeData(id),
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        // Known sizes: React Flow counts the nodes as initialised without waiting for the DOM to
        // measure them (with onlyRenderVisibleElements, off-screen nodes are never measured), so
        // the first fitView applies at once instead of after a round of ResizeObserver callbacks.
        measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
        handles: HANDLES,
        draggable: false,
        connectable: false,
        ariaLabel: id,
      }));
  }, [layout.positions, tables, nodeData, mounted]);

  const edges = useMemo<Edge[]>(() => {
    if (!layout.positions) return [];
    const shown =
      mounted === null
        ? foreignKeys
        : foreignKeys.filter(
            (i) => mounted.has(model.foreignKeys[i]!.parent) && mounted.has(model.foreignKeys[i]!.child),
          );
    return shown.map((i) => {
      const fk = model.foreignKeys[i]!;
      const look = edgeLook(fk.onDelete);
      const dim = emphasised !== null && !emphasised.has(i);
      const width = edgeWidth(look, emphasised?.has(i) ?? false);
      return {
        id: `fk${i}`,
        source: fk.parent,
        target: fk.child,
        // Solid on purpose: React Flow's "animated" edges are dashed, and dashes mean SET NULL here.
        animated: false,
        focusable: false,
        // Edges are not clickable here: no second, invisible "hit" path per edge.
        interactionWidth: 0,
        ariaLabel: `${fk.child} (${fk.childColumns.join(", ")}) references ${fk.parent}: ON DELETE ${fk.onDelete}`,
        style: {
          stroke: look.stroke,
          strokeWidth: width,
          strokeDasharray: look.dash,
          opacity: dim ? 0.12 : 1,
        },
        markerEnd: arrowMarkerId(look.stroke, width),
      };
    });
  }, [layout.positions, foreignKeys, model, emphasised, mounted]);

  const overviewLayer = useRef<OverviewHandle>(null);
  // Built only while the overview is shown: the node view's first render need not pay for it.
  const scene = useMemo(
    () =>
      overview && layout.positions
        ? overviewScene({
            model,
            positions: layout.positions,
            tables,
            foreignKeys,
            nodeData,
            emphasised,
            node: NODE_BOX,
          })
        : null,
    [overview, layout.positions, model, tables, foreignKeys, nodeData, emphasised],
  );
  const selectInOverview = (event: { clientX: number; clientY: number }) => {
    if (!layout.positions) return;
    const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const table = tableAt(layout.positions, tables, point, NODE_BOX);
    if (table) onSelect(table);
  };

  // The view frames the selection (or a big schema's roots, or everything). React Flow mounts
  // once the first layout and the canvas size are known, already framed: a fitView after mounting
  // costs a second pass over every node and edge (about a second for 1,000 tables on two cores).
  // A big schema opens at a readable zoom on its leftmost (root) tables instead of a speck of
  // thousands of nodes: fewer nodes to draw, and the user zooms out for the rest.
  const fitKey = `${fitTo.join("|")}#${layout.positions ? Object.keys(layout.positions).length : 0}`;
  const [opening, setOpening] = useState<Viewport | null>(null);
  if (opening === null && layout.positions && size) {
    const first = viewportFraming(
      layout.positions,
      framedTables(layout.positions, fitTo, tables.length),
      size,
    );
    setOpening(first);
    setView(first);
    setFitted(fitKey);
  }
  // Framing is computed from the layout, not from React Flow's nodes: a culled graph has not
  // mounted the tables it is about to show.
  useEffect(() => {
    if (!initialised || !layout.positions || !size || (nodes.length === 0 && !overview) || fitted === fitKey)
      return;
    const target = viewportFraming(
      layout.positions,
      framedTables(layout.positions, fitTo, tables.length),
      size,
    );
    // A culled graph jumps: animating would pan across tables that are mounted only once it ends.
    void flow.setViewport(target, { duration: culled ? 0 : 250 }).then(() => {
      setView(target);
      setFitted(fitKey);
    });
  }, [
    culled,
    overview,
    initialised,
    layout.positions,
    size,
    nodes.length,
    fitKey,
    fitTo,
    flow,
    fitted,
    tables.length,
  ]);
  const fitWholeGraph = () => {
    if (!layout.positions || !size) return;
    const target = viewportFraming(layout.positions, [], size);
    setView(target);
    void flow.setViewport(target, { duration: 250 });
  };

  const ready = initialised && layout.positions !== null && opening !== null;
  // User-timing marks: the benchmark reads where the time to an interactive graph goes.
  useEffect(() => {
    performance.mark("graph:mounted");
  }, []);
  useEffect(() => {
    if (layout.positions) performance.mark("graph:positions");
  }, [layout.positions]);
  useEffect(() => {
    if (ready) performance.mark("graph:ready");
  }, [ready]);
  return (
    <div
      ref={box}
      className="relative h-full w-full"
      data-testid="graph-canvas"
      data-ready={ready ? "true" : "false"}
      data-mounted-tables={nodes.length}
      data-layout-engine={layout.engine ?? ""}
      data-layout-where={layout.where ?? ""}
      data-layout-ms={layout.ms !== null ? Math.round(layout.ms) : ""}
    >
      {layout.positions === null ? (
        <div className="absolute inset-0 z-10 flex items-center justify-center text-slate-600" role="status">
          {layout.error
            ? `Layout failed: ${layout.error}`
            : `Laying out ${formatCount(tables.length)} tables…`}
        </div>
      ) : null}
      <ArrowMarkers />
      {opening ? (
        <ReactFlow
          defaultViewport={opening}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onInit={() => setInitialised(true)}
          onMove={
            culled
              ? (_, moving) => {
                  overviewLayer.current?.draw(moving);
                  followMove(moving);
                }
              : undefined
          }
          onPaneClick={overview ? selectInOverview : undefined}
          onMoveEnd={(_, settled) => setView(settled)}
          onNodeClick={(_, node) => onSelect(node.id)}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          onlyRenderVisibleElements={tables.length > 200}
          minZoom={FIT.minZoom}
          maxZoom={2}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={24} color="#e2e8f0" />
          {scene && view && size ? (
            <>
              <OverviewLayer ref={overviewLayer} scene={scene} viewport={view} size={size} />
              <p
                className="pointer-events-none absolute left-2 top-2 z-[5] rounded bg-white/90 px-2 py-1 text-xs text-slate-700 shadow-sm"
                data-testid="graph-overview-note"
              >
                Zoomed out: {formatCount(tables.length)} tables drawn as coloured boxes. Zoom in to read
                names, or click a box to select its table.
              </p>
            </>
          ) : null}
          <Controls showInteractive={false} showFitView={false}>
            <ControlButton
              onClick={fitWholeGraph}
              title="Fit the whole graph"
              aria-label="Fit the whole graph"
            >
              <svg viewBox="0 0 16 16" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.6">
                <path d="M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4" />
              </svg>
            </ControlButton>
          </Controls>
        </ReactFlow>
      ) : null}
      {layout.engine ? (
        <p className="pointer-events-none absolute bottom-1 right-2 text-[10px] text-slate-500">
          {formatCount(tables.length)} tables laid out in {Math.round(layout.ms ?? 0)} ms (
          {layout.engine === "elk" ? "elkjs" : "fast layered"},{" "}
          {layout.where === "worker" ? "web worker" : "main thread"})
        </p>
      ) : null}
    </div>
  );
}
