"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import type { RowsInfo } from "./closure-panel";
import { shortName, type DeleteEffectsView, type GraphModel } from "./model";
import { formatRows, statusLook } from "./status";

/**
 * The same graph as a list, for keyboard and screen-reader users and for schemas too big to draw:
 * one row per table with its status, rows and what its delete cascades into; selecting a row
 * selects the table exactly like clicking its node. Virtualised, so 5,000 tables scroll smoothly.
 */
export function TableList({
  model,
  tables,
  selected,
  effects,
  rowsOf,
  onSelect,
}: {
  model: GraphModel;
  tables: string[];
  selected: string | null;
  effects: DeleteEffectsView | null;
  rowsOf: (table: string) => RowsInfo;
  onSelect: (table: string) => void;
}) {
  const parentRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; rows re-render on scroll by design
  const virtualizer = useVirtualizer({
    count: tables.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 52,
    overscan: 12,
  });

  return (
    <div ref={parentRef} className="h-full overflow-auto" data-testid="table-list">
      <div
        role="list"
        aria-label={`${tables.length} tables`}
        style={{ height: virtualizer.getTotalSize(), position: "relative" }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const table = tables[item.index]!;
          const info = rowsOf(table);
          const look = statusLook(info.status);
          const cascadesTo = (model.incoming.get(table) ?? [])
            .map((i) => model.foreignKeys[i]!)
            .filter((fk) => fk.onDelete === "CASCADE")
            .map((fk) => shortName(fk.child));
          const depth = effects?.closure.get(table);
          const isSelected = selected === table;
          return (
            <div
              key={table}
              role="listitem"
              aria-setsize={tables.length}
              aria-posinset={item.index + 1}
              className={`absolute left-0 top-0 w-full border-b border-slate-100 px-2 py-1 ${isSelected ? "bg-slate-900/5" : depth !== undefined ? "bg-red-50" : ""}`}
              style={{ transform: `translateY(${item.start}px)`, height: item.size }}
              data-testid="table-list-row"
              data-table={table}
            >
              <div className="flex items-center gap-2">
                <button
                  type="button"
                  onClick={() => onSelect(table)}
                  aria-pressed={isSelected}
                  className="truncate font-mono text-[13px] font-semibold text-slate-900 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
                >
                  {shortName(table)}
                </button>
                <span className="text-[10px] font-bold uppercase text-slate-600">
                  <span aria-hidden>{look.icon}</span> {look.word}
                </span>
                <span className="text-xs text-slate-600 tabular-nums">
                  {formatRows(info.rows, info.exact)}
                </span>
                {isSelected ? <span className="text-xs font-semibold">selected</span> : null}
                {depth !== undefined ? (
                  <span className="text-xs font-semibold text-red-800">in the cascade, depth {depth}</span>
                ) : null}
              </div>
              <p className="truncate text-xs text-slate-600">
                {cascadesTo.length > 0 ? (
                  <>
                    <span className="font-semibold text-red-700">deletes cascade to</span>{" "}
                    {cascadesTo.join(", ")}
                  </>
                ) : (
                  "no cascade from here"
                )}
              </p>
            </div>
          );
        })}
      </div>
    </div>
  );
}
