import { formatCount } from "@/lib/format";
/** Table status → colour, icon and word (colour is never the only signal). Pure. */

export type NodeStatus = "INTACT" | "WIPED" | "SHRUNK" | "MISSING" | "EMPTY" | "NEW" | "UNKNOWN";

export interface StatusLook {
  word: string;
  icon: string;
  tone: "red" | "amber" | "green" | "grey" | "striped";
  /** Node border and fill classes. */
  node: string;
}

const LOOKS: Record<NodeStatus, StatusLook> = {
  WIPED: { word: "WIPED", icon: "✕", tone: "red", node: "border-red-500 bg-red-50" },
  MISSING: { word: "MISSING", icon: "⊘", tone: "red", node: "border-red-500 bg-red-50" },
  SHRUNK: { word: "SHRUNK", icon: "▼", tone: "amber", node: "border-amber-500 bg-amber-50" },
  INTACT: { word: "INTACT", icon: "✓", tone: "green", node: "border-emerald-500 bg-white" },
  EMPTY: { word: "EMPTY", icon: "○", tone: "grey", node: "border-slate-300 bg-white" },
  NEW: { word: "NEW", icon: "+", tone: "grey", node: "border-slate-300 bg-white" },
  UNKNOWN: { word: "status unknown", icon: "?", tone: "striped", node: "border-slate-300 stripes" },
};

export function statusLook(status: string | null | undefined): StatusLook {
  return LOOKS[(status ?? "UNKNOWN") as NodeStatus] ?? LOOKS.UNKNOWN;
}

export function formatRows(rows: number | null | undefined, exact = true): string {
  if (rows === null || rows === undefined) return "rows unknown";
  const text = formatCount(rows);
  return `${exact ? "" : "≈ "}${text} row${rows === 1 ? "" : "s"}`;
}
