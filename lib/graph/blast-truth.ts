/**
 * TEST-ONLY. The ground truth for blast-radius tests: runs the real `DELETE` as superuser in a
 * transaction, fires deferred constraints as a commit would (SET CONSTRAINTS ALL IMMEDIATE), reads
 * what happened, and rolls back. Then compares it with computeBlastRadius on a read-only connection.
 */
import type pg from "pg";
import { expect } from "vitest";
import { quoteIdent, quoteQualified } from "../introspect/identifiers";
import type { Catalog } from "../introspect/types";
import { computeBlastRadiusDetailed, type DetailedBlastRadiusResult } from "./blast-radius";

export interface RootSpec {
  table: string;
  key: Record<string, string>;
}

export interface RealDelete {
  outcome: "deleted" | "blocked" | "not-found";
  /** pg_stat_xact_user_tables.n_tup_del per table. */
  deleted: Record<string, number>;
  /** Rows still present whose version this transaction wrote (xmin is ours): changed, not deleted. */
  updated: Record<string, number>;
  /** pg_stat_xact_user_tables.n_tup_upd per table. */
  updateOperations: Record<string, number>;
  error?: { sqlState: string; constraint?: string; table: string; column?: string; message: string };
}

interface PgError {
  code: string;
  constraint?: string;
  schema?: string;
  table?: string;
  column?: string;
  message: string;
}

const STATS_SQL = `select schemaname, relname, n_tup_del as del, n_tup_upd as upd from pg_stat_xact_user_tables`;

type StatsRow = { schemaname: string; relname: string; del: string; upd: string };

export async function runRealDelete(admin: pg.Client, root: RootSpec): Promise<RealDelete> {
  const entries = Object.entries(root.key);
  const where = entries.map(([column], i) => `${quoteIdent(column)} = $${i + 1}`).join(" and ");
  await admin.query("begin");
  try {
    // The "xact" counters also hold what earlier transactions of this session have not flushed
    // yet; nothing flushes inside a transaction, so the delta from here is this DELETE's.
    const baseline = new Map<string, StatsRow>();
    for (const row of (await admin.query<StatsRow>(STATS_SQL)).rows)
      baseline.set(`${row.schemaname}.${row.relname}`, row);
    const result = await admin.query(
      `delete from ${quoteQualified(root.table)} where ${where}`,
      entries.map(([, v]) => v),
    );
    if (result.rowCount === 0)
      return { outcome: "not-found", deleted: {}, updated: {}, updateOperations: {} };
    await admin.query("set constraints all immediate");
    const deleted: Record<string, number> = {};
    const updateOperations: Record<string, number> = {};
    const updated: Record<string, number> = {};
    for (const s of (await admin.query<StatsRow>(STATS_SQL)).rows) {
      const name = `${s.schemaname}.${s.relname}`;
      const before = baseline.get(name);
      const del = Number(s.del) - Number(before?.del ?? 0);
      const upd = Number(s.upd) - Number(before?.upd ?? 0);
      if (del > 0) deleted[name] = del;
      if (upd > 0) {
        updateOperations[name] = upd;
        const live = await admin.query<{ n: string }>(
          `select count(*) as n from only ${quoteIdent(s.schemaname)}.${quoteIdent(s.relname)}
           where xmin = pg_current_xact_id()::xid`,
        );
        if (Number(live.rows[0]!.n) > 0) updated[name] = Number(live.rows[0]!.n);
      }
    }
    return {
      outcome: "deleted",
      deleted: sorted(deleted),
      updated: sorted(updated),
      updateOperations: sorted(updateOperations),
    };
  } catch (raw) {
    const e = raw as PgError;
    if (!e.code?.startsWith("23")) throw raw;
    return {
      outcome: "blocked",
      deleted: {},
      updated: {},
      updateOperations: {},
      error: {
        sqlState: e.code,
        constraint: e.constraint,
        table: `${e.schema}.${e.table}`,
        column: e.column,
        message: e.message,
      },
    };
  } finally {
    await admin.query("rollback");
  }
}

function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface Comparison {
  root: RootSpec;
  truth: RealDelete;
  ours: DetailedBlastRadiusResult;
}

/**
 * For each root: the real DELETE (rolled back) against computeBlastRadius through `readOnly`.
 * Counts, outcome and the failing constraint must be equal.
 */
export async function expectSameAsRealDelete(
  admin: pg.Client,
  readOnly: pg.Client,
  catalog: Catalog,
  roots: RootSpec[],
): Promise<Comparison[]> {
  const out: Comparison[] = [];
  for (const root of roots) {
    const truth = await runRealDelete(admin, root);
    const ours = await computeBlastRadiusDetailed(readOnly, catalog, { table: root.table, key: root.key });
    const label = `${root.table} ${JSON.stringify(root.key)}`;
    expect(
      {
        outcome: ours.outcome,
        deleted: ours.rowsDeletedByTable,
        updated: ours.rowsUpdatedByTable,
        updateOperations: ours.updateOperationsByTable,
      },
      `${label}${truth.error ? ` (${truth.error.message})` : ""}`,
    ).toEqual({
      outcome: truth.outcome,
      deleted: truth.deleted,
      updated: truth.updated,
      updateOperations: truth.updateOperations,
    });
    if (truth.error) {
      expect(ours.blockedBy, label).toHaveLength(1);
      expect(ours.blockedSqlState, label).toBe(truth.error.sqlState);
      const blocked = ours.blockedBy[0]!;
      expect(blocked.table, label).toBe(truth.error.table);
      if (truth.error.sqlState === "23502") {
        // A NOT NULL error names no constraint: we name the FK whose SET NULL / SET DEFAULT assigned
        // NULL to that column of that table.
        const owners = [blocked.table];
        for (let t = blocked.table; ;) {
          const parent = catalog.tables.find((x) => x.name === t)?.partitionOf;
          if (!parent) break;
          owners.push((t = parent));
        }
        const fk = catalog.foreignKeys.find((k) => k.name === blocked.constraint && owners.includes(k.child));
        expect(fk && ["SET NULL", "SET DEFAULT"].includes(fk.onDelete), label).toBe(true);
        expect(
          (fk?.onDeleteSetColumns ?? fk?.childColumns ?? []).includes(truth.error.column ?? ""),
          label,
        ).toBe(true);
      } else {
        expect(blocked.constraint, label).toBe(truth.error.constraint);
      }
    } else {
      expect(ours.blockedBy, label).toEqual([]);
    }
    out.push({ root, truth, ours });
  }
  return out;
}
