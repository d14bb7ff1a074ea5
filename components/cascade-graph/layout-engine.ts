import type ELK from "elkjs/lib/elk.bundled.js";
import { fastLayeredLayout, type LayoutInput, type Positions } from "./fast-layout";

/**
 * Positions for the graph's nodes. elkjs's layered algorithm (better crossing reduction) up to
 * ELK_MAX_NODES tables; beyond that our linear-time layered layout, because elkjs needs seconds.
 * Runs in the layout worker; the same function runs on the main thread where workers are missing.
 */

export const ELK_MAX_NODES = 250;
/** Size of a table node on the canvas. */
export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 44;
export type LayoutEngineName = "elk" | "fast";

export interface LayoutResult {
  positions: Positions;
  engine: LayoutEngineName;
  ms: number;
}

let elk: InstanceType<typeof ELK> | null = null;

export async function computeLayout(input: LayoutInput, force?: LayoutEngineName): Promise<LayoutResult> {
  const started = performance.now();
  const engine: LayoutEngineName = force ?? (input.nodes.length <= ELK_MAX_NODES ? "elk" : "fast");
  if (engine === "fast") {
    return { positions: fastLayeredLayout(input), engine, ms: performance.now() - started };
  }
  // Loaded on first use: a big schema never needs elkjs (about 1.5 MB of JavaScript to boot).
  if (!elk) {
    const { default: Elk } = await import("elkjs/lib/elk.bundled.js");
    elk = new Elk();
  }
  const result = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.spacing.nodeNodeBetweenLayers": "70",
      "elk.spacing.nodeNode": "20",
      "elk.spacing.componentComponent": "60",
      "elk.layered.thoroughness": "4",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.separateConnectedComponents": "true",
    },
    children: input.nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: input.edges.map((edge, i) => ({ id: `e${i}`, sources: [edge.source], targets: [edge.target] })),
  });
  const positions: Positions = {};
  for (const child of result.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return { positions, engine, ms: performance.now() - started };
}
