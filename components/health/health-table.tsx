"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useMemo, useRef, useState } from "react";
import { UtcTime } from "@/components/ui/time";
import { affectedFirst, type HealthTableView } from "@/lib/health/store-view-types";
import { TABLE_STATUSES, type TableStatus } from "@/lib/health/types";
import { formatChange, formatRowCount } from "./format";
import { Sparkline } from "./sparkline";
import { StatusChip } from "./status-chip";

/**
 * Every table of a target, most affected first. Virtualised (only the rows in view are in the
 * DOM), so thousands of tables scroll smoothly; sort by any column, filter by status, search.
 */

type SortKey = "status" | "name" | "rows" | "baseline" | "change" | "activity";

const ROW_HEIGHT = 38;
const GRID =
  "grid grid-cols-[7.5rem_minmax(10rem,1fr)_6.5rem_6.5rem_8.5rem_6.5rem_10.5rem] items-center gap-x-3 px-3";

function changeValue(t: HealthTableView): number {
  const rows = t.rows ?? t.lastKnownRows ?? null;
  if (rows === null || t.baselineRows === null) return 0;
  return t.baselineRows > 0 ? (rows - t.baselineRows) / t.baselineRows : rows > 0 ? 1 : 0;
}

function compare(key: SortKey): (a: HealthTableView, b: HealthTableView) => number {
  const byName = (a: HealthTableView, b: HealthTableView) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  switch (key) {
    case "status":
      return affectedFirst;
    case "name":
      return byName;
    case "rows":
      return (a, b) => (a.rows ?? a.lastKnownRows ?? -1) - (b.rows ?? b.lastKnownRows ?? -1) || byName(a, b);
    case "baseline":
      return (a, b) => (a.baselineRows ?? -1) - (b.baselineRows ?? -1) || byName(a, b);
    case "change":
      return (a, b) => changeValue(a) - changeValue(b) || byName(a, b);
    case "activity":
      return (a, b) => (a.lastActivityAt ?? "").localeCompare(b.lastActivityAt ?? "") || byName(a, b);
  }
}

function sparkTone(status: TableStatus): "red" | "amber" | "green" | "slate" {
  if (status === "WIPED" || status === "MISSING") return "red";
  if (status === "SHRUNK") return "amber";
  if (status === "INTACT") return "green";
  return "slate";
}

/** Memoised: the page re-renders every second for "updated N s ago"; the table only when data change. */
export const HealthTable = memo(function HealthTable({
  tables,
  summary,
  reachable,
}: {
  tables: HealthTableView[];
  summary: Record<TableStatus, number>;
  reachable: boolean;
}) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "status", desc: false });
  const [filter, setFilter] = useState<TableStatus | "ALL">("ALL");
  const [query, setQuery] = useState("");

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const status = (t: HealthTableView) =>
      t.status === "UNKNOWN" && t.lastKnownStatus ? t.lastKnownStatus : t.status;
    const picked = tables.filter(
      (t) =>
        (filter === "ALL" || status(t) === filter || t.status === filter) &&
        (!q || t.name.toLowerCase().includes(q)),
    );
    const cmp = compare(sort.key);
    picked.sort(sort.desc ? (a, b) => cmp(b, a) : cmp);
    return picked;
  }, [tables, filter, query, sort]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  // Counts for the filter buttons: by current status, or by last known status while unreachable.
  const counts = useMemo(() => {
    if (reachable) return summary;
    const c = Object.fromEntries(TABLE_STATUSES.map((s) => [s, 0])) as Record<TableStatus, number>;
    for (const t of tables) if (t.kind !== "partitioned") c[t.lastKnownStatus ?? t.status]++;
    return c;
  }, [reachable, summary, tables]);
  const total = tables.filter((t) => t.kind !== "partitioned").length;

  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.desc ? "descending" : "ascending") : "none");
  const header = (key: SortKey, label: string, align: "left" | "right" = "left") => {
    const active = sort.key === key;
    return (
      <button
        type="button"
        onClick={() =>
          setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== "name" && key !== "status" }))
        }
        className={`flex items-center gap-1 text-xs font-medium uppercase tracking-wide hover:text-slate-900 ${
          align === "right" ? "justify-end" : ""
        } ${active ? "text-slate-900" : "text-slate-500"}`}
      >
        {label}
        <span aria-hidden className="text-[10px]">
          {active ? (sort.desc ? "▼" : "▲") : ""}
        </span>
      </button>
    );
  };

  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2">
        <div role="group" aria-label="Filter by status" className="flex flex-wrap gap-1">
          {(["ALL", ...TABLE_STATUSES] as const).map((s) => {
            const n = s === "ALL" ? total : counts[s];
            if (s !== "ALL" && n === 0) return null;
            const active = filter === s;
            return (
              <button
                key={s}
                type="button"
                aria-pressed={active}
                onClick={() => setFilter(active && s !== "ALL" ? "ALL" : s)}
                className={`rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${
                  active
                    ? "bg-slate-900 text-white ring-slate-900"
                    : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-100"
                }`}
              >
                {s === "ALL" ? "All" : s} <span className="tabular-nums">{n}</span>
              </button>
            );
          })}
        </div>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search tables…"
          aria-label="Search tables"
          className="ml-auto w-56 rounded-md border border-slate-300 px-2.5 py-1 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/20"
        />
      </div>

      <div className="overflow-x-auto">
        <div
          role="table"
          aria-label="Table health"
          aria-rowcount={rows.length + 1}
          className="min-w-[58rem] text-sm"
        >
          <div role="rowgroup" className="border-b border-slate-200 bg-slate-50">
            <div role="row" className={`${GRID} h-9`}>
              <div role="columnheader" aria-sort={ariaSort("status")}>
                {header("status", "Status")}
              </div>
              <div role="columnheader" aria-sort={ariaSort("name")}>
                {header("name", "Table")}
              </div>
              <div role="columnheader" aria-sort={ariaSort("rows")} className="text-right">
                {header("rows", "Rows now", "right")}
              </div>
              <div role="columnheader" aria-sort={ariaSort("baseline")} className="text-right">
                {header("baseline", "Baseline", "right")}
              </div>
              <div role="columnheader" aria-sort={ariaSort("change")} className="text-right">
                {header("change", "Change", "right")}
              </div>
              <div role="columnheader" className="text-xs font-medium uppercase tracking-wide text-slate-500">
                Trend
              </div>
              <div role="columnheader" aria-sort={ariaSort("activity")}>
                {header("activity", "Last activity")}
              </div>
            </div>
          </div>
          <div
            ref={scrollRef}
            role="rowgroup"
            className="max-h-[calc(100vh-22rem)] min-h-48 overflow-auto"
            data-testid="health-rows"
          >
            {rows.length === 0 ? (
              <p className="px-3 py-6 text-center text-slate-500">No table matches.</p>
            ) : (
              <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const t = rows[item.index]!;
                  const shownRows = t.rows ?? null;
                  const change = formatChange(t.rows ?? t.lastKnownRows ?? null, t.baselineRows);
                  const flags = [
                    t.truncated && "truncated",
                    t.recreated && "recreated",
                    t.statsReset && "stats reset",
                  ].filter(Boolean) as string[];
                  return (
                    <div
                      key={t.name}
                      role="row"
                      data-testid={`health-row-${t.name}`}
                      data-status={t.status}
                      className={`${GRID} absolute left-0 top-0 w-full border-b border-slate-100 hover:bg-slate-50`}
                      style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                    >
                      <div role="cell" className="flex items-center gap-1">
                        <StatusChip status={t.status} title={t.reasons.join("; ")} />
                        {t.status === "UNKNOWN" && t.lastKnownStatus ? (
                          <span className="text-[11px] text-slate-500" title="Status in the last reading">
                            was {t.lastKnownStatus}
                          </span>
                        ) : null}
                      </div>
                      <div
                        role="cell"
                        className="min-w-0 truncate"
                        title={`${t.name} — ${t.reasons.join("; ")}`}
                      >
                        {t.name.startsWith("public.") ? null : (
                          <span className="text-slate-400">{t.name.slice(0, t.name.indexOf(".") + 1)}</span>
                        )}
                        <span className="font-medium text-slate-900">
                          {t.name.slice(t.name.indexOf(".") + 1)}
                        </span>
                        {t.critical ? (
                          <span
                            className="ml-1.5 rounded bg-slate-700 px-1 py-px text-[10px] font-semibold uppercase tracking-wide text-white"
                            title="Named critical in this target's configuration"
                          >
                            critical
                          </span>
                        ) : null}
                        {t.kind === "partitioned" ? (
                          <span className="ml-1.5 text-xs text-slate-500">(partitioned)</span>
                        ) : null}
                        {t.status === "MISSING" && t.expected ? (
                          <span className="ml-1.5 text-xs text-slate-500">
                            expected by the app&apos;s schema
                          </span>
                        ) : null}
                        {flags.map((f) => (
                          <span
                            key={f}
                            className="ml-1.5 rounded bg-slate-100 px-1 text-[11px] text-slate-600"
                          >
                            {f}
                          </span>
                        ))}
                      </div>
                      <div
                        role="cell"
                        className="text-right tabular-nums"
                        data-testid="rows-now"
                        title={
                          shownRows === null
                            ? t.lastKnownRows !== undefined && t.lastKnownRows !== null
                              ? `No current reading; ${formatRowCount(t.lastKnownRows, true)} in the last one`
                              : "Not in the database"
                            : t.rowsExact
                              ? "Exact count(*)"
                              : "Estimate from PostgreSQL's statistics (n_live_tup / reltuples), not a count"
                        }
                      >
                        {shownRows === null && t.lastKnownRows !== undefined && t.lastKnownRows !== null ? (
                          <span className="text-slate-400">{formatRowCount(t.lastKnownRows, true)}?</span>
                        ) : (
                          formatRowCount(shownRows, t.rowsExact)
                        )}
                      </div>
                      <div
                        role="cell"
                        className="text-right tabular-nums text-slate-600"
                        title={t.baselineRowsExact === false ? "Estimate at the baseline" : undefined}
                      >
                        {formatRowCount(t.baselineRows, t.baselineRowsExact)}
                      </div>
                      <div
                        role="cell"
                        className={`text-right tabular-nums ${
                          change.tone === "loss"
                            ? "font-medium text-red-700"
                            : change.tone === "gain"
                              ? "text-emerald-700"
                              : "text-slate-400"
                        }`}
                      >
                        {change.text}
                      </div>
                      <div role="cell">
                        <Sparkline
                          values={t.series}
                          tone={sparkTone(t.lastKnownStatus ?? t.status)}
                          label={`${t.name}: rows over time, first point at the baseline`}
                        />
                      </div>
                      <div role="cell" className="truncate text-xs text-slate-600">
                        <UtcTime value={t.lastActivityAt} withSeconds />
                      </div>
                    </div>
                  );
                })}
              </div>
            )}
          </div>
        </div>
      </div>
    </div>
  );
});
