import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectReadOnly, type Queryable } from "../introspect/connect";
import { introspect } from "../introspect/introspect";
import type { Catalog } from "../introspect/types";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { DEMO_LIKE_ROOTS, DEMO_LIKE_SQL } from "./blast-demo-fixture";
import { explainFastPath } from "./blast-fast-path";
import { ALL_FIXTURES, type Fixture } from "./blast-fixtures";
import { computeBlastRadiusDetailed, type DetailedBlastRadiusResult } from "./blast-radius";
import { randomSchema } from "./blast-random-schema";
import { runRealDelete, type RealDelete, type RootSpec } from "./blast-truth";

/** Rows updated by two SET NULLs: safe when the FK checks the second UPDATE queues find their parents. */
const TWICE: Fixture = {
  name: "two SET NULL FKs on one table",
  sql: `
    create schema twice;
    create table twice.u (id int primary key);
    create table twice.a (id int primary key, u_id int references twice.u on delete cascade);
    create table twice.b (id int primary key, a_id int references twice.a on delete cascade);
    create table twice.w (id int primary key,
      x int references twice.u on delete set null,
      y int references twice.a on delete set null,
      z int references twice.u on delete cascade,
      v int references twice.b on delete cascade);
    insert into twice.u select g from generate_series(1, 4) g;
    insert into twice.a select g, g from generate_series(1, 4) g;
    insert into twice.b select g, g from generate_series(1, 4) g;
    -- u 1: updated twice (generations 1 and 2), its other parents stay: safe
    insert into twice.w values (1, 1, 1, 2, null);
    -- u 3: updated twice, then cascaded from b 3 (deleted in generation 2): the FK check the second
    -- UPDATE queued races with that delete — the order decides, so the fast path must decline
    insert into twice.w values (2, 3, 3, null, 3);
    -- u 4: x set null and deleted through z, both by u 4's triggers in generation 1: they fire in
    -- name (creation) order, SET NULL first on w; w2 has its FKs the other way round
    insert into twice.w values (3, 4, null, 4, null);
    create table twice.w2 (id int primary key, z int references twice.u on delete cascade,
      x int references twice.u on delete set null);
    insert into twice.w2 values (1, 4, 4);
    -- u 5: a 5 and a 6 go in one cascade DELETE; w3 is set null through one, deleted through the
    -- other, in the same generation: heap order decides (declined)
    insert into twice.u values (5);
    insert into twice.a values (5, 5), (6, 5);
    create table twice.w3 (id int primary key, y int references twice.a on delete set null,
      y2 int references twice.a on delete cascade);
    insert into twice.w3 values (1, 5, 6);
    -- u 6: a 7's triggers delete cm 1 (two parents) before py 1, so item 1 is set null through cm 1
    -- and then deleted through py 1, in the same generation (as Commission, Payout and PayoutItem
    -- under a Talent in the demo)
    insert into twice.u values (6);
    insert into twice.a values (7, 6);
    create table twice.cm (id int primary key, a_id int references twice.a on delete cascade,
      u_id int references twice.u on delete cascade);
    create table twice.py (id int primary key, a_id int references twice.a on delete cascade);
    create table twice.item (id int primary key, cm_id int references twice.cm on delete set null,
      py_id int references twice.py on delete cascade);
    insert into twice.cm values (1, 7, null);
    insert into twice.py values (1, 7);
    insert into twice.item values (1, 1, 1);`,
  roots: [1, 2, 3, 4, 5, 6].map((id) => ({ table: "twice.u", key: { id: String(id) } })),
};

/**
 * Self-referencing rows that point at each other, or at themselves, with every row also a seed (its
 * owner is deleted): the shortcut answers these set-based (blast-fast-path-sql.ts); owner 1's rows
 * also reach a row of owner 2 through the self-reference, so the walk runs, finds no top row for
 * the cycle, and declines.
 */
const LOOPS: Fixture = {
  name: "self-referencing rows in cycles",
  sql: `
    create schema loops;
    create table loops.owner (id int primary key);
    create table loops.item (id int primary key,
      owner_id int references loops.owner on delete cascade, parent_id int);
    insert into loops.owner values (1), (2), (3);
    insert into loops.item values (1, 1, 2), (2, 1, 1), (3, 1, null), (4, 2, 3), (5, 2, 5),
      (6, 3, 7), (7, 3, 6), (8, 3, 6);
    alter table loops.item add foreign key (parent_id) references loops.item on delete cascade;`,
  roots: [1, 2, 3].map((id) => ({ table: "loops.owner", key: { id: String(id) } })),
};

const SEEDS = [7, 1234, 90210, 31337, 4242, 2718];

let db: ScratchDatabase;
let reader: pg.Client;
/** A second connection: the fast path's statement is split over both wherever it can be. */
let helper: pg.Client;
let catalog: Catalog;

beforeAll(async () => {
  db = await createScratchDatabase("blastfast");
  for (const fixture of [...ALL_FIXTURES, TWICE, LOOPS]) await db.admin.query(fixture.sql);
  await db.admin.query(DEMO_LIKE_SQL);
  for (const seed of SEEDS) await db.admin.query(randomSchema(seed).sql);
  reader = await connectReadOnly(db.url, { purpose: "blast-test" });
  helper = await connectReadOnly(db.url, { purpose: "blast-test" });
  catalog = await introspect(reader);
});

afterAll(async () => {
  await reader?.end();
  await helper?.end();
  await db?.drop();
});

interface Checked {
  root: RootSpec;
  truth: RealDelete;
  auto: DetailedBlastRadiusResult;
}

const view = (r: DetailedBlastRadiusResult) => ({
  outcome: r.outcome,
  deleted: r.rowsDeletedByTable,
  updated: r.rowsUpdatedByTable,
  updateOperations: r.updateOperationsByTable,
});
const truthView = (t: RealDelete) => ({
  outcome: t.outcome,
  deleted: t.deleted,
  updated: t.updated,
  updateOperations: t.updateOperations,
});

/**
 * Each root four ways: the real DELETE (rolled back), the default path (fast path where it applies),
 * the same with its statement split over two connections, and the replay alone. Every computed
 * answer must equal the real one. Unsupported paths (the replay refuses them) are skipped: the fast
 * path must have declined those too.
 */
async function check(roots: RootSpec[]): Promise<Checked[]> {
  const out: Checked[] = [];
  for (const root of roots) {
    const label = `${root.table} ${JSON.stringify(root.key)}`;
    const truth = await runRealDelete(db.admin, root);
    const request = { table: root.table, key: root.key };
    const replay = await computeBlastRadiusDetailed(reader, catalog, request, { fastPath: false }).catch(
      (e: { code?: string }) => (e.code === "UNSUPPORTED" ? null : Promise.reject(e)),
    );
    const auto = await computeBlastRadiusDetailed(reader, catalog, request).catch((e: { code?: string }) =>
      e.code === "UNSUPPORTED" ? null : Promise.reject(e),
    );
    if (!replay || !auto) {
      expect(auto, label).toBeNull();
      continue;
    }
    expect(replay.method, label).toBe("replay");
    expect(view(replay), `replay: ${label}`).toEqual(truthView(truth));
    expect(view(auto), `${auto.method}: ${label} ${auto.fastPathDeclined ?? ""}`).toEqual(truthView(truth));
    const split = await computeBlastRadiusDetailed(reader, catalog, request, { helper, splitMinRows: 0 });
    expect(split.method, `split: ${label}`).toBe(auto.method);
    expect(view(split), `split: ${label}`).toEqual(truthView(truth));
    if (auto.method === "set-based") expect(auto.blockedBy, label).toEqual([]);
    out.push({ root, truth, auto });
  }
  return out;
}

const methodOf = (results: Checked[], table: string, id: string) =>
  results.find((r) => r.root.table === table && Object.values(r.root.key)[0] === id)?.auto.method;

const table = (name: string) => catalog.tables.find((t) => t.name === name)!;

describe("blast-radius fast path", () => {
  it("equals the real DELETE on every fixture root where it applies", async () => {
    const results = await check([...ALL_FIXTURES, TWICE, LOOPS].flatMap((f) => f.roots));
    const fast = results.filter((r) => r.auto.method === "set-based");
    // Where it must apply: chains, diamonds, a self-reference, composite and non-primary keys,
    // rows without a primary key, quoted names, SET NULL beside CASCADE on other columns, a SET NULL
    // and a CASCADE reaching one row in one generation through one ancestor row's triggers.
    for (const [t, id] of [
      ["chain.a", "1"],
      ["chain.a", "99"],
      ["diamond.top", "1"],
      ["tree.node", "1"],
      ["tree.node", "n14"],
      ["keys.org", "1"],
      ["keys.badge", "1"],
      ["nopk.parent", "1"],
      ["nopk.log", "same"],
      ["Sales Ops.User", "u'1"],
      ["restr.root", "4"],
      ["twice.u", "1"],
      ["twice.u", "4"],
      ["twice.u", "6"],
      ["sets.r", "1"],
      ["sets.r2", "1"],
      ["loops.owner", "2"],
      ["loops.owner", "3"],
    ] as const) {
      expect(methodOf(results, t, id), `${t} ${id}`).toBe("set-based");
    }
    // Where the data makes the order matter: a RESTRICT / NO ACTION row in the way, a check queued
    // by a second UPDATE, a SET NULL and a CASCADE reaching one row in one generation in heap order.
    for (const [t, id] of [
      ["restr.root", "1"],
      ["restr.root", "2"],
      ["restr.top", "1"],
      ["restr.top", "3"],
      ["twice.u", "3"],
      ["twice.u", "5"],
      ["loops.owner", "1"],
    ] as const) {
      expect(methodOf(results, t, id), `${t} ${id}`).toBe("replay");
    }
    expect(fast.length).toBeGreaterThanOrEqual(20);
    expect(fast.some((r) => Object.keys(r.auto.rowsUpdatedByTable).length > 0)).toBe(true);
    expect(fast.some((r) => r.auto.outcome === "not-found")).toBe(true);
    const twice = results.find((r) => r.root.table === "twice.u" && r.root.key.id === "1")!;
    expect(twice.auto.updateOperationsByTable).toEqual({ "twice.w": 2 });
    const tie = results.find((r) => r.root.table === "twice.u" && r.root.key.id === "4")!;
    expect(tie.auto.rowsDeletedByTable).toMatchObject({ "twice.w": 1, "twice.w2": 1 });
    expect(tie.auto.updateOperationsByTable).toEqual({ "twice.w": 1 });
    const deep = results.find((r) => r.root.table === "twice.u" && r.root.key.id === "6")!;
    expect(deep.auto.updateOperationsByTable).toEqual({ "twice.item": 1 });
  });

  it("declines before reading for what depends on the order of RI events", async () => {
    for (const [name, reason] of [
      ["cycle.p", /cycle/],
      ["nn.p", /NOT NULL/],
      ["sets.p", /SET DEFAULT/],
      ["sets.s", /also uses/],
      ["parts.users", /partition/],
      ["onupd.users", /references/],
    ] as const) {
      const answer = await explainFastPath(reader, catalog, table(name));
      expect(answer, name).toMatchObject({ applies: false, reason: expect.stringMatching(reason) });
    }
    // RESTRICT / NO ACTION onto the cascade only decline when a row is actually in the way.
    expect(await explainFastPath(reader, catalog, table("restr.root"))).toEqual({ applies: true });
    expect(await explainFastPath(reader, catalog, table("public.User"))).toEqual({ applies: true });
  });

  it("answers the demo-like users set-based, equal to the real DELETE", async () => {
    const results = await check(DEMO_LIKE_ROOTS);
    for (const r of results.filter((x) => x.root.table === "public.User"))
      expect(r.auto.method, JSON.stringify(r.root.key)).toBe("set-based");
    const u1 = results[0]!.auto;
    expect(u1.rowsDeletedByTable).toMatchObject({ "public.User": 1, "public.Talent": 1, "public.Deal": 5 });
    expect(methodOf(results, "public.Brand", "b2")).toBe("replay");
  });

  it("equals the real DELETE on seeded random schemas wherever it applies", async () => {
    const roots = SEEDS.flatMap((seed) => randomSchema(seed).roots);
    const results = await check(roots);
    const fast = results.filter((r) => r.auto.method === "set-based" && r.auto.outcome === "deleted");
    // Guards the generator: enough set-based answers with cascades over several tables.
    expect(
      fast.filter((r) => Object.keys(r.auto.rowsDeletedByTable).length >= 2).length,
    ).toBeGreaterThanOrEqual(10);
    console.info(
      `random schemas: ${results.length} roots, ${fast.length} answered set-based, ` +
        `${results.filter((r) => r.auto.method === "replay").length} replayed`,
    );
  });

  it("hands the helper back outside any transaction, and answers alone when it cannot join", async () => {
    const request = { table: "public.User", key: { id: DEMO_LIKE_ROOTS[0]!.key.id! } };
    const alone = await computeBlastRadiusDetailed(reader, catalog, request);
    const split = await computeBlastRadiusDetailed(reader, catalog, request, { helper, splitMinRows: 0 });
    expect(view(split)).toEqual(view(alone));
    // Still inside the imported REPEATABLE READ transaction, it would say so.
    const after = await helper.query<{ level: string; halves: number }>(
      "select current_setting('transaction_isolation') as level," +
        " (select count(*)::int from pg_prepared_statements where name like 'ir_blast_%') as halves",
    );
    expect(after.rows[0]).toEqual({ level: "read committed", halves: expect.any(Number) });
    expect(after.rows[0]!.halves).toBeGreaterThan(0); // the helper did run its half

    const closed = await connectReadOnly(db.url, { purpose: "blast-test" });
    await closed.end();
    const fallback = await computeBlastRadiusDetailed(reader, catalog, request, {
      helper: closed,
      splitMinRows: 0,
    });
    expect(view(fallback)).toEqual(view(alone));
    expect(fallback.method).toBe("set-based");

    // Joined, then lost while running its half: that half runs on the main connection.
    let halvesRefused = 0;
    const dropping: Queryable = {
      query: ((config: unknown) => {
        if (typeof config === "object" && config !== null && "name" in config) {
          halvesRefused++;
          return Promise.reject(new Error("Connection terminated unexpectedly"));
        }
        return (helper.query as (c: unknown) => Promise<unknown>)(config);
      }) as Queryable["query"],
    };
    const recovered = await computeBlastRadiusDetailed(reader, catalog, request, {
      helper: dropping,
      splitMinRows: 0,
    });
    expect(halvesRefused).toBe(1);
    expect(view(recovered)).toEqual(view(alone));
  });

  it("leaves the row cap to the replay", async () => {
    const capped = await computeBlastRadiusDetailed(reader, catalog, {
      table: "tree.node",
      key: { id: "1" },
      rowCap: 10,
    });
    expect(capped.method).toBe("replay");
    expect(capped.fastPathDeclined).toMatch(/row cap/);
    expect(capped.truncated).toEqual({ rowCap: 10 });
  });
});
