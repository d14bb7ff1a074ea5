"use server";

import { z } from "zod";
import { appendAudit } from "@/lib/audit/chain";
import { authorizedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { getTargetCatalog } from "@/lib/graph/graph-json-cache";
import { generateHardening } from "@/lib/graph/hardening";

const hardeningRequestSchema = z.object({
  targetId: z.string().min(1).max(100),
  foreignKeys: z
    .array(z.object({ child: z.string().min(1).max(500), name: z.string().min(1).max(200) }))
    .min(1, "select at least one foreign key")
    .max(500),
  softDelete: z.boolean().default(false),
  lockTimeout: z
    .string()
    .regex(/^\d+(ms|s)$/, 'a lock timeout like "5s" or "500ms"')
    .default("5s"),
});

/**
 * Generates (never runs) a hardening migration for the selected FKs. It shows SQL, so responders
 * and above only; the generation is recorded in the audit chain with the FKs it covered.
 */
export const generateHardeningAction = authorizedAction(
  "responder",
  hardeningRequestSchema,
  async (input, principal) => {
    const { catalog } = await getTargetCatalog(input.targetId);
    const migration = generateHardening(catalog, input.foreignKeys, {
      softDelete: input.softDelete,
      lockTimeout: input.lockTimeout,
      generatedAt: new Date().toISOString(),
    });
    await appendAudit(getDb(), {
      actorId: principal.userId,
      actorEmail: principal.email,
      action: "graph.hardening_generated",
      targetId: input.targetId,
      subject: migration.fileName,
      details: {
        foreignKeys: migration.hardened.map((h) => ({ child: h.child, name: h.name, from: h.from })),
        skipped: migration.skipped,
        softDeleteTables: migration.softDeleteTables,
      },
    });
    return migration;
  },
);
