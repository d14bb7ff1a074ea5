import { quoteIdent } from "../introspect/identifiers";
import type { Table } from "../introspect/types";
import { canTie, possibleGenerations } from "./blast-generations";
import { compareBytes, relationSql, type RiConstraint } from "./blast-rules";
import { assembleStatement, type CtePart, type FinalPart, type StatementParts } from "./statement-split";

/**
 * The one SELECT behind the blast-radius fast path (see blast-fast-path.ts for why it is exact).
 * Pure. Identifiers are quoted; the key values are the only parameters, sent untyped so PostgreSQL
 * resolves them against their columns as the DELETE would. Rows are named by ctid: the statement
 * reads one snapshot, and only plain tables (no partitions) take part.
 *
 * CTE names: d<i> deleted rows of node i (c = ctid, g = generation, k<j> = carried columns),
 * s<i>/r<i>/rl<i>/t<i> seeds, closure and top rows of a self-referencing node, n<j> rows a SET NULL
 * reaches in target j. The result has one row per node ("del"), target ("set"), guard ("guard")
 * and one "root" row, with up to four counts a..d.
 */

export interface FastNode {
  oid: number;
  table: Table;
  /** CASCADE FKs from other deleted tables into this one. */
  parents: RiConstraint[];
  /** The CASCADE FK from this table onto itself, if any. */
  self: RiConstraint | null;
  /** Columns the node's CTE carries (keys its children match on, the self-reference's columns). */
  carried: string[];
  /** Position in topological order. */
  index: number;
}

export interface NullTarget {
  oid: number;
  table: Table;
  /** SET NULL FKs from deleted tables into this one. */
  constraints: RiConstraint[];
  /** FKs whose checks a second UPDATE of a row queues, onto tables that lose rows. */
  checks: RiConstraint[];
  index: number;
}

export interface FastPlan {
  root: Table;
  /** Deleted tables in topological order of the CASCADE DAG, the root first. */
  order: FastNode[];
  targets: NullTarget[];
  /** RESTRICT / NO ACTION FKs onto deleted tables: must find no referencing row. */
  guards: RiConstraint[];
  nodes: Map<number, FastNode>;
  /** Constraint oid → name of its ON DELETE trigger on the parent (they fire in name order). */
  triggerNames: Map<number, string>;
}

const q = quoteIdent;
const only = (t: Table) => `only ${q(t.schema)}.${q(t.table)}`;

export interface FastPathSql {
  sql: string;
  params: string[];
  /** The statement as parts, to cut in two (statement-split.ts). Result columns are positional. */
  parts: StatementParts;
}

/** Key positions the tie test compares written out (generations up to 5); beyond, a subquery. */
const UNROLLED = 11;

/** Rows a scan of `table` reads, from the catalog's estimate (unknown, never analyzed: 1,000). */
const scanCost = (table: Table) => (table.estimatedRows > 0 ? table.estimatedRows : 1000);

export function buildFastPathSql(plan: FastPlan, key: [string, string][], rowCap: number): FastPathSql {
  const limit = Math.trunc(rowCap) + 1;
  const node = (oid: number) => plan.nodes.get(oid)!;
  /** The alias under which node `oid`'s CTE carries `column`. */
  const alias = (oid: number, column: string) => {
    const i = node(oid).carried.indexOf(column);
    if (i < 0) throw new Error(`internal: ${column} is not carried for ${node(oid).table.name}`);
    return `k${i}`;
  };
  const cols = (n: FastNode, from: string) =>
    n.carried.map((col, i) => `, ${from}.${q(col)} as k${i}`).join("");
  const passCols = (n: FastNode, from: string) => n.carried.map((_, i) => `, ${from}.k${i}`).join("");
  /** `child.fk = parent.k` for a FK, the parent being a deleted node's CTE. */
  const match = (c: RiConstraint, child: string, parent: string) =>
    c.fkColumns
      .map((col, i) => `${child}.${q(col)} = ${parent}.${alias(c.pk.oid, c.pkColumns[i]!)}`)
      .join(" and ");
  /** The same with the child carried in a CTE of the same (self-referencing) node. */
  const selfMatch = (c: RiConstraint, child: string, parent: string) =>
    c.fkColumns
      .map((col, i) => `${child}.${alias(c.fk.oid, col)} = ${parent}.${alias(c.pk.oid, c.pkColumns[i]!)}`)
      .join(" and ");

  // Position keys (o) tell the order of RI events apart where a SET NULL and a CASCADE reach a row
  // in the same generation. A row's key is its first deleter's key, then that FK's trigger rank and
  // the row's ctid: events of one generation fire in the order of (parent key, trigger rank). Two
  // keys whose first difference is a trigger rank come from one ancestor row's triggers, which
  // fire in name order; a first difference at a ctid means heap order (not modelled: declined), as
  // does a = true (the first deleter is not unique, or not known for self-referencing tables).
  const keyed = new Set<number>();
  const needKey = (oid: number) => {
    if (keyed.has(oid)) return;
    keyed.add(oid);
    const n = node(oid);
    for (const c of [...n.parents, ...(n.self ? [n.self] : [])]) needKey(c.pk.oid);
  };
  // Only targets where a tie can happen need keys (blast-generations.ts); elsewhere a tie found at
  // run time still counts as undecided, and the statement declines.
  const generations = possibleGenerations(plan.order);
  const tieable = new Set(plan.targets.filter((t) => canTie(plan, t, generations)).map((t) => t.oid));
  for (const target of plan.targets) {
    const n = plan.nodes.get(target.oid);
    if (!n || !tieable.has(target.oid)) continue;
    for (const c of [...target.constraints, ...n.parents, ...(n.self ? [n.self] : [])]) needKey(c.pk.oid);
  }
  const names = [...plan.triggerNames.values()].sort(compareBytes);
  const rankIndex = (c: RiConstraint) => names.indexOf(plan.triggerNames.get(c.oid)!) + 1;
  // Keys are tid[]: a row's ctid goes in as it is (no conversion per row), a trigger rank r as '(0,r)'
  // (only ever compared with ranks: keys compared are aligned), a generation g as '(g,0)', or
  // '(2^32 - 1 - g,0)' to sort backwards; generations below 32 from a constant array, not from text.
  const rank = (c: RiConstraint) => `'(0,${rankIndex(c)})'::tid`;
  const lookup = (backwards: boolean) =>
    `'{${Array.from({ length: 32 }, (_, g) => `"(${backwards ? 4294967295 - g : g},0)"`).join(",")}}'::tid[]`;
  const genTid = (g: string, backwards = false) =>
    `coalesce((${lookup(backwards)})[${g} + 1], ('(' || ${backwards ? `4294967295 - ${g}` : g} || ',0)')::tid)`;

  const ctes: CtePart[] = [];
  const finals: FinalPart[] = [];
  /** A CTE `name[(columns)] as (body)`; `recursive` when it reads itself. */
  const cte = (name: string, body: string, uses: string[], cost: number, recursive = false, columns = "") =>
    ctes.push({ name, sql: `${name}${columns} as (${body})`, uses, cost, recursive });
  const final = (sql: string, uses: string[], cost = 0) => finals.push({ sql, uses, cost });
  const root = plan.order[0]!;
  const where = key.map(([column], i) => `r.${q(column)} = $${i + 1}`).join(" and ");
  // No ONLY, like the DELETE: a row found in an inheriting table makes the fast path decline.
  cte(
    "root",
    `select r.tableoid::oid as t, r.ctid as c${cols(root, "r")} from ${q(root.table.schema)}.${q(root.table.table)} r where ${where} limit ${limit}`,
    [],
    1,
  );
  final(
    `select 'root' as kind, 0 as i, count(*) as a, count(*) filter (where t <> ${root.oid}::oid) as b, 0::int8 as c, 0::int8 as d from root`,
    ["root"],
  );

  for (const n of plan.order) {
    const i = n.index;
    const withKey = keyed.has(n.oid) && !n.self;
    // What the CASCADE reads of other nodes find: (ctid, generation, carried columns[, keys]).
    const reads = n.parents.map(
      (c) =>
        `select t.ctid as c, p.g + 1 as g${cols(n, "t")}` +
        `${withKey ? `, p.o || array[${rank(c)}, t.ctid] as o, p.a, p.o as po` : ""}` +
        ` from ${only(n.table)} t join d${node(c.pk.oid).index} p on ${match(c, "t", "p")}`,
    );
    if (n === root)
      reads.push(
        `select c, 0 as g${passCols(n, "root")}${withKey ? `, array[c] as o, false as a` : ""} from root`,
      );
    const keys =
      reads.length === 1
        ? ", x.o, x.a"
        : `, (min(array[${genTid("g")}] || x.o))[2:] as o,` +
          ` (min(array[${genTid("g")}] || x.po))[2:] is distinct from (max(array[${genTid("g", true)}] || x.po))[2:]` +
          ` or (min(array[g::float8, x.a::int::float8]))[2] = 1 as a`;
    const seeds =
      reads.length === 1
        ? `select c, g, 1::int8 as n${passCols(n, "x")}${withKey ? keys : ""} from (${reads[0]} limit ${limit}) x`
        : `select c, min(g) as g, count(*) as n${passCols(n, "x")}${withKey ? keys : ""} from (${reads.join(" union all ")} limit ${limit}) x group by c${passCols(n, "x")}`;
    const fromRoot = n === root ? 1 : 0;
    const seedUses = [...n.parents.map((c) => `d${node(c.pk.oid).index}`), ...(n === root ? ["root"] : [])];
    const seedCost = scanCost(n.table) * n.parents.length;
    if (!n.self) {
      cte(`d${i}`, seeds, seedUses, seedCost);
      // Root rows are not read through an FK: they do not count as matches.
      final(
        `select 'del', ${i}, count(*), coalesce(sum(n), 0) - ${fromRoot} * count(*), 0::int8, 0::int8 from d${i}`,
        [`d${i}`],
      );
      continue;
    }
    const s = n.self;
    // Closure through the self-reference (UNION dedups), bounded by the cap; then the generations,
    // walking down from the rows whose parent row is not deleted. A row in a cycle of rows has no
    // such ancestor, is never reached, and makes the counts differ (declined).
    const rows = scanCost(n.table);
    cte(`s${i}`, seeds, seedUses, seedCost);
    cte(
      `r${i}`,
      `select c${passCols(n, `s${i}`)} from s${i} union select t.ctid as c${cols(n, "t")} from ${only(n.table)} t join r${i} p on ${match(s, "t", "p")}`,
      [`s${i}`],
      rows * 2,
      true,
    );
    cte(`rl${i}`, `select * from r${i} limit ${limit}`, [`r${i}`], 0);
    cte(
      `t${i}`,
      `select x.c${passCols(n, "x")} from rl${i} x where not exists (select 1 from rl${i} p where ${selfMatch(s, "x", "p")})`,
      [`rl${i}`],
      rows,
    );
    cte(
      `g${i}`,
      `select x.c, s.g${passCols(n, "x")} from t${i} x join s${i} s on s.c = x.c` +
        ` union all select x.c, least(s.g, p.g + 1)${passCols(n, "x")} from rl${i} x join g${i} p on ${selfMatch(s, "x", "p")} left join s${i} s on s.c = x.c`,
      [`t${i}`, `s${i}`, `rl${i}`],
      rows * 2,
      true,
      `(c, g${n.carried.map((_, j) => `, k${j}`).join("")})`,
    );
    const noKey = keyed.has(n.oid) ? ", null::tid[] as o, true as a" : "";
    // Shortcut: when the self-reference adds no row to the seeds and every seed has one generation,
    // that is every row's generation (through a parent row it could only be later). The condition
    // is an InitPlan, so PostgreSQL skips the walk (t, g) entirely when it holds, as on the demo.
    const seedsOnly = `(select count(*) from rl${i}) = (select count(*) from s${i}) and (select min(g) = max(g) from s${i})`;
    cte(
      `d${i}`,
      `select c, g${passCols(n, `s${i}`)}${noKey} from s${i} where ${seedsOnly}` +
        ` union all select g${i}.*${noKey} from g${i} where not (${seedsOnly}) limit ${limit}`,
      [`g${i}`, `s${i}`, `rl${i}`],
      0,
    );
    final(
      `select 'del', ${i}, (select count(*) from d${i}), (select coalesce(sum(n), 0) - ${fromRoot} * count(*) from s${i}) + (select count(*) from rl${i}), (select count(*) from rl${i}), 0::int8`,
      [`d${i}`, `s${i}`, `rl${i}`],
    );
  }

  for (const target of plan.targets) {
    const j = target.index;
    const self = plan.nodes.get(target.oid);
    const k = target.constraints.length;
    // The FKs whose parent rows we look up, each once: the SET NULLs first (e0 … e<k-1>), then,
    // when rows of the target are deleted too, the CASCADEs that delete them, then checked FKs.
    const reads: RiConstraint[] = [];
    const read = (c: RiConstraint) => {
      const at = reads.findIndex((x) => x.oid === c.oid);
      if (at >= 0) return at;
      reads.push(c);
      return reads.length - 1;
    };
    target.constraints.forEach(read);
    // The CASCADEs' generations only order a tie, so only a target where one can happen reads them.
    const tiesPossible = self !== undefined && tieable.has(target.oid);
    const cascades = tiesPossible ? [...self.parents, ...(self.self ? [self.self] : [])].map(read) : [];
    const checks = target.checks.map(read);
    const joins = reads.map(
      (c, m) =>
        `${k === 1 && m === 0 ? "" : "left "}join d${node(c.pk.oid).index} e${m} on ${match(c, "x", `e${m}`)}`,
    );
    const fields = [
      self ? "dd.g as dg" : "null::int as dg",
      ...reads.map((_, m) => `e${m}.g as g${m}`),
      ...(tiesPossible ? [...target.constraints.map((_, m) => m), ...cascades] : []).map(
        (m) => `e${m}.o as o${m}, e${m}.a as a${m}`,
      ),
      ...target.checks.map(
        (c, f) => `(${c.fkColumns.map((col) => `x.${q(col)} is not null`).join(" and ")}) as fnn${f}`,
      ),
    ];
    cte(
      `n${j}`,
      `select ${fields.join(", ")} from ${only(target.table)} x ${joins.join(" ")}` +
        `${self ? ` left join d${self.index} dd on dd.c = x.ctid` : ""}` +
        `${k === 1 ? "" : ` where ${target.constraints.map((_, i) => `e${i}.c is not null`).join(" or ")}`}`,
      [...reads.map((c) => `d${node(c.pk.oid).index}`), ...(self ? [`d${self.index}`] : [])],
      scanCost(target.table),
    );
    const u: string[] = [];
    const unresolved: string[] = [];
    target.constraints.forEach((c, i) => {
      // A SET NULL and a CASCADE reaching the row in one generation: the SET NULL updates it first
      // when its event sorts first, which the position keys tell where a trigger rank decides.
      // Both events' keys are o<x> || [trigger rank]. They are compared only in a tie, where both
      // parent rows were deleted in generation dg - 1, so o<i> and o<m> have the same length
      // (2 (dg - 1) + 1): equal keys up to there leave the order to the ranks, which differ.
      const rankDecided = (m: number) => {
        // First difference at an even (rank) position, or none: written out for the first
        // UNROLLED positions (generations up to 5), as a subquery over the subscripts beyond.
        const steps = Array.from(
          { length: UNROLLED },
          (_, p) => ` when o${i}[${p + 1}] is distinct from o${m}[${p + 1}] then ${p % 2 === 1}`,
        ).join("");
        const beyond = `(select min(s) from generate_subscripts(o${i}, 1) s where o${i}[s] <> o${m}[s])`;
        return `case${steps} else coalesce(array_length(o${i}, 1), 0) <= ${UNROLLED} or coalesce(${beyond} % 2 = 0, true) end`;
      };
      const resolved = cascades
        .map((m) => `(g${m} is distinct from dg - 1 or (not a${i} and not a${m} and ${rankDecided(m)}))`)
        .join(" and ");
      const rankFirst = (m: number) => rankIndex(target.constraints[i]!) < rankIndex(reads[m]!);
      const first = cascades
        .map((m) => `(g${m} is distinct from dg - 1 or o${i} < o${m} or (o${i} = o${m} and ${rankFirst(m)}))`)
        .join(" and ");
      u.push(
        `case when g${i} is not null and (dg is null or g${i} + 1 < dg) then g${i} + 1` +
          `${first ? ` when g${i} + 1 = dg and ${first} then g${i} + 1` : ""} end as u${i}`,
      );
      // CASE, not AND: AND goes on to the costly part when the equality is NULL (row not deleted).
      unresolved.push(`case when g${i} + 1 = dg then not (${resolved || "false"}) else false end`);
    });
    // A check queued by an UPDATE in generation u<i> that is not the row's first fires in u<i> + 1
    // unless the row is deleted by then, and fails if the parent row is gone; the order decides when
    // that parent goes in u<i> or u<i> + 1, or the row in u<i> + 1 (all declined).
    const unsafe: string[] = [];
    target.constraints.forEach((_, i) => {
      const second = target.constraints.map((__, m) => `coalesce((u${m} <= u${i})::int, 0)`).join(" + ");
      target.checks.forEach((c, f) => {
        const m = checks[f]!;
        const stillSet = m < k ? ` and not coalesce(g${m} + 1 <= u${i}, false)` : "";
        unsafe.push(
          `(u${i} is not null and (dg is null or u${i} < dg) and ${second} >= 2 and fnn${f} and g${m} is not null and g${m} < u${i} + 2${stillSet})`,
        );
      });
    });
    const blocked = [...unresolved, ...unsafe].join(" or ");
    final(
      `select 'set', ${j}, count(*) filter (where dg is null), ${target.constraints.map((_, i) => `count(u${i})`).join(" + ")},` +
        ` ${target.constraints.map((_, i) => `count(g${i})`).join(" + ")}, count(*) filter (where ${blocked})` +
        ` from (select *, ${u.join(", ")} from n${j}) y`,
      [`n${j}`],
    );
  }

  plan.guards.forEach((c, j) => {
    final(
      `select 'guard', ${j}, (select count(*) from ${relationSql(c.fk)} x join d${node(c.pk.oid).index} p on ${match(c, "x", "p")}), 0::int8, 0::int8, 0::int8`,
      [`d${node(c.pk.oid).index}`],
      // The plan does not hold the referencing table's estimate; a guard finds no row, mostly by index.
      1000,
    );
  });

  const parts = { ctes, finals };
  return { sql: assembleStatement(parts), params: key.map(([, value]) => value), parts };
}
