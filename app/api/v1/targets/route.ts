import { apiRoute } from "@/lib/api/route";
import { listTargetStatuses } from "@/lib/targets/status";

export const GET = apiRoute("viewer", async () => {
  const statuses = await listTargetStatuses();
  return {
    targets: statuses.map((s) => ({
      id: s.id,
      name: s.name,
      reachable: s.reachable,
      serverVersion: s.serverVersion,
      error: s.error,
      readOnlyRoleCanWrite: s.writableBy.length > 0,
      checkedAt: s.checkedAt,
    })),
  };
});
