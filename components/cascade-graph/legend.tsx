import { statusLook } from "./status";

/** Key to the graph's line styles and colours (each also has a word), with where statuses come from. */
export function Legend({ healthNote }: { healthNote: string }) {
  const line = (stroke: string, width: number, dash?: string) => (
    <svg width="28" height="10" aria-hidden className="shrink-0">
      <line x1="0" y1="5" x2="28" y2="5" stroke={stroke} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
  return (
    <div
      className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-[11px] text-slate-700"
      data-testid="graph-legend"
    >
      <span className="font-semibold text-slate-900">ON DELETE, parent → child:</span>
      <span className="flex items-center gap-1">
        {line("#dc2626", 3.5)} <strong className="text-red-700">CASCADE</strong> deletes children
      </span>
      <span className="flex items-center gap-1">
        {line("#d97706", 2, "6 4")} <strong className="text-amber-700">SET NULL</strong> changes them
      </span>
      <span className="flex items-center gap-1">{line("#94a3b8", 1.5)} RESTRICT / NO ACTION blocks</span>
      <span className="flex flex-wrap items-center gap-1">
        {(["WIPED", "SHRUNK", "INTACT", "EMPTY", "UNKNOWN"] as const).map((s) => {
          const look = statusLook(s);
          return (
            <span key={s} className={`rounded border px-1 ${look.node}`}>
              <span aria-hidden>{look.icon}</span> {look.word}
            </span>
          );
        })}
      </span>
      <span className="text-slate-500" data-testid="health-note">
        {healthNote}
      </span>
    </div>
  );
}
