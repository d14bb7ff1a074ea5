import { describe, expect, it } from "vitest";
import { catalogOf, type FkSpec } from "./catalog-builder";
import {
  closureByName,
  closureFrom,
  closureOf,
  computeCascadeClosure,
  computeCascadeClosureByBfs,
} from "./closure";
import { buildGraph, cascadeCsr, UnknownTableError } from "./graph";

const cascade = (child: string, parent: string, extra: Partial<FkSpec> = {}): FkSpec => ({
  child,
  parent,
  onDelete: "CASCADE",
  ...extra,
});

describe("computeCascadeClosure", () => {
  it("follows CASCADE edges transitively with the fewest hops as depth", () => {
    const catalog = catalogOf(
      ["p.user", "p.talent", "p.deal", "p.payment", "p.note", "p.audit"],
      [
        cascade("p.talent", "p.user"),
        cascade("p.deal", "p.talent"),
        cascade("p.payment", "p.deal"),
        cascade("p.payment", "p.user", { name: "payment_owner_fkey", childColumns: ["owner_id"] }),
        { child: "p.note", parent: "p.deal", onDelete: "SET NULL" },
        { child: "p.audit", parent: "p.user", onDelete: "RESTRICT" },
      ],
    );
    const graph = buildGraph(catalog);
    const closure = computeCascadeClosure(graph);
    expect(closureOf(closure, graph, "p.user")).toEqual([
      { table: "p.payment", depth: 1 }, // diamond: directly, and through talent → deal
      { table: "p.talent", depth: 1 },
      { table: "p.deal", depth: 2 },
    ]);
    expect(closureByName(closure)).toEqual({
      "p.user": ["p.payment", "p.talent", "p.deal"],
      "p.talent": ["p.deal", "p.payment"],
      "p.deal": ["p.payment"],
      "p.payment": [],
      "p.note": [],
      "p.audit": [],
    });
  });

  it("puts a table in its own closure only through a cycle or self-reference", () => {
    const graph = buildGraph(
      catalogOf(
        ["s.category", "s.a", "s.b", "s.c", "s.leaf"],
        [
          cascade("s.category", "s.category", { childColumns: ["parent_id"] }),
          cascade("s.b", "s.a"),
          cascade("s.c", "s.b"),
          cascade("s.a", "s.c"),
          cascade("s.leaf", "s.c"),
        ],
      ),
    );
    const closure = closureByName(computeCascadeClosure(graph));
    expect(closure["s.category"]).toEqual(["s.category"]);
    expect(closure["s.a"]).toEqual(["s.b", "s.c", "s.a", "s.leaf"]);
    expect(closureOf(computeCascadeClosure(graph), graph, "s.c")).toEqual([
      { table: "s.a", depth: 1 },
      { table: "s.leaf", depth: 1 },
      { table: "s.b", depth: 2 },
      { table: "s.c", depth: 3 },
    ]);
  });

  it("folds partitions in: FKs onto a partitioned parent fire from its partitions, and a partitioned child loses rows in its partitions", () => {
    const graph = buildGraph(
      catalogOf(
        [
          "p.account",
          { name: "p.event", kind: "partitioned" },
          { name: "p.event_2025", partitionOf: "p.event" },
          { name: "p.event_2026", partitionOf: "p.event" },
          "p.event_tag",
          { name: "p.login", kind: "partitioned" },
          { name: "p.login_web", partitionOf: "p.login" },
        ],
        [
          cascade("p.event_2026", "p.account"), // declared on one partition only
          cascade("p.event_tag", "p.event"),
          cascade("p.login", "p.account"),
        ],
      ),
    );
    const closure = closureByName(computeCascadeClosure(graph));
    expect(closure["p.account"]).toEqual(["p.event_2026", "p.login", "p.login_web", "p.event_tag"]);
    expect(closure["p.event_2025"]).toEqual(["p.event_tag"]);
    expect(closure["p.event"]).toEqual(["p.event_tag"]);
    expect(closure["p.event_tag"]).toEqual([]);
  });

  it("equals a breadth-first search from every table on random graphs with cycles", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 20; round++) {
      const n = 40 + round * 5;
      const names = Array.from({ length: n }, (_, i) => `r.t${i}`);
      const fks: FkSpec[] = [];
      for (let i = 0; i < n * 2; i++) {
        const a = Math.floor(random() * n);
        // mostly "downhill" edges, a few back edges make cycles
        const b =
          random() < 0.9 ? Math.min(n - 1, a + 1 + Math.floor(random() * 6)) : Math.floor(random() * n);
        const onDelete = random() < 0.7 ? "CASCADE" : "SET NULL";
        fks.push({ name: `fk${i}`, child: names[b]!, parent: names[a]!, onDelete, childColumns: [`c${i}`] });
      }
      const graph = buildGraph(catalogOf(names, fks));
      const closure = computeCascadeClosure(graph);
      const csr = cascadeCsr(graph);
      for (let v = 0; v < n; v++) {
        const expected = [...closureFrom(csr, v)].map(([t, depth]) => ({ table: names[t]!, depth }));
        expected.sort((x, y) => x.depth - y.depth || (x.table < y.table ? -1 : 1));
        expect(closureOf(closure, graph, names[v]!)).toEqual(expected);
      }
      expect(closureByName(computeCascadeClosureByBfs(graph))).toEqual(closureByName(closure));
    }
  });

  it("rejects unknown tables", () => {
    const graph = buildGraph(catalogOf(["p.a"], []));
    expect(() => closureOf(computeCascadeClosure(graph), graph, "p.missing")).toThrow(UnknownTableError);
    expect(() => buildGraph(catalogOf(["p.a"], [cascade("p.a", "p.nowhere")]))).toThrow(UnknownTableError);
  });
});
