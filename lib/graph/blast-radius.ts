import type { Queryable } from "../introspect/connect";
import { qualify } from "../introspect/identifiers";
import type { Catalog, Column, Table } from "../introspect/types";
import { BlastRadiusInputError, BlastRadiusTimeoutError } from "./blast-errors";
import { planFastPath, runFastPath, type FastPathRun } from "./blast-fast-path";
import { buildFastPathSql } from "./blast-fast-path-sql";
import { statementCost } from "./statement-split";
import { RuleBook, relationsToPreload, ruleDataFor, type Relation } from "./blast-rules";
import { DeleteSimulation, type ColumnFacts, type SimulationResult } from "./blast-simulate";
import type { BlastRadiusRequest, BlastRadiusResult } from "./blast-radius-types";

export { BlastRadiusInputError, BlastRadiusTimeoutError, BlastRadiusUnsupportedError } from "./blast-errors";

export const DEFAULT_ROW_CAP = 1_000_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

/** The result plus what pg_stat counts as n_tup_upd (UPDATE executions, rows later deleted included). */
export interface DetailedBlastRadiusResult extends BlastRadiusResult {
  updateOperationsByTable: Record<string, number>;
  /** SQLSTATE of the error the delete would raise, when blocked (23503, 23502; 23001 for RESTRICT from PostgreSQL 18). */
  blockedSqlState?: string;
  /** "set-based": answered by the fast path (blast-fast-path.ts); "replay": by the simulation. */
  method: "set-based" | "replay";
  /** Why the fast path did not answer, when it was tried and declined. */
  fastPathDeclined?: string;
}

export interface BlastRadiusOptions {
  /** Try the set-based fast path first (default true). False always replays. */
  fastPath?: boolean;
  /**
   * A second read-only connection, not in a transaction: when the set-based statement is big
   * enough, half of it runs there, side by side, in a transaction that imports this one's snapshot.
   * Left as it was found (no transaction) when the call returns.
   */
  helper?: Queryable;
  /** Estimated rows read below which the helper is not used (default 10,000: see SPLIT_MIN_ROWS). */
  splitMinRows?: number;
}

/**
 * Below this many estimated rows, the second backend's round trips (export and import the
 * snapshot, ~1 ms together) and its first planning of each half are not worth it. The demo user's
 * statement is estimated at ~220,000 rows read (statementCost) and takes ~65 ms whole, ~48 ms
 * in halves (ADR 6).
 */
export const SPLIT_MIN_ROWS = 10_000;

/**
 * Exactly what `DELETE FROM <table> WHERE <key>` would do — rows deleted and rows changed by
 * SET NULL / SET DEFAULT per table, or the constraint that makes it fail — computed with SELECTs
 * only, in one read-only REPEATABLE READ transaction bounded by `statementTimeoutMs` and `rowCap`.
 *
 * `client` must not be inside a transaction. Blocked and not-found answers carry empty counts
 * (nothing would change); blockedBy names the error PostgreSQL would raise first (for a NOT NULL
 * violation, which names no constraint, the FK whose SET NULL / SET DEFAULT caused it). Rows of
 * partitioned tables are counted under their partition. Rows changed by SET NULL and later deleted
 * count as deleted only. The RI triggers read for a catalog are reused with that catalog object.
 * Refused (BlastRadiusUnsupportedError): BEFORE ROW triggers on touched tables, ON UPDATE CASCADE /
 * SET NULL / SET DEFAULT fired by a SET NULL on a referenced key, temporal FKs, volatile defaults.
 * Not modelled: AFTER user triggers and rules, row-level security that hides rows from `client`,
 * CHECK or unique constraints on columns a SET NULL / SET DEFAULT assigns.
 */
export async function computeBlastRadius(
  client: Queryable,
  catalog: Catalog,
  request: BlastRadiusRequest,
  options: Pick<BlastRadiusOptions, "helper"> = {},
): Promise<BlastRadiusResult> {
  const detailed = await computeBlastRadiusDetailed(client, catalog, request, options);
  const {
    updateOperationsByTable: _ops,
    blockedSqlState: _state,
    method: _method,
    fastPathDeclined: _declined,
    ...result
  } = detailed;
  return result;
}

export async function computeBlastRadiusDetailed(
  client: Queryable,
  catalog: Catalog,
  request: BlastRadiusRequest,
  options: BlastRadiusOptions = {},
): Promise<DetailedBlastRadiusResult> {
  const started = performance.now();
  const { table, key } = validateRequest(catalog, request);
  const rowCap = request.rowCap ?? DEFAULT_ROW_CAP;
  const timeoutMs = request.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  if (!Number.isInteger(rowCap) || rowCap < 1) throw new RangeError("rowCap must be a positive integer");
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new RangeError("statementTimeoutMs must be a positive integer");

  const root: Relation = {
    oid: table.oid,
    schema: table.schema,
    name: table.table,
    qualified: table.name,
    partitioned: table.kind === "partitioned",
  };
  // One snapshot for every read, so ctids stay valid and the answer is consistent.
  // `timeoutMs` is a checked integer, so it can sit in the text: one round trip for both.
  // A generic plan for the prepared catalog query: planning it costs more than running it.
  await client.query(
    `begin isolation level repeatable read read only; set local statement_timeout = ${timeoutMs};` +
      ` set local plan_cache_mode = force_generic_plan`,
  );
  // Settles (never rejects) once a helper's transaction has ended; awaited on every way out.
  let helperReleased: Promise<unknown> = Promise.resolve();
  try {
    const rules = new RuleBook(client, catalog.serverVersionNum, ruleDataFor(catalog));
    await rules.ensure(relationsToPreload(catalog, table.name));
    // FAST PATH (blast-fast-path.ts): one set-based SELECT in this same snapshot, used only where
    // the answer provably cannot depend on the order of RI events; it declines otherwise (before
    // or after reading), and the exact replay below answers as it always has.
    let outcome: SimulationResult | undefined;
    let fastPathDeclined: string | undefined;
    if (options.fastPath !== false) {
      const fast = await tryFastPath(client, catalog, rules, {
        table,
        key,
        rowCap,
        timeoutMs,
        request,
        options,
      });
      helperReleased = fast.helperReleased;
      if ("result" in fast.run) outcome = fast.run.result;
      else fastPathDeclined = fast.run.declined;
    }
    const method = outcome ? "set-based" : "replay";
    if (!outcome) {
      const simulation = new DeleteSimulation(client, rules, columnFacts(catalog), rowCap);
      outcome = await runRoot(() => simulation.run(root, key), request);
    }
    await Promise.all([client.query("commit"), helperReleased]);
    const result: DetailedBlastRadiusResult = {
      root: { table: table.name, key: { ...request.key } },
      outcome: outcome.outcome,
      rowsDeletedByTable: sortedRecord(outcome.deleted),
      rowsUpdatedByTable: sortedRecord(outcome.updatedRows),
      blockedBy: outcome.blockedBy.map(({ constraint, table }) => ({ constraint, table })),
      elapsedMs: Math.round((performance.now() - started) * 10) / 10,
      updateOperationsByTable: sortedRecord(outcome.updateOperations),
      method,
    };
    if (fastPathDeclined !== undefined) result.fastPathDeclined = fastPathDeclined;
    if (outcome.blockedBy[0]) result.blockedSqlState = outcome.blockedBy[0].sqlState;
    if (outcome.truncated) result.truncated = { rowCap };
    return result;
  } catch (error) {
    await Promise.all([client.query("rollback").catch(() => {}), helperReleased]);
    if (sqlState(error) === "57014") throw new BlastRadiusTimeoutError(timeoutMs);
    throw error;
  }
}

interface FastPathCall {
  table: Table;
  key: [string, string][];
  rowCap: number;
  timeoutMs: number;
  request: BlastRadiusRequest;
  options: BlastRadiusOptions;
}

/**
 * The fast path in `client`'s transaction, split over `options.helper` when the statement is big
 * enough. `helperReleased` settles once the helper's transaction has ended (never rejects): the
 * caller awaits it beside its own COMMIT, so the helper goes back idle before the call returns.
 */
async function tryFastPath(
  client: Queryable,
  catalog: Catalog,
  rules: RuleBook,
  { table, key, rowCap, timeoutMs, request, options }: FastPathCall,
): Promise<{ run: FastPathRun; helperReleased: Promise<unknown> }> {
  const planned = await planFastPath(catalog, rules, table);
  if (!("plan" in planned)) return { run: planned, helperReleased: Promise.resolve() };
  const statement = buildFastPathSql(planned.plan, key, rowCap);
  const cost = statementCost(statement.parts, statement.parts.finals);
  const worth = cost >= (options.splitMinRows ?? SPLIT_MIN_ROWS);
  const helper = options.helper && worth ? await shareSnapshot(client, options.helper, timeoutMs) : undefined;
  // Read-only: ending the helper's transaction either way is the same; a broken helper must not
  // hide the answer.
  const release = () => (helper ? helper.query("rollback").catch(() => {}) : Promise.resolve());
  try {
    const run = await runRoot(() => runFastPath(client, planned.plan, statement, rowCap, helper), request);
    return { run, helperReleased: release() };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Opens a transaction on `helper` that sees exactly what `client`'s sees (pg_export_snapshot /
 * SET TRANSACTION SNAPSHOT), with the same timeout. Undefined when the helper cannot join: the
 * statement then runs whole on `client`. The export is not guarded (an error would abort `client`'s
 * transaction): PostgreSQL exports from read-only transactions, and from standbys since version 10.
 */
async function shareSnapshot(
  client: Queryable,
  helper: Queryable,
  timeoutMs: number,
): Promise<Queryable | undefined> {
  const exported = await client.query<{ id: string }>("select pg_export_snapshot() as id");
  const id = exported.rows[0]!.id.replaceAll("'", "''");
  try {
    await helper.query(
      `begin isolation level repeatable read read only; set transaction snapshot '${id}';` +
        ` set local statement_timeout = ${timeoutMs}; set local plan_cache_mode = force_generic_plan`,
    );
    return helper;
  } catch {
    await helper.query("rollback").catch(() => {});
    return undefined;
  }
}

async function runRoot<T>(run: () => Promise<T>, request: BlastRadiusRequest): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const state = sqlState(error);
    // Class 22 (data exception) or a missing operator: the value cannot be compared with the column.
    if (state && (state.startsWith("22") || state === "42883")) {
      throw new BlastRadiusInputError(
        "BAD_KEY",
        `key for ${request.table} is not valid: ${(error as Error).message}`,
      );
    }
    if (state === "42P01")
      throw new BlastRadiusInputError("UNKNOWN_TABLE", `table ${request.table} no longer exists`);
    throw error;
  }
}

function sqlState(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string")
    return error.code;
  return undefined;
}

function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Resolves the table (as "schema.table", or a bare name in public) and checks every key column. */
export function validateRequest(
  catalog: Catalog,
  request: BlastRadiusRequest,
): { table: Table; key: [string, string][] } {
  if (typeof request.table !== "string" || request.table.length === 0) {
    throw new BlastRadiusInputError("UNKNOWN_TABLE", "a table is required, as schema.table");
  }
  const table =
    catalog.tables.find((t) => t.name === request.table) ??
    catalog.tables.find((t) => t.name === qualify("public", request.table));
  if (!table)
    throw new BlastRadiusInputError("UNKNOWN_TABLE", `unknown table ${JSON.stringify(request.table)}`);
  const entries = Object.entries(request.key ?? {});
  if (entries.length === 0) {
    throw new BlastRadiusInputError(
      "BAD_KEY",
      `a key is required (column=value) to pick rows of ${table.name}`,
    );
  }
  const key: [string, string][] = [];
  for (const [column, value] of entries) {
    if (!table.columns.some((c) => c.name === column)) {
      throw new BlastRadiusInputError(
        "UNKNOWN_COLUMN",
        `table ${table.name} has no column ${JSON.stringify(column)}`,
      );
    }
    if (typeof value !== "string") {
      throw new BlastRadiusInputError("BAD_KEY", `the value for ${JSON.stringify(column)} must be text`);
    }
    key.push([column, value]);
  }
  return { table, key };
}

function columnFacts(catalog: Catalog): ColumnFacts {
  const byOid = new Map<number, { table: Table; columns: Map<string, Column> }>();
  for (const t of catalog.tables)
    byOid.set(t.oid, { table: t, columns: new Map(t.columns.map((c) => [c.name, c])) });
  const find = (oid: number, column: string) => {
    const entry = byOid.get(oid);
    const found = entry?.columns.get(column);
    if (!entry || !found) {
      throw new Error(
        `the catalog does not describe column ${column} of relation ${oid}: read the catalog again`,
      );
    }
    return { table: entry.table, column: found };
  };
  return {
    notNull: (oid, column) => !find(oid, column).column.nullable,
    defaultOf: (oid, column) => {
      const { table, column: c } = find(oid, column);
      return { expr: c.defaultExpr, type: c.type, table: table.name };
    },
  };
}
