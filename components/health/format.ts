/** Number and time words for the health views. Pure. */

import { formatCount } from "@/lib/format";

export { formatCount } from "@/lib/format";

/** "1,204" exact, "≈1,204" estimated, "—" unknown. */
export function formatRowCount(rows: number | null, exact: boolean | null): string {
  if (rows === null) return "—";
  return `${exact === false ? "≈" : ""}${formatCount(rows)}`;
}

/** Rows lost (negative) or gained against the baseline, with the share: "−1,204 (−100%)". */
export function formatChange(
  rows: number | null,
  baseline: number | null,
): { text: string; tone: "loss" | "gain" | "none" } {
  if (rows === null || baseline === null) return { text: "—", tone: "none" };
  const diff = rows - baseline;
  if (diff === 0) return { text: "0", tone: "none" };
  const sign = diff > 0 ? "+" : "−";
  const share =
    baseline > 0 ? ` (${sign}${Math.min(999, Math.round((Math.abs(diff) / baseline) * 100))}%)` : "";
  return { text: `${sign}${formatCount(Math.abs(diff))}${share}`, tone: diff > 0 ? "gain" : "loss" };
}

/** "4 s ago", "3 min ago", "2 h ago". */
export function formatAgo(from: string | Date | null, now: number): string {
  if (!from) return "never";
  const seconds = Math.max(0, Math.round((now - new Date(from).getTime()) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

/** "15:11:46 UTC" */
export function utcClock(value: string | Date): string {
  return `${new Date(value).toISOString().slice(11, 19)} UTC`;
}

/** "public.Talent" → "Talent"; other schemas keep their prefix. */
export function shortName(name: string): string {
  return name.startsWith("public.") ? name.slice(7) : name;
}
