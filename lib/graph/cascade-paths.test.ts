import { describe, expect, it } from "vitest";
import { catalogOf, type FkSpec } from "./catalog-builder";
import { findCascadePaths } from "./cascade-paths";
import { buildGraph, UnknownTableError } from "./graph";

const cascade = (name: string, child: string, parent: string): FkSpec => ({
  name,
  child,
  parent,
  onDelete: "CASCADE",
  childColumns: [`${name}_id`],
});

const render = (steps: { from: string; foreignKey: string; to: string }[]) =>
  [steps[0]!.from, ...steps.map((s) => `-${s.foreignKey}-> ${s.to}`)].join(" ");

describe("findCascadePaths", () => {
  const graph = buildGraph(
    catalogOf(
      ["p.User", "p.Talent", "p.Deal", "p.Payment", "p.Log", "p.Tree"],
      [
        cascade("talent_user", "p.Talent", "p.User"),
        cascade("deal_talent", "p.Deal", "p.Talent"),
        cascade("deal_user", "p.Deal", "p.User"),
        cascade("payment_deal", "p.Payment", "p.Deal"),
        { name: "log_user", child: "p.Log", parent: "p.User", onDelete: "SET NULL" },
        cascade("tree_parent", "p.Tree", "p.Tree"),
      ],
    ),
  );

  it("prints every CASCADE path that reaches a critical table", () => {
    const { paths, truncated } = findCascadePaths(graph, ["p.Deal"]);
    expect(truncated).toBe(false);
    expect(paths.map((p) => render(p.steps))).toEqual([
      "p.Talent -deal_talent-> p.Deal",
      "p.User -deal_user-> p.Deal",
      "p.User -talent_user-> p.Talent -deal_talent-> p.Deal",
    ]);
    expect(paths[2]).toMatchObject({ from: "p.User", to: "p.Deal" });
  });

  it("finds nothing when only SET NULL edges lead to the table, and reports self-cascades", () => {
    expect(findCascadePaths(graph, ["p.Log", "p.User"]).paths).toEqual([]);
    expect(findCascadePaths(graph, ["p.Tree"]).paths.map((p) => render(p.steps))).toEqual([
      "p.Tree -tree_parent-> p.Tree",
    ]);
  });

  it("stops at the path cap and says so", () => {
    const result = findCascadePaths(graph, ["p.Payment"], { maxPaths: 2 });
    expect(result.paths).toHaveLength(2);
    expect(result.truncated).toBe(true);
    expect(findCascadePaths(graph, ["p.Payment"]).paths).toHaveLength(4);
  });

  it("keeps only paths from the given tables when asked", () => {
    const { paths } = findCascadePaths(graph, ["p.Payment"], { from: ["p.User"] });
    expect(paths.map((p) => render(p.steps))).toEqual([
      "p.User -deal_user-> p.Deal -payment_deal-> p.Payment",
      "p.User -talent_user-> p.Talent -deal_talent-> p.Deal -payment_deal-> p.Payment",
    ]);
  });

  it("rejects an unknown critical table", () => {
    expect(() => findCascadePaths(graph, ["p.Nope"])).toThrow(UnknownTableError);
  });
});
