/**
 * A `WITH … SELECT … UNION ALL SELECT …` statement kept as parts, so that it can be cut into two
 * statements that run side by side on two backends sharing one snapshot (blast-fast-path.ts). Pure.
 *
 * Each half keeps the result rows (finals) given to it and every CTE they need, in the original
 * order (a CTE only names earlier ones), so a CTE both halves need is computed twice: the cut
 * looks for the two halves whose larger estimated cost is smallest, shared CTEs counted in both.
 */

export interface CtePart {
  name: string;
  /** `name as (…)`, or `name(cols) as (…)`. */
  sql: string;
  /** CTEs this one reads (itself excluded, for a recursive one). */
  uses: string[];
  /** Estimated cost (rows read); only compared with other parts' costs. */
  cost: number;
  recursive?: boolean;
}

export interface FinalPart {
  /** One SELECT of the final UNION ALL. */
  sql: string;
  uses: string[];
  cost: number;
}

export interface StatementParts {
  ctes: CtePart[];
  finals: FinalPart[];
}

/** The statement for the given finals (all of them by default), with the CTEs they need. */
export function assembleStatement(parts: StatementParts, finals: FinalPart[] = parts.finals): string {
  const needed = neededCtes(parts, finals);
  const ctes = parts.ctes.filter((c) => needed.has(c.name));
  const body = finals.map((f) => f.sql).join("\nunion all\n");
  if (ctes.length === 0) return body;
  const recursive = ctes.some((c) => c.recursive) ? "recursive " : "";
  return `with ${recursive}${ctes.map((c) => c.sql).join(",\n")}\n${body}`;
}

/** Names of the CTEs the given finals read, directly or through other CTEs. */
export function neededCtes(parts: StatementParts, finals: FinalPart[]): Set<string> {
  const byName = new Map(parts.ctes.map((c) => [c.name, c]));
  const out = new Set<string>();
  const stack = finals.flatMap((f) => f.uses);
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (out.has(name)) continue;
    const cte = byName.get(name);
    if (!cte) throw new Error(`internal: no CTE named ${name}`);
    out.add(name);
    stack.push(...cte.uses);
  }
  return out;
}

/** Estimated cost of a statement with these finals: theirs plus every CTE they need, once. */
export function statementCost(parts: StatementParts, finals: FinalPart[]): number {
  const needed = neededCtes(parts, finals);
  const ctes = parts.ctes.reduce((sum, c) => sum + (needed.has(c.name) ? c.cost : 0), 0);
  return ctes + finals.reduce((sum, f) => sum + f.cost, 0);
}

/**
 * The finals cut into two non-empty halves, or null when there is only one final. Greedy (largest
 * first, each to the half whose cost grows least), then single moves while the larger half's cost
 * drops. Each half counts how many of its finals need each CTE, so a move costs the size of one
 * final's closure: well under a millisecond for the demo's ~50 finals and ~50 CTEs.
 */
export function splitInTwo(parts: StatementParts): [FinalPart[], FinalPart[]] | null {
  const { ctes, finals } = parts;
  if (finals.length < 2) return null;
  const position = new Map(ctes.map((c, i) => [c.name, i]));
  const needs = finals.map((f) => [...neededCtes(parts, [f])].map((name) => position.get(name)!));
  const users = [new Int32Array(ctes.length), new Int32Array(ctes.length)];
  const total = [0, 0];
  const count = [0, 0];
  const side = new Array<number>(finals.length).fill(-1);
  /** What final i adds to half h (CTEs no final there needs yet, and its own cost). */
  const added = (h: number, i: number) =>
    needs[i]!.reduce((sum, c) => sum + (users[h]![c] === 0 ? ctes[c]!.cost : 0), finals[i]!.cost);
  /** What leaving half h takes away (CTEs only final i needs there). */
  const removed = (h: number, i: number) =>
    needs[i]!.reduce((sum, c) => sum + (users[h]![c] === 1 ? ctes[c]!.cost : 0), finals[i]!.cost);
  const place = (h: number, i: number) => {
    total[h]! += added(h, i);
    for (const c of needs[i]!) users[h]![c]!++;
    count[h]!++;
    side[i] = h;
  };
  const unplace = (h: number, i: number) => {
    total[h]! -= removed(h, i);
    for (const c of needs[i]!) users[h]![c]!--;
    count[h]!--;
  };

  const alone = finals.map((f, i) => needs[i]!.reduce((sum, c) => sum + ctes[c]!.cost, f.cost));
  const order = finals.map((_, i) => i).sort((a, b) => alone[b]! - alone[a]! || a - b);
  for (const i of order) place(total[0]! + added(0, i) <= total[1]! + added(1, i) ? 0 : 1, i);
  // Both halves non-empty (equal costs all land in half 0): the cheapest final of 0 moves over.
  if (count[1] === 0) {
    const i = order[order.length - 1]!;
    unplace(0, i);
    place(1, i);
  }

  for (let improved = true; improved;) {
    improved = false;
    for (let i = 0; i < finals.length; i++) {
      const from = side[i]!;
      const to = 1 - from;
      if (count[from] === 1) continue;
      const worst = Math.max(total[0]!, total[1]!);
      if (Math.max(total[from]! - removed(from, i), total[to]! + added(to, i)) < worst) {
        unplace(from, i);
        place(to, i);
        improved = true;
      }
    }
  }
  // Original order within each half: the result rows come back in a stable order.
  return [finals.filter((_, i) => side[i] === 0), finals.filter((_, i) => side[i] === 1)];
}
