import { createHash } from "node:crypto";
import { isConnectionError, type Queryable } from "../introspect/connect";
import type { Catalog, Table } from "../introspect/types";
import { type FastNode, type FastPathSql, type FastPlan, type NullTarget } from "./blast-fast-path-sql";
import { RuleBook, relationsToPreload, ruleDataFor, type RiConstraint } from "./blast-rules";
import type { SimulationResult } from "./blast-simulate";
import { assembleStatement, splitInTwo } from "./statement-split";

/**
 * The blast radius in one set-based SELECT, when the answer provably does not depend on the order in
 * which PostgreSQL fires its RI triggers. Used by computeBlastRadius before the exact replay
 * (blast-simulate.ts), which stays the reference: whenever this module cannot prove equivalence it
 * declines and the replay runs.
 *
 * Why it is exact where it applies. The DELETE's RI events fire in generations (see
 * blast-simulate.ts): the root rows are deleted in generation 0, and a row deleted in generation g
 * queues its CASCADE / SET NULL events, fired in generation g + 1. Where no event can fail and no
 * SET NULL changes columns another FK matches on, a row is deleted exactly when some CASCADE path of
 * rows leads to it from a root row, in the generation given by the shortest such path; so the sets
 * are closures (UNION over FKs dedups diamonds) and generations are minimums. Order matters only
 * for what happens within one generation, and we decline whenever the data puts two events that
 * touch one row into the same generation. What is computed, per table, on the server:
 * - deleted rows with their generation (a CTE per table in topological order of the CASCADE DAG; a
 *   self-referencing CASCADE closes with WITH RECURSIVE, generations then walk down from the rows
 *   whose parent is not deleted — each row has one parent, so every row is visited once);
 * - rows a SET NULL reaches: updated rows are those not deleted; a row updated and later deleted
 *   counts as an UPDATE (pg_stat's n_tup_upd) only when its SET NULL fires in an earlier generation
 *   than its delete (equal generations: declined);
 * - a row updated twice queues FK checks on its other keys (its xmin is now ours); declined when a
 *   parent of such a key is deleted in or right after that generation (the check could fail);
 * - RESTRICT / NO ACTION FKs onto deleted tables must find no referencing row at all, or we decline
 *   (with no row to find, such a check passes in whatever order it fires).
 * Declined statically: multi-table CASCADE cycles, two CASCADE self-references on one table,
 * partitioned tables and partitions, SET DEFAULT, SET NULL into NOT NULL columns or columns that
 * another FK or a referenced key uses, BEFORE ROW triggers, temporal FKs, deferred action triggers,
 * NOT VALID FKs on rows that may be updated twice. Declined by the data (see above), and whenever the
 * row cap could be reached (the replay then reports the truncation exactly as it always has).
 */

export type FastPathPlanning = { plan: FastPlan } | { declined: string };
export type FastPathRun = { result: SimulationResult } | { declined: string };

function intersects(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.includes(x));
}

/**
 * Whether the fast path can answer a delete from `root` (before looking at any row), and its plan.
 * Loads the RI rules it needs into `rules`.
 */
export async function planFastPath(
  catalog: Catalog,
  rules: RuleBook,
  root: Table,
): Promise<FastPathPlanning> {
  const byOid = new Map(catalog.tables.map((t) => [t.oid, t]));
  const fkByOid = new Map(catalog.foreignKeys.map((k) => [k.oid, k]));
  const plainTable = (oid: number): Table | null => {
    const t = byOid.get(oid);
    return t && t.kind === "table" && !t.partitionOf ? t : null;
  };
  const decline = (why: string): FastPathPlanning => ({ declined: why });

  if (!plainTable(root.oid)) return decline(`${root.name} is partitioned or a partition`);
  await rules.ensure(relationsToPreload(catalog, root.name));

  // 1. Tables reachable through CASCADE, with their edges, SET NULL edges and guards.
  const nodes = new Map<number, FastNode>();
  const cascades: RiConstraint[] = [];
  const setNulls: RiConstraint[] = [];
  const guards: RiConstraint[] = [];
  const triggerNames = new Map<number, string>();
  const queue = [root.oid];
  while (queue.length > 0) {
    const oid = queue.shift()!;
    if (nodes.has(oid)) continue;
    const table = plainTable(oid);
    if (!table) return decline(`table ${oid} (reached through CASCADE) is partitioned or a partition`);
    await rules.ensure([oid]);
    const leaf = rules.leaf(oid);
    if (leaf.beforeDelete.length > 0) return decline(`${table.name} has BEFORE DELETE triggers`);
    nodes.set(oid, { oid, table, parents: [], self: null, carried: [], index: -1 });
    for (const trigger of leaf.triggers) {
      if (trigger.side !== "pk" || trigger.event !== "delete") continue;
      const c = trigger.constraint;
      if (c.period) return decline(`${c.name} is a temporal FK`);
      if (c.pk.oid !== oid || !plainTable(c.fk.oid))
        return decline(`${c.name} involves a partitioned table or a partition`);
      triggerNames.set(c.oid, trigger.name);
      if (trigger.deferred && trigger.action !== "noaction")
        return decline(`${c.name}: deferred action trigger`);
      switch (trigger.action) {
        case "cascade":
          cascades.push(c);
          queue.push(c.fk.oid);
          break;
        case "setnull":
          setNulls.push(c);
          break;
        case "setdefault":
          return decline(`${c.name} is ON DELETE SET DEFAULT`);
        default:
          guards.push(c);
      }
    }
  }

  // 2. Edges, self-references, and a topological order (a multi-table cycle has none).
  for (const c of cascades) {
    const child = nodes.get(c.fk.oid)!;
    if (c.fk.oid === c.pk.oid) {
      if (child.self) return decline(`${child.table.name} has two CASCADE self-references`);
      child.self = c;
    } else child.parents.push(c);
  }
  const order: FastNode[] = [];
  const pending = new Map([...nodes.values()].map((n) => [n.oid, n.parents.length]));
  const ready = [root.oid];
  if (pending.get(root.oid) !== 0) return decline(`a CASCADE cycle leads back to ${root.name}`);
  while (ready.length > 0) {
    const node = nodes.get(ready.shift()!)!;
    node.index = order.length;
    order.push(node);
    for (const c of cascades) {
      if (c.pk.oid !== node.oid || c.fk.oid === node.oid) continue;
      const left = pending.get(c.fk.oid)! - 1;
      pending.set(c.fk.oid, left);
      if (left === 0) ready.push(c.fk.oid);
    }
  }
  if (order.length !== nodes.size) return decline("a cycle of CASCADE FKs through several tables");

  // 3. SET NULL targets: each row may be updated once per such FK; only NULLs are written.
  const targets = new Map<number, NullTarget>();
  for (const c of setNulls) {
    const target = targets.get(c.fk.oid) ?? {
      oid: c.fk.oid,
      table: plainTable(c.fk.oid)!,
      constraints: [],
      checks: [],
      index: targets.size,
    };
    target.constraints.push(c);
    targets.set(c.fk.oid, target);
  }
  for (const target of targets.values()) {
    await rules.ensure([target.oid]);
    const leaf = rules.leaf(target.oid);
    const name = target.table.name;
    if (leaf.beforeUpdate.length > 0) return decline(`${name} has BEFORE UPDATE triggers`);
    // Every FK on the table, the ones whose action triggers we saw included.
    const onTable = new Map<number, RiConstraint>();
    for (const t of leaf.triggers) if (t.side === "fk") onTable.set(t.constraint.oid, t.constraint);
    for (const c of [...cascades, ...setNulls, ...guards]) if (c.fk.oid === target.oid) onTable.set(c.oid, c);
    for (const c of target.constraints) {
      const columns = new Map(target.table.columns.map((col) => [col.name, col]));
      if (c.setColumns.some((col) => !columns.get(col)?.nullable))
        return decline(`${c.name} sets a NOT NULL column of ${name} to NULL`);
      if (c.matchFull && c.setColumns.length < c.fkColumns.length)
        return decline(`${c.name} is MATCH FULL and sets part of its key to NULL`);
      for (const other of onTable.values())
        if (other.oid !== c.oid && intersects(other.fkColumns, c.setColumns))
          return decline(`${c.name} sets columns of ${name} that ${other.name} also uses`);
      for (const t of leaf.triggers)
        if (t.side === "pk" && intersects(t.constraint.pkColumns, c.setColumns))
          return decline(`${c.name} changes a key of ${name} that ${t.constraint.name} references`);
    }
    if (target.constraints.length > 1) {
      // A second UPDATE of a row queues checks of all its non-null FKs (RI_FKey_fk_upd_check_required).
      for (const t of leaf.triggers) {
        if (t.side !== "fk") continue;
        const fk = fkByOid.get(t.constraint.oid);
        if (!fk || !fk.validated)
          return decline(`${t.constraint.name} on ${name} is NOT VALID (or unknown to the catalog)`);
        if (t.constraint.period) return decline(`${t.constraint.name} is a temporal FK`);
        // A check onto a table that loses no rows always finds its (validated) parent.
        if (nodes.has(t.constraint.pk.oid)) target.checks.push(t.constraint);
      }
    }
  }

  // 4. Columns each deleted table's CTE carries: the keys its children match on.
  const carry = (oid: number, columns: string[]) => {
    const node = nodes.get(oid)!;
    for (const col of columns) if (!node.carried.includes(col)) node.carried.push(col);
  };
  for (const c of [...cascades, ...setNulls, ...guards]) carry(c.pk.oid, c.pkColumns);
  for (const target of targets.values()) for (const c of target.checks) carry(c.pk.oid, c.pkColumns);
  for (const node of nodes.values()) if (node.self) carry(node.oid, node.self.fkColumns);

  return { plan: { root, order, targets: [...targets.values()], guards, nodes, triggerNames } };
}

type ResultRow = [kind: string, i: number, a: string, b: string, c: string, d: string];

/**
 * Runs the plan's statement (buildFastPathSql: the rows `DELETE FROM root WHERE key` would delete)
 * in the caller's (read-only, REPEATABLE READ) transaction. Declines, after reading, when the data makes the order matter.
 * With `helper` (a second backend whose transaction imported this one's snapshot), the statement is
 * cut in two halves that run side by side (statement-split.ts): same rows, about half the time on a
 * machine with a core to spare.
 */
export async function runFastPath(
  client: Queryable,
  plan: FastPlan,
  { sql, params, parts }: FastPathSql,
  rowCap: number,
  helper?: Queryable,
): Promise<FastPathRun> {
  const halves = helper ? splitInTwo(parts) : null;
  const jobs: [Queryable, string][] = halves
    ? [
        [client, assembleStatement(parts, halves[0])],
        [helper!, assembleStatement(parts, halves[1])],
      ]
    : [[client, sql]];
  // Named, so that a connection plans each statement once (computeBlastRadius forces a generic
  // plan): planning a statement of some forty CTEs costs about a sixth of running it on the demo.
  // The name is a digest of the text, so a different plan, key shape or cap is a different statement.
  const run = (on: Queryable, text: string) =>
    on.query<ResultRow>({
      name: `ir_blast_${createHash("sha256").update(text).digest("hex").slice(0, 40)}`,
      text,
      values: params,
      rowMode: "array",
    });
  // Both settle before any error is thrown: neither connection is handed back mid-statement.
  const settled = await Promise.allSettled(jobs.map(([on, text]) => run(on, text)));
  const [mine, theirs] = settled;
  // The helper's connection lost mid-statement: its half runs here instead (same snapshot).
  if (theirs?.status === "rejected" && mine!.status === "fulfilled" && isConnectionError(theirs.reason))
    settled[1] = { status: "fulfilled", value: await run(client, jobs[1]![1]) };
  const failed = settled.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  const results = settled.flatMap((r) => (r.status === "fulfilled" ? r.value.rows : []));
  const rows = results.map(([kind, i, a, b, c, d]) => ({
    kind,
    i: Number(i),
    a: Number(a),
    b: Number(b),
    c: Number(c),
    d: Number(d),
  }));
  const empty = (outcome: SimulationResult["outcome"]): SimulationResult => ({
    outcome,
    deleted: new Map(),
    updatedRows: new Map(),
    updateOperations: new Map(),
    blockedBy: [],
    truncated: false,
  });
  const rootRow = rows.find((r) => r.kind === "root")!;
  if (rootRow.a === 0) return { result: empty("not-found") };
  if (rootRow.b > 0) return { declined: `rows of ${plan.root.name} live in inheriting tables` };

  const out = empty("deleted");
  let touched = 0;
  let matched = 0;
  for (const row of rows) {
    switch (row.kind) {
      case "del": {
        const node = plan.order[row.i]!;
        // a: rows deleted, b: rows the CASCADE reads found (an upper bound for self-references),
        // c: rows of a self-referencing table's closure, to compare with a.
        if (row.a > rowCap || row.b > rowCap) return { declined: "the row cap may be reached" };
        if (node.self && row.a !== row.c)
          return { declined: `rows of ${node.table.name} reference each other in a cycle` };
        if (row.a > 0) out.deleted.set(node.table.name, row.a);
        touched += row.a;
        matched += row.b;
        break;
      }
      case "set": {
        const target = plan.targets[row.i]!;
        // a: rows updated and still there, b: UPDATE executions, c: rows the SET NULL reads found,
        // d: rows where the order within a generation decides (declined).
        if (row.d > 0)
          return { declined: `the order of RI events decides what happens to ${target.table.name}` };
        if (row.a > 0) out.updatedRows.set(target.table.name, row.a);
        if (row.b > 0) out.updateOperations.set(target.table.name, row.b);
        touched += row.a;
        matched += row.c;
        break;
      }
      case "guard":
        if (row.a > 0) {
          const c = plan.guards[row.i]!;
          return { declined: `${c.name}: rows of ${c.fk.qualified} reference deleted rows` };
        }
        break;
    }
  }
  // The replay stops at the cap (touched rows, or rows read in one generation): leave that to it.
  if (touched > rowCap || matched > rowCap) return { declined: "the row cap may be reached" };
  return { result: out };
}

/** Whether the fast path applies to a delete from `table`, before reading rows (for tests and tools). */
export async function explainFastPath(
  client: Queryable,
  catalog: Catalog,
  table: Table,
): Promise<{ applies: true } | { applies: false; reason: string }> {
  const rules = new RuleBook(client, catalog.serverVersionNum, ruleDataFor(catalog));
  const planned = await planFastPath(catalog, rules, table);
  return "plan" in planned ? { applies: true } : { applies: false, reason: planned.declined };
}
