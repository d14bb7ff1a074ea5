import { statusLook } from "./status";

/** Always-visible key to the graph's colours and line styles (each also has a word). */
export function Legend() {
  const line = (stroke: string, width: number, dash?: string) => (
    <svg width="34" height="10" aria-hidden className="shrink-0">
      <line x1="0" y1="5" x2="34" y2="5" stroke={stroke} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
  return (
    <div
      className="pointer-events-none absolute left-2 top-2 z-10 space-y-0.5 rounded-md border border-slate-200 bg-white/95 px-2 py-1.5 text-[11px] text-slate-700 shadow-sm"
      data-testid="graph-legend"
    >
      <p className="font-semibold text-slate-900">Arrow = ON DELETE rule, parent → child</p>
      <p className="flex items-center gap-1.5">
        {line("#dc2626", 3)} <strong className="text-red-700">CASCADE</strong> deletes the children
      </p>
      <p className="flex items-center gap-1.5">
        {line("#d97706", 2, "7 5")} <strong className="text-amber-700">SET NULL</strong> / SET DEFAULT changes
        them
      </p>
      <p className="flex items-center gap-1.5">
        {line("#94a3b8", 1.25)} RESTRICT / NO ACTION blocks the delete
      </p>
      <p className="flex flex-wrap gap-x-2 pt-0.5">
        {(["WIPED", "SHRUNK", "INTACT", "EMPTY", "UNKNOWN"] as const).map((s) => {
          const look = statusLook(s);
          return (
            <span key={s} className={`rounded border px-1 ${look.node}`}>
              <span aria-hidden>{look.icon}</span> {look.word}
            </span>
          );
        })}
      </p>
    </div>
  );
}
