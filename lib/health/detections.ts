import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { appendAudit } from "../audit/chain";
import type * as schema from "../db/schema";
import { detections, type Detection } from "../db/schema";
import { AppError } from "../errors";
import { primaryKind } from "./detection-text";
import { SYSTEM_ACTOR, type Actor } from "./store";
import type { DataLossDetection, DataLossFinding, DataLossKind } from "./types";

/**
 * Stored data-loss detections. The detector (lib/health/detect.ts) re-reports an ongoing loss at
 * every sample; here that becomes one row per episode: a finding that shares a table (or the
 * detector's episode id) with a detection that has not cleared is merged into it. A detection
 * clears when no ongoing finding touches its tables any more (rows back, or a newer baseline).
 */

type Db = NodePgDatabase<typeof schema>;

export type DetectionStatus = "open" | "acknowledged" | "dismissed";

export function detectionStatus(
  d: Pick<Detection, "acknowledgedAt" | "dismissedAt" | "incidentId">,
): DetectionStatus {
  if (d.dismissedAt) return "dismissed";
  if (d.acknowledgedAt || d.incidentId) return "acknowledged";
  return "open";
}

const union = <T>(a: readonly T[], b: readonly T[]) => [...new Set([...a, ...b])];
const earliest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);

function mergeFindings(old: DataLossFinding[], fresh: DataLossFinding[]): DataLossFinding[] {
  const byTable = new Map(old.map((f) => [f.table, f]));
  for (const f of fresh) {
    const prev = byTable.get(f.table);
    // Keep the rows before the loss as first seen; take the newest rows after and reasons.
    byTable.set(
      f.table,
      prev ? { ...f, kinds: union(prev.kinds, f.kinds), rowsBefore: prev.rowsBefore ?? f.rowsBefore } : f,
    );
  }
  return [...byTable.values()].sort((a, b) => (a.table < b.table ? -1 : 1));
}

export interface RecordOutcome {
  created: Detection[];
  updated: number;
  cleared: number;
}

/**
 * Records what the detector found in the sample taken at `sampledAt`. Only ongoing detections
 * raise or extend rows; detections without any ongoing finding on their tables clear.
 * Serialised per target (several replicas, a lease handover).
 */
export async function recordDetections(
  db: Db,
  targetId: string,
  found: DataLossDetection[],
  sampledAt: Date,
): Promise<RecordOutcome> {
  const ongoing = found.filter((d) => d.ongoing);
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('incident-room:detections'), hashtext(${targetId}))`,
    );
    const active = await tx
      .select()
      .from(detections)
      .where(and(eq(detections.targetId, targetId), isNull(detections.clearedAt)))
      .orderBy(detections.detectedAt);
    const outcome: RecordOutcome = { created: [], updated: 0, cleared: 0 };
    const touched = new Set<string>();
    const pending = new Map<string, Detection>();

    for (const d of ongoing) {
      const match = [...pending.values(), ...active].find(
        (a) => a.episodeKey === d.id || a.tables.some((t) => d.tables.includes(t)),
      );
      if (match) {
        const tables = union(match.tables, d.tables).sort();
        const kinds = union(
          match.kinds,
          d.findings.flatMap((f) => f.kinds),
        );
        const next: Detection = {
          ...match,
          tables,
          kinds,
          kind: primaryKind(kinds),
          findings: mergeFindings(match.findings, d.findings),
          firstBadSampleAt: earliest(match.firstBadSampleAt, new Date(d.firstBadSampleAt))!,
          lastGoodSampleAt:
            match.lastGoodSampleAt ?? (d.lastGoodSampleAt ? new Date(d.lastGoodSampleAt) : null),
          lastSeenAt: sampledAt,
        };
        pending.set(next.id, next);
        touched.add(next.id);
        continue;
      }
      const kinds = union<DataLossKind>(
        [],
        d.findings.flatMap((f) => f.kinds),
      );
      const [row] = await tx
        .insert(detections)
        .values({
          id: randomUUID(),
          targetId,
          episodeKey: d.id,
          kind: primaryKind(kinds),
          kinds,
          tables: [...d.tables].sort(),
          findings: mergeFindings([], d.findings),
          detectedAt: sampledAt,
          firstBadSampleAt: new Date(d.firstBadSampleAt),
          lastGoodSampleAt: d.lastGoodSampleAt ? new Date(d.lastGoodSampleAt) : null,
          lastSeenAt: sampledAt,
        })
        .returning();
      await appendAudit(tx, {
        actorId: SYSTEM_ACTOR.userId,
        actorEmail: SYSTEM_ACTOR.email,
        action: "detection.raise",
        targetId,
        subject: row!.id,
        details: { kind: row!.kind, tables: row!.tables, firstBadSampleAt: d.firstBadSampleAt },
      });
      pending.set(row!.id, row!);
      touched.add(row!.id);
      outcome.created.push(row!);
    }

    for (const next of pending.values()) {
      if (outcome.created.some((c) => c.id === next.id)) {
        // Created in this call and possibly merged into since: write the merged state.
        const created = outcome.created.findIndex((c) => c.id === next.id);
        outcome.created[created] = next;
      } else outcome.updated++;
      await tx
        .update(detections)
        .set({
          tables: next.tables,
          kinds: next.kinds,
          kind: next.kind,
          findings: next.findings,
          firstBadSampleAt: next.firstBadSampleAt,
          lastGoodSampleAt: next.lastGoodSampleAt,
          lastSeenAt: next.lastSeenAt,
        })
        .where(eq(detections.id, next.id));
    }

    for (const a of active) {
      if (touched.has(a.id)) continue;
      await tx.update(detections).set({ clearedAt: sampledAt }).where(eq(detections.id, a.id));
      outcome.cleared++;
    }
    return outcome;
  });
}

export async function listDetections(
  db: Db,
  filter: { targetId?: string; openOnly?: boolean; limit?: number } = {},
): Promise<Detection[]> {
  const conditions = [];
  if (filter.targetId) conditions.push(eq(detections.targetId, filter.targetId));
  if (filter.openOnly) {
    conditions.push(
      isNull(detections.clearedAt),
      isNull(detections.dismissedAt),
      isNull(detections.acknowledgedAt),
    );
    conditions.push(isNull(detections.incidentId));
  }
  return db
    .select()
    .from(detections)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(detections.detectedAt))
    .limit(filter.limit ?? 50);
}

export async function getDetection(db: Db, id: string): Promise<Detection> {
  const [row] = await db.select().from(detections).where(eq(detections.id, id));
  if (!row) throw new AppError("NOT_FOUND", `No detection "${id}"`);
  return row;
}

/** A responder acknowledges (seen, being handled) or dismisses (not data loss) a detection; audited. */
export async function updateDetectionStatus(
  db: Db,
  id: string,
  action: "acknowledge" | "dismiss",
  actor: Actor,
  note?: string,
): Promise<Detection> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(detections).where(eq(detections.id, id)).for("update");
    if (!current) throw new AppError("NOT_FOUND", `No detection "${id}"`);
    const now = new Date();
    const [row] = await tx
      .update(detections)
      .set(
        action === "dismiss"
          ? { dismissedAt: now, dismissedBy: actor.userId }
          : {
              acknowledgedAt: current.acknowledgedAt ?? now,
              acknowledgedBy: current.acknowledgedBy ?? actor.userId,
            },
      )
      .where(eq(detections.id, id))
      .returning();
    await appendAudit(tx, {
      actorId: actor.userId,
      actorEmail: actor.email,
      action: `detection.${action}`,
      targetId: current.targetId,
      subject: id,
      details: { tables: current.tables.length, kind: current.kind, ...(note ? { note } : {}) },
    });
    return row!;
  });
}
