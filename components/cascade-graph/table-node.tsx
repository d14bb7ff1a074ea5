"use client";

import { formatCount } from "@/lib/format";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { formatRows, statusLook } from "./status";

export { NODE_HEIGHT, NODE_WIDTH } from "./layout-engine";

export interface TableNodeData extends Record<string, unknown> {
  label: string;
  status: string;
  rows: number | null;
  rowsExact: boolean;
  baselineRows: number | null;
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
  const had =
    data.baselineRows !== null && data.rows !== null && data.baselineRows > data.rows
      ? ` · had ${formatCount(data.baselineRows)}`
      : "";
  return (
    <div
      className={`relative flex h-full w-full flex-col justify-center rounded-md border-2 px-2 text-left leading-tight ${look.node} ${ROLE_CLASSES[data.role]}`}
      data-testid="graph-node"
      data-table={data.label}
      data-role={data.role}
      data-depth={data.depth ?? ""}
      title={`${data.label}: ${look.word}, ${formatRows(data.rows, data.rowsExact)}${had}`}
    >
      {/* HANDLES in graph-canvas.tsx gives React Flow these two handles' boxes up front: keep them in step. */}
      <Handle
        type="target"
        position={Position.Left}
        className="!h-1.5 !w-1.5 !min-w-0 !border-0 !bg-slate-400"
      />
      <span className="truncate text-[13px] font-semibold text-slate-900">{data.label}</span>
      <span className="truncate text-[11px] text-slate-700">
        <span className="font-bold">
          <span aria-hidden>{look.icon}</span> {look.word}
        </span>{" "}
        · <span className="tabular-nums">{formatRows(data.rows, data.rowsExact)}</span>
        {had}
      </span>
      {data.role === "root" ? (
        <span className="absolute -top-2.5 left-1.5 rounded bg-slate-900 px-1 text-[10px] font-bold text-white">
          DELETE ONE ROW
        </span>
      ) : data.role === "closure" && data.depth !== null ? (
        <span className="absolute -top-2.5 left-1.5 rounded bg-red-700 px-1 text-[10px] font-bold text-white">
          cascade depth {data.depth}
        </span>
      ) : data.critical ? (
        <span className="absolute -top-2.5 left-1.5 rounded bg-slate-200 px-1 text-[10px] font-semibold text-slate-700">
          critical
        </span>
      ) : null}
      {data.blastRows !== null ? (
        <span className="absolute -bottom-2.5 right-1 rounded-full bg-red-700 px-1.5 text-[10px] font-bold text-white tabular-nums">
          −{formatCount(data.blastRows)} rows
        </span>
      ) : null}
      <Handle
        type="source"
        position={Position.Right}
        className="!h-1.5 !w-1.5 !min-w-0 !border-0 !bg-slate-400"
      />
    </div>
  );
}

export const TableNode = memo(TableNodeView);
