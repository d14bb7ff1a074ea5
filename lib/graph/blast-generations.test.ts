import { describe, expect, it } from "vitest";
import type { FastNode, FastPlan, NullTarget } from "./blast-fast-path-sql";
import { canTie, possibleGenerations } from "./blast-generations";
import type { RiConstraint } from "./blast-rules";
import type { Table } from "../introspect/types";

// Just enough of a plan for the generation reasoning: tables by oid, CASCADE and SET NULL FKs.
const table = (name: string) => ({ name }) as Table;
const fk = (parent: number, child: number) => ({ pk: { oid: parent }, fk: { oid: child } }) as RiConstraint;

function plan(
  nodes: { oid: number; parents: number[]; self?: boolean }[],
  targets: { oid: number; from: number[] }[],
): FastPlan {
  const order: FastNode[] = nodes.map((n, index) => ({
    oid: n.oid,
    table: table(`t${n.oid}`),
    parents: n.parents.map((p) => fk(p, n.oid)),
    self: n.self ? fk(n.oid, n.oid) : null,
    carried: [],
    index,
  }));
  return {
    root: order[0]!.table,
    order,
    nodes: new Map(order.map((n) => [n.oid, n])),
    targets: targets.map((t, index): NullTarget => ({
      oid: t.oid,
      table: table(`t${t.oid}`),
      constraints: t.from.map((p) => fk(p, t.oid)),
      checks: [],
      index,
    })),
    guards: [],
    triggerNames: new Map(),
  };
}

describe("possibleGenerations / canTie", () => {
  it("lists the lengths of every CASCADE path from the root", () => {
    // 1 → 2 → 3, 1 → 3: rows of 3 go in generation 1 or 2.
    const p = plan(
      [
        { oid: 1, parents: [] },
        { oid: 2, parents: [1] },
        { oid: 3, parents: [1, 2] },
      ],
      [],
    );
    const g = possibleGenerations(p.order);
    expect([...g.get(3)!.at].sort()).toEqual([1, 2]);
    expect(g.get(3)!.from).toBe(Number.POSITIVE_INFINITY);
  });

  it("a self-reference makes every later generation possible, below it too", () => {
    const p = plan(
      [
        { oid: 1, parents: [] },
        { oid: 2, parents: [1], self: true },
        { oid: 3, parents: [2] },
      ],
      [],
    );
    const g = possibleGenerations(p.order);
    expect(g.get(2)!.from).toBe(2);
    expect(g.get(3)!.from).toBe(3);
  });

  it("a tie needs a generation shared by the SET NULL's parent and a CASCADE parent", () => {
    // Root 1 sets 3 to NULL (generation 0 → 1) and 2 → 3 cascades (2 is deleted in 1, 3 in 2): no tie.
    const apart = plan(
      [
        { oid: 1, parents: [] },
        { oid: 2, parents: [1] },
        { oid: 3, parents: [2] },
      ],
      [{ oid: 3, from: [1] }],
    );
    expect(canTie(apart, apart.targets[0]!, possibleGenerations(apart.order))).toBe(false);
    // 2 sets 3 to NULL while 1 → 4 → 3 cascades: both parents are deleted in generation 1.
    const tied = plan(
      [
        { oid: 1, parents: [] },
        { oid: 2, parents: [1] },
        { oid: 4, parents: [1] },
        { oid: 3, parents: [4] },
      ],
      [{ oid: 3, from: [2] }],
    );
    expect(canTie(tied, tied.targets[0]!, possibleGenerations(tied.order))).toBe(true);
    // A target no row of which is deleted cannot tie.
    const kept = plan([{ oid: 1, parents: [] }], [{ oid: 9, from: [1] }]);
    expect(canTie(kept, kept.targets[0]!, possibleGenerations(kept.order))).toBe(false);
  });
});
