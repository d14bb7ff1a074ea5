import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildDemoTarget, databaseUrl } from "../../lib/demo";
import type { RunningCluster } from "../../lib/embedded/cluster";
import { computeBlastRadius } from "../../lib/graph/blast-radius";
import type { BlastRadiusResult } from "../../lib/graph/blast-radius-types";
import { computeCascadeClosure, computeCascadeClosureByBfs } from "../../lib/graph/closure";
import { buildGraph } from "../../lib/graph/graph";
import { readHealth, readHealthDetailed, type ReadHealthDiagnostics } from "../../lib/health/read";
import { SAMPLER_ACTIVITY_LOOKUPS } from "../../lib/health/sampler";
import { connectReadOnly } from "../../lib/introspect/connect";
import { quoteQualified } from "../../lib/introspect/identifiers";
import { introspect } from "../../lib/introspect/introspect";
import type { Catalog } from "../../lib/introspect/types";
import { withBenchCluster } from "./bench-cluster";
import { formatRow, measure, measureInterleaved, ms, type Measurement } from "./measure";
import { createSyntheticSchema } from "./synthetic-schema";

/**
 * `npm run bench -- engine [--tables 5000] [--runs 5]`: starts its own embedded PostgreSQL in a
 * temporary folder, builds a synthetic 5,000-table / 10,000-FK schema and the demo target, then
 * measures, side by side in the same run, each engine operation against the naive way.
 */
export async function run(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { tables: { type: "string", default: "5000" }, runs: { type: "string", default: "5" } },
  });
  const tableCount = Number(values.tables);
  const runs = Number(values.runs);
  if (!Number.isInteger(tableCount) || tableCount < 2 || !Number.isInteger(runs) || runs < 1) {
    throw new Error("--tables must be an integer ≥ 2 and --runs ≥ 1");
  }
  const log = (message: string) => process.stderr.write(`${message}\n`);

  await withBenchCluster("engine", log, (cluster) => bench(cluster, tableCount, runs, log));
}

async function bench(cluster: RunningCluster, tableCount: number, runs: number, log: (m: string) => void) {
  const admin = new pg.Client({ connectionString: cluster.superuserUrl() });
  await admin.connect();
  await admin.query("create database bench");
  await admin.end();
  const benchUrl = cluster.superuserUrl("bench");
  const demo = await buildDemoTarget({
    superuserUrl: cluster.superuserUrl(),
    database: "breakco",
    readOnlyPassword: "bench-ro",
    privilegedPassword: "bench-rw",
    onProgress: () => {},
  });
  log(`demo target: ${demo.tables.length} tables in ${(demo.seedMs / 1000).toFixed(1)} s`);
  const demoUrl = databaseUrl(cluster.superuserUrl(), demo.database);
  const generator = new pg.Client({ connectionString: benchUrl });
  await generator.connect();
  const synthetic = await createSyntheticSchema(generator, tableCount, log).finally(() => generator.end());
  await settle(demoUrl, cluster.superuserUrl(), log);

  const rows: Measurement[] = [];
  const withReader = async <T>(url: string, fn: (c: pg.Client) => Promise<T>) => {
    const client = await connectReadOnly(url, { purpose: "bench", statementTimeoutMs: 600_000 });
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  // 1. Introspection, each run on a fresh connection (cold backend caches, as the CLI sees it).
  let catalog: Catalog | undefined;
  const introspection = await measure(
    `introspection (${fmt(tableCount)} tables, ${fmt(synthetic.foreignKeys)} FKs)`,
    runs,
    () =>
      withReader(benchUrl, async (c) => {
        catalog = await introspect(c);
      }),
  );
  rows.push({ ...introspection, target: "≤ 1 s", targetMs: 1000 });
  if (!catalog || catalog.foreignKeys.length !== synthetic.foreignKeys) {
    throw new Error(
      `introspection found ${catalog?.foreignKeys.length} FKs, expected ${synthetic.foreignKeys}`,
    );
  }
  const benchCatalog = catalog;

  // 2. Closure of every table: the shared computation, and one BFS per table as the reference.
  const graphBuild = await measure("graph build (partitions folded in)", runs * 2, async () => {
    buildGraph(benchCatalog);
  });
  rows.push(graphBuild);
  const graph = buildGraph(benchCatalog);
  let closureSize = 0;
  const closure = await measure("cascade closure, all tables (SCC + shared work)", runs * 2, async () => {
    closureSize = computeCascadeClosure(graph).length.reduce((a, b) => a + b, 0);
  });
  rows.push({
    ...closure,
    target: "≤ 200 ms",
    targetMs: 200,
    note: `${fmt(closureSize)} (table, reached) pairs`,
  });
  rows.push(
    await measure("  reference: one BFS per table", runs * 2, async () => {
      computeCascadeClosureByBfs(graph);
    }),
  );

  // 3. One health pass against the naive per-table count(*) loop, in the two ways each runs: on a
  //    new connection (`incident-room health`; a psql session typing the report's counts) and on a
  //    warm one (the sampler keeps a pooled connection between passes; the loop run a second time in
  //    the same session). A new backend pays for its catalog and statistics caches once, and that is
  //    timed; opening the connection (~25 ms here: fork, SCRAM, backend start) is the same for both
  //    sides and part of neither, so it is set up untimed and reported beside.
  // As many runs as the pass, so each of the pass's runs has a loop run beside it.
  const naiveRuns = runs;
  const leaves = benchCatalog.tables.filter((t) => t.kind !== "partitioned");
  const naiveLoop = async (c: pg.Client) => {
    for (const t of leaves) await c.query(`select count(*) from ${quoteQualified(t.name)}`);
  };
  // One unmeasured pass first, as for the blast radius below: the first call in this process pays
  // for compiling readHealth's code paths, which is not the pass's cost (the connection is new for
  // every measured pass anyway).
  await withReader(benchUrl, (c) => readHealth(c, benchCatalog));
  let freshPass: ReadHealthDiagnostics | undefined;
  const newConnection = {
    setup: () => connectReadOnly(benchUrl, { purpose: "bench", statementTimeoutMs: 600_000 }),
    teardown: (c: pg.Client) => c.end(),
  };
  // The two sides take turns, so both medians come from the same minutes (measure.ts).
  const [health, naive] = (await measureInterleaved([
    {
      label: "health pass (readHealth), new backend",
      runs,
      ...newConnection,
      fn: async (c: pg.Client) => {
        freshPass = (await readHealthDetailed(c, benchCatalog)).diagnostics;
      },
    },
    {
      label: `  naive SELECT count(*) loop (${fmt(leaves.length)} queries), new backend`,
      runs: naiveRuns,
      ...newConnection,
      fn: naiveLoop,
    },
  ])) as [Measurement, Measurement];
  rows.push({
    ...health,
    target: "≤ 1 s",
    targetMs: 1000,
    note: `${fmt(freshPass!.tables)} tables; ${freshPass!.exactCounts} counted, ${freshPass!.activityLookups} last-activity lookups; with connecting: ${ms(health.withSetupMedianMs!)}`,
  });
  rows.push({
    ...naive,
    note:
      `readHealth is ${ratio(naive.medianMs, health.medianMs)}× faster (target ≥ 20×), taking turns; ` +
      `counting the connection on both sides (${ms(naive.withSetupMedianMs!)}): ${ratio(naive.withSetupMedianMs, health.withSetupMedianMs)}×`,
  });
  // The sampler's own settings: more last-activity lookups on its warm connection (and no previous
  // reading handed over, so none carried: the most it does).
  const samplerOptions = { maxActivityLookups: SAMPLER_ACTIVITY_LOOKUPS };
  const warmHealth = await withReader(benchUrl, async (c) => {
    await readHealth(c, benchCatalog, samplerOptions);
    return measure("health pass, warm connection (the sampler's)", runs, () =>
      readHealth(c, benchCatalog, samplerOptions),
    );
  });
  rows.push({ ...warmHealth, target: "≤ 1 s", targetMs: 1000 });
  const warmNaive = await withReader(benchUrl, async (c) => {
    await naiveLoop(c);
    return measure("  naive loop, warm connection (second run)", naiveRuns, () => naiveLoop(c));
  });
  rows.push({
    ...warmNaive,
    note: `readHealth is ${ratio(warmNaive.medianMs, warmHealth.medianMs)}× faster; the sampler's pass vs the report's loop in a new session: ${ratio(naive.withSetupMedianMs, warmHealth.medianMs)}×`,
  });

  // 4. Blast radius for one demo user against the real DELETE, rolled back. Warm connections.
  const demoCatalog = await withReader(demoUrl, (c) => introspect(c));
  // The demo's User table holds the agency's staff accounts; each owns Talent rows, so one user's
  // delete is the incident itself: its Talents, and everything under them, cascade away.
  const user = await withReader(demoUrl, async (c) => {
    const r = await c.query<{ id: string }>(`select id::text as id from public."User" order by id limit 1`);
    return r.rows[0]!.id;
  });
  rows.push(...(await benchBlast(demoUrl, demoCatalog, user, runs)));

  const server = benchCatalog.serverVersion;
  console.log(
    [
      "",
      `Engine benchmark — PostgreSQL ${server}, ${os.cpus().length} CPU(s), Node ${process.version}`,
      `synthetic schema: ${fmt(synthetic.tables)} tables, ${fmt(synthetic.foreignKeys)} FKs, ${fmt(synthetic.rows)} rows (generated in ${(synthetic.elapsedMs / 1000).toFixed(1)} s)`,
      `demo target: ${demo.tables.length} tables, ${fmt(Object.values(demo.rowCountsBefore).reduce((a, b) => a + b, 0))} rows`,
      "",
      formatRow({
        label: "measurement",
        runs: "runs",
        median: "median",
        min: "min",
        target: "target",
        note: "",
      }),
      ...rows.map((r) => formatRow(r)),
      "",
    ].join("\n"),
  );
}

/** a / b to one decimal, for "N× faster" notes (both medians of the same run). */
const ratio = (a: number | undefined | null, b: number | undefined | null) => (a! / b!).toFixed(1);

/**
 * computeBlastRadius for one user's delete, against the real DELETE rolled back, all on warm
 * connections: with a helper connection (the web app's and the CLI's way: the set-based statement
 * runs in two halves side by side), and on one connection alone, taking turns.
 */
async function benchBlast(
  demoUrl: string,
  demoCatalog: Catalog,
  user: string,
  runs: number,
): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  let result: BlastRadiusResult | undefined;
  const reader = await connectReadOnly(demoUrl, { purpose: "bench" });
  const helper = await connectReadOnly(demoUrl, { purpose: "bench" });
  try {
    const request = { table: "public.User", key: { id: user } };
    // Warm-up: each connection plans the statements it will run once.
    await computeBlastRadius(reader, demoCatalog, request);
    await computeBlastRadius(reader, demoCatalog, request, { helper });
    const [split, alone] = await measureInterleaved([
      {
        label: `blast radius, demo user ${user} (2 connections)`,
        runs: runs * 2,
        fn: async () => {
          result = await computeBlastRadius(reader, demoCatalog, request, { helper });
        },
      },
      {
        label: "  the same on one connection",
        runs: runs * 2,
        fn: async () => {
          await computeBlastRadius(reader, demoCatalog, request);
        },
      },
    ]);
    const deleted = Object.values(result!.rowsDeletedByTable).reduce((a, b) => a + b, 0);
    const note = `${result!.outcome}: ${fmt(deleted)} rows in ${Object.keys(result!.rowsDeletedByTable).length} tables`;
    rows.push({ ...split!, target: "≤ 100 ms", targetMs: 100, note });
    rows.push({ ...alone!, note: `${ratio(alone!.medianMs, split!.medianMs)}× the time with the helper` });
  } finally {
    await reader.end();
    await helper.end();
  }
  const writer = new pg.Client({ connectionString: demoUrl });
  await writer.connect();
  try {
    const deleteOnce = async () => {
      await writer.query("begin");
      // A blocked delete fails: that failure is what PostgreSQL answers, so it is timed too.
      await writer.query(`delete from public."User" where id = $1`, [user]).catch(() => {});
      await writer.query("rollback");
    };
    await deleteOnce(); // warm-up
    const real = await measure("  real DELETE in a rolled-back transaction", runs * 2, deleteOnce);
    rows.push({ ...real, note: await checkAgainstDelete(demoUrl, user, result!) });
  } finally {
    await writer.end();
  }
  return rows;
}

/**
 * The same DELETE once more, reading what it did, to check the computed answer. A fresh connection:
 * pg_stat_xact_* also shows a backend's not-yet-flushed counts of earlier transactions.
 */
async function checkAgainstDelete(
  demoUrl: string,
  user: string,
  computed: BlastRadiusResult,
): Promise<string> {
  const checker = new pg.Client({ connectionString: demoUrl });
  await checker.connect();
  try {
    await checker.query("begin");
    await checker.query(`delete from public."User" where id = $1`, [user]);
    const stats = await checker.query<{ name: string; n: string }>(
      `select schemaname || '.' || relname as name, n_tup_del as n from pg_stat_xact_user_tables where n_tup_del > 0`,
    );
    await checker.query("rollback");
    const truth = Object.fromEntries(stats.rows.map((r) => [r.name, Number(r.n)]));
    const same = JSON.stringify(sortKeys(truth)) === JSON.stringify(sortKeys(computed.rowsDeletedByTable));
    return `rows deleted per table ${same ? "match" : "DIFFER FROM"} computeBlastRadius`;
  } catch (error) {
    await checker.query("rollback").catch(() => {});
    const blocked = computed.outcome === "blocked";
    return `real DELETE failed (${(error as Error).message}); computeBlastRadius ${blocked ? "agrees: blocked" : "said " + computed.outcome}`;
  } finally {
    await checker.end();
  }
}

/** VACUUM the demo target too, then wait (≤ 60 s) until no autovacuum worker runs, so they do not share the CPU with the measurements. */
async function settle(demoUrl: string, serverUrl: string, log: (m: string) => void) {
  const demo = new pg.Client({ connectionString: demoUrl });
  await demo.connect();
  await demo.query("vacuum (analyze)").finally(() => demo.end());
  const server = new pg.Client({ connectionString: serverUrl });
  await server.connect();
  try {
    for (let waited = 0; waited < 60_000; waited += 500) {
      const r = await server.query(
        `select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker'`,
      );
      if (r.rows[0].n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    log("autovacuum still running after 60 s; measuring anyway");
  } finally {
    await server.end();
  }
}

function sortKeys(record: Record<string, number>): [string, number][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}
