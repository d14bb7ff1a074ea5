import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { cachedCompactGraphBody, cachedGraphJson, getTargetCatalog } from "@/lib/graph/graph-json-cache";

/**
 * GET /api/v1/targets/{id}/graph — the cascade graph, in the shape of `incident-room graph --json`
 * (the same serializer). Viewers may read it: table and constraint names, no row data.
 * `?format=compact` answers the graph page's smaller wire format (lib/graph/compact-graph.ts),
 * which the page preloads while its scripts load instead of carrying it inside the HTML.
 */
export const GET = apiRoute<{ targetId: string }>("viewer", async ({ request, params }) => {
  const format = new URL(request.url).searchParams.get("format") ?? "full";
  if (format !== "full" && format !== "compact")
    throw new AppError("BAD_REQUEST", `format must be "full" or "compact", not ${JSON.stringify(format)}`);
  const { catalog } = await getTargetCatalog(params.targetId);
  if (format === "full") return cachedGraphJson(catalog);
  return new Response(cachedCompactGraphBody(catalog), {
    headers: {
      "content-type": "application/json",
      // Private and short: the server re-reads the catalog every 30 s anyway.
      "cache-control": "private, max-age=10",
    },
  });
});
