import { apiRoute } from "@/lib/api/route";
import { blastErrorToAppError, listKeyRows } from "@/lib/graph/blast-explorer";
import { getTargetCatalog } from "@/lib/graph/graph-json-cache";
import { AppError } from "@/lib/errors";
import { getReadOnlyPool } from "@/lib/targets/registry";

/**
 * GET /api/v1/targets/{id}/blast-radius/rows?table=schema.table&search=… — up to 20 rows of the
 * table to pick a blast-radius root from: key columns only (no personal data), read-only, bounded.
 * Responders and above, like the explorer itself.
 */
export const GET = apiRoute<{ targetId: string }>("responder", async ({ request, params }) => {
  const url = new URL(request.url);
  const table = url.searchParams.get("table")?.trim();
  if (!table) throw new AppError("BAD_REQUEST", "table is required, as schema.table");
  const search = url.searchParams.get("search") ?? "";
  try {
    const { catalog } = await getTargetCatalog(params.targetId);
    const client = await getReadOnlyPool(params.targetId).connect();
    try {
      return await listKeyRows(client, catalog, table, search);
    } finally {
      client.release();
    }
  } catch (error) {
    throw blastErrorToAppError(error, params.targetId);
  }
});
