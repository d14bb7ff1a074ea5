import { type SeedCounts, STAFF_USERS } from "./seed-helpers";

/** One INSERT … SELECT of the seed; `table` names what it fills (for progress messages). */
export interface SeedStep {
  table: string;
  sql: string;
}

/**
 * Children of `parent`, up to `upTo` per parent row: exposes the parent as `p`, its ordinal `pn`, the
 * child number `k` and a unique child number `x = pn * mult + k`. `count` (an expression that may use
 * `pn`) keeps the first `count` children; `join` adds more FROM items before that filter.
 */
export function childrenOf(
  parent: string,
  upTo: number,
  options: { count?: string; mult?: number; join?: string } = {},
): string {
  const mult = options.mult ?? 10;
  return (
    `FROM "${parent}" p CROSS JOIN generate_series(1, ${upTo}) k ` +
    `CROSS JOIN LATERAL (SELECT pg_temp.n(p.id) AS pn, pg_temp.n(p.id) * ${mult} + k AS x) q` +
    (options.join ? ` ${options.join}` : "") +
    (options.count ? ` WHERE k <= ${options.count}` : "")
  );
}

/** Reference data, the two staff accounts and the talent roster. */
export function peopleSteps(c: SeedCounts): SeedStep[] {
  return [
    {
      table: "Currency",
      sql: `INSERT INTO "Currency" (id, code, name, symbol, "createdAt", "updatedAt")
        SELECT 'cur_' || lower(code), code, name, symbol, pg_temp.anchor() - interval '200 days', pg_temp.anchor() - interval '200 days'
        FROM (VALUES ('USD', 'US Dollar', '$'), ('EUR', 'Euro', '€'), ('GBP', 'Pound Sterling', '£'),
                     ('CAD', 'Canadian Dollar', 'CA$'), ('AUD', 'Australian Dollar', 'A$')) v(code, name, symbol)`,
    },
    {
      table: "Tag",
      sql: `INSERT INTO "Tag" (id, name, color, "createdAt", "updatedAt")
        SELECT pg_temp.id('tag', i), (pg_temp.tag_names())[i], '#' || lpad(to_hex(pg_temp.r(i, 1, 16777216)), 6, '0'), t, t
        FROM generate_series(1, cardinality(pg_temp.tag_names())) i, LATERAL (SELECT pg_temp.ago(i, 2, 150, 190) AS t) q`,
    },
    {
      table: "BillingAccount",
      sql: `INSERT INTO "BillingAccount" (id, name, "externalRef", country, "netTermsDays", "createdAt", "updatedAt")
        SELECT pg_temp.id('bac', i),
          pg_temp.pick(pg_temp.brand_prefixes(), i, 1) || ' ' || (ARRAY['Holdings', 'Group', 'Brands', 'Inc.', 'Ltd'])[1 + pg_temp.r(i, 2, 5)],
          'cus_' || substr(md5('bac' || i), 1, 14), pg_temp.pick(pg_temp.countries(), i, 3),
          (ARRAY[15, 30, 45, 60])[1 + pg_temp.r(i, 4, 4)], t, pg_temp.after(t, i, 5)
        FROM generate_series(1, ${c.billingAccounts}) i, LATERAL (SELECT pg_temp.ago(i, 6, 90, 200) AS t) q`,
    },
    {
      // Prefix i % 20 with a suffix that also moves with the prefix: names vary early and stay unique up to 300.
      table: "Brand",
      sql: `INSERT INTO "Brand" (id, name, slug, industry, website, "billingAccountId", "createdAt", "updatedAt")
        SELECT pg_temp.id('brd', i), name,
          lower(regexp_replace(name, '[^A-Za-z0-9]+', '-', 'g')) || CASE WHEN i > 300 THEN '-' || i ELSE '' END,
          pg_temp.pick(pg_temp.industries(), i, 1), 'https://' || lower(regexp_replace(name, '[^A-Za-z0-9]+', '', 'g')) || '.com',
          CASE WHEN pg_temp.r(i, 2, 10) > 0 THEN pg_temp.id('bac', 1 + pg_temp.r(i, 3, ${c.billingAccounts})) END,
          t, pg_temp.after(t, i, 4)
        FROM generate_series(1, ${c.brands}) i,
          LATERAL (SELECT (pg_temp.brand_prefixes())[1 + (i - 1) % 20] || ' ' || (pg_temp.brand_suffixes())[1 + ((i - 1) / 20 + (i - 1) % 20 * 4) % 15] AS name,
                          pg_temp.ago(i, 5, 60, 190) AS t) q`,
    },
    {
      table: "BrandContact",
      sql: `INSERT INTO "BrandContact" (id, "brandId", name, email, title, "createdAt", "updatedAt")
        SELECT pg_temp.id('bct', x), p.id, f || ' ' || l, lower(f || '.' || l) || '@' || substr(p.website, 9),
          (ARRAY['Influencer Marketing Manager', 'Brand Manager', 'Head of Social', 'Procurement'])[1 + pg_temp.r(x, 1, 4)],
          p."createdAt", pg_temp.after(p."createdAt", x, 2)
        ${childrenOf("Brand", 2)}
        CROSS JOIN LATERAL (SELECT pg_temp.pick(pg_temp.first_names(), x, 3) AS f, pg_temp.pick(pg_temp.last_names(), x, 4) AS l) nm`,
    },
    {
      // The only users: lila set the workspace up, then invited admin (the self-referencing invitedById).
      table: "User",
      sql: `INSERT INTO "User" (id, email, name, role, "emailVerified", "invitedById", "createdAt", "updatedAt")
        VALUES ('usr_000001', 'lila@thebreakco.com', 'Lila Bennett', 'SUPERADMIN',
                pg_temp.anchor() - interval '180 days', NULL, pg_temp.anchor() - interval '180 days', pg_temp.anchor() - interval '3 days'),
               ('usr_000002', 'admin@thebreakco.com', 'Break Co Admin', 'ADMIN',
                pg_temp.anchor() - interval '179 days', 'usr_000001', pg_temp.anchor() - interval '179 days', pg_temp.anchor() - interval '2 hours')`,
    },
    {
      table: "Account",
      sql: `INSERT INTO "Account" (id, "userId", type, provider, "providerAccountId", access_token, expires_at, token_type, scope, "createdAt", "updatedAt")
        SELECT pg_temp.id('acc', pn), p.id, CASE WHEN google THEN 'oauth' ELSE 'email' END, CASE WHEN google THEN 'google' ELSE 'email' END,
          CASE WHEN google THEN (104000000000000000000 + pn * 7919)::text ELSE p.email END,
          CASE WHEN google THEN 'ya29.' || md5('acc' || pn) END,
          CASE WHEN google THEN extract(epoch FROM pg_temp.anchor() + interval '1 hour')::int END,
          CASE WHEN google THEN 'Bearer' END, CASE WHEN google THEN 'openid email profile' END, p."createdAt", p."updatedAt"
        FROM "User" p, LATERAL (SELECT pg_temp.n(p.id) AS pn) q, LATERAL (SELECT pg_temp.r(pn, 1, 4) > 0 AS google) g`,
    },
    {
      table: "Session",
      sql: `INSERT INTO "Session" (id, "sessionToken", "userId", expires, "createdAt", "updatedAt")
        SELECT pg_temp.id('ses', x), md5('session-' || x), p.id, t + interval '30 days', t, t
        ${childrenOf("User", 3, { count: "1 + pg_temp.r(pn, 1, 3)", join: ", LATERAL (SELECT pg_temp.ago(x, 2, 0, 20) AS t) s" })}`,
    },
    {
      // Pending portal invitations to creators' own addresses: no User row behind them.
      table: "VerificationToken",
      sql: `INSERT INTO "VerificationToken" (identifier, token, expires)
        SELECT lower(pg_temp.pick(pg_temp.first_names(), i, 2) || '.' || pg_temp.pick(pg_temp.last_names(), i, 3)) || i || '@'
            || pg_temp.pick(pg_temp.email_domains(), i, 4),
          md5('verify-' || i), pg_temp.anchor() + make_interval(hours => 1 + pg_temp.r(i, 1, 24))
        FROM generate_series(1, ${c.verificationTokens}) i`,
    },
    ...talentSteps(c),
  ];
}

function talentSteps(c: SeedCounts): SeedStep[] {
  return [
    {
      // userId: the staff account that manages the talent's record (Talent_userId_fkey, ON DELETE CASCADE);
      // managerId: the agent responsible for the talent, also one of the two staff accounts.
      table: "Talent",
      sql: `INSERT INTO "Talent" (id, "userId", "displayName", handle, category, country, status, "managerId", "primaryAssignmentId", "createdAt", "updatedAt")
        SELECT pg_temp.id('tal', i), pg_temp.staff(i, 9), name, lower(regexp_replace(name, '[^A-Za-z]', '', 'g')) || '.' || i,
          pg_temp.pick(pg_temp.categories(), i, 1), pg_temp.pick(pg_temp.countries(), i, 2),
          CASE pg_temp.r(i, 3, 20) WHEN 0 THEN 'PAUSED' WHEN 1 THEN 'ONBOARDING' ELSE 'ACTIVE' END,
          pg_temp.staff(i, 4), pg_temp.id('tas', i * 10 + 1), t, pg_temp.after(t, i, 5)
        FROM generate_series(1, ${c.talents}) i,
        LATERAL (SELECT pg_temp.pick(pg_temp.first_names(), i, 6) || ' ' || pg_temp.pick(pg_temp.last_names(), i, 7) AS name,
                        pg_temp.ago(i, 8, 5, 115) AS t) q`,
    },
    {
      // The primary assignment goes to the talent's manager, a support one to the other staff account.
      table: "TalentAssignment",
      sql: `INSERT INTO "TalentAssignment" (id, "talentId", "agentId", role, "startedAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('tas', x), p.id, pg_temp.id('usr', 1 + (pg_temp.r(pn, 4, ${STAFF_USERS}) + k - 1) % ${STAFF_USERS}),
          CASE k WHEN 1 THEN 'PRIMARY' ELSE 'SUPPORT' END, p."createdAt", p."createdAt", pg_temp.after(p."createdAt", x, 1)
        ${childrenOf("Talent", 2, { count: "1 + pg_temp.r(pn, 2, 2)" })}`,
    },
    {
      table: "TalentNote",
      sql: `INSERT INTO "TalentNote" (id, "talentId", "authorId", body, pinned, "createdAt", "updatedAt")
        SELECT pg_temp.id('tnt', x), p.id, CASE WHEN pg_temp.r(x, 1, 5) > 0 THEN p."managerId" END,
          pg_temp.pick(pg_temp.note_bodies(), x, 2), k = 1 AND pg_temp.r(x, 3, 3) = 0, t, pg_temp.after(t, x, 4)
        ${childrenOf("Talent", 4)}, LATERAL (SELECT pg_temp.after(p."createdAt", x, 5) AS t) s`,
    },
    {
      table: "TalentTag",
      sql: `INSERT INTO "TalentTag" ("talentId", "tagId", "createdAt", "updatedAt")
        SELECT p.id, pg_temp.id('tag', 1 + (pg_temp.r(pn, 1, 30) + k * 7) % 30), p."createdAt", p."createdAt"
        ${childrenOf("Talent", 3, { count: "1 + pg_temp.r(pn, 2, 3)" })}`,
    },
    {
      table: "TalentRate",
      sql: `INSERT INTO "TalentRate" (id, "talentId", platform, "deliverableKind", "amountCents", "currencyCode", "createdAt", "updatedAt")
        SELECT pg_temp.id('trt', x), p.id, (pg_temp.platforms())[1 + (pg_temp.r(pn, 1, 5) + k) % 5],
          pg_temp.pick(pg_temp.deliverable_kinds(), x, 2), (100 + pg_temp.r(x, 3, 4900)) * 100,
          pg_temp.currency_for(p.country), p."createdAt", pg_temp.after(p."createdAt", x, 4)
        ${childrenOf("Talent", 3)}`,
    },
    {
      table: "TalentDocument",
      sql: `INSERT INTO "TalentDocument" (id, "talentId", kind, "fileName", url, "sizeBytes", "createdAt", "updatedAt")
        SELECT pg_temp.id('tdc', x), p.id, kind, f, 'https://files.thebreakco.com/talent/' || p.id || '/' || f,
          50000 + pg_temp.r(x, 1, 5000000), t, t
        ${childrenOf("Talent", 2)},
          LATERAL (SELECT (ARRAY['W-9', 'Media Kit', 'ID Verification', 'Rate Card'])[1 + (pg_temp.r(pn, 2, 4) + k) % 4] AS kind) d,
          LATERAL (SELECT lower(replace(kind, ' ', '-')) || '-' || x || '.pdf' AS f, pg_temp.after(p."createdAt", x, 3) AS t) e`,
    },
  ];
}
