/**
 * Unique keys, indexes and foreign keys of the demo target, added after the seed (building an index
 * once over loaded rows is much faster than maintaining it row by row). Names follow Prisma:
 * `<Table>_<cols>_key`, `<Table>_<cols>_idx`, `<Table>_<cols>_fkey`. Pure.
 *
 * The mix of delete rules is deliberate; see the notes on each group.
 */

export type DeleteRule = "CASCADE" | "SET NULL" | "RESTRICT" | "NO ACTION";

export interface DemoForeignKey {
  table: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
  onDelete: DeleteRule;
  /** Leaves the referencing columns without an index (a danger report flags these). */
  unindexed?: boolean;
}

const fk = (
  table: string,
  columns: string | string[],
  references: string,
  onDelete: DeleteRule,
  extra: { referencedColumns?: string[]; unindexed?: boolean } = {},
): DemoForeignKey => {
  const cols = Array.isArray(columns) ? columns : [columns];
  return {
    table,
    columns: cols,
    references,
    referencedColumns: extra.referencedColumns ?? (cols.length === 1 ? ["id"] : cols),
    onDelete,
    unindexed: extra.unindexed,
  };
};

export const DEMO_FOREIGN_KEYS: DemoForeignKey[] = [
  // Parents outside the User cascade closure: RESTRICT / NO ACTION here never block the incident,
  // but deleting a Brand that deals reference is blocked (the blast-radius explorer's "blocked" case).
  fk("Brand", "billingAccountId", "BillingAccount", "SET NULL"),
  fk("BrandContact", "brandId", "Brand", "CASCADE"),
  fk("Deal", "brandId", "Brand", "RESTRICT"),
  fk("Invoice", "billingAccountId", "BillingAccount", "NO ACTION"),
  // Onto a unique key that is not the primary key.
  fk("Deal", "currencyCode", "Currency", "RESTRICT", { referencedColumns: ["code"] }),
  fk("Invoice", "currencyCode", "Currency", "RESTRICT", { referencedColumns: ["code"] }),
  fk("Payment", "currencyCode", "Currency", "RESTRICT", { referencedColumns: ["code"] }),
  fk("Payout", "currencyCode", "Currency", "NO ACTION", { referencedColumns: ["code"] }),
  fk("TalentRate", "currencyCode", "Currency", "RESTRICT", { referencedColumns: ["code"] }),
  fk("TalentTag", "tagId", "Tag", "CASCADE"),
  fk("Conversation", "brandId", "Brand", "SET NULL"),

  // Accounts.
  fk("User", "invitedById", "User", "SET NULL"),
  fk("Account", "userId", "User", "CASCADE"),
  fk("Session", "userId", "User", "CASCADE"),
  fk("Notification", "userId", "User", "CASCADE"),
  fk("Notification", "talentId", "Talent", "SET NULL"),
  fk("ActivityLog", "userId", "User", "SET NULL"),

  // The edge from the incident report, verbatim: ON UPDATE CASCADE ON DELETE CASCADE.
  fk("Talent", "userId", "User", "CASCADE"),
  fk("Talent", "managerId", "User", "SET NULL"),
  // A cycle: Talent → TalentAssignment (SET NULL) and TalentAssignment → Talent (CASCADE).
  fk("Talent", "primaryAssignmentId", "TalentAssignment", "SET NULL"),
  fk("TalentAssignment", "talentId", "Talent", "CASCADE"),
  fk("TalentAssignment", "agentId", "User", "CASCADE"),
  fk("TalentNote", "talentId", "Talent", "CASCADE"),
  fk("TalentNote", "authorId", "User", "SET NULL"),
  fk("TalentTag", "talentId", "Talent", "CASCADE"),
  fk("TalentRate", "talentId", "Talent", "CASCADE"),
  fk("TalentDocument", "talentId", "Talent", "CASCADE"),
  fk("ExternalSocialProfile", "talentId", "Talent", "CASCADE"),
  fk("SocialProfileSnapshot", "profileId", "ExternalSocialProfile", "CASCADE"),

  fk("Deal", "talentId", "Talent", "CASCADE"),
  fk("Deal", "ownerId", "User", "SET NULL"),
  fk("Deal", "parentDealId", "Deal", "CASCADE"),
  fk("DealDeliverable", "dealId", "Deal", "CASCADE"),
  // Composite, onto DealDeliverable's (dealId, deliverableNo) unique key.
  fk("DeliverableRevision", ["dealId", "deliverableNo"], "DealDeliverable", "CASCADE"),
  fk("DealNote", "dealId", "Deal", "CASCADE"),
  fk("DealNote", "authorId", "User", "SET NULL"),
  fk("Contract", "dealId", "Deal", "CASCADE"),
  fk("Invoice", "dealId", "Deal", "CASCADE"),
  fk("InvoiceLine", "invoiceId", "Invoice", "CASCADE"),
  fk("Payment", "invoiceId", "Invoice", "CASCADE"),
  fk("Commission", "dealId", "Deal", "CASCADE"),
  fk("Commission", "talentId", "Talent", "CASCADE"),
  fk("Commission", "agentId", "User", "SET NULL"),
  fk("CommissionHistory", "commissionId", "Commission", "CASCADE"),
  fk("Payout", "talentId", "Talent", "CASCADE"),
  fk("PayoutItem", "payoutId", "Payout", "CASCADE"),
  fk("PayoutItem", "commissionId", "Commission", "SET NULL"),

  fk("CreatorTask", "talentId", "Talent", "CASCADE"),
  fk("CreatorTask", "dealId", "Deal", "SET NULL"),
  // Unindexed on purpose: every deleted User makes PostgreSQL scan CreatorTask to null this column.
  fk("CreatorTask", "assigneeId", "User", "SET NULL", { unindexed: true }),
  fk("CreatorGoal", "talentId", "Talent", "CASCADE"),
  fk("Post", "talentId", "Talent", "CASCADE"),
  fk("Post", "profileId", "ExternalSocialProfile", "CASCADE"),
  fk("Post", "dealId", "Deal", "SET NULL"),
  fk("PostMetric", "postId", "Post", "CASCADE"),
  fk("Conversation", "talentId", "Talent", "CASCADE"),
  fk("Message", "conversationId", "Conversation", "CASCADE"),
  fk("Message", "senderId", "User", "SET NULL"),
  fk("Meeting", "talentId", "Talent", "CASCADE"),
  fk("Meeting", "organizerId", "User", "SET NULL"),
  fk("MeetingAttendee", "meetingId", "Meeting", "CASCADE"),
  fk("MeetingAttendee", "userId", "User", "CASCADE"),
];

/** Unique keys (Prisma `@unique` / `@@unique`). */
export const DEMO_UNIQUE_KEYS: Array<[table: string, columns: string[]]> = [
  ["Currency", ["code"]],
  ["BillingAccount", ["externalRef"]],
  ["Brand", ["slug"]],
  ["Tag", ["name"]],
  ["User", ["email"]],
  ["Account", ["provider", "providerAccountId"]],
  ["Session", ["sessionToken"]],
  ["VerificationToken", ["token"]],
  ["VerificationToken", ["identifier", "token"]],
  ["Talent", ["handle"]],
  ["ExternalSocialProfile", ["platform", "handle"]],
  ["DealDeliverable", ["dealId", "deliverableNo"]],
  ["DeliverableRevision", ["dealId", "deliverableNo", "revisionNo"]],
  ["Invoice", ["number"]],
  ["MeetingAttendee", ["meetingId", "userId"]],
];

/** Tables big enough that "last activity" (max("updatedAt")) deserves an index. */
export const UPDATED_AT_INDEXED = [
  "User",
  "Talent",
  "ExternalSocialProfile",
  "SocialProfileSnapshot",
  "Deal",
  "DealDeliverable",
  "DeliverableRevision",
  "DealNote",
  "Invoice",
  "InvoiceLine",
  "Payment",
  "Commission",
  "Payout",
  "CreatorTask",
  "Post",
  "PostMetric",
  "Message",
  "Notification",
  "ActivityLog",
];

const cols = (columns: string[]) => columns.map((c) => `"${c}"`).join(", ");
const indexName = (table: string, columns: string[], suffix: string) =>
  `"${table}_${columns.join("_")}_${suffix}"`;

function coveredByLeadingColumns(
  table: string,
  columns: string[],
  existing: Array<[string, string[]]>,
): boolean {
  return existing.some(([t, c]) => t === table && columns.every((col, i) => c[i] === col));
}

/** CREATE INDEX / CREATE UNIQUE INDEX statements: unique keys, FK indexes (unless unindexed), updatedAt. */
export function indexStatements(): string[] {
  const statements: string[] = [];
  const made: Array<[string, string[]]> = [];
  for (const [table, columns] of DEMO_UNIQUE_KEYS) {
    statements.push(
      `CREATE UNIQUE INDEX ${indexName(table, columns, "key")} ON "${table}"(${cols(columns)})`,
    );
    made.push([table, columns]);
  }
  for (const key of DEMO_FOREIGN_KEYS) {
    if (key.unindexed || coveredByLeadingColumns(key.table, key.columns, made)) continue;
    // A composite primary key already serves its leading column (TalentTag.talentId).
    if (key.table === "TalentTag" && key.columns[0] === "talentId") continue;
    statements.push(
      `CREATE INDEX ${indexName(key.table, key.columns, "idx")} ON "${key.table}"(${cols(key.columns)})`,
    );
    made.push([key.table, key.columns]);
  }
  for (const table of UPDATED_AT_INDEXED) {
    statements.push(`CREATE INDEX ${indexName(table, ["updatedAt"], "idx")} ON "${table}"("updatedAt")`);
  }
  return statements;
}

export function foreignKeyStatements(): string[] {
  return DEMO_FOREIGN_KEYS.map(
    (key) =>
      `ALTER TABLE "${key.table}" ADD CONSTRAINT ${indexName(key.table, key.columns, "fkey")} ` +
      `FOREIGN KEY (${cols(key.columns)}) REFERENCES "${key.references}"(${cols(key.referencedColumns)}) ` +
      `ON DELETE ${key.onDelete} ON UPDATE CASCADE`,
  );
}
