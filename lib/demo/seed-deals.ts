import { childrenOf, type SeedStep } from "./seed-people";
import type { SeedCounts } from "./seed-helpers";

const SIGNED_STAGES = "('CONTRACTED', 'DELIVERING', 'COMPLETED', 'PAID')";
const BILLED_STAGES = "('DELIVERING', 'COMPLETED', 'PAID')";

/** Deals and the money that hangs off them; every row here is in Talent's cascade closure. */
export function dealSteps(c: SeedCounts): SeedStep[] {
  const T = c.talents;
  const D = c.deals;
  // Deal j belongs to talent ((j - 1) % T) + 1, so a talent's deals are t, t + T, t + 2T, …
  const perTalent = Math.ceil(D / T);
  const dealOfTalent = (talent: string, nth: string) =>
    `CASE WHEN ${talent} + ${T} * (${nth}) <= ${D} THEN pg_temp.id('deal', ${talent} + ${T} * (${nth})) END`;
  return [
    {
      table: "Deal",
      sql: `INSERT INTO "Deal" (id, "talentId", "brandId", "ownerId", "parentDealId", title, stage, "valueCents", "currencyCode",
                          "startsAt", "endsAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('deal', j), t.id, b.id, t."managerId",
          CASE WHEN j > ${T} AND pg_temp.r(j, 1, 4) = 0 THEN pg_temp.id('deal', j - ${T}) END,
          b.name || ' × ' || t."displayName" || ' — ' || pg_temp.pick(pg_temp.campaign_kinds(), j, 2),
          pg_temp.deal_stage(j), (50 + pg_temp.r(j, 3, 2450)) * 1000, pg_temp.currency_for(t.country),
          ts + interval '10 days', ts + interval '40 days', ts, pg_temp.after(ts, j, 4)
        FROM generate_series(1, ${D}) j
        JOIN "Talent" t ON t.id = pg_temp.id('tal', (j - 1) % ${T} + 1)
        JOIN "Brand" b ON b.id = pg_temp.id('brd', 1 + pg_temp.r(j, 5, ${c.brands})),
        LATERAL (SELECT pg_temp.after(t."createdAt", j, 6) AS ts) q`,
    },
    {
      table: "DealDeliverable",
      sql: `INSERT INTO "DealDeliverable" (id, "dealId", "deliverableNo", kind, platform, status, "dueAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('dlv', x), p.id, k, (pg_temp.deliverable_kinds())[m],
          (ARRAY['instagram', 'tiktok', 'youtube', 'instagram', 'twitch', 'web'])[m],
          CASE WHEN p.stage IN ('PAID', 'COMPLETED') THEN 'APPROVED'
               WHEN p.stage = 'DELIVERING' THEN (ARRAY['DRAFT', 'IN_REVIEW', 'APPROVED'])[1 + pg_temp.r(x, 1, 3)]
               WHEN p.stage = 'LOST' THEN 'CANCELLED' ELSE 'PLANNED' END,
          p."startsAt" + make_interval(days => 7 * k), p."createdAt", pg_temp.after(p."createdAt", x, 2)
        ${childrenOf("Deal", 4, { count: "1 + pg_temp.r(pn, 3, 4)", join: ", LATERAL (SELECT 1 + pg_temp.r(x, 4, 6) AS m) s" })}`,
    },
    {
      table: "DeliverableRevision",
      sql: `INSERT INTO "DeliverableRevision" (id, "dealId", "deliverableNo", "revisionNo", status, feedback, "createdAt", "updatedAt")
        SELECT pg_temp.id('rev', x), p."dealId", p."deliverableNo", k,
          CASE WHEN k = pg_temp.r(pn, 1, 4) AND p.status = 'APPROVED' THEN 'APPROVED' ELSE 'CHANGES_REQUESTED' END,
          pg_temp.pick(pg_temp.feedback(), x, 2), t, t
        ${childrenOf("DealDeliverable", 3, { count: "pg_temp.r(pn, 1, 4)", join: ', LATERAL (SELECT pg_temp.after(p."createdAt", x, 3) AS t) s' })}`,
    },
    {
      table: "DealNote",
      sql: `INSERT INTO "DealNote" (id, "dealId", "authorId", body, "createdAt", "updatedAt")
        SELECT pg_temp.id('dnt', x), p.id, CASE WHEN pg_temp.r(x, 1, 4) > 0 THEN p."ownerId" END,
          pg_temp.pick(pg_temp.note_bodies(), x, 2), t, t
        ${childrenOf("Deal", 3, { count: "pg_temp.r(pn, 3, 4)", join: ', LATERAL (SELECT pg_temp.after(p."createdAt", x, 4) AS t) s' })}`,
    },
    {
      table: "Contract",
      sql: `INSERT INTO "Contract" (id, "dealId", status, "fileUrl", "signedAt", "feeCents", "createdAt", "updatedAt")
        SELECT pg_temp.id('ctr', pg_temp.n(d.id)), d.id, st, 'https://files.thebreakco.com/contracts/' || d.id || '.pdf',
          CASE WHEN st = 'SIGNED' THEN least(pg_temp.anchor(), d."createdAt" + interval '3 days') END,
          d."valueCents", d."createdAt", pg_temp.after(d."createdAt", pg_temp.n(d.id), 1)
        FROM "Deal" d,
        LATERAL (SELECT CASE WHEN d.stage = 'CONTRACTED' AND pg_temp.r(pg_temp.n(d.id), 2, 3) = 0 THEN 'SENT' ELSE 'SIGNED' END AS st) s
        WHERE d.stage IN ${SIGNED_STAGES}`,
    },
    {
      table: "Invoice",
      sql: `INSERT INTO "Invoice" (id, "dealId", "billingAccountId", number, status, "totalCents", "currencyCode", "issuedAt", "dueAt",
                             "createdAt", "updatedAt")
        SELECT pg_temp.id('inv', x), p.id, coalesce(b."billingAccountId", pg_temp.id('bac', 1 + pg_temp.r(pn, 1, ${c.billingAccounts}))),
          'INV-' || to_char(issued, 'YYYY') || '-' || lpad(x::text, 6, '0'),
          CASE WHEN p.stage = 'PAID' THEN 'PAID'
               WHEN p.stage = 'COMPLETED' THEN (ARRAY['PAID', 'SENT', 'OVERDUE'])[1 + pg_temp.r(x, 2, 3)]
               ELSE (ARRAY['DRAFT', 'SENT'])[1 + pg_temp.r(x, 3, 2)] END,
          p."valueCents" / (1 + pg_temp.r(pn, 4, 2)), p."currencyCode", issued, issued + interval '30 days', issued, pg_temp.after(issued, x, 5)
        ${childrenOf("Deal", 2, {
          count: `1 + pg_temp.r(pn, 4, 2) AND p.stage IN ${BILLED_STAGES}`,
          join: `JOIN "Brand" b ON b.id = p."brandId", LATERAL (SELECT pg_temp.after(p."createdAt", x, 6) AS issued) s`,
        })}`,
    },
    {
      table: "InvoiceLine",
      sql: `INSERT INTO "InvoiceLine" (id, "invoiceId", description, quantity, "unitCents", "createdAt", "updatedAt")
        SELECT pg_temp.id('inl', x), p.id,
          (ARRAY['Creator fee', 'Usage rights (6 months)', 'Whitelisting', 'Production costs'])[k], 1,
          p."totalCents" / (1 + pg_temp.r(pn, 1, 4)), p."createdAt", p."updatedAt"
        ${childrenOf("Invoice", 4, { count: "1 + pg_temp.r(pn, 1, 4)" })}`,
    },
    {
      table: "Payment",
      sql: `INSERT INTO "Payment" (id, "invoiceId", "amountCents", "currencyCode", method, "paidAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('pay', pg_temp.n(i.id)), i.id, CASE WHEN i.status = 'PAID' THEN i."totalCents" ELSE i."totalCents" / 2 END,
          i."currencyCode", pg_temp.pick(ARRAY['bank_transfer', 'stripe', 'wire'], pg_temp.n(i.id), 1), t, t, t
        FROM "Invoice" i, LATERAL (SELECT pg_temp.after(i."issuedAt", pg_temp.n(i.id), 2) AS t) s
        WHERE i.status = 'PAID' OR (i.status = 'OVERDUE' AND pg_temp.r(pg_temp.n(i.id), 3, 2) = 0)`,
    },
    {
      table: "Commission",
      sql: `INSERT INTO "Commission" (id, "dealId", "talentId", "agentId", rate, "amountCents", status, "createdAt", "updatedAt")
        SELECT pg_temp.id('com', pg_temp.n(d.id)), d.id, d."talentId", d."ownerId", rate, round(d."valueCents" * rate)::int,
          CASE d.stage WHEN 'PAID' THEN 'PAID' WHEN 'COMPLETED' THEN 'APPROVED' ELSE 'PENDING' END,
          d."createdAt", d."updatedAt"
        FROM "Deal" d, LATERAL (SELECT (ARRAY[0.15, 0.20, 0.25])[1 + pg_temp.r(pg_temp.n(d.id), 1, 3)] AS rate) s
        WHERE d.stage IN ${SIGNED_STAGES}`,
    },
    {
      table: "CommissionHistory",
      sql: `INSERT INTO "CommissionHistory" ("commissionId", "oldRate", "newRate", reason, "createdAt", "updatedAt")
        SELECT p.id, p.rate + 0.05 * k, p.rate + 0.05 * (k - 1),
          pg_temp.pick(ARRAY['Renegotiated after scope change', 'Agency promo rate', 'Correction by finance'], x, 1), t, t
        ${childrenOf("Commission", 2, { count: "pg_temp.r(pn, 2, 3)", join: ', LATERAL (SELECT pg_temp.after(p."createdAt", x, 3) AS t) s' })}
        ORDER BY t, x`,
    },
    {
      table: "Payout",
      sql: `INSERT INTO "Payout" (id, "talentId", "amountCents", "currencyCode", status, "paidAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('pyo', x), p.id, (200 + pg_temp.r(x, 1, 4800)) * 100, pg_temp.currency_for(p.country),
          CASE WHEN k < 3 THEN 'PAID' ELSE 'PENDING' END, CASE WHEN k < 3 THEN pg_temp.after(t, x, 2) END, t, t
        ${childrenOf("Talent", 3, { join: ', LATERAL (SELECT pg_temp.after(p."createdAt", x, 3) AS t) s' })}`,
    },
    {
      table: "PayoutItem",
      sql: `INSERT INTO "PayoutItem" (id, "payoutId", "commissionId", "amountCents", "createdAt", "updatedAt")
        SELECT pg_temp.id('poi', x), p.id, cm.id, p."amountCents" / (1 + pg_temp.r(pn, 1, 3)), p."createdAt", p."updatedAt"
        ${childrenOf("Payout", 3, {
          count: "1 + pg_temp.r(pn, 1, 3)",
          join: `LEFT JOIN "Commission" cm ON cm.id = ${dealOfTalent('pg_temp.n(p."talentId")', `(k + pn) % ${perTalent}`).replace("pg_temp.id('deal'", "pg_temp.id('com'")}`,
        })}`,
    },
    {
      table: "CreatorTask",
      sql: `INSERT INTO "CreatorTask" (id, "talentId", "dealId", "assigneeId", title, status, "dueAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('tsk', x), p.id, CASE WHEN k % 3 = 0 THEN ${dealOfTalent("pn", `k % ${perTalent}`)} END,
          CASE WHEN pg_temp.r(x, 1, 5) > 0 THEN p."managerId" END, pg_temp.pick(pg_temp.task_titles(), x, 2),
          (ARRAY['TODO', 'IN_PROGRESS', 'DONE', 'DONE'])[1 + pg_temp.r(x, 3, 4)], t + interval '14 days', t, pg_temp.after(t, x, 4)
        ${childrenOf("Talent", 10, { mult: 100, join: ', LATERAL (SELECT pg_temp.after(p."createdAt", x, 5) AS t) s' })}`,
    },
    {
      table: "CreatorGoal",
      sql: `INSERT INTO "CreatorGoal" (id, "talentId", metric, target, progress, period, "createdAt", "updatedAt")
        SELECT pg_temp.id('gol', x), p.id, metric, target, (target * pg_temp.r(x, 1, 120) / 100), to_char(pg_temp.anchor(), 'YYYY-"Q"Q'),
          p."createdAt", pg_temp.after(p."createdAt", x, 2)
        ${childrenOf("Talent", 2, {
          join: `, LATERAL (SELECT (ARRAY['followers', 'monthly_revenue_cents'])[k] AS metric,
                          CASE k WHEN 1 THEN 10000 * (1 + pg_temp.r(x, 3, 50)) ELSE 100000 * (1 + pg_temp.r(x, 4, 100)) END AS target) s`,
        })}`,
    },
  ];
}
