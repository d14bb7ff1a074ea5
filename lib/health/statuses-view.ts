import type { HealthTableView, TargetHealthView } from "./store-view-types";

/**
 * `GET /api/v1/targets/{id}/health?view=statuses`: only what the cascade graph colours its tables
 * with. The full view carries a sparkline series, reasons and last activity per table: 1.6 MB of
 * JSON for 5,000 tables, which the graph page would download and parse at every sample for five
 * fields. Pure.
 */

export interface TableStatusesView extends Pick<
  TargetHealthView,
  "targetId" | "sampledAt" | "reachable" | "stale"
> {
  tables: Pick<HealthTableView, "name" | "status" | "rows" | "rowsExact" | "baselineRows">[];
}

export function toStatusesView(view: TargetHealthView): TableStatusesView {
  return {
    targetId: view.targetId,
    sampledAt: view.sampledAt,
    reachable: view.reachable,
    stale: view.stale,
    tables: view.tables.map((t) => ({
      name: t.name,
      status: t.status,
      rows: t.rows,
      rowsExact: t.rowsExact,
      baselineRows: t.baselineRows,
    })),
  };
}
