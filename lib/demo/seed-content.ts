import { childrenOf, type SeedStep } from "./seed-people";
import type { SeedCounts } from "./seed-helpers";

/** Profiles per talent (2–4): Post picks one of them by the same expression. */
const PROFILES_PER_TALENT = "2 + pg_temp.r(pn, 3, 3)";
/** Daily metric readings for each post's first days. */
export const METRICS_PER_POST = 6;

/** Social profiles, posts and their metrics, conversations, meetings, notifications, the activity log. */
export function contentSteps(c: SeedCounts): SeedStep[] {
  const T = c.talents;
  const D = c.deals;
  const perTalent = Math.ceil(D / T);
  return [
    {
      table: "ExternalSocialProfile",
      sql: `INSERT INTO "ExternalSocialProfile" (id, "talentId", platform, handle, url, followers, verified, "lastSyncedAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('esp', x), p.id, platform, p.handle,
          'https://' || CASE platform WHEN 'instagram' THEN 'instagram.com/' WHEN 'tiktok' THEN 'tiktok.com/@'
            WHEN 'youtube' THEN 'youtube.com/@' WHEN 'twitch' THEN 'twitch.tv/' ELSE 'x.com/' END || p.handle,
          followers, followers > 250000, pg_temp.anchor() - make_interval(mins => pg_temp.r(x, 1, 1440)),
          p."createdAt", pg_temp.after(p."createdAt", x, 2)
        ${childrenOf("Talent", 4, {
          count: PROFILES_PER_TALENT,
          join: `, LATERAL (SELECT (pg_temp.platforms())[1 + (pg_temp.r(pn, 4, 5) + k - 1) % 5] AS platform,
                          (1000 * power(1000, pg_temp.r(x, 5, 1000) / 1000.0))::int AS followers) s`,
        })}`,
    },
    {
      table: "SocialProfileSnapshot",
      sql: `INSERT INTO "SocialProfileSnapshot" ("profileId", "capturedAt", followers, "engagementRate", "createdAt", "updatedAt")
        SELECT p.id, t, (p.followers * (1 - (8 - k) * 0.004 * pg_temp.r(x, 1, 5)))::int, (0.01 + pg_temp.r(x, 2, 900) / 10000.0)::numeric(6, 4), t, t
        ${childrenOf("ExternalSocialProfile", 8, {
          join: `, LATERAL (SELECT date_trunc('day', pg_temp.anchor()) - make_interval(days => 7 * (8 - k)) AS t) s`,
        })}
        ORDER BY t, x`,
    },
    {
      table: "Post",
      sql: `INSERT INTO "Post" (id, "talentId", "profileId", "dealId", url, caption, "postedAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('pst', x), p.id, sp.id,
          CASE WHEN pg_temp.r(x, 1, 4) = 0 AND pn + ${T} * (k % ${perTalent}) <= ${D} THEN pg_temp.id('deal', pn + ${T} * (k % ${perTalent})) END,
          sp.url || '/p/' || substr(md5('post-' || x), 1, 11), pg_temp.pick(pg_temp.captions(), x, 2), t, t, pg_temp.after(t, x, 3)
        ${childrenOf("Talent", 10, {
          mult: 100,
          join: `JOIN "ExternalSocialProfile" sp ON sp.id = pg_temp.id('esp', pn * 10 + 1 + pg_temp.r(x, 4, ${PROFILES_PER_TALENT})),
                 LATERAL (SELECT pg_temp.after(p."createdAt", x, 5) AS t) s`,
        })}`,
    },
    {
      table: "PostMetric",
      sql: `INSERT INTO "PostMetric" ("postId", "capturedAt", views, likes, comments, shares, "createdAt", "updatedAt")
        SELECT p.id, t, views, views * (2 + pg_temp.r(x, 2, 7)) / 100, views / (150 + pg_temp.r(x, 3, 300)),
          views / (400 + pg_temp.r(x, 4, 800)), t, t
        ${childrenOf("Post", METRICS_PER_POST, {
          join: `, LATERAL (SELECT least(pg_temp.anchor(), p."postedAt" + make_interval(days => k)) AS t,
                                 (500 + pg_temp.r(pn, 1, 200000)) * k AS views) s`,
        })}
        ORDER BY t, x`,
    },
    {
      table: "Conversation",
      sql: `INSERT INTO "Conversation" (id, "talentId", "brandId", subject, "lastMessageAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('cnv', x), p.id, CASE WHEN pg_temp.r(x, 1, 4) > 0 THEN pg_temp.id('brd', 1 + pg_temp.r(x, 2, ${c.brands})) END,
          'Re: ' || pg_temp.pick(pg_temp.campaign_kinds(), x, 3), least(pg_temp.anchor(), t + interval '6 days'), t,
          least(pg_temp.anchor(), t + interval '6 days')
        ${childrenOf("Talent", 3, { join: ', LATERAL (SELECT pg_temp.after(p."createdAt", x, 4) AS t) s' })}`,
    },
    {
      table: "Message",
      sql: `INSERT INTO "Message" (id, "conversationId", "senderId", body, "sentAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('msg', x), p.id,
          CASE WHEN pg_temp.r(x, 1, 12) = 0 THEN NULL WHEN k % 2 = 1 THEN t."managerId" ELSE t."userId" END,
          pg_temp.pick(pg_temp.message_bodies(), x, 2), sent, sent, sent
        ${childrenOf("Conversation", 6, {
          join: `JOIN "Talent" t ON t.id = p."talentId",
                 LATERAL (SELECT least(pg_temp.anchor(), p."createdAt" + make_interval(hours => k * (1 + pg_temp.r(x, 3, 20)))) AS sent) s`,
        })}`,
    },
    {
      table: "Meeting",
      sql: `INSERT INTO "Meeting" (id, "talentId", "organizerId", title, "startsAt", "durationMin", "createdAt", "updatedAt")
        SELECT pg_temp.id('mtg', x), p.id, p."managerId",
          pg_temp.pick(ARRAY['Quarterly check-in', 'Brand intro call', 'Content planning', 'Contract review'], x, 1),
          t + interval '2 days', (ARRAY[15, 30, 45, 60])[1 + pg_temp.r(x, 2, 4)], t, t
        ${childrenOf("Talent", 2, { join: ', LATERAL (SELECT pg_temp.after(p."createdAt", x, 3) AS t) s' })}`,
    },
    {
      table: "MeetingAttendee",
      sql: `INSERT INTO "MeetingAttendee" (id, "meetingId", "userId", response, "createdAt", "updatedAt")
        SELECT pg_temp.id('mta', x), p.id,
          CASE WHEN k = 1 THEN t."managerId" WHEN t."managerId" = 'usr_000001' THEN 'usr_000002' ELSE 'usr_000001' END,
          pg_temp.pick(ARRAY['ACCEPTED', 'ACCEPTED', 'TENTATIVE', 'DECLINED', 'PENDING'], x, 2), p."createdAt", p."updatedAt"
        ${childrenOf("Meeting", 2, { count: "1 + pg_temp.r(pn, 3, 2)", join: `JOIN "Talent" t ON t.id = p."talentId"` })}`,
    },
    {
      table: "Notification",
      sql: `INSERT INTO "Notification" (id, "userId", "talentId", kind, title, "readAt", "createdAt", "updatedAt")
        SELECT pg_temp.id('ntf', i), pg_temp.staff(i, 1),
          CASE WHEN pg_temp.r(i, 2, 2) = 0 THEN pg_temp.id('tal', 1 + pg_temp.r(i, 3, ${T})) END, kind,
          CASE kind WHEN 'DEAL_STAGE' THEN 'A deal moved to a new stage' WHEN 'INVOICE_PAID' THEN 'An invoice was paid'
            WHEN 'TASK_DUE' THEN 'A task is due tomorrow' WHEN 'MESSAGE' THEN 'New message from a brand'
            ELSE 'A contract was signed' END,
          CASE WHEN pg_temp.r(i, 4, 3) > 0 THEN t + interval '3 hours' END, t, t
        FROM generate_series(1, ${c.notifications}) i,
          LATERAL (SELECT pg_temp.pick(ARRAY['DEAL_STAGE', 'INVOICE_PAID', 'TASK_DUE', 'MESSAGE', 'CONTRACT_SIGNED'], i, 5) AS kind,
                          pg_temp.ago(i, 6, 0, 60) AS t) s`,
    },
    {
      table: "ActivityLog",
      sql: `INSERT INTO "ActivityLog" ("userId", entity, "entityId", action, meta, "createdAt", "updatedAt")
        SELECT CASE WHEN pg_temp.r(i, 1, 20) > 0 THEN pg_temp.staff(i, 2) END, entity,
          pg_temp.id(CASE entity WHEN 'Deal' THEN 'deal' WHEN 'Talent' THEN 'tal' WHEN 'Invoice' THEN 'inv' ELSE 'pst' END,
                     1 + pg_temp.r(i, 3, ${D})),
          pg_temp.pick(ARRAY['created', 'updated', 'updated', 'viewed', 'exported'], i, 4),
          jsonb_build_object('ip', '10.' || pg_temp.r(i, 5, 255) || '.' || pg_temp.r(i, 6, 255) || '.' || pg_temp.r(i, 7, 255),
                             'via', pg_temp.pick(ARRAY['web', 'api', 'admin'], i, 8)),
          t, t
        FROM generate_series(1, ${c.activity}) i,
          LATERAL (SELECT pg_temp.pick(ARRAY['Deal', 'Talent', 'Invoice', 'Post'], i, 9) AS entity, pg_temp.ago(i, 10, 0, 90) AS t) s
        ORDER BY t, i`,
    },
  ];
}
