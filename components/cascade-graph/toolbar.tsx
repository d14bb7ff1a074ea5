"use client";

import { formatCount } from "@/lib/format";
import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { shortName } from "./model";

export type ViewMode = "graph" | "list";

const MAX_MATCHES = 8;

export function Toolbar({
  tables,
  selected,
  onSelect,
  view,
  onView,
  cascadeOnly,
  onCascadeOnly,
  focus,
  onFocus,
  shown,
  total,
}: {
  tables: string[];
  selected: string | null;
  onSelect: (table: string | null) => void;
  view: ViewMode;
  onView: (view: ViewMode) => void;
  cascadeOnly: boolean;
  onCascadeOnly: (value: boolean) => void;
  focus: { center: string; hops: number } | null;
  onFocus: (focus: { center: string; hops: number } | null) => void;
  shown: number;
  total: number;
}) {
  const [query, setQuery] = useState("");
  const listId = useId();
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const exact = tables.filter((t) => shortName(t).toLowerCase() === q || t.toLowerCase() === q);
    const starts = tables.filter((t) => !exact.includes(t) && shortName(t).toLowerCase().startsWith(q));
    const contains = tables.filter(
      (t) => !exact.includes(t) && !starts.includes(t) && t.toLowerCase().includes(q),
    );
    return [...exact, ...starts, ...contains].slice(0, MAX_MATCHES);
  }, [query, tables]);

  const pick = (table: string) => {
    onSelect(table);
    setQuery("");
  };

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2">
      <div className="relative">
        <label className="flex items-center gap-2">
          <span className="text-xs font-medium text-slate-700">Find a table</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && matches[0]) {
                e.preventDefault();
                pick(matches[0]);
              }
            }}
            placeholder="e.g. User"
            aria-controls={listId}
            className="w-48 rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/20"
            data-testid="graph-search"
          />
        </label>
        {matches.length > 0 ? (
          <ul
            id={listId}
            aria-label="Matching tables"
            className="absolute left-0 top-full z-30 mt-1 w-72 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
          >
            {matches.map((t) => (
              <li key={t}>
                <button
                  type="button"
                  onClick={() => pick(t)}
                  className="w-full px-2 py-1 text-left font-mono text-[13px] hover:bg-slate-100 focus:bg-slate-100"
                >
                  {shortName(t)}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <div role="group" aria-label="View" className="flex overflow-hidden rounded-md border border-slate-300">
        {(["graph", "list"] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => onView(v)}
            className={`px-2.5 py-1 text-sm ${view === v ? "bg-slate-900 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
          >
            {v === "graph" ? "Graph" : "List"}
          </button>
        ))}
      </div>

      <label className="flex items-center gap-1.5 text-sm">
        <input type="checkbox" checked={cascadeOnly} onChange={(e) => onCascadeOnly(e.target.checked)} />
        Cascade edges only
      </label>

      <div className="flex items-center gap-1.5 text-sm">
        {focus ? (
          <>
            <label className="flex items-center gap-1.5">
              Focus: {focus.hops === 1 ? "1 hop" : `${focus.hops} hops`} around{" "}
              <code className="font-semibold">{shortName(focus.center)}</code>
              <select
                aria-label="Hops"
                value={focus.hops}
                onChange={(e) => onFocus({ ...focus, hops: Number(e.target.value) })}
                className="rounded border border-slate-300 px-1 py-0.5"
              >
                {[1, 2, 3, 4].map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
            <Button type="button" variant="ghost" onClick={() => onFocus(null)}>
              Whole schema
            </Button>
          </>
        ) : (
          <Button
            type="button"
            variant="ghost"
            disabled={!selected}
            onClick={() => selected && onFocus({ center: selected, hops: 2 })}
            title={selected ? undefined : "Select a table first"}
          >
            Focus on {selected ? shortName(selected) : "selection"}
          </Button>
        )}
      </div>

      <p className="text-xs text-slate-600" data-testid="graph-counts">
        {shown === total
          ? `${formatCount(total)} tables`
          : `${formatCount(shown)} of ${formatCount(total)} tables`}
      </p>
    </div>
  );
}
