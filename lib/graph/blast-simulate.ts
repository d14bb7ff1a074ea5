import type { Queryable } from "../introspect/connect";
import { BlastRadiusUnsupportedError } from "./blast-errors";
import {
  evaluateDefault,
  fetchReferenced,
  fetchReferencing,
  fetchRootRows,
  type FetchedRow,
} from "./blast-fetch";
import type { Relation, RiConstraint, RiTrigger, RuleBook } from "./blast-rules";

/**
 * Replays `DELETE FROM root WHERE key` the way PostgreSQL executes it, against an in-memory overlay
 * of the rows it touches, reading the untouched database only through set-based SELECTs.
 *
 * PostgreSQL's model (src/backend/commands/trigger.c, src/backend/utils/adt/ri_triggers.c):
 * - Every referential action, RESTRICT included, is an AFTER ROW trigger. When a row is deleted or
 *   updated, one event per enabled trigger of its table is queued, in trigger-name order.
 * - RI triggers run their DELETE / UPDATE / SELECT through SPI with fire_triggers = false, so the
 *   events those statements queue join the *same* query level's list, behind what is queued.
 * - AfterTriggerEndQuery fires in cycles: it marks every event queued so far, fires exactly those in
 *   order, then loops for the ones queued meanwhile. Processing the queue generation by
 *   generation, in order, is therefore the same order PostgreSQL uses, and lets us batch each
 *   generation's reads per (constraint, table) instead of per row: the reads only fetch candidates
 *   from the unchanged snapshot, and every decision is taken in order against the overlay.
 * - RESTRICT, CASCADE, SET NULL and SET DEFAULT triggers are never deferrable; only NO ACTION (and
 *   the FK-side checks) follow DEFERRABLE INITIALLY DEFERRED, and then fire at commit, in order.
 * - SET DEFAULT re-runs the NO ACTION check inline (ri_set → ri_restrict), and the rows it updates
 *   queue their FK checks (RI_FKey_fk_upd_check_required decides which).
 * - A RESTRICT / NO ACTION check or a failed FK check raises; so does a NOT NULL column assigned
 *   NULL. The first error aborts the whole statement.
 *
 * Where the order of two events of one cycle decides the answer, it depends on the order in which
 * one statement meets rows. We use heap order, (partition, ctid): what a sequential scan, a bitmap
 * scan and a btree scan on equal keys produce (btree keeps equal keys in heap order). Assumptions,
 * exact on the test schemas: partitions are met in oid order (Append follows bound order, the same
 * when partitions were created in bound order); a row version written by SET NULL / SET DEFAULT is
 * met after the rows already on its page (true when the page has room); the root's rows in heap
 * order (a DELETE driven by an index on part of the key meets them in index order). Values written
 * by SET DEFAULT are compared with other keys as text (exact for keys of the same type).
 */

export interface ColumnFacts {
  /** Whether `column` of relation `oid` is NOT NULL. */
  notNull(oid: number, column: string): boolean;
  /** Default expression and full type of `column` of relation `oid`, for SET DEFAULT. */
  defaultOf(oid: number, column: string): { expr: string | null; type: string; table: string };
}

export interface SimulationResult {
  outcome: "deleted" | "blocked" | "not-found";
  /** Rows deleted per leaf "schema.table". */
  deleted: Map<string, number>;
  /** Rows changed by SET NULL / SET DEFAULT that are still there at the end. */
  updatedRows: Map<string, number>;
  /** UPDATE executions per table (what pg_stat counts as n_tup_upd), deleted rows included. */
  updateOperations: Map<string, number>;
  blockedBy: { constraint: string; table: string; sqlState: string }[];
  truncated: boolean;
}

interface Row {
  id: string;
  leaf: number;
  block: number;
  offset: number;
  values: Map<string, string | null>;
  modified: Set<string>;
  alive: boolean;
  /** Bumped by every UPDATE; an FK check queued for an older version is skipped (SnapshotSelf). */
  version: number;
  /** The current version was written by this transaction (xmin is ours). */
  ours: boolean;
}

type PkEvent = {
  kind: "pk";
  trigger: Extract<RiTrigger, { side: "pk" }>;
  row: Row;
  /** The referenced key of the old row version, all non-null. */
  oldKey: string[];
  /** False when the old key is not the value stored in the database (changed earlier here). */
  keyIsOriginal: boolean;
};
type FkEvent = {
  kind: "fk";
  trigger: Extract<RiTrigger, { side: "fk" }>;
  row: Row;
  version: number;
  newKey: (string | null)[];
};
type Event = PkEvent | FkEvent;

class Blocked extends Error {
  constructor(
    readonly constraint: string,
    readonly table: string,
    readonly sqlState: string,
  ) {
    super(`blocked by ${constraint} on ${table}`);
  }
}

class CapReached extends Error {}

function parseCtid(ctid: string): [number, number] {
  const m = /^\((\d+),(\d+)\)$/.exec(ctid);
  if (!m) throw new Error(`internal: unexpected ctid ${ctid}`);
  return [Number(m[1]), Number(m[2])];
}

/** Heap line pointers stop far below this; moved (updated) rows sort after every original one. */
const MOVED_OFFSET = 1 << 20;

function compareRows(a: Row, b: Row): number {
  return a.leaf - b.leaf || a.block - b.block || a.offset - b.offset;
}

function sameKey(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Paths this model refuses to guess (see BlastRadiusUnsupportedError); null when supported. */
function unsupported(event: PkEvent): string | null {
  const c = event.trigger.constraint;
  if (c.period) return "a temporal (PERIOD) foreign key matches by range, which this model does not replay";
  if (!event.keyIsOriginal)
    return `a row of ${c.pk.qualified} whose referenced key this delete changed is then deleted or changed again`;
  if (
    event.trigger.event === "update" &&
    event.trigger.action !== "restrict" &&
    event.trigger.action !== "noaction"
  )
    return `ON UPDATE ${event.trigger.action.toUpperCase()} would fire: SET NULL / SET DEFAULT changes a referenced key of ${c.pk.qualified}`;
  return null;
}

export class DeleteSimulation {
  private readonly rows = new Map<string, Row>();
  /** Rows holding a value written here that is not NULL (SET DEFAULT): they may match new keys. */
  private readonly reassigned = new Map<number, Set<Row>>();
  private readonly deleted = new Map<number, number>();
  private readonly updateOps = new Map<number, number>();
  private readonly touched = new Set<Row>();
  private next: Event[] = [];
  private deferred: Event[] = [];
  private readonly defaults = new Map<string, string | null>();
  private moves = 0;
  // Per generation: candidates by `${constraint}:${rowId}`, referenced rows by `${constraint}:${key}`.
  private referencingCache = new Map<string, Row[]>();
  private referencedCache = new Map<string, { leaf: number; ctid: string }[]>();

  constructor(
    private readonly client: Queryable,
    private readonly rules: RuleBook,
    private readonly columns: ColumnFacts,
    private readonly rowCap: number,
  ) {}

  async run(root: Relation, key: [string, string][]): Promise<SimulationResult> {
    await this.rules.ensure([root.oid]);
    const columns = this.rules.columnsFor(root.oid);
    const rootRows = await fetchRootRows(this.client, root, key, columns, this.rowCap + 1);
    if (rootRows.length === 0) return this.result("not-found");
    try {
      // The statement deletes every matching row first; their events wait for the statement's end.
      for (const fetched of rootRows) this.deleteRow(this.intern(fetched, columns));
      while (this.next.length > 0) {
        const generation = this.next;
        this.next = [];
        await this.fire(generation);
      }
      // Commit: deferred checks fire in the order they were queued. They queue nothing themselves.
      const atCommit = this.deferred;
      this.deferred = [];
      await this.fire(atCommit);
    } catch (error) {
      if (error instanceof Blocked) {
        const result = this.result("blocked");
        result.blockedBy.push({ constraint: error.constraint, table: error.table, sqlState: error.sqlState });
        return result;
      }
      if (error instanceof CapReached) {
        const result = this.result("deleted");
        result.truncated = true;
        return result;
      }
      throw error;
    }
    return this.result("deleted");
  }

  private result(outcome: SimulationResult["outcome"]): SimulationResult {
    const name = (leaf: number) => this.rules.leaf(leaf).relation.qualified;
    const deleted = new Map<string, number>();
    const updatedRows = new Map<string, number>();
    const updateOperations = new Map<string, number>();
    if (outcome !== "blocked") {
      for (const [leaf, n] of this.deleted) deleted.set(name(leaf), n);
      for (const [leaf, n] of this.updateOps) updateOperations.set(name(leaf), n);
      for (const row of this.touched) {
        if (!row.alive || row.modified.size === 0) continue;
        updatedRows.set(name(row.leaf), (updatedRows.get(name(row.leaf)) ?? 0) + 1);
      }
    }
    return { outcome, deleted, updatedRows, updateOperations, blockedBy: [], truncated: false };
  }

  private intern(fetched: FetchedRow, columns: string[]): Row {
    const id = `${fetched.leaf}:${fetched.ctid}`;
    const known = this.rows.get(id);
    if (known) return known;
    const [block, offset] = parseCtid(fetched.ctid);
    const values = new Map<string, string | null>();
    columns.forEach((c, i) => values.set(c, fetched.values[i] ?? null));
    const row: Row = {
      id,
      leaf: fetched.leaf,
      block,
      offset,
      values,
      modified: new Set(),
      alive: true,
      version: 0,
      ours: false,
    };
    this.rows.set(id, row);
    return row;
  }

  private touch(row: Row) {
    if (this.touched.has(row)) return;
    if (this.touched.size >= this.rowCap) throw new CapReached();
    this.touched.add(row);
  }

  private value(row: Row, column: string): string | null {
    const v = row.values.get(column);
    if (v === undefined) throw new Error(`internal: column ${column} of row ${row.id} was not read`);
    return v;
  }

  // ---- statements the RI triggers run --------------------------------------------------------

  private deleteRow(row: Row) {
    const before = this.rules.leaf(row.leaf).beforeDelete;
    if (before.length > 0) {
      throw new BlastRadiusUnsupportedError(
        `${this.rules.leaf(row.leaf).relation.qualified} has BEFORE DELETE trigger(s) ${before.join(", ")}, which may cancel or change the delete`,
      );
    }
    this.touch(row);
    row.alive = false;
    this.deleted.set(row.leaf, (this.deleted.get(row.leaf) ?? 0) + 1);
    for (const trigger of this.rules.leaf(row.leaf).triggers) {
      if (trigger.side !== "pk" || trigger.event !== "delete") continue;
      const oldKey = trigger.constraint.pkColumns.map((c) => this.value(row, c));
      // RI_FKey_pk_upd_check_required: a key with a NULL cannot be referenced; no event.
      if (oldKey.some((v) => v === null)) continue;
      const keyIsOriginal = !trigger.constraint.pkColumns.some((c) => row.modified.has(c));
      const event: PkEvent = { kind: "pk", trigger, row, oldKey: oldKey as string[], keyIsOriginal };
      (trigger.deferred ? this.deferred : this.next).push(event);
    }
  }

  private updateRow(row: Row, via: RiConstraint, assignments: [string, string | null][]) {
    const triggers = this.rules.leaf(row.leaf).beforeUpdate;
    if (triggers.length > 0) {
      throw new BlastRadiusUnsupportedError(
        `${this.rules.leaf(row.leaf).relation.qualified} has BEFORE UPDATE trigger(s) ${triggers.join(", ")}, which may change what ${via.name} writes`,
      );
    }
    for (const [column, value] of assignments) {
      if (value === null && this.columns.notNull(row.leaf, column)) {
        // ExecConstraints raises not_null_violation on the partition holding the row, naming no
        // constraint: we name the FK whose action assigned the NULL.
        throw new Blocked(via.name, this.rules.leaf(row.leaf).relation.qualified, "23502");
      }
    }
    this.touch(row);
    const before = new Map(row.values);
    const modifiedBefore = new Set(row.modified);
    const wasOurs = row.ours;
    for (const [column, value] of assignments) {
      row.values.set(column, value);
      row.modified.add(column);
    }
    if (assignments.some(([, v]) => v !== null)) {
      const set = this.reassigned.get(row.leaf) ?? new Set<Row>();
      set.add(row);
      this.reassigned.set(row.leaf, set);
    }
    row.version++;
    row.ours = true;
    // The new row version is written after the rows already on its page (when it fits there, as
    // it does on pages with free space), so later scans meet it after them. We cannot see free
    // space or reusable line pointers from SQL: this placement is exact for pages with room.
    row.offset = MOVED_OFFSET + ++this.moves;
    this.updateOps.set(row.leaf, (this.updateOps.get(row.leaf) ?? 0) + 1);

    for (const trigger of this.rules.leaf(row.leaf).triggers) {
      if (trigger.event !== "update") continue;
      const c = trigger.constraint;
      if (trigger.side === "pk") {
        // RI_FKey_pk_upd_check_required: old key with a NULL, or an unchanged key, needs nothing.
        const oldKey = c.pkColumns.map((col) => before.get(col) ?? null);
        const newKey = c.pkColumns.map((col) => this.value(row, col));
        if (oldKey.some((v) => v === null) || sameKey(oldKey, newKey)) continue;
        const keyIsOriginal = !c.pkColumns.some((col) => modifiedBefore.has(col));
        const event: PkEvent = { kind: "pk", trigger, row, oldKey: oldKey as string[], keyIsOriginal };
        (trigger.deferred ? this.deferred : this.next).push(event);
      } else {
        // RI_FKey_fk_upd_check_required.
        const newKey = c.fkColumns.map((col) => this.value(row, col));
        const nulls = newKey.filter((v) => v === null).length;
        if (nulls === newKey.length) continue;
        if (nulls > 0 && !c.matchFull) continue;
        const oldKey = c.fkColumns.map((col) => before.get(col) ?? null);
        if (nulls === 0 && !wasOurs && sameKey(oldKey, newKey)) continue;
        const event: FkEvent = { kind: "fk", trigger, row, version: row.version, newKey };
        (trigger.deferred ? this.deferred : this.next).push(event);
      }
    }
  }

  // ---- one firing cycle ------------------------------------------------------------------------

  private async fire(generation: Event[]) {
    if (generation.length === 0) return;
    await this.prefetch(generation);
    for (const event of generation) {
      if (event.kind === "pk") this.firePk(event);
      else this.fireFk(event);
    }
  }

  /** Reads, per (constraint, table), everything this generation's events will look at. */
  private async prefetch(generation: Event[]) {
    this.referencingCache = new Map();
    this.referencedCache = new Map();
    const pkGroups = new Map<string, { constraint: RiConstraint; leaf: Relation; ctids: Map<string, Row> }>();
    const fkGroups = new Map<number, { constraint: RiConstraint; keys: Map<string, string[]> }>();
    const relations = new Set<number>();
    const defaults: { oid: number; column: string }[] = [];
    for (const event of generation) {
      const c = event.trigger.constraint;
      if (event.kind === "pk") {
        if (unsupported(event)) continue; // firePk says why, if the statement gets that far
        relations.add(c.fk.oid);
        const groupKey = `${c.oid}:${event.row.leaf}`;
        const group = pkGroups.get(groupKey) ?? {
          constraint: c,
          leaf: this.rules.leaf(event.row.leaf).relation,
          ctids: new Map(),
        };
        group.ctids.set(event.row.id.slice(event.row.id.indexOf(":") + 1), event.row);
        pkGroups.set(groupKey, group);
        if (event.trigger.action === "setdefault")
          for (const col of c.setColumns) defaults.push({ oid: c.fk.oid, column: col });
      } else {
        if (event.newKey.some((v) => v === null) || c.period) continue;
        relations.add(c.pk.oid);
        const group = fkGroups.get(c.oid) ?? { constraint: c, keys: new Map() };
        group.keys.set(JSON.stringify(event.newKey), event.newKey as string[]);
        fkGroups.set(c.oid, group);
      }
    }
    await this.rules.ensure(relations);

    const pkList = [...pkGroups.values()].map((g) => ({
      ...g,
      columns: this.rules.columnsFor(g.constraint.fk.oid),
    }));
    const fetched = await fetchReferencing(
      this.client,
      pkList.map((g) => ({
        constraint: g.constraint,
        pkLeaf: g.leaf,
        pkCtids: [...g.ctids.keys()],
        columns: g.columns,
      })),
      this.rowCap + 1,
    );
    if (fetched.length > this.rowCap) throw new CapReached();
    for (const f of fetched) {
      const group = pkList[f.group]!;
      const cacheKey = `${group.constraint.oid}:${group.ctids.get(f.pkCtid)!.id}`;
      const list = this.referencingCache.get(cacheKey) ?? [];
      list.push(this.intern(f, group.columns));
      this.referencingCache.set(cacheKey, list);
    }

    const fkList = [...fkGroups.values()].map(({ constraint, keys }) => ({
      constraint,
      keys: [...keys.values()],
    }));
    for (const { constraint, keys } of fkList) {
      for (const key of keys) this.referencedCache.set(`${constraint.oid}:${JSON.stringify(key)}`, []);
    }
    for (const found of await fetchReferenced(this.client, fkList)) {
      const { constraint, keys } = fkList[found.group]!;
      this.referencedCache.get(`${constraint.oid}:${JSON.stringify(keys[found.key])}`)!.push(found);
    }
    for (const { oid, column } of defaults) {
      const cacheKey = `${oid}:${column}`;
      if (this.defaults.has(cacheKey)) continue;
      const facts = this.columns.defaultOf(oid, column);
      this.defaults.set(
        cacheKey,
        await evaluateDefault(this.client, facts.table, column, facts.expr, facts.type),
      );
    }
  }

  /** Alive rows of the constraint's referencing relation whose key currently equals `key`. */
  private referencing(constraint: RiConstraint, pkRow: Row, key: string[]): Row[] {
    const out: Row[] = [];
    for (const row of this.referencingCache.get(`${constraint.oid}:${pkRow.id}`) ?? []) {
      if (!row.alive) continue;
      const changed = constraint.fkColumns.some((c) => row.modified.has(c));
      if (
        changed &&
        !sameKey(
          constraint.fkColumns.map((c) => this.value(row, c)),
          key,
        )
      )
        continue;
      out.push(row);
    }
    // Rows whose FK columns were given a new non-null value here (SET DEFAULT) may now match
    // a key they did not match in the database. (Compared as text: exact for same-typed keys.)
    const seen = new Set(out);
    for (const leaf of this.rules.leavesOf(constraint.fk.oid)) {
      for (const row of this.reassigned.get(leaf) ?? []) {
        if (!row.alive || seen.has(row) || !constraint.fkColumns.some((c) => row.modified.has(c))) continue;
        if (
          sameKey(
            constraint.fkColumns.map((c) => this.value(row, c)),
            key,
          )
        )
          out.push(row);
      }
    }
    return out.sort(compareRows);
  }

  private firePk(event: PkEvent) {
    const { trigger, row, oldKey } = event;
    const c = trigger.constraint;
    const reason = unsupported(event);
    if (reason) throw new BlastRadiusUnsupportedError(`${c.name}: ${reason}`);
    const refs = this.referencing(c, row, oldKey);
    switch (trigger.action) {
      case "restrict":
        if (refs.length > 0) throw new Blocked(c.name, c.fk.qualified, this.rules.restrictSqlState);
        return;
      case "noaction":
        // ri_Check_Pk_Match: no other row can carry the deleted key — a DELETE inserts nothing and
        // the referenced key is unique — so NO ACTION checks exactly what RESTRICT checks; the two
        // differ here only in *when* they fire (NO ACTION may be deferred), and (from PostgreSQL 18)
        // the error code.
        if (refs.length > 0) throw new Blocked(c.name, c.fk.qualified, "23503");
        return;
      case "cascade":
        for (const ref of refs) this.deleteRow(ref);
        return;
      case "setnull":
        for (const ref of refs)
          this.updateRow(
            ref,
            c,
            c.setColumns.map((col) => [col, null]),
          );
        return;
      case "setdefault": {
        const values = c.setColumns.map((col): [string, string | null] => [
          col,
          this.defaults.get(`${c.fk.oid}:${col}`) ?? null,
        ]);
        for (const ref of refs) this.updateRow(ref, c, values);
        // ri_set ends with the NO ACTION check: a row whose default equals the deleted key still refers to it.
        if (this.referencing(c, row, oldKey).length > 0) throw new Blocked(c.name, c.fk.qualified, "23503");
        return;
      }
    }
  }

  private fireFk(event: FkEvent) {
    const { trigger, row, version, newKey } = event;
    // RI_FKey_check skips a row version that is no longer live (deleted or updated again).
    if (!row.alive || row.version !== version) return;
    const c = trigger.constraint;
    if (c.period)
      throw new BlastRadiusUnsupportedError(`${c.name}: temporal (PERIOD) foreign keys are not replayed`);
    const nulls = newKey.filter((v) => v === null).length;
    if (nulls === newKey.length) return;
    if (nulls > 0) {
      if (c.matchFull) throw new Blocked(c.name, c.fk.qualified, "23503");
      return;
    }
    const key = newKey as string[];
    const candidates = this.referencedCache.get(`${c.oid}:${JSON.stringify(key)}`) ?? [];
    const present = candidates.some(({ leaf, ctid }) => {
      const known = this.rows.get(`${leaf}:${ctid}`);
      if (!known) return true; // untouched by this delete
      if (!known.alive) return false;
      return (
        !c.pkColumns.some((col) => known.modified.has(col)) ||
        sameKey(
          c.pkColumns.map((col) => this.value(known, col)),
          key,
        )
      );
    });
    const reassignedMatch = () =>
      this.rules.leavesOf(c.pk.oid).some((leaf) =>
        [...(this.reassigned.get(leaf) ?? [])].some(
          (r) =>
            r.alive &&
            c.pkColumns.some((col) => r.modified.has(col)) &&
            c.pkColumns.every((col) => r.values.has(col)) &&
            sameKey(
              c.pkColumns.map((col) => r.values.get(col) ?? null),
              key,
            ),
        ),
      );
    if (!present && !reassignedMatch()) throw new Blocked(c.name, c.fk.qualified, "23503");
  }
}
