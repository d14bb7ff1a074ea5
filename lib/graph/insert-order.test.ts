import { describe, expect, it } from "vitest";
import { catalogOf, type FkSpec } from "./catalog-builder";
import { buildGraph } from "./graph";
import { computeInsertOrder } from "./insert-order";

describe("computeInsertOrder", () => {
  it("puts parents before children, every table once", () => {
    const graph = buildGraph(
      catalogOf(
        ["p.deal", "p.talent", "p.user", "p.payment"],
        [
          { child: "p.talent", parent: "p.user" },
          { child: "p.deal", parent: "p.talent" },
          { child: "p.payment", parent: "p.deal" },
          { child: "p.payment", parent: "p.user", name: "payment_user", childColumns: ["owner_id"] },
        ],
      ),
    );
    const result = computeInsertOrder(graph);
    expect(result.order).toEqual(["p.user", "p.talent", "p.deal", "p.payment"]);
    expect(result.steps.every((s) => s.cycle === null)).toBe(true);
    expect(result.selfReferences).toEqual([]);
  });

  it("breaks a cycle on its deferrable FK by deferring it", () => {
    const graph = buildGraph(
      catalogOf(
        [{ name: "p.person", notNull: ["team_id"] }, { name: "p.team" }],
        [
          { child: "p.person", parent: "p.team", name: "person_team_fkey" },
          {
            child: "p.team",
            parent: "p.person",
            name: "team_lead_fkey",
            childColumns: ["lead_id"],
            deferrable: true,
          },
        ],
      ),
    );
    const { steps, order } = computeInsertOrder(graph);
    expect(order).toEqual(["p.team", "p.person"]);
    expect(steps).toHaveLength(1);
    expect(steps[0]!.cycle).toMatchObject({
      strategy: "defer-constraints",
      broken: [
        {
          foreignKey: "team_lead_fkey",
          child: "p.team",
          parent: "p.person",
          columns: ["lead_id"],
          how: "defer",
        },
      ],
    });
    expect(steps[0]!.cycle!.explanation).toContain("SET CONSTRAINTS");
  });

  it("breaks a cycle on a nullable FK by inserting NULL and updating later, and forces one that has neither", () => {
    const nullable = computeInsertOrder(
      buildGraph(
        catalogOf(
          [{ name: "p.a", notNull: ["b_id"] }, { name: "p.b" }],
          [
            { child: "p.a", parent: "p.b", name: "a_b" },
            { child: "p.b", parent: "p.a", name: "b_a" },
          ],
        ),
      ),
    );
    expect(nullable.order).toEqual(["p.b", "p.a"]);
    expect(nullable.steps[0]!.cycle).toMatchObject({
      strategy: "null-then-update",
      broken: [{ foreignKey: "b_a", how: "null-then-update", columns: ["a_id"] }],
    });

    const hard = computeInsertOrder(
      buildGraph(
        catalogOf(
          [{ name: "p.a", notNull: ["b_id"] }, { name: "p.b", notNull: ["a_id"] }, "p.child"],
          [
            { child: "p.a", parent: "p.b", name: "a_b" },
            { child: "p.b", parent: "p.a", name: "b_a" },
            { child: "p.child", parent: "p.b" },
          ],
        ),
      ),
    );
    expect(hard.order).toEqual(["p.a", "p.b", "p.child"]);
    expect(hard.steps[0]!.cycle).toMatchObject({
      strategy: "disable-triggers",
      broken: [{ foreignKey: "a_b", how: "disable-triggers" }],
    });
    expect(hard.steps[0]!.cycle!.explanation).toContain("session_replication_role");
  });

  it("prefers deferring and falls back to NULL-then-UPDATE in the same cycle", () => {
    const { steps } = computeInsertOrder(
      buildGraph(
        catalogOf(
          [
            { name: "p.a", notNull: ["b_id"] },
            { name: "p.b", notNull: ["c_id"] },
            { name: "p.c" },
            { name: "p.d", notNull: ["c_id"] },
          ],
          [
            { child: "p.a", parent: "p.b", name: "a_b", deferrable: true },
            { child: "p.b", parent: "p.c", name: "b_c" },
            { child: "p.c", parent: "p.a", name: "c_a" }, // nullable
            { child: "p.c", parent: "p.d", name: "c_d" }, // nullable
            { child: "p.d", parent: "p.c", name: "d_c" },
          ],
        ),
      ),
    );
    const cycle = steps.find((s) => s.cycle)!;
    expect(cycle.tables.sort()).toEqual(["p.a", "p.b", "p.c", "p.d"]);
    expect(cycle.cycle!.strategy).toBe("defer-and-null-then-update");
    expect(cycle.cycle!.broken.map((b) => [b.foreignKey, b.how])).toEqual([
      ["a_b", "defer"],
      ["c_d", "null-then-update"],
    ]);
  });

  it("reports self-references apart, level by level unless deferrable", () => {
    const { order, steps, selfReferences } = computeInsertOrder(
      buildGraph(
        catalogOf(
          ["p.category", "p.employee"],
          [
            {
              child: "p.category",
              parent: "p.category",
              name: "category_parent",
              childColumns: ["parent_id"],
            },
            {
              child: "p.employee",
              parent: "p.employee",
              name: "manager",
              childColumns: ["manager_id"],
              deferrable: true,
            },
          ],
        ),
      ),
    );
    expect(order).toEqual(["p.category", "p.employee"]);
    expect(steps.every((s) => s.cycle === null)).toBe(true);
    expect(selfReferences.map((s) => [s.table, s.foreignKey, s.strategy])).toEqual([
      ["p.category", "category_parent", "levels"],
      ["p.employee", "manager", "defer"],
    ]);
  });

  it("orders partitions after the tables their FKs reference", () => {
    const { order } = computeInsertOrder(
      buildGraph(
        catalogOf(
          [
            { name: "p.event", kind: "partitioned" },
            { name: "p.event_1", partitionOf: "p.event" },
            "p.account",
            "p.tag",
          ],
          [
            { child: "p.event_1", parent: "p.account" },
            { child: "p.tag", parent: "p.event" },
          ],
        ),
      ),
    );
    expect(order.indexOf("p.account")).toBeLessThan(order.indexOf("p.event_1"));
    expect(order.indexOf("p.event_1")).toBeLessThan(order.indexOf("p.tag"));
    expect(order.indexOf("p.event")).toBeLessThan(order.indexOf("p.tag"));
  });

  it("respects every FK that it does not explicitly break, on random graphs", () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 10; round++) {
      const n = 60;
      const names = Array.from({ length: n }, (_, i) => `r.t${String(i).padStart(2, "0")}`);
      const notNull = new Map<string, string[]>(names.map((name) => [name, []]));
      const fks: FkSpec[] = [];
      for (let i = 0; i < 120; i++) {
        const child = names[Math.floor(random() * n)]!;
        const parent = names[Math.floor(random() * n)]!;
        const column = `c${i}`;
        if (random() < 0.5) notNull.get(child)!.push(column);
        fks.push({ name: `fk${i}`, child, parent, childColumns: [column], deferrable: random() < 0.2 });
      }
      const specs = names.map((name) => ({ name, notNull: notNull.get(name) }));
      const result = computeInsertOrder(buildGraph(catalogOf(specs, fks)));
      expect([...result.order].sort()).toEqual(names);
      const position = new Map(result.order.map((name, i) => [name, i]));
      const broken = new Set(result.steps.flatMap((s) => s.cycle?.broken.map((b) => b.foreignKey) ?? []));
      for (const fk of fks) {
        if (fk.child === fk.parent || broken.has(fk.name!)) continue;
        expect(position.get(fk.parent)!, fk.name).toBeLessThan(position.get(fk.child)!);
      }
      for (const step of result.steps) {
        for (const b of step.cycle?.broken ?? []) {
          const spec = fks.find((f) => f.name === b.foreignKey)!;
          const nullable = !notNull.get(spec.child)!.includes(spec.childColumns![0]!);
          const expected = spec.deferrable ? "defer" : nullable ? "null-then-update" : "disable-triggers";
          expect(b.how).toBe(expected);
        }
      }
    }
  });
});
