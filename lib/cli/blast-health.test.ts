import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_SCHEMA_SQL } from "../introspect/fixture-schema";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { runCli } from "./cli-test-helpers";

let db: ScratchDatabase;

const DATA = `
  insert into public.account values (0, 'zero', 'eu'), (1, 'one', 'eu'), (2, 'two', 'us');
  insert into public.member select 1, g, 'm' || g from generate_series(1, 3) g;
  insert into public.membership_note (m_seq, m_acct) select g % 3 + 1, 1 from generate_series(1, 5) g;
  insert into public.login values (1, 1, 'web'), (1, 2, 'app'), (1, 2, 'web');
  insert into public.account_alias (account_code) values ('one'), ('one'), ('two');
  insert into public.event values (1, 1, '2025-05-01'), (2, 1, '2026-05-01'), (3, 1, '2026-06-01');
  insert into public.event_tag values (2, '2026-05-01', 'x'), (3, '2026-06-01', 'y');
  insert into billing.invoice values (1, 1), (2, 1);
  insert into public.audit values (1, 2, 'login');
  create table public.y (id int primary key);
  insert into public.y values (1);
  analyze;`;

beforeAll(async () => {
  db = await createScratchDatabase("cliblast");
  await db.admin.query(FIXTURE_SCHEMA_SQL);
  await db.admin.query(DATA);
});

afterAll(async () => {
  await db?.drop();
});

/**
 * Rows PostgreSQL really deletes and updates per table, from a DELETE rolled back. Counted as the
 * difference around the statement: pg_stat_xact_* also holds a backend's not-yet-flushed counts
 * of earlier transactions.
 */
async function truth(sql: string) {
  const read = async () => {
    const stats = await db.admin.query<{ name: string; del: string; upd: string }>(
      `select schemaname || '.' || relname as name, n_tup_del as del, n_tup_upd as upd from pg_stat_xact_user_tables`,
    );
    return new Map(stats.rows.map((r) => [r.name, { del: Number(r.del), upd: Number(r.upd) }]));
  };
  await db.admin.query("begin");
  try {
    const before = await read();
    await db.admin.query(sql);
    const after = await read();
    const deleted: Record<string, number> = {};
    const updated: Record<string, number> = {};
    for (const [name, now] of after) {
      const was = before.get(name) ?? { del: 0, upd: 0 };
      if (now.del > was.del) deleted[name] = now.del - was.del;
      if (now.upd > was.upd) updated[name] = now.upd - was.upd;
    }
    return { deleted, updated };
  } finally {
    await db.admin.query("rollback");
  }
}

describe("incident-room blast", () => {
  it("answers the documented JSON shape, equal to the real DELETE rolled back", async () => {
    const run = await runCli([
      "blast",
      "--url",
      db.url,
      "--table",
      "public.account",
      "--key",
      "id=1",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual([
      "root",
      "outcome",
      "rowsDeletedByTable",
      "rowsUpdatedByTable",
      "blockedBy",
      "elapsedMs",
    ]);
    expect(json.root).toEqual({ table: "public.account", key: { id: "1" } });
    expect(json.outcome).toBe("deleted");
    const real = await truth(`delete from public.account where id = 1`);
    expect(json.rowsDeletedByTable).toEqual(real.deleted);
    expect(json.rowsDeletedByTable).toMatchObject({
      "public.account": 1,
      "public.login_web": 2,
      "public.event_2026": 2,
    });
    expect(json.rowsUpdatedByTable).toEqual({ "billing.invoice": 2, "public.account_alias": 2 });
    expect(json.blockedBy).toEqual([]);
    expect(typeof json.elapsedMs).toBe("number");
  });

  it("reports a blocked delete, a missing row, and composite keys", async () => {
    const blocked = JSON.parse(
      (await runCli(["blast", "--url", db.url, "--table", "public.account", "--key", "id=2", "--json"]))
        .stdout,
    );
    expect(blocked.outcome).toBe("blocked");
    expect(blocked.blockedBy.map((b: { constraint: string }) => b.constraint)).toContain(
      "audit_account_fkey",
    );
    // RESTRICT raises restrict_violation (23001) from PostgreSQL 18, foreign_key_violation (23503) before.
    const version = await db.admin.query<{ n: number }>(
      `select current_setting('server_version_num')::int as n`,
    );
    await expect(truth(`delete from public.account where id = 2`)).rejects.toMatchObject({
      code: version.rows[0]!.n >= 180000 ? "23001" : "23503",
    });

    const missing = JSON.parse(
      (await runCli(["blast", "--url", db.url, "--table", "public.account", "--key", "id=424242", "--json"]))
        .stdout,
    );
    expect(missing.outcome).toBe("not-found");

    const composite = await runCli([
      "blast",
      "--url",
      db.url,
      "--table",
      '"public"."member"',
      "--key",
      "account_id=1",
      "--key",
      "seq=2",
    ]);
    expect(composite.code).toBe(0);
    expect(composite.stdout).toContain('DELETE FROM public.member WHERE account_id = "1" AND seq = "2"');
    const real = await truth(`delete from public.member where account_id = 1 and seq = 2`);
    expect(composite.stdout).toContain(
      `would delete ${Object.values(real.deleted).reduce((a, b) => a + b, 0)} row(s)`,
    );
  });

  it("exits 2 for malformed keys, unknown tables and columns, and treats injection attempts as data", async () => {
    const cases: [string[], string][] = [
      [["--table", "public.account", "--key", "id"], "malformed --key"],
      [["--table", "public.account", "--key", "=1"], "malformed --key"],
      [["--table", "public.account"], "missing --key"],
      [["--table", 'public.x"; drop table public.y; --', "--key", "id=1"], "unknown table"],
      [["--table", "public.account", "--key", 'id" = 1 or "id=1'], "unknown column"],
      [["--table", "public.account", "--key", "id=1; drop table public.y; --"], "not valid"],
      [["--table", "public.account", "--key", "id=1", "--row-cap", "0"], "--row-cap"],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(["blast", "--url", db.url, ...args]);
      expect([run.code, run.stderr], args.join(" ")).toEqual([2, expect.stringContaining(message)]);
    }
    const still = await db.admin.query(`select count(*)::int as n from public.y`);
    expect(still.rows[0].n).toBe(1);
  });
});

describe("incident-room health", () => {
  it("answers the documented JSON shape with exact counts for small tables", async () => {
    const run = await runCli(["health", "--url", db.url, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(["sampledAt", "tables"]);
    expect(new Date(json.sampledAt).toISOString()).toBe(json.sampledAt);
    for (const t of json.tables) {
      expect(Object.keys(t)).toEqual([
        "name",
        "rows",
        "rowsExact",
        "liveTuples",
        "deletedTuples",
        "insertedTuples",
        "sizeBytes",
        "lastActivityAt",
      ]);
    }
    const account = json.tables.find((t: { name: string }) => t.name === "public.account");
    expect(account).toMatchObject({ rows: 3, rowsExact: true });
    const quoted = json.tables.find((t: { name: string }) => t.name === 'Sales Ops.Deal "Q1"');
    expect(quoted).toMatchObject({ rows: 0 });
  });

  it("prints a readable table without --json", async () => {
    const run = await runCli(["health", "--url", db.url, "--schema", "billing"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/billing\.invoice\s+2\s/);
    expect(run.stdout).not.toContain("public.account");
  });
});
