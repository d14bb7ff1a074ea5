import { createHash } from "node:crypto";
import { apiRoute } from "@/lib/api/route";
import { loadTargetHealth } from "@/lib/health/store-server";

/**
 * GET /api/v1/targets/{id}/health — every table's status against the baseline, from the newest
 * stored sample (answers while the target is down: `reachable: false` with the error). Polled by
 * the health page: an ETag lets an unchanged answer come back as 304 without a body.
 */
export const GET = apiRoute<{ targetId: string }>("viewer", async ({ request, params }) => {
  const body = JSON.stringify(await loadTargetHealth(params.targetId));
  const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "Content-Type": "application/json" } });
});
