import { UtcTime } from "@/components/ui/time";
import type { TargetHealthView } from "@/lib/health/store-view-types";
import type { TableStatus } from "@/lib/health/types";
import { formatCount, formatRowCount, shortName } from "./format";
import { StatusChip } from "./status-chip";

/**
 * The incident report's Executive Summary, live: how many tables are in each state, the wiped and
 * missing ones named, the baseline everything is compared with, and what the app's migration
 * history says.
 */

function nameList(names: string[], max = 6): string {
  const shown = names.slice(0, max).map(shortName).join(", ");
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

export function HealthSummary({ view, actions }: { view: TargetHealthView; actions?: React.ReactNode }) {
  const reachable = view.reachable;
  const summary: Record<TableStatus, number> = reachable
    ? view.summary
    : (view.lastKnownSummary ?? view.summary);
  const statusOf = (t: TargetHealthView["tables"][number]) =>
    reachable ? t.status : (t.lastKnownStatus ?? t.status);
  const tables = view.tables.filter((t) => t.kind !== "partitioned");
  const named = (s: TableStatus) => tables.filter((t) => statusOf(t) === s);
  const wiped = named("WIPED");
  const missing = named("MISSING");
  const shrunk = named("SHRUNK");
  const intactCritical = reachable ? named("INTACT").filter((t) => t.critical) : [];
  const affected = wiped.length + missing.length + shrunk.length;
  const prisma = view.migrations.find((m) => m.tool === "prisma");
  const migration = prisma ?? view.migrations[0];

  return (
    <section
      aria-label="Summary"
      className={`rounded-lg border bg-white ${affected > 0 ? "border-red-300" : "border-slate-200"}`}
      data-testid="health-summary"
    >
      <div className="grid gap-4 p-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-2">
          <p className="text-lg font-semibold leading-snug" data-testid="health-headline">
            {tables.length === 0 ? (
              <span className="text-slate-600">No reading yet</span>
            ) : affected === 0 ? (
              <span className="text-emerald-800">
                All {formatCount(tables.length)} tables look intact against the baseline
              </span>
            ) : (
              <>
                {!reachable ? <span className="text-slate-500">Last reading: </span> : null}
                <span className="text-red-800">
                  {[
                    wiped.length ? `${wiped.length} ${wiped.length === 1 ? "table" : "tables"} WIPED` : null,
                    missing.length ? `${missing.length} MISSING` : null,
                    shrunk.length ? `${shrunk.length} SHRUNK` : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
                <span className="text-slate-500"> of {formatCount(tables.length)}</span>
              </>
            )}
          </p>
          {view.rowsLost > 0 ? (
            <p className="text-sm text-slate-700" data-testid="rows-lost">
              <span className="font-semibold text-red-800">{formatCount(view.rowsLost)} rows lost</span> of{" "}
              {formatCount(view.rowsAtBaseline)} at the baseline (
              {Math.max(1, Math.round((view.rowsLost / Math.max(1, view.rowsAtBaseline)) * 100))}%)
            </p>
          ) : null}
          <ul className="space-y-1 text-sm text-slate-800">
            {wiped.length ? (
              <li>
                <StatusChip status="WIPED" />{" "}
                <span className="font-medium">
                  {nameList(
                    wiped.map((t) => t.name),
                    Math.min(10, Math.max(6, wiped.filter((t) => t.critical).length)),
                  )}
                </span>{" "}
                <span className="text-slate-500">— 0 rows now</span>
              </li>
            ) : null}
            {shrunk.length ? (
              <li>
                <StatusChip status="SHRUNK" />{" "}
                {shrunk.slice(0, 4).map((t, i) => (
                  <span key={t.name}>
                    {i > 0 ? ", " : ""}
                    <span className="font-medium">{shortName(t.name)}</span>{" "}
                    <span className="text-slate-600">
                      ({formatRowCount(t.rows ?? t.lastKnownRows ?? null, t.rowsExact || t.rows === null)}{" "}
                      rows, had {formatRowCount(t.baselineRows, t.baselineRowsExact)})
                    </span>
                  </span>
                ))}
                {shrunk.length > 4 ? (
                  <span className="text-slate-600"> and {shrunk.length - 4} more</span>
                ) : null}
              </li>
            ) : null}
            {missing.length ? (
              <li>
                <StatusChip status="MISSING" />{" "}
                <span className="font-medium">{nameList(missing.map((t) => t.name))}</span>{" "}
                <span className="text-slate-500">
                  —{" "}
                  {missing.every((t) => t.expected && t.baselineRows === null)
                    ? "expected by the app's schema, "
                    : ""}
                  table does not exist
                </span>
              </li>
            ) : null}
            {summary.INTACT + summary.EMPTY + summary.NEW > 0 ? (
              <li className="text-slate-700">
                {summary.INTACT > 0 ? <StatusChip status="INTACT" /> : null}{" "}
                {(["INTACT", "EMPTY", "NEW"] as const)
                  .filter((s) => summary[s] > 0)
                  .map((s) => `${formatCount(summary[s])} ${s}`)
                  .join(" · ")}
                {intactCritical.length ? (
                  <span className="text-slate-600">
                    {" "}
                    — including{" "}
                    {intactCritical.slice(0, 4).map((t, i) => (
                      <span key={t.name}>
                        {i > 0 ? ", " : ""}
                        <span className="font-medium text-slate-900">{shortName(t.name)}</span> (
                        {formatRowCount(t.rows, t.rowsExact)} rows)
                      </span>
                    ))}
                  </span>
                ) : null}
              </li>
            ) : null}
          </ul>
        </div>

        <dl className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm lg:border-l lg:border-slate-200 lg:pl-4">
          <dt className="text-slate-500">Baseline</dt>
          <dd data-testid="baseline-at">
            {view.baselineAt ? (
              <UtcTime value={view.baselineAt} withSeconds />
            ) : (
              <span className="text-slate-500">none yet</span>
            )}
            {view.baseline ? (
              <div className="text-xs text-slate-500" title={view.baseline.reason}>
                {view.baseline.reason}
                {view.baseline.pinnedBy ? ` · ${view.baseline.pinnedBy}` : ""}
              </div>
            ) : null}
          </dd>
          {migration ? (
            <>
              <dt className="text-slate-500">Migrations</dt>
              <dd className="min-w-0 text-xs" data-testid="migrations">
                {migration.latestApplied ? (
                  <div className="truncate" title={migration.latestApplied.name}>
                    latest applied <span className="font-mono">{migration.latestApplied.name}</span>
                  </div>
                ) : null}
                {migration.rolledBack.slice(0, 1).map((m) => (
                  <div key={m.name} className="truncate text-red-800" title={m.name}>
                    rolled back <span className="font-mono">{m.name}</span>
                  </div>
                ))}
                {migration.failed.slice(0, 1).map((m) => (
                  <div key={m.name} className="truncate text-red-800" title={m.name}>
                    failed <span className="font-mono">{m.name}</span>
                  </div>
                ))}
                {migration.relationsInErrors.length ? (
                  <div className="text-slate-500">
                    its error names {migration.relationsInErrors.map((r) => `"${r}"`).join(", ")}
                  </div>
                ) : null}
              </dd>
            </>
          ) : null}
          {actions ? <dd className="col-span-2 pt-1">{actions}</dd> : null}
        </dl>
      </div>
    </section>
  );
}
