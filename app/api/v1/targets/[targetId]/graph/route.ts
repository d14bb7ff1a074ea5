import { apiRoute } from "@/lib/api/route";
import { cachedGraphJson, getTargetCatalog } from "@/lib/graph/graph-json-cache";

/**
 * GET /api/v1/targets/{id}/graph — the cascade graph, in the shape of `incident-room graph --json`
 * (the same serializer). Viewers may read it: table and constraint names, no row data.
 */
export const GET = apiRoute<{ targetId: string }>("viewer", async ({ params }) => {
  const { catalog } = await getTargetCatalog(params.targetId);
  return cachedGraphJson(catalog);
});
