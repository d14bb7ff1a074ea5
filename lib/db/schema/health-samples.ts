import { bigserial, boolean, index, jsonb, pgTable, text, timestamp, bigint } from "drizzle-orm/pg-core";
import type { SampleMeta } from "../../health/store-types";
import type { HealthReading } from "../../health/types";
import { users } from "./auth";

const tz = { withTimezone: true } as const;

/** One health reading of one target (see lib/health). `reading` is null when the target was unreachable. */
export const healthSamples = pgTable(
  "health_samples",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    targetId: text("target_id").notNull(),
    sampledAt: timestamp("sampled_at", tz).notNull(),
    reachable: boolean("reachable").notNull(),
    error: text("error"),
    reading: jsonb("reading").$type<HealthReading>(),
    /** What else the pass learned: the app's migration history, timings. Null for old samples. */
    meta: jsonb("meta").$type<SampleMeta>(),
  },
  (t) => [index("health_samples_target_time_idx").on(t.targetId, t.sampledAt)],
);

/** The sample pinned as known-good for a target; the newest pin wins. */
export const baselines = pgTable(
  "baselines",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    targetId: text("target_id").notNull(),
    sampleId: bigint("sample_id", { mode: "number" })
      .notNull()
      .references(() => healthSamples.id, { onDelete: "restrict" }),
    pinnedBy: text("pinned_by").references(() => users.id, { onDelete: "set null" }),
    pinnedAt: timestamp("pinned_at", tz).notNull().defaultNow(),
    reason: text("reason").notNull(),
  },
  (t) => [index("baselines_target_idx").on(t.targetId, t.pinnedAt)],
);

export type HealthSample = typeof healthSamples.$inferSelect;
