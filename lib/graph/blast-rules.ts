import type { Queryable } from "../introspect/connect";
import { qualify, quoteIdent } from "../introspect/identifiers";
import type { Catalog } from "../introspect/types";

/**
 * The referential-integrity triggers PostgreSQL would fire, read straight from pg_trigger.
 *
 * The Catalog lists each foreign key once (the top-level constraint). PostgreSQL fires per-leaf
 * triggers: a FK onto a partitioned table has a cloned constraint and its own action trigger on
 * every partition (named differently, and reported under the clone's name when it fails), and
 * the order of a row's triggers is the byte order of their names. So the simulation reads the real
 * triggers for the leaves it touches, in one query per batch of tables.
 */

export interface Relation {
  oid: number;
  schema: string;
  name: string;
  /** "schema.table" as in the Catalog. */
  qualified: string;
  partitioned: boolean;
}

export type DeleteAction = "cascade" | "setnull" | "setdefault" | "restrict" | "noaction";
export type UpdateAction = DeleteAction;

export interface RiConstraint {
  oid: number;
  name: string;
  /** The referencing relation (conrelid): its name is what an error reports as the table. */
  fk: Relation;
  /** The referenced relation (confrelid): a leaf partition for clones on the referenced side. */
  pk: Relation;
  fkColumns: string[];
  /** format_type(atttypid, NULL) of each FK column, to cast text values back. */
  fkTypes: string[];
  pkColumns: string[];
  /** Columns an ON DELETE SET NULL / SET DEFAULT assigns (PostgreSQL 15+ allows a subset). */
  setColumns: string[];
  matchFull: boolean;
  /** A temporal FK (PostgreSQL 18 PERIOD): matched by range containment, not modelled. */
  period: boolean;
}

export type RiTrigger =
  | {
      name: string;
      side: "pk";
      event: "delete";
      action: DeleteAction;
      deferred: boolean;
      constraint: RiConstraint;
    }
  | {
      name: string;
      side: "pk";
      event: "update";
      action: UpdateAction;
      deferred: boolean;
      constraint: RiConstraint;
    }
  | { name: string; side: "fk"; event: "update"; deferred: boolean; constraint: RiConstraint };

export interface LeafRules {
  relation: Relation;
  /** Enabled RI row triggers of this leaf, in firing (name) order. */
  triggers: RiTrigger[];
  /** Columns whose values the simulation must know for a row of this leaf. */
  neededColumns: string[];
  /** Enabled user BEFORE ROW DELETE / UPDATE triggers (row changes we cannot predict). */
  beforeDelete: string[];
  beforeUpdate: string[];
}

const FUNCTIONS: Record<string, { side: "pk" | "fk"; event: "delete" | "update"; action?: DeleteAction }> = {
  RI_FKey_cascade_del: { side: "pk", event: "delete", action: "cascade" },
  RI_FKey_setnull_del: { side: "pk", event: "delete", action: "setnull" },
  RI_FKey_setdefault_del: { side: "pk", event: "delete", action: "setdefault" },
  RI_FKey_restrict_del: { side: "pk", event: "delete", action: "restrict" },
  RI_FKey_noaction_del: { side: "pk", event: "delete", action: "noaction" },
  RI_FKey_cascade_upd: { side: "pk", event: "update", action: "cascade" },
  RI_FKey_setnull_upd: { side: "pk", event: "update", action: "setnull" },
  RI_FKey_setdefault_upd: { side: "pk", event: "update", action: "setdefault" },
  RI_FKey_restrict_upd: { side: "pk", event: "update", action: "restrict" },
  RI_FKey_noaction_upd: { side: "pk", event: "update", action: "noaction" },
  RI_FKey_check_upd: { side: "fk", event: "update" },
  // RI_FKey_check_ins never fires: a delete inserts nothing.
};

function columnNames(keyArray: string, relColumn: string): string {
  return `array(select a.attname::text from unnest(${keyArray}) with ordinality u(n, i)
                join pg_catalog.pg_attribute a on a.attrelid = ${relColumn} and a.attnum = u.n order by u.i)`;
}

/**
 * One round trip: every member of the partition trees under the given relations (pg_partition_tree
 * lists nothing for a table that is neither partitioned nor a partition, so each relation is added
 * itself), and for each leaf its enabled RI triggers with their constraints, in name order.
 */
function rulesSql(serverVersionNum: number): string {
  const setColumns =
    serverVersionNum >= 150000 ? columnNames("k.confdelsetcols", "k.conrelid") : "null::text[]";
  return `
  with tree as (
    select r.oid::int8 as root, c.oid as oid, c.relkind <> 'p' as leaf,
           n.nspname::text as schema, c.relname::text as name, c.relkind::text as kind
    from unnest($1::oid[]) as r(oid)
    cross join lateral (select t.relid from pg_catalog.pg_partition_tree(r.oid::regclass) t
                        union select r.oid) as m(relid)
    join pg_catalog.pg_class c on c.oid = m.relid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  )
  select tree.root, tree.oid::int8 as oid, tree.leaf, tree.schema, tree.name, tree.kind,
         -- BEFORE ROW triggers may cancel or rewrite a row change: the simulation refuses to guess.
         array(select ut.tgname::text from pg_catalog.pg_trigger ut
               where ut.tgrelid = tree.oid and not ut.tgisinternal and ut.tgenabled in ('O', 'A')
                 and ut.tgtype & 3 = 3 and ut.tgtype & 8 = 8) as before_delete,
         array(select ut.tgname::text from pg_catalog.pg_trigger ut
               where ut.tgrelid = tree.oid and not ut.tgisinternal and ut.tgenabled in ('O', 'A')
                 and ut.tgtype & 3 = 3 and ut.tgtype & 16 = 16) as before_update,
         tr.*
  from tree
  left join lateral (
    select t.tgname::text as trigger, p.proname::text as func,
           t.tgdeferrable and t.tginitdeferred as deferred,
           k.oid::int8 as con_oid, k.conname::text as con_name, k.confmatchtype::text as match_type,
           k.conrelid::int8 as fk_oid, fn.nspname::text as fk_schema, fc.relname::text as fk_name,
           fc.relkind::text as fk_kind,
           k.confrelid::int8 as pk_oid, pn.nspname::text as pk_schema, pc.relname::text as pk_name,
           pc.relkind::text as pk_kind,
           ${columnNames("k.conkey", "k.conrelid")} as fk_columns,
           array(select pg_catalog.format_type(a.atttypid, null) from unnest(k.conkey) with ordinality u(n, i)
                 join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n
                 order by u.i) as fk_types,
           ${columnNames("k.confkey", "k.confrelid")} as pk_columns,
           ${setColumns} as set_columns,
           ${serverVersionNum >= 180000 ? "k.conperiod" : "false"} as period
    from pg_catalog.pg_trigger t
    join pg_catalog.pg_proc p on p.oid = t.tgfoid
    join pg_catalog.pg_constraint k on k.oid = t.tgconstraint and k.contype = 'f'
    join pg_catalog.pg_class fc on fc.oid = k.conrelid
    join pg_catalog.pg_namespace fn on fn.oid = fc.relnamespace
    join pg_catalog.pg_class pc on pc.oid = k.confrelid
    join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
    where t.tgrelid = tree.oid and tree.leaf
      and p.pronamespace = 'pg_catalog'::regnamespace and p.proname like 'RI\\_FKey\\_%'
      -- 'O' fires in an ordinary session, 'A' always; 'D' (disabled) and 'R' (replica only) do not.
      and t.tgenabled in ('O', 'A')
  ) tr on true
  order by tree.root, tree.oid, tr.trigger collate "C"`;
}

interface RuleRow {
  root: string;
  oid: string;
  leaf: boolean;
  schema: string;
  name: string;
  kind: string;
  /** Null when the leaf has no RI trigger (the left join found nothing). */
  trigger: string | null;
  func: string;
  deferred: boolean;
  con_oid: string;
  con_name: string;
  match_type: string;
  fk_oid: string;
  fk_schema: string;
  fk_name: string;
  fk_kind: string;
  pk_oid: string;
  pk_schema: string;
  pk_name: string;
  pk_kind: string;
  fk_columns: string[];
  fk_types: string[];
  pk_columns: string[];
  set_columns: string[] | null;
  period: boolean;
  before_delete: string[];
  before_update: string[];
}

function relation(oid: string, schema: string, name: string, kind: string): Relation {
  return { oid: Number(oid), schema, name, qualified: qualify(schema, name), partitioned: kind === "p" };
}

/** SQL for a relation as the RI queries name it: ONLY unless partitioned. */
export function relationSql(rel: Relation, only = !rel.partitioned): string {
  return `${only ? "only " : ""}${quoteIdent(rel.schema)}.${quoteIdent(rel.name)}`;
}

/** Byte order, as PostgreSQL sorts trigger names (the `name` type compares with strcmp). */
export function compareBytes(a: string, b: string): number {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return Buffer.compare(x, y);
}

/** Lazily loaded RI rules for the relations a simulation touches. */
/** What a RuleBook has read: plain data, shareable between computations on one catalog. */
export interface RuleData {
  leaves: Map<number, LeafRules>;
  /** relation oid → its leaf oids (loaded trees only). */
  trees: Map<number, number[]>;
  constraints: Map<number, RiConstraint>;
}

const shared = new WeakMap<object, RuleData>();

/**
 * Rules read for one Catalog object are reused by later computations with that same object: RI
 * triggers change only with DDL, and after DDL the catalog itself must be read again anyway.
 */
export function ruleDataFor(catalog: object): RuleData {
  let data = shared.get(catalog);
  if (!data) {
    data = { leaves: new Map(), trees: new Map(), constraints: new Map() };
    shared.set(catalog, data);
  }
  return data;
}

export class RuleBook {
  private readonly leaves: Map<number, LeafRules>;
  private readonly trees: Map<number, number[]>;
  private readonly constraints: Map<number, RiConstraint>;
  /** Number of catalog round trips, for the benchmark's curiosity. */
  queries = 0;

  constructor(
    private readonly client: Queryable,
    private readonly serverVersionNum: number,
    data: RuleData = { leaves: new Map(), trees: new Map(), constraints: new Map() },
  ) {
    this.leaves = data.leaves;
    this.trees = data.trees;
    this.constraints = data.constraints;
  }

  /**
   * The SQLSTATE a RESTRICT violation raises: restrict_violation (23001) from PostgreSQL 18,
   * foreign_key_violation (23503) before, as NO ACTION does (PostgreSQL commit 086c84b23).
   */
  get restrictSqlState(): string {
    return this.serverVersionNum >= 180000 ? "23001" : "23503";
  }

  isLoaded(relOid: number): boolean {
    return this.trees.has(relOid);
  }

  /** Loads the partition trees under `relOids` (those not loaded yet) and their leaves' triggers. */
  async ensure(relOids: Iterable<number>): Promise<void> {
    const missing = [...new Set(relOids)].filter((oid) => !this.trees.has(oid));
    if (missing.length === 0) return;
    this.queries++;
    const result = await this.client.query<RuleRow>({
      // Prepared once per connection: the catalog query is the same every time.
      name: `incident-room/blast-rules/${this.serverVersionNum >= 180000 ? 18 : this.serverVersionNum >= 150000 ? 15 : 13}`,
      text: rulesSql(this.serverVersionNum),
      values: [missing],
    });
    for (const oid of missing) if (!this.trees.has(oid)) this.trees.set(oid, []);
    const fresh = new Map<number, { relation: Relation; triggers: RiTrigger[]; row: RuleRow }>();
    const listed = new Set<string>();
    for (const row of result.rows) {
      if (!row.leaf) continue;
      const oid = Number(row.oid);
      const tree = this.trees.get(Number(row.root))!;
      if (!tree.includes(oid)) tree.push(oid);
      if (this.leaves.has(oid)) continue;
      let entry = fresh.get(oid);
      if (!entry) {
        entry = { relation: relation(row.oid, row.schema, row.name, row.kind), triggers: [], row };
        fresh.set(oid, entry);
      }
      // A leaf under two requested roots comes twice.
      if (row.trigger === null || listed.has(`${oid}:${row.trigger}`)) continue;
      listed.add(`${oid}:${row.trigger}`);
      const fn = FUNCTIONS[row.func];
      if (!fn) continue;
      const constraint = this.constraint(row);
      const base = { name: row.trigger, deferred: row.deferred, constraint };
      entry.triggers.push(
        fn.side === "fk"
          ? { ...base, side: "fk", event: "update" }
          : { ...base, side: "pk", event: fn.event, action: fn.action! },
      );
    }
    for (const [oid, { relation: rel, triggers, row }] of fresh) {
      triggers.sort((a, b) => compareBytes(a.name, b.name));
      const needed = new Set<string>();
      for (const t of triggers)
        for (const c of t.side === "pk" ? t.constraint.pkColumns : t.constraint.fkColumns) needed.add(c);
      this.leaves.set(oid, {
        relation: rel,
        triggers,
        neededColumns: [...needed],
        beforeDelete: row.before_delete,
        beforeUpdate: row.before_update,
      });
    }
  }

  private constraint(row: RuleRow): RiConstraint {
    const oid = Number(row.con_oid);
    const known = this.constraints.get(oid);
    if (known) return known;
    const made: RiConstraint = {
      oid,
      name: row.con_name,
      fk: relation(row.fk_oid, row.fk_schema, row.fk_name, row.fk_kind),
      pk: relation(row.pk_oid, row.pk_schema, row.pk_name, row.pk_kind),
      fkColumns: row.fk_columns,
      fkTypes: row.fk_types,
      pkColumns: row.pk_columns,
      setColumns: row.set_columns && row.set_columns.length > 0 ? row.set_columns : row.fk_columns,
      matchFull: row.match_type === "f",
      period: row.period,
    };
    this.constraints.set(oid, made);
    return made;
  }

  leaf(oid: number): LeafRules {
    const found = this.leaves.get(oid);
    if (!found) throw new Error(`internal: rules for relation ${oid} were not loaded`);
    return found;
  }

  hasLeaf(oid: number): boolean {
    return this.leaves.has(oid);
  }

  leavesOf(relOid: number): number[] {
    const found = this.trees.get(relOid);
    if (!found) throw new Error(`internal: partition tree of relation ${relOid} was not loaded`);
    return found;
  }

  /** Columns to read for any row of `relOid` or its partitions. */
  columnsFor(relOid: number): string[] {
    const cols = new Set<string>();
    for (const leaf of this.leavesOf(relOid)) for (const c of this.leaf(leaf).neededColumns) cols.add(c);
    return [...cols];
  }
}

/**
 * The relations whose RI rules a delete from `root` will most likely need, from the Catalog, so
 * that one query loads them all: the CASCADE closure of the root (through partition families),
 * plus every table referencing a table in it. Anything it misses is loaded on demand.
 */
export function relationsToPreload(catalog: Catalog, root: string): number[] {
  const byName = new Map(catalog.tables.map((t) => [t.name, t]));
  const children = new Map<string, string[]>();
  for (const t of catalog.tables) {
    if (!t.partitionOf) continue;
    const list = children.get(t.partitionOf) ?? [];
    list.push(t.name);
    children.set(t.partitionOf, list);
  }
  // A family: the table, its partition ancestors (FKs name the top) and descendants (rows live there).
  const family = (name: string): string[] => {
    const out = new Set<string>();
    for (let up: string | null | undefined = name; up; up = byName.get(up)?.partitionOf) out.add(up);
    const stack = [name];
    while (stack.length > 0) {
      for (const c of children.get(stack.pop()!) ?? []) {
        if (out.has(c)) continue;
        out.add(c);
        stack.push(c);
      }
    }
    return [...out];
  };
  const referencing = new Map<string, { child: string; cascade: boolean }[]>();
  for (const fk of catalog.foreignKeys) {
    const list = referencing.get(fk.parent) ?? [];
    list.push({ child: fk.child, cascade: fk.onDelete === "CASCADE" });
    referencing.set(fk.parent, list);
  }
  const wanted = new Set<string>();
  const deleted = new Set<string>();
  const queue = [root];
  while (queue.length > 0) {
    for (const member of family(queue.pop()!)) {
      if (deleted.has(member)) continue;
      deleted.add(member);
      wanted.add(member);
      for (const { child, cascade } of referencing.get(member) ?? []) {
        for (const c of family(child)) wanted.add(c);
        if (cascade) queue.push(child);
      }
    }
  }
  return [...wanted].map((name) => byName.get(name)?.oid).filter((oid): oid is number => oid !== undefined);
}
