import { listTargetStatuses } from "@/lib/targets/status";

/**
 * A persistent warning on every page when a target's "read-only" role can write: one of the three
 * locks that keep forensics read-only is then missing, and the operator must fix the role.
 */
export async function ConfigWarnings() {
  const statuses = await listTargetStatuses();
  const writable = statuses.filter((s) => s.writableBy.length > 0);
  if (writable.length === 0) return null;
  return (
    <div role="alert" className="border-b border-red-300 bg-red-50">
      <div className="mx-auto max-w-7xl space-y-1 px-4 py-2 text-sm text-red-900">
        {writable.map((s) => (
          <p key={s.id}>
            <strong>Unsafe configuration on {s.name}:</strong> the read-only connection&apos;s role can write
            ({s.writableBy.join(", ")}
            {s.writableBy.length >= 5 ? ", …" : ""}). Give it a role with only pg_read_all_data and
            pg_read_all_stats.
          </p>
        ))}
      </div>
    </div>
  );
}
