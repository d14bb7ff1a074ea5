import { describe, expect, it } from "vitest";
import {
  assembleStatement,
  neededCtes,
  splitInTwo,
  statementCost,
  type CtePart,
  type FinalPart,
  type StatementParts,
} from "./statement-split";

const cte = (name: string, uses: string[], cost: number, recursive = false): CtePart => ({
  name,
  sql: `${name} as (select 1)`,
  uses,
  cost,
  recursive,
});
const final = (name: string, uses: string[], cost = 0): FinalPart => ({
  sql: `select '${name}'`,
  uses,
  cost,
});

/** A shared root, two heavy chains under it, and light finals on each. */
const TWO_CHAINS: StatementParts = {
  ctes: [
    cte("root", [], 1),
    cte("a1", ["root"], 100),
    cte("a2", ["a1"], 100),
    cte("b1", ["root"], 100),
    cte("b2", ["b1"], 100, true),
  ],
  finals: [
    final("root", ["root"]),
    final("a1", ["a1"]),
    final("a2", ["a2"]),
    final("b1", ["b1"]),
    final("b2", ["b2"]),
  ],
};

describe("statement split", () => {
  it("finds every CTE a final needs, through other CTEs", () => {
    expect([...neededCtes(TWO_CHAINS, [TWO_CHAINS.finals[2]!])].sort()).toEqual(["a1", "a2", "root"]);
    expect(statementCost(TWO_CHAINS, TWO_CHAINS.finals)).toBe(401);
    // Shared CTEs count once per statement.
    expect(statementCost(TWO_CHAINS, [TWO_CHAINS.finals[1]!, TWO_CHAINS.finals[2]!])).toBe(201);
  });

  it("assembles a statement with only the CTEs its finals need, in their order", () => {
    const sql = assembleStatement(TWO_CHAINS, [TWO_CHAINS.finals[2]!]);
    expect(sql).toBe("with root as (select 1),\na1 as (select 1),\na2 as (select 1)\nselect 'a2'");
    expect(assembleStatement(TWO_CHAINS, [TWO_CHAINS.finals[4]!])).toMatch(/^with recursive root/);
    expect(assembleStatement({ ctes: [], finals: [final("x", [])] })).toBe("select 'x'");
  });

  it("cuts along the chains, each final in exactly one half", () => {
    const halves = splitInTwo(TWO_CHAINS)!;
    const names = halves.map((h) => h.map((f) => f.sql.slice(8, -1)).sort());
    expect(names.flat().sort()).toEqual(["a1", "a2", "b1", "b2", "root"]);
    const chains = names.map((h) => h.filter((n) => n !== "root").map((n) => n[0]));
    expect(chains.map((c) => new Set(c).size)).toEqual([1, 1]);
    expect(Math.max(...halves.map((h) => statementCost(TWO_CHAINS, h)))).toBe(201);
  });

  it("keeps both halves non-empty, and does not split a single final", () => {
    const same: StatementParts = {
      ctes: [cte("x", [], 10)],
      finals: [final("p", ["x"]), final("q", ["x"])],
    };
    expect(splitInTwo(same)!.map((h) => h.length)).toEqual([1, 1]);
    expect(splitInTwo({ ctes: [], finals: [final("only", [])] })).toBeNull();
  });

  it("refuses a final that names a CTE that does not exist", () => {
    expect(() => neededCtes(TWO_CHAINS, [final("bad", ["nope"])])).toThrow(/no CTE named nope/);
  });
});
