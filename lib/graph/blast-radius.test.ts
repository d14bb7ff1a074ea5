import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectReadOnly } from "../introspect/connect";
import { introspect } from "../introspect/introspect";
import type { Catalog } from "../introspect/types";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import {
  ALL_FIXTURES,
  CYCLE,
  DIAMOND,
  KEYS,
  LINEAR,
  NOT_NULL,
  NO_PK,
  ON_UPDATE,
  PARTITIONS,
  QUOTED,
  RESTRICTS,
  SETS,
  TREE,
  type Fixture,
} from "./blast-fixtures";
import { computeBlastRadius } from "./blast-radius";
import { expectSameAsRealDelete, type Comparison } from "./blast-truth";

let db: ScratchDatabase;
let reader: pg.Client;
let catalog: Catalog;

beforeAll(async () => {
  db = await createScratchDatabase("blast");
  for (const fixture of ALL_FIXTURES) await db.admin.query(fixture.sql);
  reader = await connectReadOnly(db.url, { purpose: "blast-test" });
  catalog = await introspect(reader);
});

afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

const compare = (fixture: Fixture) => expectSameAsRealDelete(db.admin, reader, catalog, fixture.roots);
const outcomes = (results: Comparison[]) => results.map((r) => r.ours.outcome);
const find = (results: Comparison[], table: string, id: string) =>
  results.find((r) => r.root.table === table && Object.values(r.root.key)[0] === id)!;

describe("computeBlastRadius equals the real, rolled-back DELETE", () => {
  it("follows a linear cascade chain", async () => {
    const results = await compare(LINEAR);
    expect(outcomes(results)).toEqual(["deleted", "deleted", "not-found", "deleted", "deleted"]);
    expect(results[0]!.ours.rowsDeletedByTable).toEqual({
      "chain.a": 1,
      "chain.b": 2,
      "chain.c": 4,
      "chain.d": 4,
    });
    expect(results[2]!.ours.rowsDeletedByTable).toEqual({});
  });

  it("counts a row reached along both sides of a diamond once", async () => {
    const results = await compare(DIAMOND);
    expect(results[0]!.ours.rowsDeletedByTable["diamond.bottom"]).toBe(5);
  });

  it("goes around cycles of CASCADE FKs without counting a row twice", async () => {
    const results = await compare(CYCLE);
    expect(results[0]!.ours.rowsDeletedByTable).toEqual({ "cycle.p": 4, "cycle.q": 4, "cycle.r": 4 });
  });

  it("deletes a self-referencing subtree", async () => {
    const results = await compare(TREE);
    expect(results[0]!.ours.rowsDeletedByTable["tree.node"]).toBe(40);
    expect(results[0]!.ours.rowsUpdatedByTable).toEqual({ "tree.tag": 14 });
  });

  it("applies SET NULL and SET DEFAULT in PostgreSQL's order", async () => {
    const results = await compare(SETS);
    expect(outcomes(results)).toEqual([
      "deleted",
      "deleted",
      "blocked",
      "blocked",
      "deleted",
      "deleted",
      "deleted",
      "deleted",
      "deleted",
    ]);
    // p 1: SET DEFAULT writes 1 into rows that referenced 1, and the inline NO ACTION re-check fails.
    expect(results[2]!.ours.blockedBy).toEqual([{ constraint: "c_def_p_id_fkey", table: "sets.c_def" }]);
    // q 1: the default 999 has no parent row.
    expect(results[3]!.ours.blockedBy).toEqual([
      { constraint: "c_missing_q_id_fkey", table: "sets.c_missing" },
    ]);
    // r: a's cascade runs first, so m 1 is set null, then deleted by b's cascade: deleted, not updated.
    const r = find(results, "sets.r", "1").ours;
    expect([
      r.rowsDeletedByTable["sets.m"],
      r.rowsUpdatedByTable["sets.m"],
      r.updateOperationsByTable["sets.m"],
    ]).toEqual([2, 1, 2]);
    // r2: b2's cascade runs first; m2 1 is gone before SET NULL looks for it.
    const r2 = find(results, "sets.r2", "1").ours;
    expect([
      r2.rowsDeletedByTable["sets.m2"],
      r2.rowsUpdatedByTable["sets.m2"],
      r2.updateOperationsByTable["sets.m2"],
    ]).toEqual([2, 1, 1]);
    // Overlapping FK columns: whichever action runs first decides whether o survives.
    expect(find(results, "sets.s", "1").ours.rowsUpdatedByTable).toEqual({ "sets.o": 1 });
    expect(find(results, "sets.s2", "1").ours.rowsDeletedByTable["sets.o2"]).toBe(1);
  });

  it("fails where a RESTRICT or immediate NO ACTION check fires before the cascade arrives", async () => {
    const results = await compare(RESTRICTS);
    expect(outcomes(results)).toEqual([
      ...["blocked", "blocked", "blocked", "deleted"], // root 1-4
      ...["deleted", "deleted", "deleted"], // root2 1-3: the cascade comes first
      ...["blocked", "blocked", "deleted", "blocked", "blocked", "blocked"], // top 1-6
    ]);
    expect(results.map((r) => r.ours.blockedBy[0]?.constraint ?? null)).toEqual([
      ...["c_b_id_fkey", "c3_b_id_fkey", "c_b_id_fkey", null],
      ...[null, null, null],
      ...[
        "e_held_id_fkey",
        "e_na_held_id_fkey",
        null,
        "e_rdef_held_id_fkey",
        "e_left_held_id_fkey",
        "direct_top_id_fkey",
      ],
    ]);
  });

  it("matches composite keys and keys onto a non-primary unique index", async () => {
    const results = await compare(KEYS);
    expect(results[0]!.ours.rowsDeletedByTable).toEqual({
      "keys.account": 2,
      "keys.member": 2,
      "keys.org": 1,
    });
    expect(results[0]!.ours.rowsUpdatedByTable).toEqual({ "keys.note": 2 });
    expect(results[4]!.ours.rowsDeletedByTable).toEqual({ "keys.badge": 1, "keys.badge_use": 2 });
    // badge 3 has a NULL email: nothing can reference it, and no RI event is even queued.
    expect(results[5]!.ours.rowsDeletedByTable).toEqual({ "keys.badge": 1 });
  });

  it("reports partitioned rows under their partitions, including FKs on one partition only", async () => {
    const results = await compare(PARTITIONS);
    expect(results[0]!.ours.rowsDeletedByTable).toEqual({
      "parts.account_eu": 1,
      "parts.account_us": 1,
      "parts.e_click": 1,
      "parts.e_login": 1,
      "parts.e_other": 1,
      "parts.invoice": 3,
      "parts.users": 1,
    });
    // users 3 owns account 4 (us), held by a RESTRICT FK onto the partitioned table: PostgreSQL
    // names the constraint cloned for the partition.
    expect(results[2]!.ours.outcome).toBe("blocked");
    expect(results[2]!.ours.blockedBy[0]!.constraint).toMatch(/^hold_account_id_region_fkey/);
    expect(results[3]!.ours.rowsDeletedByTable).toEqual({ "parts.e_click": 2, "parts.target": 1 });
  });

  it("tells identical rows of a table without a primary key apart", async () => {
    const results = await compare(NO_PK);
    expect(results[0]!.ours.rowsDeletedByTable).toEqual({ "nopk.log": 3, "nopk.parent": 1 });
    expect(results[0]!.ours.rowsUpdatedByTable).toEqual({ "nopk.ref": 2 });
  });

  it("handles capitals, spaces, dots and quotes in identifiers", async () => {
    const results = await compare(QUOTED);
    expect(results[0]!.ours.rowsDeletedByTable).toEqual({
      'Sales Ops.Deal "Q1"': 2,
      "Sales Ops.User": 1,
      "Sales Ops.line.item": 3,
    });
  });

  it("fails on SET NULL into a NOT NULL column unless a cascade removed the row first", async () => {
    const results = await compare(NOT_NULL);
    expect(outcomes(results)).toEqual(["blocked", "deleted", "deleted", "blocked", "blocked"]);
    expect(results[0]!.ours.blockedBy).toEqual([{ constraint: "c_p_id_fkey", table: "nn.c" }]);
  });

  it("fires the ON UPDATE check of FKs onto a key that SET NULL changes", async () => {
    const results = await compare(ON_UPDATE);
    // users 3: users' SET NULL on membership sorts before its cascade to note, but the ON UPDATE
    // RESTRICT check it queues fires a cycle later, after the cascade removed the note.
    expect(outcomes(results)).toEqual(["blocked", "blocked", "deleted", "deleted"]);
    expect(results.map((r) => r.ours.blockedBy[0]?.constraint ?? null)).toEqual([
      "grant_na_user_id_org_fkey",
      "grant_def_user_id_org_fkey",
      null,
      null,
    ]);
  });
});

describe("computeBlastRadius refuses what it cannot replay exactly", () => {
  it("refuses an ON UPDATE CASCADE fired by SET NULL, and BEFORE row triggers", async () => {
    await db.admin.query(`
      create schema refuse;
      create table refuse.users (id int primary key);
      create table refuse.membership (id int primary key, user_id int references refuse.users on delete set null,
                                      org int not null, unique (user_id, org));
      create table refuse.grants (id int primary key, user_id int, org int,
        foreign key (user_id, org) references refuse.membership (user_id, org) on update cascade);
      insert into refuse.users values (1), (2);
      insert into refuse.membership values (1, 1, 10), (2, 2, 10);
      insert into refuse.grants values (1, 1, 10);
      create table refuse.soft (id int primary key, user_id int references refuse.users on delete cascade);
      insert into refuse.soft values (1, 2);
      create function refuse.keep() returns trigger language plpgsql as 'begin return null; end';
      create trigger keep before delete on refuse.soft for each row execute function refuse.keep();`);
    const current = await introspect(reader);
    await expect(
      computeBlastRadius(reader, current, { table: "refuse.users", key: { id: "1" } }),
    ).rejects.toMatchObject({
      code: "UNSUPPORTED",
      message: expect.stringContaining("ON UPDATE CASCADE"),
    });
    await expect(
      computeBlastRadius(reader, current, { table: "refuse.users", key: { id: "2" } }),
    ).rejects.toMatchObject({
      code: "UNSUPPORTED",
      message: expect.stringContaining("BEFORE DELETE"),
    });
  });
});

describe("computeBlastRadius input", () => {
  it("rejects unknown tables, unknown columns and empty keys with typed errors", async () => {
    await expect(
      computeBlastRadius(reader, catalog, { table: "chain.nope", key: { id: "1" } }),
    ).rejects.toMatchObject({
      name: "BlastRadiusInputError",
      code: "UNKNOWN_TABLE",
    });
    await expect(
      computeBlastRadius(reader, catalog, { table: "chain.a", key: { nope: "1" } }),
    ).rejects.toMatchObject({
      code: "UNKNOWN_COLUMN",
    });
    await expect(computeBlastRadius(reader, catalog, { table: "chain.a", key: {} })).rejects.toMatchObject({
      code: "BAD_KEY",
    });
    await expect(
      computeBlastRadius(reader, catalog, { table: "chain.a", key: { id: "one" } }),
    ).rejects.toMatchObject({
      code: "BAD_KEY",
    });
    // The connection is usable afterwards: the failed transaction was rolled back.
    const after = await computeBlastRadius(reader, catalog, { table: "chain.a", key: { id: "2" } });
    expect(after.outcome).toBe("deleted");
  });

  it("treats injection attempts through the table and the key as data", async () => {
    await db.admin.query(
      `create table public.x (id int primary key, name text); insert into public.x values (1, 'a')`,
    );
    const current = await introspect(reader);
    const attempts = [
      computeBlastRadius(reader, current, { table: 'public.x"; drop table x; --', key: { id: "1" } }),
      computeBlastRadius(reader, current, { table: "public.x", key: { 'id"; drop table x; --': "1" } }),
    ];
    await expect(attempts[0]).rejects.toMatchObject({ code: "UNKNOWN_TABLE" });
    await expect(attempts[1]).rejects.toMatchObject({ code: "UNKNOWN_COLUMN" });
    const asText = await computeBlastRadius(reader, current, {
      table: "public.x",
      key: { name: "1'); drop table x; --" },
    });
    expect(asText.outcome).toBe("not-found");
    await expect(
      computeBlastRadius(reader, current, { table: "public.x", key: { id: "1'); drop table x; --" } }),
    ).rejects.toMatchObject({ code: "BAD_KEY" });
    const still = await db.admin.query(`select count(*)::int as n from public.x`);
    expect(still.rows[0].n).toBe(1);
  });

  it("stops at the row cap and says the counts are lower bounds", async () => {
    const capped = await computeBlastRadius(reader, catalog, {
      table: "tree.node",
      key: { id: "1" },
      rowCap: 10,
    });
    expect(capped.truncated).toEqual({ rowCap: 10 });
    const counted = Object.values(capped.rowsDeletedByTable).reduce((a, b) => a + b, 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(10);
    const full = await computeBlastRadius(reader, catalog, { table: "tree.node", key: { id: "1" } });
    expect(full.truncated).toBeUndefined();
    expect(full.rowsDeletedByTable["tree.node"]).toBe(40);
  });

  it("applies the statement timeout", async () => {
    await db.admin.query(
      `create table public.big (id int, v int); insert into public.big select g, g from generate_series(1, 400000) g`,
    );
    const current = await introspect(reader);
    await expect(
      computeBlastRadius(reader, current, { table: "public.big", key: { v: "-1" }, statementTimeoutMs: 1 }),
    ).rejects.toMatchObject({ code: "TIMEOUT" });
    const unbounded = await computeBlastRadius(reader, current, { table: "public.big", key: { v: "-1" } });
    expect(unbounded.outcome).toBe("not-found");
  });

  it("runs read-only: the connection cannot write, and is left outside any transaction", async () => {
    await expect(reader.query(`delete from chain.d`)).rejects.toMatchObject({ code: "25006" });
    await computeBlastRadius(reader, catalog, { table: "chain.a", key: { id: "1" } });
    const state = await reader.query(`select now() = statement_timestamp() as fresh`);
    expect(state.rows[0].fresh).toBe(true);
  });
});
