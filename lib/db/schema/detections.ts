import { index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { DataLossFinding, DataLossKind } from "../../health/types";
import { users } from "./auth";
import { incidents } from "./incidents";

const tz = { withTimezone: true } as const;

/**
 * A data-loss episode the health sampler noticed on a target (see lib/health/detections.ts). One row
 * per episode, not per sample: while the same loss goes on, the sampler updates `lastSeenAt` and
 * merges newly affected tables into the row. `clearedAt` is set once no sample shows the loss any
 * more (rows came back, or a newer baseline was pinned).
 */
export const detections = pgTable(
  "detections",
  {
    id: text("id").primaryKey(),
    targetId: text("target_id").notNull(),
    /** The classifier's id for the episode when it was first seen. */
    episodeKey: text("episode_key").notNull(),
    /** The most telling kind across the findings ("wiped", "truncated", "shrunk", …). */
    kind: text("kind").$type<DataLossKind>().notNull(),
    kinds: jsonb("kinds").$type<DataLossKind[]>().notNull(),
    /** "schema.table" names, sorted. */
    tables: text("tables").array().notNull(),
    findings: jsonb("findings").$type<DataLossFinding[]>().notNull(),
    detectedAt: timestamp("detected_at", tz).notNull(),
    /** The first sample that showed the loss. */
    firstBadSampleAt: timestamp("first_bad_sample_at", tz).notNull(),
    /** The last sample before it: the data-loss window starts here (null when unknown). */
    lastGoodSampleAt: timestamp("last_good_sample_at", tz),
    lastSeenAt: timestamp("last_seen_at", tz).notNull(),
    clearedAt: timestamp("cleared_at", tz),
    acknowledgedAt: timestamp("acknowledged_at", tz),
    acknowledgedBy: text("acknowledged_by").references(() => users.id, { onDelete: "set null" }),
    dismissedAt: timestamp("dismissed_at", tz),
    dismissedBy: text("dismissed_by").references(() => users.id, { onDelete: "set null" }),
    incidentId: text("incident_id").references(() => incidents.id, { onDelete: "set null" }),
  },
  (t) => [index("detections_target_time_idx").on(t.targetId, t.detectedAt)],
);

export type Detection = typeof detections.$inferSelect;
