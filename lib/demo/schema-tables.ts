/**
 * The demo target's tables, written the way `prisma migrate` writes them: quoted PascalCase
 * table names, camelCase columns, text ids, `TIMESTAMP(3)` times and `<Table>_pkey` names.
 * Constraints and indexes are added after the data is loaded (see schema-constraints.ts). Pure.
 */

export interface DemoTable {
  name: string;
  /** Column definitions, one per entry, without the trailing comma. */
  columns: string[];
  /** Primary-key columns (quoted); null for a table without a primary key. */
  primaryKey: string | null;
  /** Adds the `createdAt` / `updatedAt` pair every business table carries. */
  timestamps?: boolean;
}

const TYPES: Record<string, string> = {
  text: "TEXT",
  int: "INTEGER",
  bool: "BOOLEAN",
  time: "TIMESTAMP(3)",
  serial: "SERIAL",
  json: "JSONB",
  rate: "DECIMAL(5,4)",
  ratio: "DECIMAL(6,4)",
};

/**
 * Columns in a compact notation, comma-separated: `name[:type][?][=default]`, where type is a key of
 * TYPES (text when omitted) and `?` makes the column nullable. `id` is the text primary key.
 */
function columns(spec: string): string[] {
  return spec.split(",").map((raw) => {
    const match = /^\s*(\w+)(?::(\w+))?(\?)?(?:=(.+))?\s*$/.exec(raw);
    const type = TYPES[match?.[2] ?? "text"];
    if (!match || !type) throw new Error(`bad column spec: ${raw}`);
    const [, name, , nullable, defaultValue] = match;
    return `"${name}" ${type}${nullable ? "" : " NOT NULL"}${defaultValue ? ` DEFAULT ${defaultValue.trim()}` : ""}`;
  });
}

const t = (name: string, spec: string, primaryKey: string | null = '"id"'): DemoTable => ({
  name,
  columns: columns(spec),
  primaryKey,
  timestamps: true,
});

export const DEMO_TABLES: DemoTable[] = [
  // Reference data, outside the User cascade closure: RESTRICT / NO ACTION edges onto it never block the incident.
  t("Currency", "id, code, name, symbol, decimals:int=2"),
  t("BillingAccount", "id, name, externalRef, country, netTermsDays:int=30"),
  t("Brand", "id, name, slug, industry, website?, billingAccountId?"),
  t("BrandContact", "id, brandId, name, email, title?"),
  t("Tag", "id, name, color"),

  // Accounts (the NextAuth Prisma adapter's models). VerificationToken has no primary key, as there.
  t("User", "id, email, name?, role='TALENT', emailVerified:time?, image?, invitedById?"),
  t(
    "Account",
    "id, userId, type, provider, providerAccountId, refresh_token?, access_token?, expires_at:int?, token_type?, scope?",
  ),
  t("Session", "id, sessionToken, userId, expires:time"),
  { name: "VerificationToken", columns: columns("identifier, token, expires:time"), primaryKey: null },
  t("Notification", "id, userId, talentId?, kind, title, readAt:time?"),
  t("ActivityLog", "id:serial, userId?, entity, entityId, action, meta:json?"),

  // The agency's core: everything below depends on Talent.
  t(
    "Talent",
    "id, userId, displayName, handle, category, country, status='ACTIVE', managerId?, primaryAssignmentId?",
  ),
  t("TalentAssignment", "id, talentId, agentId, role, startedAt:time, endedAt:time?"),
  t("TalentNote", "id, talentId, authorId?, body, pinned:bool=false"),
  t("TalentTag", "talentId, tagId", '"talentId", "tagId"'),
  t("TalentRate", "id, talentId, platform, deliverableKind, amountCents:int, currencyCode"),
  t("TalentDocument", "id, talentId, kind, fileName, url, sizeBytes:int"),
  t(
    "ExternalSocialProfile",
    "id, talentId, platform, handle, url, followers:int=0, verified:bool=false, lastSyncedAt:time?",
  ),
  t("SocialProfileSnapshot", "id:serial, profileId, capturedAt:time, followers:int, engagementRate:ratio"),
  t(
    "Deal",
    "id, talentId, brandId, ownerId?, parentDealId?, title, stage, valueCents:int, currencyCode, startsAt:time?, endsAt:time?",
  ),
  t("DealDeliverable", "id, dealId, deliverableNo:int, kind, platform, status, dueAt:time?"),
  t("DeliverableRevision", "id, dealId, deliverableNo:int, revisionNo:int, status, feedback?"),
  t("DealNote", "id, dealId, authorId?, body"),
  t("Contract", "id, dealId, status, fileUrl, signedAt:time?, feeCents:int"),
  t(
    "Invoice",
    "id, dealId, billingAccountId, number, status, totalCents:int, currencyCode, issuedAt:time, dueAt:time",
  ),
  t("InvoiceLine", "id, invoiceId, description, quantity:int, unitCents:int"),
  t("Payment", "id, invoiceId, amountCents:int, currencyCode, method, paidAt:time"),
  t("Commission", "id, dealId, talentId, agentId?, rate:rate, amountCents:int, status"),
  t("CommissionHistory", "id:serial, commissionId, oldRate:rate, newRate:rate, reason"),
  t("Payout", "id, talentId, amountCents:int, currencyCode, status, paidAt:time?"),
  t("PayoutItem", "id, payoutId, commissionId?, amountCents:int"),
  t("CreatorTask", "id, talentId, dealId?, assigneeId?, title, status, dueAt:time?"),
  t("CreatorGoal", "id, talentId, metric, target:int, progress:int, period"),
  t("Post", "id, talentId, profileId, dealId?, url, caption, postedAt:time"),
  t("PostMetric", "id:serial, postId, capturedAt:time, views:int, likes:int, comments:int, shares:int"),
  t("Conversation", "id, talentId, brandId?, subject, lastMessageAt:time?"),
  t("Message", "id, conversationId, senderId?, body, sentAt:time"),
  t("Meeting", "id, talentId, organizerId?, title, startsAt:time, durationMin:int"),
  t("MeetingAttendee", "id, meetingId, userId, response"),
];

/** Prisma's own bookkeeping table, exactly as Prisma creates it. */
export const PRISMA_MIGRATIONS_DDL = `CREATE TABLE "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function createTableSql(table: DemoTable): string {
  const lines = [...table.columns];
  if (table.timestamps) {
    lines.push(
      `"createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP`,
      `"updatedAt" TIMESTAMP(3) NOT NULL`,
    );
  }
  if (table.primaryKey) lines.push(`CONSTRAINT "${table.name}_pkey" PRIMARY KEY (${table.primaryKey})`);
  return `CREATE TABLE "${table.name}" (\n  ${lines.join(",\n  ")}\n)`;
}

/** Every table the demo database really has, qualified ("public.User"), in a stable order. */
export const DEMO_TABLE_NAMES: string[] = [...DEMO_TABLES.map((table) => table.name), "_prisma_migrations"]
  .map((name) => `public.${name}`)
  .sort();

/** The tables the app's Prisma schema expects: the real ones plus Campaign, whose migration was rolled back. */
export const DEMO_EXPECTED_TABLES: string[] = [...DEMO_TABLE_NAMES, "public.Campaign"].sort();

export const DEMO_CRITICAL_TABLES: string[] = [
  "public.User",
  "public.Talent",
  "public.Deal",
  "public.ExternalSocialProfile",
  "public.Payment",
  "public.Commission",
  "public.Payout",
  "public.Invoice",
];
