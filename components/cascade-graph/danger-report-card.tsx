"use client";

import { formatCount } from "@/lib/format";
import { useState } from "react";
import type { TrimmedDangerReport } from "@/lib/graph/danger-report";
import { Card } from "@/components/ui/card";
import { shortName } from "./model";

const FIRST = 12;

/** The schema's danger report: what one DELETE can take, how slowly, and without a trace. */
export function DangerReportCard({
  report,
  onSelect,
}: {
  report: TrimmedDangerReport;
  onSelect: (table: string) => void;
}) {
  const [allPaths, setAllPaths] = useState(false);
  const [allUnindexed, setAllUnindexed] = useState(false);
  const [allUncaptured, setAllUncaptured] = useState(false);
  const paths = allPaths ? report.cascadePaths : report.cascadePaths.slice(0, FIRST);
  const unindexed = allUnindexed ? report.unindexedForeignKeys : report.unindexedForeignKeys.slice(0, FIRST);
  const uncaptured = allUncaptured
    ? report.uncapturedCascadeTargets
    : report.uncapturedCascadeTargets.slice(0, FIRST);
  const name = (table: string) => (
    <button
      type="button"
      className="font-mono underline-offset-2 hover:underline"
      onClick={() => onSelect(table)}
    >
      {shortName(table)}
    </button>
  );

  return (
    <Card
      title="Danger report"
      actions={
        Object.values(report.totals).some((n) => n > report.shownPerList) ? (
          <span className="text-xs text-slate-500">
            first {report.shownPerList} of each list; <code>incident-room check</code> prints them all
          </span>
        ) : null
      }
    >
      <div className="grid gap-6 lg:grid-cols-3" data-testid="danger-report">
        <section aria-labelledby="danger-paths">
          <h3 id="danger-paths" className="font-semibold text-red-800">
            {report.totals.cascadePaths}
            {report.cascadePathsTruncated ? "+" : ""} CASCADE path
            {report.totals.cascadePaths === 1 ? "" : "s"} into critical tables
          </h3>
          <p className="text-xs text-slate-600">
            Critical (
            {report.critical.source === "configured"
              ? "configured"
              : "default: the cascade-reachable tables with the most rows"}
            ): {report.critical.tables.map(shortName).join(", ") || "none"}
            {report.critical.notFound.length > 0
              ? ` — not in the schema: ${report.critical.notFound.join(", ")}`
              : ""}
          </p>
          <ul className="mt-2 space-y-1 text-[13px]">
            {paths.map((p) => (
              <li key={p.steps.map((s) => s.foreignKey + s.from).join("|")}>
                {name(p.steps[0]!.from)}
                {p.steps.map((s) => (
                  <span key={`${s.foreignKey}-${s.from}`}>
                    <span aria-hidden className="text-red-600">
                      {" "}
                      →{" "}
                    </span>
                    <span className="sr-only"> cascades to </span>
                    {name(s.to)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {report.cascadePaths.length > FIRST ? (
            <button
              type="button"
              className="mt-1 text-xs text-blue-700 underline"
              onClick={() => setAllPaths((v) => !v)}
            >
              {allPaths ? "Show fewer" : `Show ${report.cascadePaths.length}`}
            </button>
          ) : null}
        </section>

        <section aria-labelledby="danger-unindexed">
          <h3 id="danger-unindexed" className="font-semibold text-amber-800">
            {report.totals.unindexedForeignKeys} foreign key
            {report.totals.unindexedForeignKeys === 1 ? "" : "s"} without an index
          </h3>
          <p className="text-xs text-slate-600">
            Every delete of a parent row makes PostgreSQL scan the whole child table to cascade, null or
            check.
          </p>
          <ul className="mt-2 space-y-1 text-[13px]">
            {unindexed.map((k) => (
              <li key={`${k.child}-${k.foreignKey}`}>
                {name(k.child)}.{k.childColumns.join(", ")} → {shortName(k.parent)}{" "}
                <span className="text-xs text-slate-600">
                  ({k.onDelete}, scans ≈ {formatCount(k.childRows)} rows)
                </span>
              </li>
            ))}
          </ul>
          {report.unindexedForeignKeys.length > FIRST ? (
            <button
              type="button"
              className="mt-1 text-xs text-blue-700 underline"
              onClick={() => setAllUnindexed((v) => !v)}
            >
              {allUnindexed ? "Show fewer" : `Show ${report.unindexedForeignKeys.length}`}
            </button>
          ) : null}
        </section>

        <section aria-labelledby="danger-uncaptured">
          <h3 id="danger-uncaptured" className="font-semibold text-slate-800">
            {report.totals.uncapturedCascadeTargets} cascade target
            {report.totals.uncapturedCascadeTargets === 1 ? "" : "s"} without capture triggers
          </h3>
          <p className="text-xs text-slate-600">
            {report.capturedTables.length === 0
              ? "No table has an enabled incident_room_capture trigger yet: rows a cascade deletes cannot be rehydrated exactly."
              : `${report.capturedTables.length} table(s) are captured; rows a cascade deletes from the others cannot be rehydrated exactly.`}
          </p>
          <ul className="mt-2 space-y-1 text-[13px]">
            {uncaptured.map((t) => (
              <li key={t.table}>
                {name(t.table)}{" "}
                <span className="text-xs text-slate-600">
                  (≈ {formatCount(t.rows)} rows, from {t.cascadedFrom.map(shortName).join(", ")})
                </span>
              </li>
            ))}
          </ul>
          {report.uncapturedCascadeTargets.length > FIRST ? (
            <button
              type="button"
              className="mt-1 text-xs text-blue-700 underline"
              onClick={() => setAllUncaptured((v) => !v)}
            >
              {allUncaptured ? "Show fewer" : `Show ${report.uncapturedCascadeTargets.length}`}
            </button>
          ) : null}
        </section>
      </div>
    </Card>
  );
}
