import type { Queryable } from "../introspect/connect";
import { qualify, quoteIdent } from "../introspect/identifiers";

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

/**
 * Every member of the partition trees under the given relations. pg_partition_tree lists nothing
 * for a table that is neither partitioned nor a partition, so each relation is added itself.
 */
const TREE_SQL = `
  select r.oid::int8 as root, c.oid::int8 as oid, c.relkind <> 'p' as leaf,
         n.nspname as schema, c.relname as name, c.relkind as kind
  from unnest($1::oid[]) as r(oid)
  cross join lateral (select t.relid from pg_catalog.pg_partition_tree(r.oid::regclass) t
                      union select r.oid) as m(relid)
  join pg_catalog.pg_class c on c.oid = m.relid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace`;

function columnNames(keyArray: string, relColumn: string): string {
  return `array(select a.attname::text from unnest(${keyArray}) with ordinality u(n, i)
                join pg_catalog.pg_attribute a on a.attrelid = ${relColumn} and a.attnum = u.n order by u.i)`;
}

function triggersSql(serverVersionNum: number): string {
  const setColumns =
    serverVersionNum >= 150000 ? columnNames("k.confdelsetcols", "k.conrelid") : "null::text[]";
  return `
  select t.tgrelid::int8 as table_oid, t.tgname::text as name, p.proname::text as func,
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
         ${setColumns} as set_columns
  from pg_catalog.pg_trigger t
  join pg_catalog.pg_proc p on p.oid = t.tgfoid
  join pg_catalog.pg_constraint k on k.oid = t.tgconstraint and k.contype = 'f'
  join pg_catalog.pg_class fc on fc.oid = k.conrelid
  join pg_catalog.pg_namespace fn on fn.oid = fc.relnamespace
  join pg_catalog.pg_class pc on pc.oid = k.confrelid
  join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
  where t.tgrelid = any($1::oid[])
    and p.pronamespace = 'pg_catalog'::regnamespace
    -- 'O' fires in an ordinary session, 'A' always; 'D' (disabled) and 'R' (replica only) do not.
    and t.tgenabled in ('O', 'A')
  order by t.tgrelid, t.tgname collate "C"`;
}

interface TreeRow {
  root: string;
  oid: string;
  leaf: boolean;
  schema: string;
  name: string;
  kind: string;
}

interface TriggerRow {
  table_oid: string;
  name: string;
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
export class RuleBook {
  private readonly leaves = new Map<number, LeafRules>();
  /** relation oid → its leaf oids (loaded trees only). */
  private readonly trees = new Map<number, number[]>();
  private readonly constraints = new Map<number, RiConstraint>();
  /** Number of catalog round trips, for the benchmark's curiosity. */
  queries = 0;

  constructor(
    private readonly client: Queryable,
    private readonly serverVersionNum: number,
  ) {}

  isLoaded(relOid: number): boolean {
    return this.trees.has(relOid);
  }

  /** Loads the partition trees under `relOids` (those not loaded yet) and their leaves' triggers. */
  async ensure(relOids: Iterable<number>): Promise<void> {
    const missing = [...new Set(relOids)].filter((oid) => !this.trees.has(oid));
    if (missing.length === 0) return;
    this.queries++;
    const tree = await this.client.query<TreeRow>(TREE_SQL, [missing]);
    const newLeaves = new Map<number, Relation>();
    for (const oid of missing) this.trees.set(oid, []);
    for (const row of tree.rows) {
      const oid = Number(row.oid);
      if (!row.leaf) continue;
      this.trees.get(Number(row.root))?.push(oid);
      if (!this.leaves.has(oid)) newLeaves.set(oid, relation(row.oid, row.schema, row.name, row.kind));
    }
    if (newLeaves.size === 0) return;
    this.queries++;
    const triggers = await this.client.query<TriggerRow>(triggersSql(this.serverVersionNum), [
      [...newLeaves.keys()],
    ]);
    const byLeaf = new Map<number, RiTrigger[]>();
    for (const row of triggers.rows) {
      const fn = FUNCTIONS[row.func];
      if (!fn) continue;
      const constraint = this.constraint(row);
      const base = { name: row.name, deferred: row.deferred, constraint };
      const trigger: RiTrigger =
        fn.side === "fk"
          ? { ...base, side: "fk", event: "update" }
          : { ...base, side: "pk", event: fn.event, action: fn.action! };
      const list = byLeaf.get(Number(row.table_oid)) ?? [];
      list.push(trigger);
      byLeaf.set(Number(row.table_oid), list);
    }
    for (const [oid, rel] of newLeaves) {
      const list = (byLeaf.get(oid) ?? []).sort((a, b) => compareBytes(a.name, b.name));
      const needed = new Set<string>();
      for (const t of list)
        for (const c of t.side === "pk" ? t.constraint.pkColumns : t.constraint.fkColumns) needed.add(c);
      this.leaves.set(oid, { relation: rel, triggers: list, neededColumns: [...needed] });
    }
  }

  private constraint(row: TriggerRow): RiConstraint {
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
