import type { Queryable } from "../introspect/connect";
import { quoteIdent } from "../introspect/identifiers";
import { activityMaxSql } from "./activity-columns";
import { runBoundedBatches, type BatchOutcome } from "./bounded-batches";
import { activityColumnsOf, quotedName, type ActivityColumn, type Entry } from "./read-plan";
import { LOCKED_SQL } from "./read-sql";

/** The two per-table steps of a health pass (read.ts): exact counts, then last-activity lookups. */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The tables other sessions hold exclusively, read from pg_locks at most once per pass and only
 * when a count or lookup has timed out on a lock (pg_lock_status copies the whole lock table).
 */
export class LockedTables {
  private oids: Promise<Set<number>> | undefined;

  constructor(private readonly client: Queryable) {}

  get wasRead(): boolean {
    return this.oids !== undefined;
  }

  read(): Promise<Set<number>> {
    this.oids ??= this.client
      .query<{ oid: string }>(LOCKED_SQL)
      .then((r) => new Set(r.rows.map((row) => Number(row.oid))));
    return this.oids;
  }

  /** What is known without reading: the locked tables if they were read, else none. */
  known(): Promise<Set<number>> {
    return this.oids ?? Promise.resolve(new Set());
  }

  /** For runBoundedBatches: the ids (indexes) of the entries whose table is locked. */
  among(entries: Entry[]): () => Promise<Set<number>> {
    return async () => {
      const locked = await this.read();
      return new Set(entries.flatMap((e, id) => (locked.has(e.health.oid) ? [id] : [])));
    };
  }
}

export interface StepLimits {
  budgetMs: number;
  statementTimeoutMs: number;
}

const batchLimits = (step: StepLimits) => ({
  deadline: performance.now() + step.budgetMs,
  statementTimeoutMs: step.statementTimeoutMs,
  lockTimeoutMs: Math.min(step.statementTimeoutMs, 200),
  maxItems: 100,
});

/**
 * count(*), max(activity column) and pg_table_size for each entry, glued into bounded statements
 * of about `maxRows` estimated rows each. Sets the results on the entries; returns which ran.
 */
export async function countExactly(
  client: Queryable,
  counted: Entry[],
  limits: StepLimits & { maxRows: number },
  locked: LockedTables,
): Promise<BatchOutcome<unknown>> {
  const outcome = await runBoundedBatches<{ i: number; n: string; m: Date | null; sz: string | null }>(
    client,
    counted.map((e, id) => {
      const { activity } = activityColumnsOf(e.table);
      return {
        id,
        weight: Math.max(e.estimate, e.reltuples) + 500,
        sql:
          `select ${id}::int4 as i, count(*)::int8 as n, ` +
          `${activity ? activityMaxSql(quoteIdent(activity.col), activity.type) : "null::timestamptz"} as m, ` +
          `pg_catalog.pg_table_size(${e.health.oid}::oid) as sz from only ${quotedName(e)}`,
      };
    }),
    { ...batchLimits(limits), maxWeight: limits.maxRows, lockedItems: locked.among(counted) },
  );
  counted.forEach((e, id) => {
    const row = outcome.rows.get(id);
    if (!row) return;
    e.health.rows = Number(row.n);
    e.health.rowsExact = true;
    e.health.rowsSource = "exact";
    if (row.sz !== null) {
      e.health.sizeBytes = Number(row.sz);
      e.health.sizeExact = true;
    }
    const { activity } = activityColumnsOf(e.table);
    if (activity) {
      e.health.lastActivityAt = iso(row.m);
      e.health.lastActivityColumn = activity.col;
    }
  });
  return outcome;
}

/** max() of an indexed activity column for each entry (a short backward index scan). Sets the results on the entries. */
export async function lookUpLastActivity(
  client: Queryable,
  lookups: Array<{ e: Entry; column: ActivityColumn }>,
  limits: StepLimits,
  locked: LockedTables,
): Promise<BatchOutcome<unknown>> {
  const outcome = await runBoundedBatches<{ i: number; m: Date | null }>(
    client,
    lookups.map(({ e, column }, id) => ({
      id,
      weight: 1,
      sql: `select ${id}::int4 as i, ${activityMaxSql(quoteIdent(column.col), column.type, `only ${quotedName(e)}`)} as m`,
    })),
    {
      ...batchLimits(limits),
      maxWeight: Number.POSITIVE_INFINITY,
      lockedItems: locked.among(lookups.map(({ e }) => e)),
    },
  );
  lookups.forEach(({ e, column }, id) => {
    const row = outcome.rows.get(id);
    if (!row) return;
    e.health.lastActivityAt = iso(row.m);
    e.health.lastActivityColumn = column.col;
  });
  return outcome;
}
