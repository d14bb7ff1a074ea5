/** The table look shared by the home page and the admin panels: a quiet header, ruled rows. */

export type Column = string | { label: string; hidden: true };

export const TABLE_ROW = "border-b border-slate-100 last:border-0";

export function TableHeader({ columns, bordered = "y" }: { columns: Column[]; bordered?: "y" | "b" }) {
  return (
    <thead
      className={`${bordered === "y" ? "border-y" : "border-b"} border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500`}
    >
      <tr>
        {columns.map((c) => (
          <th key={typeof c === "string" ? c : c.label} className="px-4 py-2 font-medium">
            {typeof c === "string" ? c : <span className="sr-only">{c.label}</span>}
          </th>
        ))}
      </tr>
    </thead>
  );
}
