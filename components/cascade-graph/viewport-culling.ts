import type { Positions } from "./fast-layout";

/**
 * Which tables of a big graph React Flow is given at all. Pure.
 *
 * React Flow's onlyRenderVisibleElements keeps off-screen nodes out of the DOM, but its store still
 * takes in, measures and re-renders every node it is given: about a second for 1,000 tables on
 * two cores before the first frame. A big graph therefore hands it only the tables near the view
 * (the view grown by a margin, so a short pan finds them already there) and the far end of each
 * foreign key that leaves them (an edge is drawn only between two mounted nodes); the set is
 * recomputed while a pan or zoom goes on (at most every 200 ms) and when it ends.
 */

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The flow-coordinate rectangle a viewport of `size` pixels shows, grown by `margin` of its size on each side. */
export function visibleRect(
  viewport: Viewport,
  size: { width: number; height: number },
  margin: number,
): Rect {
  const width = size.width / viewport.zoom;
  const height = size.height / viewport.zoom;
  return {
    x: -viewport.x / viewport.zoom - width * margin,
    y: -viewport.y / viewport.zoom - height * margin,
    width: width * (1 + 2 * margin),
    height: height * (1 + 2 * margin),
  };
}

/** Tables whose node box meets `rect`, and the other end of every edge with one end among them. */
export function tablesToMount(
  positions: Positions,
  rect: Rect,
  edges: ReadonlyArray<{ source: string; target: string }>,
  node: { width: number; height: number },
): Set<string> {
  const near = new Set<string>();
  for (const [id, p] of Object.entries(positions)) {
    const meets =
      p.x < rect.x + rect.width &&
      p.x + node.width > rect.x &&
      p.y < rect.y + rect.height &&
      p.y + node.height > rect.y;
    if (meets) near.add(id);
  }
  const mounted = new Set(near);
  for (const { source, target } of edges) {
    if (near.has(source) && positions[target]) mounted.add(target);
    if (near.has(target) && positions[source]) mounted.add(source);
  }
  return mounted;
}
