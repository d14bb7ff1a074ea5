type Tone = "red" | "amber" | "green" | "grey" | "blue" | "striped";

const tones: Record<Tone, string> = {
  red: "bg-red-100 text-red-800 ring-red-300",
  amber: "bg-amber-100 text-amber-900 ring-amber-300",
  green: "bg-emerald-100 text-emerald-800 ring-emerald-300",
  grey: "bg-slate-100 text-slate-700 ring-slate-300",
  blue: "bg-blue-100 text-blue-800 ring-blue-300",
  striped: "stripes text-slate-700 ring-slate-300",
};

/** A status word on a tinted chip: colour is never the only signal. */
export function Badge({ tone, children, title }: { tone: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
