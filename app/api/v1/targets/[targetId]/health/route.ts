import { createHash } from "node:crypto";
import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { toStatusesView } from "@/lib/health/statuses-view";
import { loadTargetHealth } from "@/lib/health/store-server";

/**
 * GET /api/v1/targets/{id}/health — every table's status against the baseline, from the newest
 * stored sample (answers while the target is down: `reachable: false` with the error). Polled by
 * the health page: an ETag lets an unchanged answer come back as 304 without a body.
 * `?view=statuses` answers only each table's name, status and rows (the cascade graph's colours).
 */
export const GET = apiRoute<{ targetId: string }>("viewer", async ({ request, params }) => {
  const view = new URL(request.url).searchParams.get("view") ?? "full";
  if (view !== "full" && view !== "statuses")
    throw new AppError("BAD_REQUEST", `view must be "full" or "statuses", not ${JSON.stringify(view)}`);
  const health = await loadTargetHealth(params.targetId);
  const body = JSON.stringify(view === "statuses" ? toStatusesView(health) : health);
  const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers: { ...headers, "Content-Type": "application/json" } });
});
