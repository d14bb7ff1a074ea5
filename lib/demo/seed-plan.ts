import { prismaMigrationHistory } from "./migrations";
import { METRICS_PER_POST } from "./seed-content";
import { type SeedCounts, STAFF_USERS } from "./seed-helpers";
import { WORDS } from "./seed-words";

/** The fewest and most rows the seed can put in a table (child counts are drawn per parent by hash). */
export interface RowRange {
  min: number;
  max: number;
}

const exactly = (n: number): RowRange => ({ min: n, max: n });
const between = (min: number, max: number): RowRange => ({ min, max });
const times = (range: RowRange, lo: number, hi = lo): RowRange => ({
  min: range.min * lo,
  max: range.max * hi,
});

/**
 * Rows per table ("public.Name") that the seed steps produce for `c`, read off their SQL: a table
 * filled with `childrenOf(parent, upTo, { count })` gets between the smallest and largest `count`
 * per parent row; a WHERE on a stage or status may keep none. The test run checks a real seed
 * against these ranges, so the minimum total is a guarantee, not an estimate. Pure.
 */
export function plannedRowCounts(c: SeedCounts): Record<string, RowRange> {
  const T = c.talents;
  const D = c.deals;
  const profiles = between(2 * T, 4 * T);
  const deliverables = between(D, 4 * D);
  const invoices = between(0, 2 * D);
  const signed = between(0, D);
  const payouts = exactly(3 * T);
  const posts = exactly(10 * T);
  const conversations = exactly(3 * T);
  const meetings = exactly(2 * T);
  const plan: Record<string, RowRange> = {
    Currency: exactly(5),
    Tag: exactly(WORDS.tag_names!.length),
    BillingAccount: exactly(c.billingAccounts),
    Brand: exactly(c.brands),
    BrandContact: exactly(2 * c.brands),
    User: exactly(STAFF_USERS),
    Account: exactly(STAFF_USERS),
    Session: between(STAFF_USERS, 3 * STAFF_USERS),
    VerificationToken: exactly(c.verificationTokens),
    Talent: exactly(T),
    TalentAssignment: between(T, 2 * T),
    TalentNote: exactly(4 * T),
    TalentTag: between(T, 3 * T),
    TalentRate: exactly(3 * T),
    TalentDocument: exactly(2 * T),
    ExternalSocialProfile: profiles,
    SocialProfileSnapshot: times(profiles, 8),
    Deal: exactly(D),
    DealDeliverable: deliverables,
    DeliverableRevision: times(deliverables, 0, 3),
    DealNote: between(0, 3 * D),
    Contract: signed,
    Invoice: invoices,
    InvoiceLine: times(invoices, 1, 4),
    Payment: invoices,
    Commission: signed,
    CommissionHistory: times(signed, 0, 2),
    Payout: payouts,
    PayoutItem: times(payouts, 1, 3),
    CreatorTask: exactly(10 * T),
    CreatorGoal: exactly(2 * T),
    Post: posts,
    PostMetric: times(posts, METRICS_PER_POST),
    Conversation: conversations,
    Message: times(conversations, 6),
    Meeting: meetings,
    MeetingAttendee: times(meetings, 1, STAFF_USERS),
    Notification: exactly(c.notifications),
    ActivityLog: exactly(c.activity),
    _prisma_migrations: exactly(prismaMigrationHistory(new Date(0)).length),
  };
  return Object.fromEntries(Object.entries(plan).map(([name, range]) => [`public.${name}`, range]));
}

/** The smallest total the seed can produce for `c`. */
export function minimumTotalRows(c: SeedCounts): number {
  return Object.values(plannedRowCounts(c)).reduce((sum, range) => sum + range.min, 0);
}
