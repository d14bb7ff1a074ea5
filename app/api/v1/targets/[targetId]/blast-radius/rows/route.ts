import { apiRoute } from "@/lib/api/route";
import { appendAudit } from "@/lib/audit/chain";
import { getDb } from "@/lib/db/client";
import { blastErrorToAppError, listKeyRows } from "@/lib/graph/blast-explorer";
import { getTargetCatalog } from "@/lib/graph/graph-json-cache";
import { AppError } from "@/lib/errors";
import { getReadOnlyPool } from "@/lib/targets/registry";

/**
 * GET /api/v1/targets/{id}/blast-radius/rows?table=schema.table&search=… — up to 20 rows of the
 * table to pick a blast-radius root from: key columns only (no personal data), read-only, bounded.
 * Responders and above, like the explorer itself. Every read is audited (who looked at which
 * table's keys, with what search, and how many rows came back), as every action here is.
 */
export const GET = apiRoute<{ targetId: string }>("responder", async ({ request, params, principal }) => {
  const url = new URL(request.url);
  const table = url.searchParams.get("table")?.trim();
  if (!table) throw new AppError("BAD_REQUEST", "table is required, as schema.table");
  const search = url.searchParams.get("search") ?? "";
  let rows: Awaited<ReturnType<typeof listKeyRows>> | undefined;
  let failure: unknown;
  try {
    const { catalog } = await getTargetCatalog(params.targetId);
    const client = await getReadOnlyPool(params.targetId).connect();
    try {
      rows = await listKeyRows(client, catalog, table, search);
    } finally {
      client.release();
    }
  } catch (error) {
    failure = blastErrorToAppError(error, params.targetId);
  }
  await appendAudit(getDb(), {
    actorId: principal.userId,
    actorEmail: principal.email,
    action: "graph.key_rows_read",
    targetId: params.targetId,
    subject: table,
    details: {
      via: principal.via,
      search,
      ...(rows
        ? { rowsReturned: rows.rows.length }
        : failure instanceof AppError
          ? { error: { code: failure.code, message: failure.message } }
          : { error: { code: "INTERNAL" } }),
    },
  });
  if (!rows) throw failure;
  return rows;
});
