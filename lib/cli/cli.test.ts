import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closureByName, computeCascadeClosure } from "../graph/closure";
import { buildGraph } from "../graph/graph";
import { findFreePort } from "../embedded/ports";
import { connectReadOnly } from "../introspect/connect";
import { FIXTURE_SCHEMA_SQL } from "../introspect/fixture-schema";
import { introspect } from "../introspect/introspect";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { runCli } from "./cli-test-helpers";

let db: ScratchDatabase;

beforeAll(async () => {
  db = await createScratchDatabase("cli");
  await db.admin.query(FIXTURE_SCHEMA_SQL);
  await db.admin.query(`create table public.y (id int primary key); insert into public.y values (1)`);
});

afterAll(async () => {
  await db?.drop();
});

describe("incident-room graph", () => {
  it("prints the documented JSON shape, equal to the engine's own reading", async () => {
    const run = await runCli(["graph", "--url", db.url, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(["tables", "foreignKeys", "cascadeClosure"]);
    for (const table of json.tables) {
      expect(Object.keys(table)).toEqual(["name", "kind", "partitionOf", "primaryKey", "estimatedRows"]);
    }
    for (const fk of json.foreignKeys) {
      expect(Object.keys(fk)).toEqual([
        "name",
        "child",
        "childColumns",
        "parent",
        "parentColumns",
        "onDelete",
        "onUpdate",
        "deferrable",
        "validated",
        "indexed",
      ]);
    }
    expect(json.tables).toContainEqual({
      name: "public.event_2026",
      kind: "partition",
      partitionOf: "public.event",
      primaryKey: ["id", "at"],
      estimatedRows: 0,
    });
    expect(json.foreignKeys).toContainEqual({
      name: "membership_note_member_fkey",
      child: "public.membership_note",
      childColumns: ["m_seq", "m_acct"],
      parent: "public.member",
      parentColumns: ["seq", "account_id"],
      onDelete: "CASCADE",
      onUpdate: "NO ACTION",
      deferrable: false,
      validated: true,
      indexed: true,
    });
    const client = await connectReadOnly(db.url);
    try {
      const catalog = await introspect(client);
      expect(json.cascadeClosure).toEqual(closureByName(computeCascadeClosure(buildGraph(catalog))));
      expect(json.tables).toHaveLength(catalog.tables.length);
      expect(json.foreignKeys).toHaveLength(catalog.foreignKeys.length);
    } finally {
      await client.end();
    }
  });

  it("prints readable tables without --json, quoted names included", async () => {
    const run = await runCli(["graph", "--url", db.url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Sales Ops.Deal "Q1"');
    expect(run.stdout).toMatch(/membership_note_member_fkey\s+public\.membership_note \(m_seq, m_acct\)/);
    expect(run.stdout).toMatch(/public\.account\s+public\.event_2026, public\.member, public\.event_tag/);
  });

  it("reads a configured target from TARGET_<ID>_READ_ONLY_URL and limits to --schema", async () => {
    const run = await runCli(["graph", "--target", "sales-db", "--schema", "Sales Ops", "--json"], {
      TARGET_SALES_DB_READ_ONLY_URL: db.url,
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).tables.map((t: { name: string }) => t.name)).toEqual([
      'Sales Ops.Deal "Q1"',
      "Sales Ops.User",
    ]);
  });
});

describe("incident-room check", () => {
  it("exits 1 and prints every CASCADE path that reaches a critical table", async () => {
    const run = await runCli([
      "check",
      "--url",
      db.url,
      "--critical",
      "public.membership_note,public.login_web",
    ]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n").filter((l) => l.startsWith("  "));
    expect(lines.map((l) => l.trim())).toEqual([
      "public.account -[member_account_id_fkey CASCADE]-> public.member -[login_member_fkey CASCADE]-> public.login_web",
      "public.member -[login_member_fkey CASCADE]-> public.login_web",
      "public.account -[member_account_id_fkey CASCADE]-> public.member -[membership_note_member_fkey CASCADE]-> public.membership_note",
      "public.member -[membership_note_member_fkey CASCADE]-> public.membership_note",
    ]);
  });

  it("limits paths to --from tables", async () => {
    const run = await runCli([
      "check",
      "--url",
      db.url,
      "--critical",
      "public.membership_note",
      "--from",
      "public.account",
      "--json",
    ]);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.paths.map((p: { from: string; steps: unknown[] }) => [p.from, p.steps.length])).toEqual([
      ["public.account", 2],
    ]);
  });

  it("exits 0 when no cascade reaches the critical tables, and answers JSON", async () => {
    const run = await runCli([
      "check",
      "--url",
      db.url,
      "--critical",
      '"Sales Ops"."User",public.audit',
      "--json",
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      critical: ["Sales Ops.User", "public.audit"],
      ok: true,
      paths: [],
      truncated: false,
    });
  });
});

describe("exit code 2", () => {
  it("for a bad URL, an unreachable server, an unconfigured target and missing options", async () => {
    const bad = await runCli(["graph", "--url", "not a url"]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining("bad --url")]);
    const scheme = await runCli(["graph", "--url", "mysql://u@localhost/x"]);
    expect([scheme.code, scheme.stderr]).toEqual([2, expect.stringContaining("postgres://")]);
    const port = await findFreePort();
    const down = await runCli([
      "check",
      "--url",
      `postgres://u:hunter2@127.0.0.1:${port}/x`,
      "--critical",
      "a.b",
    ]);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain("cannot connect");
    expect(down.stderr).not.toContain("hunter2");
    const target = await runCli(["graph", "--target", "nowhere"]);
    expect([target.code, target.stderr]).toEqual([
      2,
      expect.stringContaining("TARGET_NOWHERE_READ_ONLY_URL"),
    ]);
    const missing = await runCli(["check", "--url", db.url]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("missing --critical")]);
    const unknown = await runCli(["graph", "--url", db.url, "--frobnicate"]);
    expect(unknown.code).toBe(2);
    const command = await runCli(["explode"]);
    expect([command.code, command.stderr]).toEqual([2, expect.stringContaining('unknown command "explode"')]);
  });

  it("for an unknown table, injection attempts included, which stay data", async () => {
    const run = await runCli(["check", "--url", db.url, "--critical", 'public.x"; drop table public.y; --']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown table");
    const quoted = await runCli([
      "check",
      "--url",
      db.url,
      "--critical",
      '"public"."y""; drop table public.y; --"',
    ]);
    expect(quoted.code).toBe(2);
    expect(quoted.stderr).toContain("unknown table");
    const near = await runCli(["check", "--url", db.url, "--critical", "sales ops.user"]);
    expect([near.code, near.stderr]).toEqual([2, expect.stringContaining("did you mean Sales Ops.User")]);
    const still = await db.admin.query(`select count(*)::int as n from public.y`);
    expect(still.rows[0].n).toBe(1);
  });
});
