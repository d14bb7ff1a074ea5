import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

const tz = { withTimezone: true } as const;

/**
 * Leases for background jobs that exactly one app replica should run at a time, e.g.
 * "health-sampler:breakco-prod". A holder renews its lease before it expires; anyone may take an
 * expired one. Times come from the database's clock, so replicas' clocks do not matter.
 */
export const jobLeases = pgTable("job_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  acquiredAt: timestamp("acquired_at", tz).notNull(),
  renewedAt: timestamp("renewed_at", tz).notNull(),
  expiresAt: timestamp("expires_at", tz).notNull(),
});

export type JobLease = typeof jobLeases.$inferSelect;
