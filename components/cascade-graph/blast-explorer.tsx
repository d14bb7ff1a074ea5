"use client";

import { formatCount, formatOptionalCount } from "@/lib/format";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { BlastRadiusResult } from "@/lib/graph/blast-radius-types";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { shortName } from "./model";

interface ApiError {
  error: { code: string; message: string };
}

async function callApi<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => null)) as T | ApiError | null;
  if (!response.ok) {
    const message = (body as ApiError | null)?.error?.message ?? `The server answered ${response.status}`;
    throw new Error(message);
  }
  return body as T;
}

/**
 * Blast-radius explorer: pick rows of a table by key (typed, or picked from its first rows) and
 * see exactly what deleting them would do — computed by the engine with reads only. Responders and
 * above; the server checks that on every call.
 */
export function BlastExplorer({
  targetId,
  table,
  keyColumns,
  onResult,
}: {
  targetId: string;
  table: string;
  keyColumns: string[];
  onResult: (result: BlastRadiusResult | null) => void;
}) {
  const [key, setKey] = useState<Record<string, string>>({});
  const [search, setSearch] = useState("");
  const [picking, setPicking] = useState(false);
  const base = `/api/v1/targets/${encodeURIComponent(targetId)}/blast-radius`;

  const rows = useQuery({
    queryKey: ["blast-rows", targetId, table, search],
    enabled: picking,
    staleTime: 10_000,
    retry: false,
    queryFn: () =>
      callApi<{ keyColumns: string[]; rows: Record<string, string | null>[]; limit: number }>(
        `${base}/rows?table=${encodeURIComponent(table)}&search=${encodeURIComponent(search)}`,
      ),
  });

  const run = useMutation({
    mutationFn: (request: { table: string; key: Record<string, string> }) =>
      callApi<BlastRadiusResult>(base, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
      }),
    onSuccess: (result) => onResult(result),
    onError: () => onResult(null),
  });

  const columns = keyColumns.length > 0 ? keyColumns : (rows.data?.keyColumns ?? []);
  const complete = columns.length > 0 && columns.every((c) => (key[c] ?? "") !== "");

  return (
    <div className="space-y-3" data-testid="blast-explorer">
      <form
        className="space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (complete) run.mutate({ table, key: Object.fromEntries(columns.map((c) => [c, key[c] ?? ""])) });
        }}
      >
        {columns.length === 0 ? (
          <p className="text-slate-600">
            {shortName(table)} has no primary key: the explorer needs a key to pick rows by.
          </p>
        ) : (
          columns.map((column) => (
            <Field key={column} label={`${shortName(table)}.${column} =`}>
              <Input
                value={key[column] ?? ""}
                onChange={(e) => setKey((k) => ({ ...k, [column]: e.target.value }))}
                placeholder="value"
                className="font-mono"
                spellCheck={false}
              />
            </Field>
          ))
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={!complete || run.isPending} data-testid="blast-run">
            {run.isPending ? "Computing…" : "Compute blast radius (read-only)"}
          </Button>
          <Button
            type="button"
            variant="secondary"
            onClick={() => setPicking((p) => !p)}
            aria-expanded={picking}
          >
            {picking ? "Hide rows" : "Pick a row…"}
          </Button>
        </div>
      </form>

      {picking ? (
        <div className="rounded-md border border-slate-200 p-2">
          <Field label="Search the key columns">
            <Input
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="e.g. the start of an id"
            />
          </Field>
          {rows.isLoading ? (
            <p className="mt-1 text-slate-600" role="status">
              Reading the first rows…
            </p>
          ) : null}
          {rows.error ? (
            <p className="mt-1 text-red-700" role="alert">
              {rows.error.message}
            </p>
          ) : null}
          {rows.data ? (
            <>
              <p className="mt-1 text-xs text-slate-500">
                First {rows.data.limit} rows by key; key columns only, no other data.
              </p>
              {rows.data.rows.length === 0 ? <p className="text-slate-600">No rows match.</p> : null}
              <ul className="mt-1 max-h-40 overflow-auto" data-testid="blast-row-picker">
                {rows.data.rows.map((row) => {
                  const label = rows.data.keyColumns.map((c) => row[c] ?? "NULL").join(", ");
                  return (
                    <li key={label}>
                      <button
                        type="button"
                        className="w-full rounded px-1.5 py-0.5 text-left font-mono text-xs hover:bg-slate-100"
                        onClick={() => {
                          setKey(Object.fromEntries(rows.data.keyColumns.map((c) => [c, row[c] ?? ""])));
                          setPicking(false);
                        }}
                      >
                        {label}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}

      {run.error ? (
        <p className="rounded-md bg-red-50 px-3 py-2 text-red-800" role="alert">
          {run.error.message}
        </p>
      ) : null}
      {run.data ? <BlastResultView result={run.data} /> : null}
    </div>
  );
}

function keyText(key: Record<string, string>): string {
  return Object.entries(key)
    .map(([c, v]) => `${c} = '${v}'`)
    .join(" AND ");
}

export function BlastResultView({ result }: { result: BlastRadiusResult }) {
  const deleted = Object.entries(result.rowsDeletedByTable).sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  const updated = Object.entries(result.rowsUpdatedByTable).sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  const totalDeleted = deleted.reduce((s, [, n]) => s + n, 0);
  const totalUpdated = updated.reduce((s, [, n]) => s + n, 0);
  const more = result.truncated ? "more than " : "";
  return (
    <div className="space-y-2" data-testid="blast-result" data-outcome={result.outcome} aria-live="polite">
      <p className="text-xs text-slate-600">
        <code>
          DELETE FROM {shortName(result.root.table)} WHERE {keyText(result.root.key)}
        </code>{" "}
        — computed read-only in {Math.round(result.elapsedMs)} ms; nothing was deleted.
      </p>
      {result.outcome === "not-found" ? (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-slate-800" data-testid="blast-outcome">
          No row matches this key: the delete would remove nothing.
        </p>
      ) : result.outcome === "blocked" ? (
        <div
          className="rounded-md border-2 border-slate-700 bg-slate-50 px-3 py-2"
          data-testid="blast-outcome"
        >
          <p className="font-semibold text-slate-900">
            <span aria-hidden>⊗ </span>This delete would FAIL — nothing would be deleted.
          </p>
          <ul className="mt-1 list-disc pl-5">
            {result.blockedBy.map((b) => (
              <li key={`${b.table}-${b.constraint}`}>
                blocked by <code>{b.constraint}</code> on <code>{shortName(b.table)}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p
          className="rounded-md border-l-4 border-red-600 bg-red-50 px-3 py-2 font-semibold text-red-900"
          data-testid="blast-outcome"
        >
          Would delete {more}
          {formatCount(totalDeleted)} row{totalDeleted === 1 && !more ? "" : "s"} in {deleted.length} table
          {deleted.length === 1 ? "" : "s"}
          {totalUpdated > 0
            ? ` and change ${formatCount(totalUpdated)} rows in ${updated.length} table${updated.length === 1 ? "" : "s"} (SET NULL / SET DEFAULT)`
            : ""}
          .
        </p>
      )}
      {deleted.length + updated.length > 0 ? (
        <table className="w-full text-left text-[13px]">
          <thead>
            <tr className="text-xs text-slate-500">
              <th className="py-1 font-medium">Table</th>
              <th className="py-1 text-right font-medium">Rows lost</th>
              <th className="py-1 text-right font-medium">Rows changed</th>
            </tr>
          </thead>
          <tbody>
            {[...new Set([...deleted.map(([t]) => t), ...updated.map(([t]) => t)])].map((table) => (
              <tr
                key={table}
                className="border-t border-slate-100"
                data-testid="blast-row"
                data-table={table}
                data-deleted={result.rowsDeletedByTable[table] ?? 0}
                data-updated={result.rowsUpdatedByTable[table] ?? 0}
              >
                <td className="py-0.5 font-mono">{shortName(table)}</td>
                <td className="py-0.5 text-right font-semibold text-red-800 tabular-nums">
                  {formatOptionalCount(result.rowsDeletedByTable[table])}
                </td>
                <td className="py-0.5 text-right text-amber-800 tabular-nums">
                  {formatOptionalCount(result.rowsUpdatedByTable[table])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.truncated ? (
        <p className="text-xs text-amber-800">
          Stopped counting at {formatCount(result.truncated.rowCap)} rows: the counts are lower bounds.
        </p>
      ) : null}
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-600">
          Engine JSON (same as incident-room blast --json)
        </summary>
        <pre
          className="mt-1 max-h-48 overflow-auto rounded bg-slate-900 p-2 text-slate-100"
          data-testid="blast-json"
        >
          {JSON.stringify(result, null, 2)}
        </pre>
      </details>
    </div>
  );
}
