import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverUrl } from "@/lib/testing/scratch-db";
import {
  buildDemoTarget,
  databaseUrl,
  DEMO_EXPECTED_TABLES,
  PRIVILEGED_ROLE,
  READ_ONLY_ROLE,
  replayIncident,
  type DemoTargetInfo,
} from "./index";
import { seedCounts } from "./seed-helpers";
import { minimumTotalRows, plannedRowCounts } from "./seed-plan";

// Roles are cluster-wide: any test that builds a demo target should use these same passwords.
const PASSWORDS = { readOnlyPassword: "demo-ro-test", privilegedPassword: "demo-restore-test" };
const ANCHOR = new Date("2026-01-11T15:00:00Z");
const SCALE = 0.05;

const databases: string[] = [];
let info: DemoTargetInfo;
let admin: pg.Client;

async function build(database: string) {
  databases.push(database);
  return buildDemoTarget({ superuserUrl: serverUrl(), database, scale: SCALE, anchor: ANCHOR, ...PASSWORDS });
}

/**
 * A superuser session switched to `role`. Privileges are checked against the role exactly as after a
 * login, but without its password: roles are cluster-wide and other test files building a demo target
 * in parallel may reset it. Logging in with the passwords is tested on a private cluster in backup.test.ts.
 */
async function sessionAs(role: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl(), info.database) });
  await client.connect();
  await client.query(`SET ROLE ${role}`);
  return client;
}

async function sqlState(run: Promise<unknown>): Promise<string | undefined> {
  try {
    await run;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

const one = async <T>(sql: string, params: unknown[] = []) => (await admin.query(sql, params)).rows[0] as T;

beforeAll(async () => {
  info = await build(`demo_${randomBytes(4).toString("hex")}`);
  admin = new pg.Client({ connectionString: databaseUrl(serverUrl(), info.database) });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  const server = new pg.Client({ connectionString: serverUrl() });
  await server.connect();
  for (const name of databases) await server.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await server.end();
});

describe("demo target schema", () => {
  it("has 35–45 tables, all of them in the expected schema, which also lists the missing Campaign", () => {
    expect(info.tables.length).toBeGreaterThanOrEqual(35);
    expect(info.tables.length).toBeLessThanOrEqual(45);
    expect(DEMO_EXPECTED_TABLES).toEqual([...info.tables, "public.Campaign"].sort());
    expect(info.tables).not.toContain("public.Campaign");
  });

  it("has at least 25 tables depending on Talent, and at least 25 in its cascade closure", async () => {
    const closure = (rule: string) => `
      WITH RECURSIVE deps(rel) AS (
        SELECT conrelid FROM pg_constraint WHERE contype = 'f' AND confrelid = '"Talent"'::regclass ${rule}
        UNION
        SELECT c.conrelid FROM pg_constraint c JOIN deps d ON c.confrelid = d.rel WHERE c.contype = 'f' ${rule}
      ) SELECT count(*)::int AS n FROM deps WHERE rel <> '"Talent"'::regclass`;
    expect((await one<{ n: number }>(closure(""))).n).toBeGreaterThanOrEqual(25);
    expect((await one<{ n: number }>(closure("AND confdeltype = 'c'"))).n).toBeGreaterThanOrEqual(25);
  });

  it("keeps the report's Talent_userId_fkey verbatim", async () => {
    const row = await one<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'Talent_userId_fkey'`,
    );
    expect(row.def).toBe('FOREIGN KEY ("userId") REFERENCES "User"(id) ON UPDATE CASCADE ON DELETE CASCADE');
  });

  it("has a composite FK, self-references, a two-table cycle, an FK onto a non-PK unique key and an unindexed FK", async () => {
    const fks = (
      await admin.query<{
        child: string;
        parent: string;
        cols: number;
        del: string;
        onpk: boolean;
        indexed: boolean;
      }>(`
        SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent, cardinality(c.conkey) AS cols,
               c.confdeltype::text AS del,
               EXISTS (SELECT 1 FROM pg_constraint pk WHERE pk.conrelid = c.confrelid AND pk.contype = 'p'
                       AND pk.conkey::int2[] = c.confkey::int2[]) AS onpk,
               EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
                       AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey::int2[]) AS indexed
        FROM pg_constraint c WHERE c.contype = 'f'`)
    ).rows;
    const has = (child: string, parent: string) =>
      fks.filter((f) => f.child === child && f.parent === parent);
    expect(fks.some((f) => f.child === '"DeliverableRevision"' && f.cols === 2 && f.del === "c")).toBe(true);
    expect(has('"User"', '"User"')[0]?.del).toBe("n");
    expect(has('"Deal"', '"Deal"')[0]?.del).toBe("c");
    expect(has('"Talent"', '"TalentAssignment"')).toHaveLength(1);
    expect(has('"TalentAssignment"', '"Talent"')).toHaveLength(1);
    expect(fks.some((f) => f.parent === '"Currency"' && !f.onpk)).toBe(true);
    expect(fks.filter((f) => !f.indexed).map((f) => `${f.child}->${f.parent}`)).toContain(
      '"CreatorTask"->"User"',
    );
    expect(new Set(fks.map((f) => f.del))).toEqual(new Set(["a", "r", "c", "n"]));
  });

  it("keeps Prisma's migration history, with add_campaign rolled back", async () => {
    const rows = (
      await admin.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
      )
    ).rows;
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const last = rows.at(-1)!;
    expect(last.migration_name).toMatch(/^2026011012\d{4}_add_campaign$/);
    expect(last.finished_at).toBeNull();
    expect(last.rolled_back_at).not.toBeNull();
    expect(rows.slice(0, -1).every((r) => r.finished_at && !r.rolled_back_at)).toBe(true);
  });
});

describe("demo target data", () => {
  it("plans at least 100,000 rows at scale 1, and the real seed stays inside the plan", () => {
    expect(seedCounts(1).talents).toBe(600);
    expect(seedCounts(0.1).deals).toBe(300);
    expect(minimumTotalRows(seedCounts(1))).toBeGreaterThanOrEqual(100_000);
    const plan = plannedRowCounts(seedCounts(SCALE));
    expect(Object.keys(plan).sort()).toEqual(info.tables);
    for (const [table, range] of Object.entries(plan)) {
      const rows = info.rowCountsBefore[table];
      expect(rows, table).toBeGreaterThanOrEqual(range.min);
      expect(rows, table).toBeLessThanOrEqual(range.max);
    }
  });

  it("is deterministic for the same scale and anchor", async () => {
    const total = Object.values(info.rowCountsBefore).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(minimumTotalRows(seedCounts(SCALE)));
    const twin = await build(`demo_${randomBytes(4).toString("hex")}`);
    expect(twin.rowCountsBefore).toEqual(info.rowCountsBefore);
    const digest = async (database: string) => {
      const client = new pg.Client({ connectionString: databaseUrl(serverUrl(), database) });
      await client.connect();
      const { rows } = await client.query(
        `SELECT (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM "Deal" t) AS deal,
                (SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM "PostMetric" t) AS metric`,
      );
      await client.end();
      return rows[0];
    };
    expect(await digest(twin.database)).toEqual(await digest(info.database));
  });

  it("has only the two staff accounts as users, and gives every Talent to one of them", async () => {
    const users = (await admin.query(`SELECT id, email, role, "invitedById" FROM "User" ORDER BY id`)).rows;
    expect(users).toEqual([
      { id: "usr_000001", email: "lila@thebreakco.com", role: "SUPERADMIN", invitedById: null },
      { id: "usr_000002", email: "admin@thebreakco.com", role: "ADMIN", invitedById: "usr_000001" },
    ]);
    // Both accounts own talents (Talent.userId is not unique), so deleting either one cascades.
    const owners = (
      await admin.query<{ userId: string; n: number }>(
        `SELECT "userId", count(*)::int AS n FROM "Talent" GROUP BY 1 ORDER BY 1`,
      )
    ).rows;
    expect(owners.map((o) => o.userId)).toEqual(["usr_000001", "usr_000002"]);
    expect(owners.every((o) => o.n > 0)).toBe(true);
    const unique = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_index WHERE indrelid = '"Talent"'::regclass AND indisunique
         AND indkey::int2[] = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = '"Talent"'::regclass AND attname = 'userId')]`,
    );
    expect(unique.n).toBe(0);
    // Rows that point at users point at these two: every column referencing User is populated somewhere.
    for (const [table, column] of [
      ["TalentAssignment", "agentId"],
      ["Meeting", "organizerId"],
      ["MeetingAttendee", "userId"],
      ["Notification", "userId"],
      ["Account", "userId"],
      ["Session", "userId"],
      ["CreatorTask", "assigneeId"],
      ["Message", "senderId"],
      ["ActivityLog", "userId"],
      ["Deal", "ownerId"],
      ["Commission", "agentId"],
    ]) {
      const used = await one<{ ids: string[] }>(
        `SELECT array_agg(DISTINCT "${column}" ORDER BY "${column}") FILTER (WHERE "${column}" IS NOT NULL) AS ids FROM "${table}"`,
      );
      expect(used.ids, `${table}.${column}`).toEqual(["usr_000001", "usr_000002"]);
    }
    expect(info.rowCountsBefore["public.User"]).toBe(2);
    expect(info.rowCountsBefore["public.Talent"]).toBe(seedCounts(SCALE).talents);
    expect(info.rowCountsBefore["public.Deal"]).toBe(seedCounts(SCALE).deals);
  });

  it("blocks deleting a Brand that deals reference (RESTRICT)", async () => {
    await admin.query("BEGIN");
    const error = await admin
      .query(`DELETE FROM "Brand" WHERE id = (SELECT "brandId" FROM "Deal" ORDER BY id LIMIT 1)`)
      .then(
        () => null,
        (e: { code?: string; constraint?: string }) => e,
      );
    await admin.query("ROLLBACK");
    // PostgreSQL reports RESTRICT as restrict_violation (23001), NO ACTION as foreign_key_violation (23503).
    expect(error?.code).toBe("23001");
    expect(error?.constraint).toBe("Deal_brandId_fkey");
  });
});

describe("demo target roles", () => {
  it("lets the read-only role read data and statistics but never write", async () => {
    const ro = await sessionAs(READ_ONLY_ROLE);
    try {
      const deals = await ro.query(`SELECT count(*)::int AS n FROM "Deal"`);
      expect(deals.rows[0].n).toBe(info.rowCountsBefore["public.Deal"]);
      const stats = await ro.query(`SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'Talent'`);
      expect(stats.rowCount).toBe(1);
      // Lock one: every transaction of the role starts read-only (applied at login; read it from the catalog).
      const setting = await ro.query(
        `SELECT setconfig FROM pg_db_role_setting WHERE setrole = $1::regrole AND setdatabase = 0`,
        [READ_ONLY_ROLE],
      );
      expect(setting.rows[0]?.setconfig).toContain("default_transaction_read_only=on");
      // Lock two: even in a read-write transaction the role has no write privilege.
      for (const sql of [
        `INSERT INTO "Tag" (id, name, color, "updatedAt") VALUES ('tag_x', 'x', '#000000', now())`,
        `UPDATE "Deal" SET title = 'x'`,
        `DELETE FROM "Tag"`,
        `TRUNCATE "PostMetric"`,
      ]) {
        await ro.query("BEGIN READ WRITE");
        expect(await sqlState(ro.query(sql)), sql).toBe("42501");
        await ro.query("ROLLBACK");
      }
      const role = await ro.query(
        "SELECT rolsuper, rolcreaterole, rolcreatedb, rolcanlogin FROM pg_roles WHERE rolname = current_user",
      );
      expect(role.rows[0]).toEqual({
        rolsuper: false,
        rolcreaterole: false,
        rolcreatedb: false,
        rolcanlogin: true,
      });
      const memberships = await ro.query(
        `SELECT array_agg(r.rolname::text ORDER BY r.rolname) AS roles
         FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid WHERE m.member = $1::regrole`,
        [READ_ONLY_ROLE],
      );
      expect(memberships.rows[0].roles).toEqual(["pg_read_all_data", "pg_read_all_stats"]);
    } finally {
      await ro.end();
    }
  });

  it("lets the privileged role write and install capture triggers, without being superuser", async () => {
    const rw = await sessionAs(PRIVILEGED_ROLE);
    try {
      const role = await rw.query("SELECT rolsuper, rolcanlogin FROM pg_roles WHERE rolname = current_user");
      expect(role.rows[0]).toEqual({ rolsuper: false, rolcanlogin: true });
      await rw.query("BEGIN");
      const inserted = await rw.query(
        `INSERT INTO "Tag" (id, name, color, "updatedAt") VALUES ('tag_restore_probe', 'restore-probe', '#112233', now())`,
      );
      expect(inserted.rowCount).toBe(1);
      // A serial id: needs the sequence privilege too.
      await rw.query(
        `INSERT INTO "ActivityLog" (entity, "entityId", action, "updatedAt") VALUES ('Tag', 'x', 'probe', now())`,
      );
      expect((await rw.query(`UPDATE "Deal" SET title = title WHERE id = 'deal_000001'`)).rowCount).toBe(1);
      await rw.query("CREATE SCHEMA capture_probe");
      await rw.query(
        `CREATE FUNCTION capture_probe.on_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`,
      );
      await rw.query(
        `CREATE TRIGGER capture_probe AFTER DELETE ON "Deal" FOR EACH ROW EXECUTE FUNCTION capture_probe.on_delete()`,
      );
      await rw.query("ROLLBACK");
    } finally {
      await rw.end();
    }
  });
});

describe("incident replay", () => {
  it("deletes both users, wipes Talent and everything below it, and re-creates lila and admin with new ids", async () => {
    const usersSql = `SELECT id, email, role, "createdAt" AT TIME ZONE 'UTC' AS "createdAt" FROM "User" ORDER BY "createdAt"`;
    const roleSql = `SELECT rolname, rolsuper, rolcanlogin, rolcreaterole, rolcreatedb, rolconfig FROM pg_roles
                     WHERE rolname IN ($1, $2) ORDER BY rolname`;
    type UserRow = { id: string; email: string; role: string; createdAt: Date };
    const usersBefore = (await admin.query<UserRow>(usersSql)).rows;
    const rolesBefore = (await admin.query(roleSql, [READ_ONLY_ROLE, PRIVILEGED_ROLE])).rows;

    const result = await replayIncident({ url: databaseUrl(serverUrl(), info.database) });
    const before = info.rowCountsBefore;
    const after = result.rowCountsAfter;
    expect(result.deletedUsers).toBe(2);
    expect(result.recreatedUsers).toEqual(["lila@thebreakco.com", "admin@thebreakco.com"]);
    const at = Date.parse(result.at);
    expect(Number.isNaN(at)).toBe(false);

    // User is "intact" by count — the report's Executive Summary — though every row in it is new.
    expect(before["public.User"]).toBe(2);
    expect(after["public.User"]).toBe(2);
    const usersAfter = (await admin.query<UserRow>(usersSql)).rows;
    expect(usersAfter.map(({ email, role }) => ({ email, role }))).toEqual([
      { email: "lila@thebreakco.com", role: "SUPERADMIN" },
      { email: "admin@thebreakco.com", role: "ADMIN" },
    ]);
    for (const user of usersAfter) {
      const old = usersBefore.find((u) => u.email === user.email)!;
      expect(user.id).toMatch(/^c[0-9a-z]{24}$/);
      expect(user.id).not.toBe(old.id);
      expect(user.createdAt.getTime()).toBeGreaterThan(old.createdAt.getTime());
      // Created after the delete began (the column keeps milliseconds, now() microseconds).
      expect(user.createdAt.getTime()).toBeGreaterThanOrEqual(Math.floor(at));
    }
    expect(usersAfter[1]!.createdAt.getTime()).toBeGreaterThan(usersAfter[0]!.createdAt.getTime());

    expect(before["public.Talent"]).toBeGreaterThan(0);
    expect(before["public.Deal"]).toBeGreaterThan(0);
    for (const table of [
      "Talent",
      "Deal",
      "ExternalSocialProfile",
      "Payment",
      "PostMetric",
      "DeliverableRevision",
      "Notification",
      "Account",
      "Session",
    ]) {
      expect(before[`public.${table}`], table).toBeGreaterThan(0);
      expect(after[`public.${table}`], table).toBe(0);
    }
    for (const table of ["Brand", "Currency", "BillingAccount", "Tag", "ActivityLog", "_prisma_migrations"]) {
      expect(after[`public.${table}`], table).toBe(before[`public.${table}`]);
    }
    // ActivityLog.userId is ON DELETE SET NULL: the log survives without its authors.
    expect((await one<{ n: number }>(`SELECT count("userId")::int AS n FROM "ActivityLog"`)).n).toBe(0);
    expect(after["public.Campaign"]).toBeUndefined();
    const missing = await one<{ oid: string | null }>(`SELECT to_regclass('public."Campaign"')::text AS oid`);
    expect(missing.oid).toBeNull();
    expect((await admin.query(roleSql, [READ_ONLY_ROLE, PRIVILEGED_ROLE])).rows).toEqual(rolesBefore);
  });
});
