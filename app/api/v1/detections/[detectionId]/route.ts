import { z } from "zod";
import { apiRoute, readJson } from "@/lib/api/route";
import { getDb } from "@/lib/db/client";
import { updateDetectionStatus } from "@/lib/health/detections";
import { toDetectionView } from "@/lib/health/store-view";

const bodySchema = z.object({
  action: z.enum(["acknowledge", "dismiss"]),
  note: z.string().trim().max(500).optional(),
});

/** POST /api/v1/detections/{id} (responder) — `{ "action": "acknowledge" | "dismiss" }`, audited. */
export const POST = apiRoute<{ detectionId: string }>("responder", async ({ request, params, principal }) => {
  const body = await readJson(request, bodySchema);
  const row = await updateDetectionStatus(
    getDb(),
    params.detectionId,
    body.action,
    { userId: principal.userId, email: principal.email },
    body.note,
  );
  return { detection: toDetectionView(row) };
});
