import { isConnectionError, type Queryable } from "../introspect/connect";

/**
 * Runs many small per-table SELECTs as few statements, each one bounded.
 *
 * Items are glued into `UNION ALL` statements of at most `maxItems` items and `maxWeight` weight
 * (e.g. estimated rows, so one statement costs about as much as one count of the largest table we
 * accept). Each statement runs in its own implicit transaction (one simple-protocol message:
 * `SET TRANSACTION READ ONLY; SET LOCAL statement_timeout …; SET LOCAL lock_timeout …; SELECT …`),
 * so a failure rolls back by itself and the connection — a pooled one too — is left clean, and
 * the locks count(*) takes are released after every statement. Parallel workers are turned off:
 * a UNION ALL of a hundred small counts looks big enough to the planner to start workers, and
 * each worker then opens every table again — ten times slower than running it alone.
 *
 * A statement that fails (timeout, lock timeout, a table dropped meanwhile) is split in two and the
 * halves retried while time is left; an item that fails on its own is given up, and the caller
 * falls back to its estimate. Connection failures are rethrown.
 *
 * On the first lock timeout, `lockedItems` (if given) names the items whose tables another session
 * holds exclusively; those are dropped without another try, and the rest of the statement is run
 * again whole. So a table under a migration's or TRUNCATE's lock costs one lock_timeout wait, not
 * one per level of splitting — and a pass where nothing is locked never reads the lock table
 * (reading pg_locks cost a fresh backend ~5 ms of the statistics statement's ~80).
 */

export interface BatchItem {
  /** Identifies the item in the rows: the SELECT must return it as column `i`. */
  id: number;
  weight: number;
  /** `select <id>::int4 as i, … from …` — every item must return the same columns. */
  sql: string;
}

export interface BatchLimits {
  /** Absolute time (performance.now()) after which no statement is started. */
  deadline: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  maxItems: number;
  maxWeight: number;
  /** Ids of the items whose tables are held exclusively by another session; asked once, on the first lock timeout. */
  lockedItems?: () => Promise<Set<number>>;
}

export interface BatchOutcome<R> {
  rows: Map<number, R>;
  /** Items that failed on their own or were not reached before the deadline. */
  failed: number[];
  /** Items dropped because their table was held exclusively (see `lockedItems`). */
  locked: number[];
  statements: number;
  errors: string[];
}

const LOCK_NOT_AVAILABLE = "55P03"; // lock_timeout expired

function pack(items: BatchItem[], maxItems: number, maxWeight: number): BatchItem[][] {
  const batches: BatchItem[][] = [];
  let current: BatchItem[] = [];
  let weight = 0;
  for (const item of items) {
    if (current.length > 0 && (current.length >= maxItems || weight + item.weight > maxWeight)) {
      batches.push(current);
      current = [];
      weight = 0;
    }
    current.push(item);
    weight += item.weight;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The batches without the locked items (their ids added to `dropped`), empty batches left out. */
function withoutLocked(batches: BatchItem[][], locked: Set<number>, dropped: number[]): BatchItem[][] {
  dropped.push(
    ...batches
      .flat()
      .filter((b) => locked.has(b.id))
      .map((b) => b.id),
  );
  return batches.map((batch) => batch.filter((b) => !locked.has(b.id))).filter((batch) => batch.length > 0);
}

export async function runBoundedBatches<R extends { i: number }>(
  client: Queryable,
  items: BatchItem[],
  limits: BatchLimits,
): Promise<BatchOutcome<R>> {
  const outcome: BatchOutcome<R> = { rows: new Map(), failed: [], locked: [], statements: 0, errors: [] };
  let queue = pack(items, limits.maxItems, limits.maxWeight);
  let lockedAsked = false;
  while (queue.length > 0) {
    const batch = queue.shift()!;
    const left = limits.deadline - performance.now();
    const timeout = Math.floor(Math.min(limits.statementTimeoutMs, left));
    if (timeout < 5) {
      outcome.failed.push(...batch.map((b) => b.id), ...queue.flat().map((b) => b.id));
      break;
    }
    const lockTimeout = Math.max(1, Math.min(limits.lockTimeoutMs, timeout));
    const sql =
      `set transaction read only; set local statement_timeout = ${timeout}; ` +
      `set local lock_timeout = ${lockTimeout}; set local max_parallel_workers_per_gather = 0; ` +
      batch.map((b) => b.sql).join("\nunion all\n");
    outcome.statements++;
    try {
      const results = (await client.query(sql)) as unknown;
      const last = Array.isArray(results) ? results[results.length - 1] : results;
      for (const row of (last as { rows: R[] }).rows) outcome.rows.set(Number(row.i), row);
    } catch (error) {
      if (isConnectionError(error)) throw error;
      outcome.errors.push(String((error as Error).message));
      if ((error as { code?: unknown }).code === LOCK_NOT_AVAILABLE && limits.lockedItems && !lockedAsked) {
        lockedAsked = true;
        const locked = await limits.lockedItems();
        if (batch.some((b) => locked.has(b.id))) {
          queue = withoutLocked([batch, ...queue], locked, outcome.locked);
          continue;
        }
        queue = withoutLocked(queue, locked, outcome.locked);
      }
      if (batch.length === 1) {
        outcome.failed.push(batch[0]!.id);
      } else {
        const half = Math.ceil(batch.length / 2);
        queue.unshift(batch.slice(0, half), batch.slice(half));
      }
    }
  }
  return outcome;
}
