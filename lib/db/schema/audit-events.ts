import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The append-only, hash-chained audit log of every action taken in Incident Room. Each row's hash
 * covers its content and the previous row's hash, so an edit or a deleted row breaks the chain.
 * A trigger (in the migration) refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    /** verb.noun, e.g. "user.create", "token.revoke", "baseline.pin" */
    action: text("action").notNull(),
    targetId: text("target_id"),
    subject: text("subject"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_events_at_idx").on(t.at), index("audit_events_target_idx").on(t.targetId)],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
