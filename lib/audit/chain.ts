import { createHash } from "node:crypto";
import { asc, desc, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type * as schema from "../db/schema";
import { auditEvents, type AuditEvent } from "../db/schema";

/**
 * The control plane's append-only audit log. Each event's hash covers its content and the previous
 * event's hash; `verifyAuditChain` recomputes the chain. Appends are serialised with a transaction
 * advisory lock so that concurrent writers (several replicas) cannot fork the chain.
 */

type Db = NodePgDatabase<typeof schema>;

export interface AuditInput {
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetId?: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
}

const GENESIS = "0".repeat(64);

/** JSON with object keys sorted, so the hash does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashAuditEvent(
  prevHash: string,
  event: Omit<AuditEvent, "id" | "hash" | "prevHash">,
): string {
  const body = canonical({
    at: event.at.toISOString(),
    actorId: event.actorId,
    actorEmail: event.actorEmail,
    action: event.action,
    targetId: event.targetId,
    subject: event.subject,
    details: event.details,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

/** Appends one event. Pass a transaction to make the event part of the change it records. */
export async function appendAudit(db: Db, input: AuditInput): Promise<AuditEvent> {
  const run = async (tx: Db) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('incident-room:audit'))`);
    const [last] = await tx
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.id))
      .limit(1);
    const prevHash = last?.hash ?? GENESIS;
    // Millisecond precision: what timestamptz stores round-trips exactly through a JS Date.
    const event = {
      at: new Date(),
      actorId: input.actorId,
      actorEmail: input.actorEmail,
      action: input.action,
      targetId: input.targetId ?? null,
      subject: input.subject ?? null,
      details: input.details ?? {},
    };
    const hash = hashAuditEvent(prevHash, event);
    const [row] = await tx
      .insert(auditEvents)
      .values({ ...event, prevHash, hash })
      .returning();
    return row!;
  };
  // A drizzle transaction object also has `.transaction` (savepoints); the lock is per transaction either way.
  return db.transaction(run);
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The first event whose hash or link does not match. */
  brokenAt?: number;
}

export async function verifyAuditChain(db: Db): Promise<ChainVerification> {
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.id));
  let prev = GENESIS;
  for (const row of rows) {
    if (row.prevHash !== prev || hashAuditEvent(prev, row) !== row.hash) {
      return { ok: false, checked: rows.length, brokenAt: row.id };
    }
    prev = row.hash;
  }
  return { ok: true, checked: rows.length };
}
