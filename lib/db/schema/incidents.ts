import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

const tz = { withTimezone: true } as const;

export const incidents = pgTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    /** SEV1 (worst) … SEV4 */
    severity: text("severity").notNull(),
    /** investigating → identified → monitoring → resolved */
    status: text("status").notNull().default("investigating"),
    targetId: text("target_id").notNull(),
    commanderId: text("commander_id").references(() => users.id, { onDelete: "set null" }),
    dataLossStartedAt: timestamp("data_loss_started_at", tz),
    openedAt: timestamp("opened_at", tz).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", tz),
  },
  (t) => [index("incidents_target_idx").on(t.targetId)],
);

export type Incident = typeof incidents.$inferSelect;
