import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectReadOnly, createReadOnlyPool } from "../introspect/connect";
import { introspect } from "../introspect/introspect";
import type { Catalog } from "../introspect/types";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { classifyReading, detectDataLoss } from "./classify";
import { readHealth, readHealthDetailed, type ReadHealthOptions } from "./read";
import type { HealthReading, TableHealth } from "./types";

const SCHEMA = `
  create schema "Sales Ops";
  create table "User" (id serial primary key, email text not null, "updatedAt" timestamp(3) not null);
  create table "Talent" (id serial primary key, "userId" int references "User" on delete cascade, name text);
  create table "Sales Ops"."Deal ""Q1""" (id serial primary key, amount int, updated_at timestamptz not null);
  create table "Scratch" (id int primary key);
  create table "Campaign" (id int primary key);
  create table big_events (id bigserial primary key, "createdAt" timestamptz not null, "updatedAt" timestamptz, payload text);
  create index on big_events ("createdAt");
  create table big_noindex (id bigserial primary key, "updatedAt" timestamp(3) not null);
  create table "Measure" (id int, at date not null, v int) partition by range (at);
  create table "Measure_2025" partition of "Measure" for values from ('2025-01-01') to ('2026-01-01');
  create table "Measure_2026" partition of "Measure" for values from ('2026-01-01') to ('2027-01-01');

  insert into "User" (email, "updatedAt")
    select 'u' || g || '@example.com', timestamp '2026-01-11 15:00:00' + g * interval '1 minute' from generate_series(1, 3) g;
  insert into "Talent" ("userId", name) select 1 + g % 3, 'talent ' || g from generate_series(1, 50) g;
  insert into "Sales Ops"."Deal ""Q1""" (amount, updated_at)
    select g, timestamptz '2026-01-11 15:11:46.767+00' - g * interval '1 hour' from generate_series(0, 6) g;
  insert into "Scratch" select generate_series(1, 25);
  insert into big_events ("createdAt", "updatedAt", payload)
    select timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second',
           timestamptz '2026-01-02 00:00:00+00' + g * interval '1 second', 'x'
    from generate_series(1, 20000) g;
  insert into big_noindex ("updatedAt") select timestamp '2026-01-01' from generate_series(1, 20000);
  insert into "Measure" select g, date '2025-12-01' + (g % 60), g from generate_series(1, 100) g;
  analyze;
`;

/** Polls until `ok` holds (statistics reach other sessions about a second after a commit). */
async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const find = (reading: HealthReading, name: string): TableHealth => {
  const t = reading.tables.find((x) => x.name === name);
  if (!t) throw new Error(`${name} not in the reading`);
  return t;
};

describe("readHealth against PostgreSQL", () => {
  let db: ScratchDatabase;
  let client: pg.Client;
  let catalog: Catalog;
  /** Small tables exact, the two 20,000-row tables on the estimate path. */
  const opts: ReadHealthOptions = { exactCountMaxRows: 1000 };

  beforeAll(async () => {
    db = await createScratchDatabase("health");
    await runAndDisconnect(db.url, SCHEMA);
    client = await connectReadOnly(db.url, { purpose: "health" });
    catalog = await introspect(client);
    // ANALYZE reports straight to the statistics; the inserts' counters arrive a little later.
    await eventually(
      () => readHealth(client, catalog, opts),
      (r) =>
        find(r, "public.big_noindex").insertedTuples === 20_000 &&
        find(r, "public.Talent").insertedTuples === 50,
    );
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it("reads every table: exact counts for small ones, estimates for big ones", async () => {
    const reading = await readHealth(client, catalog, opts);
    expect(Date.parse(reading.sampledAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(reading.tables.map((t) => t.name).sort()).toEqual(catalog.tables.map((t) => t.name).sort());

    expect(find(reading, "public.User")).toMatchObject({
      rows: 3,
      rowsExact: true,
      rowsSource: "exact",
      kind: "table",
    });
    expect(find(reading, "public.Talent")).toMatchObject({ rows: 50, rowsExact: true, insertedTuples: 50 });
    expect(find(reading, "public.Campaign")).toMatchObject({ rows: 0, rowsExact: true });
    const quoted = find(reading, 'Sales Ops.Deal "Q1"');
    expect(quoted).toMatchObject({ rows: 7, rowsExact: true, lastActivityColumn: "updated_at" });
    expect(quoted.lastActivityAt).toBe("2026-01-11T15:11:46.767Z");

    const big = find(reading, "public.big_events");
    expect(big.rowsExact).toBe(false);
    expect(big.rows).toBe(20_000); // ANALYZE read the whole (small) table
    expect(big.liveTuples).toBe(20_000);
    expect(big.sizeBytes).toBeGreaterThan(8192 * 50);
    expect(big.lastAnalyzeAt).not.toBeNull();
    expect(big.oid).toBe(catalog.tables.find((t) => t.name === "public.big_events")!.oid);
  });

  it("reads last activity from an index on big tables, and from the count's own scan on small ones", async () => {
    const reading = await readHealth(client, catalog, opts);
    // Too big to count: "updatedAt" has no index, so the indexed "createdAt" is read, by an index max().
    expect(find(reading, "public.big_events")).toMatchObject({
      lastActivityAt: "2026-01-01T05:33:20.000Z",
      lastActivityColumn: "createdAt",
    });
    // Too big to count and no index on updatedAt: not read.
    expect(find(reading, "public.big_noindex")).toMatchObject({ lastActivityAt: null, rowsExact: false });
    // Small table, no index: the exact count's scan reads max("updatedAt") too (timestamp read as UTC).
    expect(find(reading, "public.User")).toMatchObject({
      lastActivityAt: "2026-01-11T15:03:00.000Z",
      lastActivityColumn: "updatedAt",
    });
    expect(find(reading, "public.Talent").lastActivityAt).toBeNull();
  });

  it("takes activity columns from the catalog: one dropped since costs only that table its last activity", async () => {
    await runAndDisconnect(
      db.url,
      `create table drift_big (id bigserial primary key, "updatedAt" timestamptz not null);
       create index on drift_big ("updatedAt");
       insert into drift_big ("updatedAt") select timestamptz '2026-01-03 00:00:00+00' from generate_series(1, 20000);
       create table drift_small (id int primary key, "updatedAt" timestamptz not null);
       insert into drift_small values (1, timestamptz '2026-01-04 00:00:00+00');
       analyze drift_big, drift_small;`,
    );
    try {
      const stale = await introspect(client);
      expect(stale.tables.find((t) => t.name === "public.drift_big")?.indexLeadingColumns).toEqual(
        expect.arrayContaining(["id", "updatedAt"]),
      );
      const before = await readHealth(client, stale, opts);
      expect(find(before, "public.drift_big")).toMatchObject({ lastActivityColumn: "updatedAt" });
      expect(find(before, "public.drift_small")).toMatchObject({ rows: 1, rowsExact: true });

      await db.admin.query(
        'alter table drift_big drop column "updatedAt"; alter table drift_small drop column "updatedAt"',
      );
      const { reading, diagnostics } = await readHealthDetailed(client, stale, opts);
      // The lookup and the count that name the dropped column fail on their own; nothing else does.
      expect(find(reading, "public.drift_big")).toMatchObject({ lastActivityAt: null, rowsExact: false });
      expect(find(reading, "public.drift_small")).toMatchObject({ rowsExact: false, lastActivityAt: null });
      expect(diagnostics.activityLookupsFailed).toBe(1);
      expect(diagnostics.exactCountsFailed).toBe(1);
      expect(find(reading, "public.big_events").lastActivityColumn).toBe("createdAt");
      expect(find(reading, "public.User")).toMatchObject({ rows: 3, rowsExact: true });
    } finally {
      await db.admin.query("drop table if exists drift_big, drift_small");
    }
  });

  it("reports a partitioned table as the sum of its partitions, marked so summaries can skip it", async () => {
    const reading = await readHealth(client, catalog, opts);
    const parent = find(reading, "public.Measure");
    const parts = ["public.Measure_2025", "public.Measure_2026"].map((n) => find(reading, n));
    expect(parent).toMatchObject({
      kind: "partitioned",
      rows: 100,
      rowsExact: true,
      rowsSource: "partitions",
    });
    expect(parts.map((p) => p.kind)).toEqual(["partition", "partition"]);
    expect(parts.map((p) => p.partitionOf)).toEqual(["public.Measure", "public.Measure"]);
    expect(parts[0]!.rows + parts[1]!.rows).toBe(100);
    expect(parent.sizeBytes).toBe(parts[0]!.sizeBytes + parts[1]!.sizeBytes);
    const summary = classifyReading(reading, [], reading, []).summary;
    expect(summary.INTACT + summary.EMPTY).toBe(reading.tables.length - 1);
  });

  it("counts big tables exactly when allowed, in a handful of statements", async () => {
    const { reading, diagnostics } = await readHealthDetailed(client, catalog);
    // Counted: the scan reads the better column, "updatedAt", index or not.
    expect(find(reading, "public.big_events")).toMatchObject({
      rows: 20_000,
      rowsExact: true,
      lastActivityColumn: "updatedAt",
      lastActivityAt: "2026-01-02T05:33:20.000Z",
    });
    expect(diagnostics.exactCounts).toBe(reading.tables.filter((t) => t.kind !== "partitioned").length);
    expect(diagnostics.statements).toBeLessThanOrEqual(4);
  });

  it("estimates the size of a table it does not count from its heap and TOAST pages", async () => {
    await db.admin.query(`
      create table toasted (id int primary key, doc text);
      insert into toasted select g, (select string_agg(md5(g::text || i::text), '') from generate_series(1, 3000) i)
        from generate_series(1, 20) g`);
    await db.admin.query("vacuum analyze toasted"); // ANALYZE alone leaves the TOAST table's relpages at 0
    try {
      const withToasted = await introspect(client);
      const reading = await readHealth(client, withToasted, { exactCountMaxRows: 1 });
      const pages = await db.admin.query<{ heap: number; toast: number }>(
        `select c.relpages as heap, t.relpages as toast
         from pg_class c join pg_class t on t.oid = c.reltoastrelid where c.oid = 'toasted'::regclass`,
      );
      const { heap, toast } = pages.rows[0]!;
      expect(toast).toBeGreaterThan(heap);
      expect(find(reading, "public.toasted")).toMatchObject({
        rowsExact: false,
        sizeBytes: (heap + toast) * 8192,
      });
    } finally {
      await db.admin.query("drop table toasted");
    }
  });

  it("reads a schema whose name holds quotes and a backslash (sent as an escaped literal)", async () => {
    await db.admin.query(`create schema "it's \\ odd"; create table "it's \\ odd".t (id int primary key)`);
    try {
      const withOdd = await introspect(client);
      const reading = await readHealth(client, withOdd, opts);
      expect(find(reading, `it's \\ odd.t`)).toMatchObject({ rows: 0, rowsExact: true });
    } finally {
      await db.admin.query(`drop schema "it's \\ odd" cascade`);
    }
  });

  it("rejects, without hanging, when the connection dies or reading a row fails; the connection stays usable after the latter", async () => {
    const doomed = await connectReadOnly(db.url);
    const { rows } = await doomed.query<{ pid: number }>("select pg_backend_pid() as pid");
    await db.admin.query("select pg_terminate_backend($1)", [rows[0]!.pid]);
    await expect(readHealth(doomed, catalog, opts)).rejects.toThrow();
    await doomed.end().catch(() => {});

    const broken = structuredClone(catalog);
    Object.defineProperty(broken.tables[0]!, "partitionOf", {
      get: () => {
        throw new Error("bad catalog entry");
      },
    });
    await expect(readHealth(client, broken, opts)).rejects.toThrow("bad catalog entry");
    expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
  });

  it("works through a read-only pool, and on an empty catalog", async () => {
    const pool = createReadOnlyPool(db.url, { max: 2 });
    try {
      const reading = await readHealth(pool, catalog, opts);
      expect(find(reading, "public.Talent")).toMatchObject({ rows: 50, rowsExact: true });
      const empty = await readHealth(pool, { ...catalog, tables: [] });
      expect(empty.tables).toEqual([]);
      expect(Date.parse(empty.sampledAt)).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });

  it("reads through a role that may not read every table: those keep their estimate", async () => {
    const role = `health_${Math.random().toString(36).slice(2, 10)}`;
    await db.admin
      .query(`create role ${role} login password 'pw'; grant usage on schema "Sales Ops" to ${role};
      grant select on all tables in schema public to ${role}; revoke select on "Talent" from ${role}`);
    const url = new URL(db.url);
    url.username = role;
    url.password = "pw";
    const limited = await connectReadOnly(url.toString());
    try {
      const { reading, diagnostics } = await readHealthDetailed(limited, catalog, opts);
      expect(find(reading, "public.Talent")).toMatchObject({ rows: 50, rowsExact: false });
      expect(find(reading, 'Sales Ops.Deal "Q1"').rowsExact).toBe(false);
      expect(find(reading, "public.User")).toMatchObject({ rows: 3, rowsExact: true });
      expect(diagnostics.exactCountsFailed).toBe(0);
    } finally {
      await limited.end();
      await db.admin.query(`drop owned by ${role}; drop role ${role}`);
    }
  });

  it("caps exact counts, counting the tables where exactness matters first", async () => {
    const { reading, diagnostics } = await readHealthDetailed(client, catalog, {
      maxExactCounts: 1,
      priorityTables: ["public.Talent"],
    });
    expect(diagnostics.exactCounts).toBe(1);
    expect(reading.tables.filter((t) => t.rowsSource === "exact").map((t) => t.name)).toEqual([
      "public.Talent",
    ]);
    expect(find(reading, "public.User")).toMatchObject({
      rows: 3,
      rowsExact: false,
      rowsSource: "live-tuples",
    });
  });

  it("skips tables another session holds exclusively, after one lock timeout", async () => {
    // Scratch would be counted, big_events looked up (too big to count here): both locked.
    await db.admin.query('begin; lock table "Scratch", big_events in access exclusive mode');
    try {
      const started = Date.now();
      const { reading, diagnostics } = await readHealthDetailed(client, catalog, opts);
      // One wait of the count's lock_timeout (200 ms), then pg_locks tells the rest; the lookup
      // does not wait again. Well under the session's own 2 s lock_timeout.
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(find(reading, "public.Scratch")).toMatchObject({ rows: 25, rowsExact: false });
      expect(find(reading, "public.big_events").lastActivityAt).toBeNull();
      expect(find(reading, "public.Talent").rowsExact).toBe(true); // its batch-mates, run again
      expect(find(reading, "public.User").lastActivityAt).not.toBeNull();
      expect(diagnostics).toMatchObject({ lockedTables: 2, exactCountsFailed: 0, activityLookupsFailed: 0 });
      expect(diagnostics.errors).toEqual([expect.stringMatching(/lock timeout/)]); // one wait, not two
    } finally {
      await db.admin.query("rollback");
    }
  });

  it("reads no lock table when nothing is locked", async () => {
    const sent: string[] = [];
    const watched = {
      query: (query: string | pg.Query, ...rest: unknown[]) => {
        sent.push(typeof query === "string" ? query : (query as unknown as { text: string }).text);
        return (client.query as (...args: unknown[]) => unknown)(query, ...rest);
      },
    } as unknown as pg.Client;
    const { diagnostics } = await readHealthDetailed(watched, catalog, opts);
    expect(diagnostics).toMatchObject({ lockedTables: 0, errors: [] });
    expect(diagnostics.exactCounts).toBeGreaterThan(0);
    expect(diagnostics.activityLookups).toBeGreaterThan(0);
    expect(sent.length).toBe(diagnostics.statements);
    expect(sent.filter((sql) => sql.includes("pg_locks"))).toEqual([]);
  });

  it("looks up every priority table, and at most maxActivityLookups others", async () => {
    const none = await readHealthDetailed(client, catalog, { ...opts, maxActivityLookups: 0 });
    expect(none.diagnostics.activityLookups).toBe(0);
    expect(find(none.reading, "public.big_events").lastActivityAt).toBeNull();
    const critical = await readHealthDetailed(client, catalog, {
      ...opts,
      maxActivityLookups: 0,
      priorityTables: ["public.big_events"],
    });
    expect(critical.diagnostics.activityLookups).toBe(1);
    expect(find(critical.reading, "public.big_events").lastActivityAt).toBe("2026-01-01T05:33:20.000Z");
  });

  it("carries last activity over from the previous reading until the table is written, then reads it anew", async () => {
    // big_events is too big to count here: its last activity comes from an index lookup.
    const first = await readHealth(client, catalog, opts);
    expect(find(first, "public.big_events").lastActivityAt).toBe("2026-01-01T05:33:20.000Z");
    const noLookups = { ...opts, maxActivityLookups: 0 };
    const second = await readHealthDetailed(client, catalog, { ...noLookups, previous: first });
    expect(find(second.reading, "public.big_events")).toMatchObject({
      lastActivityAt: "2026-01-01T05:33:20.000Z",
      lastActivityColumn: "createdAt",
    });
    expect(second.diagnostics).toMatchObject({ activityLookups: 0 });
    expect(second.diagnostics.activityCarried).toBeGreaterThan(0);

    await runAndDisconnect(
      db.url,
      `insert into big_events (id, "createdAt", payload) values (-1, '2026-02-01 00:00:00+00', 'late')`,
    );
    try {
      const before = find(second.reading, "public.big_events").insertedTuples;
      const third = await eventually(
        () => readHealth(client, catalog, { ...noLookups, previous: second.reading }),
        (r) => find(r, "public.big_events").insertedTuples > before,
      );
      // Written since: not carried, and no lookup allowed, so unknown…
      expect(find(third, "public.big_events").lastActivityAt).toBeNull();
      // …and with one lookup allowed, the written table is the one read.
      const fourth = await readHealthDetailed(client, catalog, {
        ...opts,
        maxActivityLookups: 1,
        previous: second.reading,
      });
      expect(fourth.diagnostics.activityLookups).toBe(1);
      expect(find(fourth.reading, "public.big_events").lastActivityAt).toBe("2026-02-01T00:00:00.000Z");
    } finally {
      await runAndDisconnect(db.url, "delete from big_events where id = -1");
    }
  });

  it("falls back to the estimate when a count cannot get its lock, and leaves the session clean", async () => {
    // A waiting ACCESS EXCLUSIVE request queues every new reader of "Scratch" behind it.
    const holder = await connectAdmin(db.url);
    const waiter = await connectAdmin(db.url);
    try {
      await holder.query('begin; select count(*) from "Scratch"');
      const waiting = waiter
        .query('begin; lock table "Scratch" in access exclusive mode')
        .catch(() => undefined);
      await eventually(
        () =>
          db.admin.query(
            "select count(*)::int as n from pg_locks where not granted and mode = 'AccessExclusiveLock'",
          ),
        (r) => r.rows[0].n > 0,
      );
      const { reading, diagnostics } = await readHealthDetailed(client, catalog, {
        ...opts,
        perCountTimeoutMs: 300,
      });
      expect(find(reading, "public.Scratch")).toMatchObject({ rows: 25, rowsExact: false });
      expect(find(reading, "public.User")).toMatchObject({ rows: 3, rowsExact: true }); // its batch-mates, retried
      expect(diagnostics.exactCountsFailed).toBe(1);
      expect(diagnostics.errors.join(" ")).toMatch(/lock timeout/);
      await holder.query("rollback");
      await waiting;
      await waiter.query("rollback");
    } finally {
      await holder.end();
      await waiter.end();
    }
    const settings = await client.query("show statement_timeout; show transaction_read_only");
    const [timeout, readOnly] = settings as unknown as pg.QueryResult[];
    expect(timeout!.rows[0].statement_timeout).toBe("30s");
    expect(readOnly!.rows[0].transaction_read_only).toBe("on");
    // The statistics statement's own transaction and setting (PostgreSQL 15+) ended with it.
    const session = await client.query<{ consistency: string | null; inTransaction: boolean }>(
      `select current_setting('stats_fetch_consistency', true) as consistency,
              xact_start <> query_start as "inTransaction"
       from pg_stat_activity where pid = pg_backend_pid()`,
    );
    expect(session.rows[0]).toEqual({
      consistency: catalog.serverVersionNum >= 150_000 ? "cache" : null,
      inTransaction: false,
    });
  });
});

async function connectAdmin(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

/**
 * Runs destructive SQL in a session of its own and ends it. A backend that flushed its statistics
 * less than a second ago holds later ones back for about 10 s (PostgreSQL 18's idle interval);
 * one that exits flushes them at once.
 */
async function runAndDisconnect(url: string, sql: string): Promise<void> {
  const c = await connectAdmin(url);
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe("health of a target that loses data", () => {
  let db: ScratchDatabase;
  let client: pg.Client;
  let catalog: Catalog;
  const opts: ReadHealthOptions = { exactCountMaxRows: 1000 };

  beforeAll(async () => {
    db = await createScratchDatabase("loss");
    await runAndDisconnect(db.url, SCHEMA);
    client = await connectReadOnly(db.url, { purpose: "health" });
    catalog = await introspect(client);
    await eventually(
      () => readHealth(client, catalog, opts),
      (r) => find(r, "public.big_noindex").insertedTuples === 20_000,
    );
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it("shows WIPED and SHRUNK tables and detects the loss at the first bad sample", async () => {
    const baseline = await readHealth(client, catalog, opts);
    const good = await readHealth(client, catalog, opts);
    await runAndDisconnect(
      db.url,
      `delete from "User"; -- cascades to every Talent
       delete from "Sales Ops"."Deal ""Q1""" where amount < 3;
       delete from big_noindex; -- too big to count here: only the statistics can tell`,
    );
    const bad = await eventually(
      () => readHealth(client, catalog, opts),
      (r) => find(r, "public.big_noindex").liveTuples === 0,
    );

    // Its estimate fell to 0 where rows used to be: counted exactly first, to confirm.
    expect(find(bad, "public.big_noindex")).toMatchObject({
      rows: 0,
      rowsExact: true,
      deletedTuples: 20_000,
    });
    // With no exact counts at all, the estimate of 0 is confirmed by the dead tuples.
    const estimated = await readHealth(client, catalog, { ...opts, maxExactCounts: 0 });
    const big = find(estimated, "public.big_noindex");
    expect(big).toMatchObject({ rows: 0, rowsExact: false, rowsSource: "live-tuples", deadTuples: 20_000 });
    const fromEstimates = classifyReading(baseline, [good], estimated, []).tables;
    expect(fromEstimates.find((t) => t.name === "public.big_noindex")).toMatchObject({
      status: "WIPED",
      rowsExact: false,
    });
    expect(fromEstimates.find((t) => t.name === "public.Talent")?.status).toBe("WIPED");

    const classified = classifyReading(baseline, [good], bad, ["User", "Talent", "Campaign", "Missing"]);
    const status = Object.fromEntries(classified.tables.map((t) => [t.name, t.status]));
    expect(status).toMatchObject({
      "public.User": "WIPED",
      "public.Talent": "WIPED",
      'Sales Ops.Deal "Q1"': "SHRUNK",
      "public.big_noindex": "WIPED", // an estimate of 0, confirmed by 20,000 dead tuples
      "public.big_events": "INTACT",
      "public.Campaign": "EMPTY",
      "public.Missing": "MISSING",
      "public.Measure": "INTACT",
    });
    const talent = classified.tables.find((t) => t.name === "public.Talent")!;
    expect(talent).toMatchObject({ rows: 0, rowsExact: true, baselineRows: 50 });
    expect(talent.reasons[0]).toBe("0 rows, had 50 at baseline");
    expect(classified.summary.WIPED).toBe(3);

    const detections = detectDataLoss(baseline, [good, bad]);
    expect(detections).toHaveLength(1);
    expect(detections[0]).toMatchObject({
      firstBadSampleAt: bad.sampledAt,
      lastGoodSampleAt: good.sampledAt,
      tables: ['Sales Ops.Deal "Q1"', "public.Talent", "public.User", "public.big_noindex"],
    });
  });

  it("notices a TRUNCATE (same oid, new relfilenode) and a DROP + CREATE (new oid)", async () => {
    const baseline = await readHealth(client, catalog, opts);
    const before = find(baseline, "public.big_events");
    await runAndDisconnect(
      db.url,
      'truncate big_events; drop table "Scratch"; create table "Scratch" (id int primary key)',
    );
    // The catalog is not refreshed: tables are matched by name, so the new "Scratch" is found.
    // big_events is too big to count here: its estimate drops once the statistics arrive.
    const after = await eventually(
      () => readHealth(client, catalog, opts),
      (r) => find(r, "public.big_events").rows === 0,
    );
    const truncated = find(after, "public.big_events");
    expect(truncated.oid).toBe(before.oid);
    expect(truncated.relfilenode).not.toBe(before.relfilenode);
    expect(truncated.rows).toBe(0);
    const recreated = find(after, "public.Scratch");
    expect(recreated.oid).not.toBe(find(baseline, "public.Scratch").oid);
    expect(recreated).toMatchObject({ rows: 0, rowsExact: true });

    const classified = classifyReading(baseline, [], after, []);
    expect(classified.tables.find((t) => t.name === "public.big_events")).toMatchObject({
      status: "WIPED",
      truncated: true,
    });
    expect(classified.tables.find((t) => t.name === "public.Scratch")).toMatchObject({
      status: "WIPED",
      recreated: true,
    });
    const kinds = Object.fromEntries(
      detectDataLoss(baseline, [after])[0]!.findings.map((f) => [f.table, f.kinds]),
    );
    expect(kinds["public.big_events"]).toContain("truncated");
    expect(kinds["public.Scratch"]).toContain("recreated");
  });

  it("reads only the tables its catalog names, not ones created since in the same schemas", async () => {
    await db.admin.query('create table "Created Since" (id int primary key)');
    try {
      const reading = await readHealth(client, catalog, opts);
      expect(reading.tables.map((t) => t.name).sort()).toEqual(catalog.tables.map((t) => t.name).sort());
    } finally {
      await db.admin.query('drop table "Created Since"');
    }
  });

  it("leaves out a table that was dropped, so it shows as MISSING", async () => {
    const baseline = await readHealth(client, catalog, opts);
    await db.admin.query('drop table "Campaign"');
    const after = await readHealth(client, catalog, opts);
    expect(after.tables.some((t) => t.name === "public.Campaign")).toBe(false);
    const classified = classifyReading(baseline, [], after, []);
    expect(classified.tables.find((t) => t.name === "public.Campaign")?.status).toBe("MISSING");
  });
});

describe("a health pass over a few hundred tables", () => {
  it("reads 300 tables in a few statements", async () => {
    const db = await createScratchDatabase("many");
    try {
      // On its own connection: before PostgreSQL 15 a backend sends its statistics (the insert
      // counters the estimates below come from) when it exits, not while it sits idle.
      await runAndDisconnect(
        db.url,
        `do $$ begin for i in 1..300 loop
          execute format('create table %I (id int primary key, "updatedAt" timestamptz not null default now())', 'T ' || i);
          execute format('insert into %I (id) select generate_series(1, %s)', 'T ' || i, i % 7);
        end loop; end $$`,
      );
      const client = await connectReadOnly(db.url);
      try {
        const catalog = await introspect(client);
        const cold = await readHealthDetailed(client, catalog, { maxExactCounts: 300 });
        const warm = await readHealthDetailed(client, catalog, { maxExactCounts: 300 });
        const naiveStarted = performance.now();
        for (const t of catalog.tables) await client.query(`select count(*) from "public"."${t.table}"`);
        const naiveMs = performance.now() - naiveStarted;
        const capped = await readHealthDetailed(client, catalog);
        expect(cold.reading.tables).toHaveLength(300);
        expect(
          cold.reading.tables.every((t) => t.rowsExact && t.rows === Number(t.name.split(" ")[1]) % 7),
        ).toBe(true);
        expect(cold.diagnostics.statements).toBeLessThanOrEqual(5);
        expect(capped.diagnostics.exactCounts).toBe(100);
        // Past countStableTablesUpTo only suspicious tables are counted: here, the one that lost rows.
        const estimatesOnly = await eventually(
          () => readHealthDetailed(client, catalog, { countStableTablesUpTo: 10 }),
          (r) => r.reading.tables.find((t) => t.name === "public.T 6")?.rows === 6,
        );
        expect(estimatesOnly.diagnostics.exactCounts).toBe(0);
        expect(estimatesOnly.reading.tables.find((t) => t.name === "public.T 6")?.rows).toBe(6);
        await runAndDisconnect(db.url, 'delete from "T 6" where id > 2');
        const suspicious = await eventually(
          () => readHealthDetailed(client, catalog, { countStableTablesUpTo: 10 }),
          (r) => r.diagnostics.exactCounts > 0,
        );
        expect(suspicious.reading.tables.filter((t) => t.rowsExact).map((t) => [t.name, t.rows])).toEqual([
          ["public.T 6", 2],
        ]);
        console.log(
          `health pass over 300 tables: all counted ${cold.diagnostics.elapsedMs.toFixed(0)} ms cold / ` +
            `${warm.diagnostics.elapsedMs.toFixed(0)} ms warm (${cold.diagnostics.statements} statements), ` +
            `default cap ${capped.diagnostics.elapsedMs.toFixed(0)} ms; naive count loop ${naiveMs.toFixed(0)} ms`,
        );
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });
});
