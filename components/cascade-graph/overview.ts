import { edgeLook, edgeWidth } from "./edge-look";
import type { Positions } from "./fast-layout";
import type { GraphModel } from "./model";
import type { NodeStatus } from "./status";
import type { TableNodeData } from "./table-node";
import type { Viewport } from "./viewport-culling";

/**
 * The zoomed-out view of a big graph, drawn on one <canvas> instead of as React Flow nodes. Pure.
 *
 * Below OVERVIEW_ZOOM a table's name is a few pixels tall and cannot be read, yet "Fit the whole
 * graph" on 1,000 tables took 1.81–1.91 s as React Flow nodes on two cores (ADR 5). Drawn as
 * coloured boxes and straight lines on a canvas, the same click took 0.35–0.55 s in the bench, and
 * the canvas is redrawn on every pan or zoom.
 */

/** Below this zoom a big graph is drawn as an overview (names at 13 px would be under 4 px). */
export const OVERVIEW_ZOOM = 0.3;

/** Box fill per status: the border colour of the table's node (status.ts), so the two views match. */
const STATUS_FILL: Record<NodeStatus, string> = {
  WIPED: "#ef4444",
  MISSING: "#ef4444",
  SHRUNK: "#f59e0b",
  INTACT: "#10b981",
  EMPTY: "#cbd5e1",
  NEW: "#cbd5e1",
  UNKNOWN: "#94a3b8",
};

export function statusFill(status: string): string {
  return STATUS_FILL[status as NodeStatus] ?? STATUS_FILL.UNKNOWN;
}

/** The outline a table's box gets for its role in the selection (none when it plays none). */
export function roleOutline(role: TableNodeData["role"]): string | null {
  if (role === "root") return "#0f172a";
  if (role === "closure") return "#dc2626";
  return null;
}

/** The table whose node box holds the flow-coordinate point, or null. The last drawn wins. */
export function tableAt(
  positions: Positions,
  tables: readonly string[],
  point: { x: number; y: number },
  node: { width: number; height: number },
): string | null {
  for (let i = tables.length - 1; i >= 0; i--) {
    const p = positions[tables[i]!];
    if (!p) continue;
    if (point.x >= p.x && point.x <= p.x + node.width && point.y >= p.y && point.y <= p.y + node.height)
      return tables[i]!;
  }
  return null;
}

/** Where a flow-coordinate point lands on the screen under `viewport`. */
export function toScreen(viewport: Viewport, x: number, y: number): { x: number; y: number } {
  return { x: x * viewport.zoom + viewport.x, y: y * viewport.zoom + viewport.y };
}

export interface OverviewTable {
  id: string;
  fill: string;
  outline: string | null;
  dimmed: boolean;
}

export interface OverviewEdge {
  source: string;
  target: string;
  stroke: string;
  width: number;
  dimmed: boolean;
}

export interface OverviewScene {
  positions: Positions;
  tables: OverviewTable[];
  edges: OverviewEdge[];
  node: { width: number; height: number };
}

/** What the overview draws for the shown tables and foreign keys, as the node view styles them. */
export function overviewScene(input: {
  model: GraphModel;
  positions: Positions;
  tables: readonly string[];
  foreignKeys: readonly number[];
  nodeData: (table: string) => Pick<TableNodeData, "status" | "role">;
  emphasised: Set<number> | null;
  node: { width: number; height: number };
}): OverviewScene {
  const { model, emphasised } = input;
  return {
    positions: input.positions,
    tables: input.tables.map((id) => {
      const data = input.nodeData(id);
      return {
        id,
        fill: statusFill(data.status),
        outline: roleOutline(data.role),
        dimmed: data.role === "dimmed",
      };
    }),
    edges: input.foreignKeys
      .map((i) => ({ i, fk: model.foreignKeys[i]! }))
      .filter(({ fk }) => fk.parent !== fk.child)
      .map(({ i, fk }) => {
        const look = edgeLook(fk.onDelete);
        return {
          source: fk.parent,
          target: fk.child,
          stroke: look.stroke,
          width: edgeWidth(look, emphasised?.has(i) ?? false),
          dimmed: emphasised !== null && !emphasised.has(i),
        };
      }),
    node: input.node,
  };
}

/**
 * Draws tables as boxes and foreign keys as straight lines (parent's right side to child's left
 * side, as in the node view) for everything within the canvas. `ctx` is already scaled for the
 * device pixel ratio.
 */
export function drawOverview(
  ctx: CanvasRenderingContext2D,
  scene: OverviewScene,
  viewport: Viewport,
  size: { width: number; height: number },
): void {
  const { positions, node } = scene;
  const { zoom } = viewport;
  ctx.clearRect(0, 0, size.width, size.height);
  const w = node.width * zoom;
  const h = node.height * zoom;
  const visible = (x: number, y: number) => x + w >= 0 && x <= size.width && y + h >= 0 && y <= size.height;

  for (const edge of scene.edges) {
    const from = positions[edge.source];
    const to = positions[edge.target];
    if (!from || !to) continue;
    const a = toScreen(viewport, from.x + node.width, from.y + node.height / 2);
    const b = toScreen(viewport, to.x, to.y + node.height / 2);
    if (Math.max(a.x, b.x) < 0 || Math.min(a.x, b.x) > size.width) continue;
    if (Math.max(a.y, b.y) < 0 || Math.min(a.y, b.y) > size.height) continue;
    ctx.globalAlpha = edge.dimmed ? 0.12 : 0.8;
    ctx.strokeStyle = edge.stroke;
    ctx.lineWidth = Math.max(0.5, edge.width * zoom * 1.5);
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }

  for (const table of scene.tables) {
    const p = positions[table.id];
    if (!p) continue;
    const { x, y } = toScreen(viewport, p.x, p.y);
    if (!visible(x, y)) continue;
    ctx.globalAlpha = table.dimmed ? 0.3 : 1;
    ctx.fillStyle = table.fill;
    ctx.fillRect(x, y, Math.max(w, 1), Math.max(h, 1));
    if (table.outline) {
      ctx.globalAlpha = 1;
      ctx.strokeStyle = table.outline;
      ctx.lineWidth = 2;
      ctx.strokeRect(x - 1.5, y - 1.5, w + 3, h + 3);
    }
  }
  ctx.globalAlpha = 1;
}
