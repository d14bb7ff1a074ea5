"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { formatRows, statusLook } from "./status";

export { NODE_HEIGHT, NODE_WIDTH } from "./layout-engine";

export interface TableNodeData extends Record<string, unknown> {
  label: string;
  status: string;
  rows: number | null;
  rowsExact: boolean;
  /** Role in the current selection. */
  role: "root" | "closure" | "dimmed" | "plain";
  depth: number | null;
  /** Rows this table would lose in the last blast-radius run. */
  blastRows: number | null;
  critical: boolean;
}

export type TableFlowNode = Node<TableNodeData, "table">;

const ROLE_CLASSES: Record<TableNodeData["role"], string> = {
  root: "ring-4 ring-slate-900 shadow-lg",
  closure: "ring-[3px] ring-red-600 shadow-md",
  dimmed: "opacity-30",
  plain: "",
};

function TableNodeView({ data }: NodeProps<TableFlowNode>) {
  const look = statusLook(data.status);
  return (
    <div
      className={`relative flex h-full w-full flex-col justify-center rounded-md border-2 px-2.5 py-1 text-left ${look.node} ${ROLE_CLASSES[data.role]}`}
      data-testid="graph-node"
      data-table={data.label}
      data-role={data.role}
      data-depth={data.depth ?? ""}
    >
      <Handle type="target" position={Position.Left} className="!h-2 !w-2 !min-w-0 !border-0 !bg-slate-400" />
      <div className="flex items-center justify-between gap-1.5">
        <span className="truncate text-[13px] font-semibold text-slate-900" title={data.label}>
          {data.label}
        </span>
        <span className="shrink-0 text-[10px] font-bold uppercase tracking-wide text-slate-700">
          <span aria-hidden>{look.icon}</span> {look.word}
        </span>
      </div>
      <div className="flex items-center justify-between gap-1.5 text-[11px] text-slate-600">
        <span className="tabular-nums">{formatRows(data.rows, data.rowsExact)}</span>
        {data.role === "root" ? (
          <span className="rounded bg-slate-900 px-1 font-bold text-white">DELETE HERE</span>
        ) : data.role === "closure" && data.depth !== null ? (
          <span className="rounded bg-red-700 px-1 font-bold text-white">cascade · depth {data.depth}</span>
        ) : data.critical ? (
          <span className="rounded bg-slate-200 px-1 font-semibold text-slate-700">critical</span>
        ) : null}
      </div>
      {data.blastRows !== null ? (
        <span className="absolute -top-2.5 right-1 rounded-full bg-red-700 px-1.5 text-[10px] font-bold text-white tabular-nums">
          −{data.blastRows.toLocaleString("en-US")}
        </span>
      ) : null}
      <Handle
        type="source"
        position={Position.Right}
        className="!h-2 !w-2 !min-w-0 !border-0 !bg-slate-400"
      />
    </div>
  );
}

export const TableNode = memo(TableNodeView);
