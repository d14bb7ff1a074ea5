import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

const tz = { withTimezone: true } as const;

/**
 * Bearer tokens for the JSON API. Only a SHA-256 of the token is stored: tokens are 256 random bits,
 * so a fast hash is enough (there is nothing to brute-force) and lookups stay a single index probe.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** First characters of the token, shown so people can tell tokens apart. */
    prefix: text("prefix").notNull(),
    role: text("role").notNull(),
    /** The account the token acts as (audit trail); its role is capped by this user's role. */
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", tz),
    revokedAt: timestamp("revoked_at", tz),
  },
  (t) => [index("api_tokens_user_id_idx").on(t.userId)],
);

export type ApiToken = typeof apiTokens.$inferSelect;
