import type { FastNode, FastPlan, NullTarget } from "./blast-fast-path-sql";

/**
 * Which generations of RI events can delete rows of each table on the fast path, from the plan
 * alone (no rows read). Pure. A row deleted through a chain of k CASCADE FKs from a root row is
 * deleted in generation k at the earliest, and its generation is the shortest such chain, so it is
 * one of the lengths of the table-level CASCADE paths from the root: a finite set, and with a
 * CASCADE self-reference every length from some k on. This over-approximates on purpose.
 *
 * Used to leave out the position keys (costly: an array per deleted row) where no tie can happen:
 * a tie is a SET NULL from P and a CASCADE from Q reaching one row in the same generation, which
 * needs a generation that P and Q can share. The statement still checks for ties at run time and
 * declines (the exact replay answers) if one shows up, so a mistake here costs speed, not truth.
 */

export interface Generations {
  /** Generations in which rows can be deleted. */
  at: Set<number>;
  /** Every generation from this one on (Infinity: none). */
  from: number;
}

export function possibleGenerations(order: FastNode[]): Map<number, Generations> {
  const out = new Map<number, Generations>();
  order.forEach((node, i) => {
    const g: Generations = { at: new Set(i === 0 ? [0] : []), from: Number.POSITIVE_INFINITY };
    for (const c of node.parents) {
      const parent = out.get(c.pk.oid);
      if (!parent) throw new Error(`internal: ${node.table.name} comes before its parent in the plan`);
      for (const x of parent.at) g.at.add(x + 1);
      g.from = Math.min(g.from, parent.from + 1);
    }
    // A row reached through k steps of the self-reference is deleted k generations later.
    if (node.self) g.from = Math.min(g.from, Math.min(...g.at) + 1);
    out.set(node.oid, g);
  });
  return out;
}

function overlap(a: Generations, b: Generations): boolean {
  if (a.from !== Number.POSITIVE_INFINITY && b.from !== Number.POSITIVE_INFINITY) return true;
  for (const x of a.at) if (b.at.has(x) || x >= b.from) return true;
  for (const x of b.at) if (x >= a.from) return true;
  return false;
}

/** Whether a SET NULL and a CASCADE can reach one row of `target` in the same generation. */
export function canTie(plan: FastPlan, target: NullTarget, generations: Map<number, Generations>): boolean {
  const node = plan.nodes.get(target.oid);
  if (!node) return false; // no row of the target is deleted
  const deleters = [...node.parents, ...(node.self ? [node.self] : [])].map((c) =>
    generations.get(c.pk.oid)!,
  );
  return target.constraints.some((c) => deleters.some((d) => overlap(generations.get(c.pk.oid)!, d)));
}
