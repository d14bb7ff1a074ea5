import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { pinBaseline } from "@/lib/health/store";
import { getTarget } from "@/lib/targets/registry";

const bodySchema = z
  .object({
    /** A sample of this target; the latest reachable one when left out. */
    sampleId: z.number().int().positive().optional(),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

/**
 * POST /api/v1/targets/{id}/baseline (responder) — pins the latest reading (or `sampleId`) as the
 * known-good baseline every table is compared with. Audited. The body is optional.
 */
export const POST = apiRoute<{ targetId: string }>("responder", async ({ request, params, principal }) => {
  const target = getTarget(params.targetId);
  const text = await request.text();
  let json: unknown = {};
  if (text.trim()) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError("BAD_REQUEST", "The request body must be JSON");
    }
  }
  const body = bodySchema.parse(json);
  const baseline = await pinBaseline(getDb(), {
    targetId: target.id,
    sampleId: body.sampleId,
    actor: { userId: principal.userId, email: principal.email },
    reason: body.reason ?? `Pinned by ${principal.email}${principal.via === "token" ? " (API token)" : ""}`,
  });
  return {
    baseline: {
      sampleId: baseline.sampleId,
      sampledAt: baseline.sampledAt.toISOString(),
      pinnedAt: baseline.pinnedAt.toISOString(),
      reason: baseline.reason,
    },
  };
});
