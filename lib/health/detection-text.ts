import { formatCount } from "../format";
import type { DataLossKind } from "./types";

/** Words for a detection, shared by the banner, the health page and the API. Pure. */

const PRIORITY: DataLossKind[] = ["dropped", "recreated", "truncated", "wiped", "shrunk", "deleted-jump"];

/** The most telling kind: a dropped table says more than a shrunk one. */
export function primaryKind(kinds: readonly DataLossKind[]): DataLossKind {
  return PRIORITY.find((k) => kinds.includes(k)) ?? "shrunk";
}

/** "Mass delete detected", "Truncate detected", … */
export function detectionTitle(kind: DataLossKind, tableCount: number): string {
  switch (kind) {
    case "dropped":
      return tableCount === 1 ? "Table dropped" : "Tables dropped";
    case "recreated":
      return tableCount === 1 ? "Table dropped and recreated" : "Tables dropped and recreated";
    case "truncated":
      return "Truncate detected";
    default:
      return tableCount === 1 ? "Rows deleted" : "Mass delete detected";
  }
}

export function tablesLostRows(tableCount: number): string {
  return `${formatCount(tableCount)} ${tableCount === 1 ? "table" : "tables"} lost rows`;
}

/** "public.Talent" → "Talent"; other schemas keep their prefix. */
export function shortTableName(name: string): string {
  return name.startsWith("public.") ? name.slice(7) : name;
}
