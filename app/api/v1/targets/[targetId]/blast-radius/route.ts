import { apiRoute, readJson } from "@/lib/api/route";
import { appendAudit } from "@/lib/audit/chain";
import { getDb } from "@/lib/db/client";
import { blastErrorToAppError, blastRequestSchema } from "@/lib/graph/blast-explorer";
import { computeBlastRadius } from "@/lib/graph/blast-radius";
import type { BlastRadiusResult } from "@/lib/graph/blast-radius-types";
import { getTargetCatalog } from "@/lib/graph/graph-json-cache";
import { checkoutIdle, getReadOnlyPool } from "@/lib/targets/registry";

/**
 * POST /api/v1/targets/{id}/blast-radius `{ "table", "key": { … } }` — exactly what deleting those
 * rows would do, computed read-only by the engine; the shape of `incident-room blast --json`.
 * Responders and above (it reads the target's rows). Every run — answer or failure — is written to
 * the audit chain with its inputs and outcome: the evidence of who looked at what, and when.
 */
export const POST = apiRoute<{ targetId: string }>("responder", async ({ request, principal, params }) => {
  const body = await readJson(request, blastRequestSchema);
  let result: BlastRadiusResult | null = null;
  let failure: unknown = null;
  try {
    const { catalog } = await getTargetCatalog(params.targetId);
    const pool = getReadOnlyPool(params.targetId);
    const client = await pool.connect();
    // A second, idle connection runs half of the set-based statement side by side (blast-radius.ts).
    const helper = await checkoutIdle(pool);
    try {
      result = await computeBlastRadius(
        client,
        catalog,
        { table: body.table, key: body.key },
        { helper: helper ?? undefined },
      );
    } finally {
      client.release();
      helper?.release();
    }
  } catch (error) {
    failure = blastErrorToAppError(error, params.targetId);
  }

  await appendAudit(getDb(), {
    actorId: principal.userId,
    actorEmail: principal.email,
    action: "graph.blast_radius",
    targetId: params.targetId,
    subject: body.table,
    details: {
      via: principal.via,
      request: { table: body.table, key: body.key },
      ...(result
        ? {
            outcome: result.outcome,
            rowsDeletedByTable: result.rowsDeletedByTable,
            rowsUpdatedByTable: result.rowsUpdatedByTable,
            blockedBy: result.blockedBy,
            truncated: result.truncated ?? null,
            elapsedMs: result.elapsedMs,
          }
        : {
            outcome: "error",
            error: failure instanceof Error ? failure.message.slice(0, 500) : "unknown error",
          }),
    },
  });

  if (failure) throw failure;
  return result;
});
