/**
 * Session-local SQL helpers for the seed. They live in `pg_temp`, so they vanish with the seeding
 * session and leave nothing in the demo schema for introspection to trip over. All values are
 * derived from `hashint8extended(row number, salt)`: the same scale gives the same rows. Pure.
 */

import { WORDS } from "./seed-words";

export interface SeedCounts {
  talents: number;
  brands: number;
  billingAccounts: number;
  deals: number;
  notifications: number;
  activity: number;
  verificationTokens: number;
}

export function seedCounts(scale: number): SeedCounts {
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`scale must be a positive number, got ${scale}`);
  const n = (base: number, min = 1) => Math.max(min, Math.round(base * scale));
  return {
    talents: n(600, 2),
    brands: n(200, 2),
    billingAccounts: n(40),
    deals: n(3000, 4),
    notifications: n(5000),
    activity: n(8000),
    verificationTokens: n(60),
  };
}

/**
 * The `User` table holds only the agency's two staff accounts, at every scale: usr_000001
 * (lila@thebreakco.com, SUPERADMIN) and usr_000002 (admin@thebreakco.com, ADMIN). Talents are not
 * users; each Talent row belongs to the staff account that manages it, so deleting every user (the
 * incident's `deleteMany({})`) cascades through all of them.
 */
export const STAFF_USERS = 2;

const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;
const sqlArray = (values: string[]) => `ARRAY[${values.map(sqlText).join(", ")}]::text[]`;

/** The moment the seed treats as "now", as a UTC `timestamp` literal body. */
export function anchorLiteral(anchor: Date): string {
  return anchor.toISOString().replace("T", " ").replace("Z", "");
}

/** CREATE FUNCTION pg_temp.* statements; run them in the seeding session before the inserts. */
export function helperStatements(anchor: Date): string[] {
  const fn = (signature: string, returns: string, body: string) =>
    `CREATE FUNCTION pg_temp.${signature} RETURNS ${returns} LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT ${body} $fn$`;
  return [
    fn("anchor()", "timestamp", `TIMESTAMP ${sqlText(anchorLiteral(anchor))}`),
    // Non-negative 63-bit hash of (i, salt).
    fn("h(i bigint, salt bigint)", "bigint", "hashint8extended(i, salt) & 9223372036854775807"),
    // 0 .. n-1
    fn("r(i bigint, salt bigint, n bigint)", "int", "(pg_temp.h(i, salt) % n)::int"),
    fn("pick(arr text[], i bigint, salt bigint)", "text", "arr[1 + pg_temp.r(i, salt, cardinality(arr))]"),
    // Prisma-cuid-like deterministic ids: usr_000123 (never truncated past six digits).
    fn(
      "id(prefix text, i bigint)",
      "text",
      "prefix || '_' || CASE WHEN i >= 100000 THEN i::text ELSE lpad(i::text, 6, '0') END",
    ),
    fn("n(id text)", "bigint", "split_part(id, '_', 2)::bigint"),
    // One of the two staff accounts (usr_000001 or usr_000002), picked by hash.
    fn("staff(i bigint, salt bigint)", "text", `pg_temp.id('usr', 1 + pg_temp.r(i, salt, ${STAFF_USERS}))`),
    // A moment between min_days and max_days before the anchor.
    fn(
      "ago(i bigint, salt bigint, min_days int, max_days int)",
      "timestamp",
      "pg_temp.anchor() - make_interval(secs => min_days * 86400 + pg_temp.r(i, salt, greatest(1, (max_days - min_days) * 86400)))",
    ),
    // A moment between t and the anchor.
    fn(
      "after(t timestamp, i bigint, salt bigint)",
      "timestamp",
      "t + greatest(pg_temp.anchor() - t, interval '0') * (pg_temp.r(i, salt, 1000)::float8 / 1000)",
    ),
    fn(
      "currency_for(country text)",
      "text",
      "CASE country WHEN 'GB' THEN 'GBP' WHEN 'CA' THEN 'CAD' WHEN 'AU' THEN 'AUD' " +
        "WHEN 'US' THEN 'USD' ELSE 'EUR' END",
    ),
    fn(
      "deal_stage(j bigint)",
      "text",
      "CASE WHEN p < 10 THEN 'PROSPECT' WHEN p < 25 THEN 'NEGOTIATING' WHEN p < 40 THEN 'CONTRACTED' " +
        "WHEN p < 60 THEN 'DELIVERING' WHEN p < 80 THEN 'COMPLETED' WHEN p < 95 THEN 'PAID' ELSE 'LOST' END " +
        "FROM (SELECT pg_temp.r(j, 7, 100) AS p) s",
    ),
    ...Object.entries(WORDS).map(([name, values]) => fn(`${name}()`, "text[]", sqlArray(values))),
  ];
}
