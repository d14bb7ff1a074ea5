/** An absolute time in UTC; the title shows the viewer's local time on hover. */
export function UtcTime({
  value,
  withSeconds = false,
}: {
  value: string | Date | null;
  withSeconds?: boolean;
}) {
  if (!value) return <span className="text-slate-400">—</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const iso = date.toISOString();
  const text = `${iso.slice(0, 10)} ${iso.slice(11, withSeconds ? 19 : 16)} UTC`;
  return (
    <time dateTime={iso} title={date.toString()} suppressHydrationWarning className="tabular-nums">
      {text}
    </time>
  );
}
