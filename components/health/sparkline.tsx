/**
 * Rows over time as a tiny inline SVG: the first point is the baseline (a dot), the last one now.
 * A drop to zero reads at a glance; gaps (table absent) break the line.
 */
export function Sparkline({
  values,
  width = 88,
  height = 22,
  tone = "slate",
  label,
}: {
  values: Array<number | null>;
  width?: number;
  height?: number;
  tone?: "red" | "amber" | "green" | "slate";
  label: string;
}) {
  const present = values.filter((v): v is number => v !== null);
  if (values.length < 2 || present.length === 0) {
    return <span className="text-xs text-slate-400">—</span>;
  }
  const max = Math.max(...present, 1);
  const pad = 2;
  const x = (i: number) => pad + (i * (width - 2 * pad)) / (values.length - 1);
  const y = (v: number) => height - pad - (v / max) * (height - 2 * pad);
  const segments: string[] = [];
  let current = "";
  values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    current += `${current ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const stroke = { red: "#b91c1c", amber: "#b45309", green: "#047857", slate: "#475569" }[tone];
  const first = values[0];
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <title>{label}</title>
      <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} stroke="#e2e8f0" strokeWidth={1} />
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke={stroke} strokeWidth={1.5} strokeLinejoin="round" />
      ))}
      {first !== null && first !== undefined ? <circle cx={x(0)} cy={y(first)} r={2} fill="#94a3b8" /> : null}
    </svg>
  );
}
