"use client";

import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useState } from "react";
import type { LayoutInput } from "./fast-layout";
import type { GraphModel } from "./model";
import { NODE_HEIGHT, NODE_WIDTH, TableNode, type TableFlowNode, type TableNodeData } from "./table-node";
import { useLayout } from "./use-layout";

const nodeTypes = { table: TableNode };
/** Above this many tables the graph opens zoomed on its first OPENING_NODES tables. */
const BIG_GRAPH = 300;
const OPENING_NODES = 40;

/** Edge look per ON DELETE rule: CASCADE unmistakable, SET NULL distinct, RESTRICT / NO ACTION quiet. */
export function edgeLook(onDelete: string): {
  stroke: string;
  width: number;
  dash?: string;
  cascade: boolean;
} {
  if (onDelete === "CASCADE") return { stroke: "#dc2626", width: 3, cascade: true };
  if (onDelete === "SET NULL" || onDelete === "SET DEFAULT")
    return { stroke: "#d97706", width: 2, dash: "7 5", cascade: false };
  return { stroke: "#94a3b8", width: 1.25, cascade: false };
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

  const nodes = useMemo<TableFlowNode[]>(() => {
    if (!layout.positions) return [];
    return tables
      .filter((id) => layout.positions![id])
      .map((id) => ({
        id,
        type: "table" as const,
        position: layout.positions![id]!,
        data: nodeData(id),
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        draggable: false,
        connectable: false,
        ariaLabel: id,
      }));
  }, [layout.positions, tables, nodeData]);

  const edges = useMemo<Edge[]>(() => {
    if (!layout.positions) return [];
    return foreignKeys.map((i) => {
      const fk = model.foreignKeys[i]!;
      const look = edgeLook(fk.onDelete);
      const dim = emphasised !== null && !emphasised.has(i);
      const strong = emphasised?.has(i) ?? false;
      const width = strong && look.cascade ? look.width + 1.5 : look.width;
      return {
        id: `fk${i}`,
        source: fk.parent,
        target: fk.child,
        // Solid on purpose: React Flow's "animated" edges are dashed, and dashes mean SET NULL here.
        animated: false,
        focusable: false,
        ariaLabel: `${fk.child} (${fk.childColumns.join(", ")}) references ${fk.parent}: ON DELETE ${fk.onDelete}`,
        style: {
          stroke: look.stroke,
          strokeWidth: width,
          strokeDasharray: look.dash,
          opacity: dim ? 0.12 : 1,
        },
        // Marker size is in stroke widths: keep arrowheads the same size on thick and thin lines.
        markerEnd: {
          type: MarkerType.ArrowClosed,
          color: look.stroke,
          width: 24 / width,
          height: 24 / width,
        },
      };
    });
  }, [layout.positions, foreignKeys, model, emphasised]);

  // Fit the view to the selection (or everything) once the layout is there.
  const fitKey = `${fitTo.join("|")}#${layout.positions ? Object.keys(layout.positions).length : 0}`;
  useEffect(() => {
    if (!initialised || !layout.positions || nodes.length === 0 || fitted === fitKey) return;
    const positions = layout.positions;
    // A big schema opens at a readable zoom on its leftmost (root) tables instead of a speck of
    // thousands of nodes: fewer nodes to draw, and the user zooms out for the rest.
    const ids =
      fitTo.length > 0
        ? fitTo.filter((id) => positions[id])
        : tables.length > BIG_GRAPH
          ? Object.entries(positions)
              .sort(([, a], [, b]) => a.x - b.x || a.y - b.y)
              .slice(0, OPENING_NODES)
              .map(([id]) => id)
          : [];
    void flow
      .fitView({
        nodes: ids.length > 0 ? ids.map((id) => ({ id })) : undefined,
        padding: 0.15,
        maxZoom: 1.1,
        duration: fitted === null ? 0 : 250,
      })
      .then(() => setFitted(fitKey));
  }, [initialised, layout.positions, nodes.length, fitKey, fitTo, flow, fitted, tables.length]);

  const ready = initialised && layout.positions !== null && fitted !== null;
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
      className="relative h-full w-full"
      data-testid="graph-canvas"
      data-ready={ready ? "true" : "false"}
      data-layout-engine={layout.engine ?? ""}
      data-layout-ms={layout.ms !== null ? Math.round(layout.ms) : ""}
    >
      {layout.positions === null ? (
        <div className="absolute inset-0 z-10 flex items-center justify-center text-slate-600" role="status">
          {layout.error
            ? `Layout failed: ${layout.error}`
            : `Laying out ${tables.length.toLocaleString("en-US")} tables…`}
        </div>
      ) : null}
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onInit={() => setInitialised(true)}
        onNodeClick={(_, node) => onSelect(node.id)}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        onlyRenderVisibleElements={tables.length > 200}
        minZoom={0.05}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} color="#e2e8f0" />
        <Controls showInteractive={false} />
      </ReactFlow>
      {layout.engine ? (
        <p className="pointer-events-none absolute bottom-1 right-2 text-[10px] text-slate-500">
          {tables.length.toLocaleString("en-US")} tables laid out in {Math.round(layout.ms ?? 0)} ms (
          {layout.engine === "elk" ? "elkjs" : "fast layered"},{" "}
          {layout.where === "worker" ? "web worker" : "main thread"})
        </p>
      ) : null}
    </div>
  );
}
