import { Badge } from "@/components/ui/badge";
import type { TableStatus } from "@/lib/health/types";

/** Colour, glyph and word for a table status: colour is never the only signal. */
export const STATUS_STYLE: Record<
  TableStatus,
  { tone: "red" | "amber" | "green" | "grey" | "striped"; glyph: string; meaning: string }
> = {
  WIPED: { tone: "red", glyph: "✕", meaning: "0 rows now; it had rows at the baseline or recently" },
  MISSING: {
    tone: "red",
    glyph: "⊘",
    meaning: "in the baseline or the expected schema, not in the database",
  },
  SHRUNK: { tone: "amber", glyph: "▼", meaning: "lost at least the set share of its rows" },
  UNKNOWN: { tone: "striped", glyph: "?", meaning: "the target is unreachable: no current reading" },
  NEW: { tone: "grey", glyph: "+", meaning: "not in the baseline" },
  EMPTY: { tone: "grey", glyph: "○", meaning: "no rows now and none before" },
  INTACT: { tone: "green", glyph: "✓", meaning: "no loss against the baseline" },
};

export function StatusChip({ status, title }: { status: TableStatus; title?: string }) {
  const style = STATUS_STYLE[status];
  return (
    <Badge tone={style.tone} title={title ?? `${status}: ${style.meaning}`}>
      <span aria-hidden>{style.glyph}</span>
      {status}
    </Badge>
  );
}
