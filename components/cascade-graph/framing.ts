import type { Positions } from "./fast-layout";

/** What the graph frames when it opens or a table is selected. Pure. */

/** Above this many tables the graph opens zoomed on its first OPENING_NODES tables. */
export const BIG_GRAPH = 300;
export const OPENING_NODES = 40;
/**
 * A selection whose cascade reaches more than OPENING_NODES tables opens framed on its root and
 * this many of them, the nearest on the canvas.
 */
export const OPENING_SELECTION = 20;

/**
 * The tables a view should frame: the selection (its root, first in `fitTo`, and its cascade, or
 * for a cascade of more than OPENING_NODES tables the OPENING_SELECTION laid out nearest the root,
 * so a 150-table cascade still opens at a zoom where names can be read), or a big schema's
 * leftmost (root) tables, or all.
 */
export function framedTables(positions: Positions, fitTo: string[], tableCount: number): string[] {
  if (fitTo.length > 0) {
    const [root, ...rest] = fitTo.filter((id) => positions[id]);
    if (root === undefined) return [];
    if (rest.length <= OPENING_NODES) return [root, ...rest];
    const at = positions[root]!;
    const distance = (id: string) => Math.hypot(positions[id]!.x - at.x, positions[id]!.y - at.y);
    return [root, ...rest.sort((a, b) => distance(a) - distance(b)).slice(0, OPENING_SELECTION)];
  }
  if (tableCount <= BIG_GRAPH) return [];
  return Object.entries(positions)
    .sort(([, a], [, b]) => a.x - b.x || a.y - b.y)
    .slice(0, OPENING_NODES)
    .map(([id]) => id);
}
