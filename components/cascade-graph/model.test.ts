import { describe, expect, it } from "vitest";
import { graphJson } from "@/lib/cli/commands/graph";
import { catalogOf } from "@/lib/graph/catalog-builder";
import { fastLayeredLayout } from "./fast-layout";
import {
  buildModel,
  cascadeTree,
  closureWithDepth,
  compactGraph,
  expandGraph,
  deepestRoute,
  deleteEffectsView,
  neighbourhood,
  pruneTree,
  widestCascadeRoot,
} from "./model";

/** user → talent → deal → payment (CASCADE); note → deal SET NULL; audit → user RESTRICT; tag alone. */
function model() {
  const catalog = catalogOf(
    ["p.user", "p.talent", "p.deal", "p.payment", "p.note", "p.audit", "p.tag"],
    [
      { name: "talent_user", child: "p.talent", parent: "p.user", onDelete: "CASCADE" },
      { name: "deal_talent", child: "p.deal", parent: "p.talent", onDelete: "CASCADE" },
      { name: "payment_deal", child: "p.payment", parent: "p.deal", onDelete: "CASCADE" },
      {
        name: "payment_user",
        child: "p.payment",
        parent: "p.user",
        onDelete: "CASCADE",
        childColumns: ["owner"],
      },
      { name: "note_deal", child: "p.note", parent: "p.deal", onDelete: "SET NULL" },
      { name: "audit_talent", child: "p.audit", parent: "p.talent", onDelete: "RESTRICT" },
    ],
  );
  const json = graphJson(catalog);
  // Through the page's wire format, as the browser gets it.
  return { model: buildModel(expandGraph(compactGraph(json))), cascadeClosure: json.cascadeClosure };
}

describe("graph page model", () => {
  it("computes the same closures as incident-room graph --json", () => {
    const { model: m, cascadeClosure } = model();
    for (const [table, closure] of Object.entries(cascadeClosure)) {
      expect([...closureWithDepth(m, table).keys()].sort(), table).toEqual([...closure].sort());
    }
    expect(closureWithDepth(m, "p.user")).toEqual(
      new Map([
        ["p.talent", 1],
        ["p.payment", 1],
        ["p.deal", 2],
      ]),
    );
  });

  it("lists cascade paths as a tree of shortest routes, each table once", () => {
    const { model: m } = model();
    const tree = cascadeTree(m, "p.user");
    const flat = (n: typeof tree): string[] => [
      `${n.table}@${n.depth}<${n.via ?? ""}`,
      ...n.children.flatMap(flat),
    ];
    expect(flat(tree)).toEqual([
      "p.user@0<",
      "p.payment@1<payment_user",
      "p.talent@1<talent_user",
      "p.deal@2<deal_talent",
    ]);
    expect(deepestRoute(tree)).toEqual(["p.user", "p.talent", "p.deal"]);
    const pruned = pruneTree(tree, 2);
    expect(flat(pruned.tree)).toEqual(["p.user@0<", "p.payment@1<payment_user", "p.talent@1<talent_user"]);
    expect(pruned.omitted).toBe(1);
  });

  it("names what a delete sets to NULL and what can block it, at every level", () => {
    const { model: m } = model();
    const effects = deleteEffectsView(m, "p.user");
    expect(effects.setNull.map((f) => [f.name, f.from])).toEqual([["note_deal", "p.deal"]]);
    expect(effects.blockers.map((f) => [f.name, f.from])).toEqual([["audit_talent", "p.talent"]]);
    expect(effects.fired.size).toBe(6);
  });

  it("finds k-hop neighbourhoods, optionally along cascades only, and a good starting table", () => {
    const { model: m } = model();
    expect([...neighbourhood(m, "p.deal", 1)].sort()).toEqual(["p.deal", "p.note", "p.payment", "p.talent"]);
    expect([...neighbourhood(m, "p.deal", 1, { cascadeOnly: true })].sort()).toEqual([
      "p.deal",
      "p.payment",
      "p.talent",
    ]);
    expect(neighbourhood(m, "p.deal", 9, { limit: 3 }).size).toBe(3);
    expect(widestCascadeRoot(m)).toBe("p.user");
  });
});

describe("fastLayeredLayout", () => {
  it("puts parents left of children, survives cycles and places every node without overlap", () => {
    const nodes = ["a", "b", "c", "d", "e", "lonely"].map((id) => ({ id, width: 100, height: 40 }));
    const edges = [
      { source: "a", target: "b" },
      { source: "b", target: "c" },
      { source: "a", target: "c" },
      { source: "c", target: "d" },
      { source: "d", target: "b" }, // cycle b → c → d → b
      { source: "e", target: "e" }, // self-reference
    ];
    const p = fastLayeredLayout({ nodes, edges });
    expect(Object.keys(p).sort()).toEqual(["a", "b", "c", "d", "e", "lonely"]);
    expect(p.a!.x).toBeLessThan(p.b!.x);
    expect(p.b!.x).toBeLessThan(p.c!.x);
    expect(p.c!.x).toBeLessThan(p.d!.x);
    const boxes = Object.values(p);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const overlap = Math.abs(boxes[i]!.x - boxes[j]!.x) < 100 && Math.abs(boxes[i]!.y - boxes[j]!.y) < 40;
        expect(overlap).toBe(false);
      }
  });

  it("places every table of a 5,000-table, 10,000-FK schema", () => {
    const n = 5000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, width: 220, height: 58 }));
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const edges = Array.from({ length: 10_000 }, () => {
      const a = Math.floor(rnd() * n);
      const b = Math.floor(rnd() * n);
      return { source: `t${Math.min(a, b)}`, target: `t${Math.max(a, b)}` };
    });
    const p = fastLayeredLayout({ nodes, edges });
    expect(Object.keys(p).length).toBe(n);
  });
});
