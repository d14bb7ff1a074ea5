import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createControlDb } from "../../lib/db/client";
import { migrateControlPlane } from "../../lib/db/migrate";
import type { RunningCluster } from "../../lib/embedded/cluster";
import { HealthSampler } from "../../lib/health/sampler";
import { getTargetHealth } from "../../lib/health/store-view";
import { connectReadOnly, createReadOnlyPool } from "../../lib/introspect/connect";
import { quoteQualified } from "../../lib/introspect/identifiers";
import { introspect } from "../../lib/introspect/introspect";
import { measureHealthPageRender } from "./health-render";
import { withBenchCluster } from "./bench-cluster";
import { formatRow, measure, type Measurement } from "./measure";
import { createSyntheticSchema } from "./synthetic-schema";

/**
 * `npm run bench -- health [--tables 5000] [--runs 3] [--no-browser]`: its own embedded PostgreSQL
 * with a synthetic schema (5,000 tables) as the target and a control plane beside it. Measures,
 * side by side in the same run: one sampler pass (lease, reading, storing the sample, detection)
 * against the naive per-table count(*) loop; building the health view; and, in Chromium, the real
 * health page of the built app rendering those 5,000 tables.
 */
export async function run(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      tables: { type: "string", default: "5000" },
      runs: { type: "string", default: "3" },
      "no-browser": { type: "boolean", default: false },
    },
  });
  const tableCount = Number(values.tables);
  const runs = Number(values.runs);
  if (!Number.isInteger(tableCount) || tableCount < 2 || !Number.isInteger(runs) || runs < 1) {
    throw new Error("--tables must be an integer ≥ 2 and --runs ≥ 1");
  }
  const log = (message: string) => process.stderr.write(`${message}\n`);
  await withBenchCluster("health", log, (cluster) =>
    bench(cluster, tableCount, runs, !values["no-browser"], log),
  );
}

const fmt = (n: number) => n.toLocaleString("en-US");

async function bench(
  cluster: RunningCluster,
  tableCount: number,
  runs: number,
  browser: boolean,
  log: (m: string) => void,
) {
  const admin = new pg.Client({ connectionString: cluster.superuserUrl() });
  await admin.connect();
  await admin.query("create database bench_target");
  await admin.query("create database bench_control");
  await admin.end();
  const targetUrl = cluster.superuserUrl("bench_target");
  const controlUrl = cluster.superuserUrl("bench_control");
  const generator = new pg.Client({ connectionString: targetUrl });
  await generator.connect();
  await createSyntheticSchema(generator, tableCount, log).finally(() => generator.end());

  const db = createControlDb(controlUrl, 4);
  await migrateControlPlane(db);
  const pool = createReadOnlyPool(targetUrl, {
    purpose: "bench-health",
    max: 2,
    statementTimeoutMs: 600_000,
  });
  const target = { id: "bench", name: "bench (synthetic)", expectedTables: [], criticalTables: [] };
  const sampler = new HealthSampler({
    db,
    targets: () => [target],
    connect: async () => {
      const client = await pool.connect();
      return { client, release: (e) => client.release(e) };
    },
    intervalMs: 3_600_000,
    holder: "bench",
    // Hold the lease for the whole run so the app started below does not sample meanwhile.
    leaseTtlMs: 4 * 3_600_000,
    log: () => {},
  });
  const rows: Measurement[] = [];
  try {
    const pass = async () => {
      const outcome = await sampler.tickTarget(target.id);
      if (outcome.kind !== "sampled" || !outcome.reachable)
        throw new Error(`pass failed: ${JSON.stringify(outcome)}`);
    };
    rows.push({
      ...(await measure("sampler pass, first (introspection + reading + store)", 1, pass)),
      note: "baseline pinned",
    });
    // Something to detect: two tables emptied, so steady passes run the detector on a real loss.
    const catalog = await (async () => {
      const c = await connectReadOnly(targetUrl);
      try {
        return await introspect(c);
      } finally {
        await c.end();
      }
    })();
    const writer = new pg.Client({ connectionString: targetUrl });
    await writer.connect();
    const victims = catalog.tables.filter((t) => t.kind === "table").slice(-2);
    for (const t of victims)
      await writer.query(
        `alter table ${quoteQualified(t.name)} disable trigger all; delete from ${quoteQualified(t.name)}`,
      );
    await writer.end();
    const steady = await measure("sampler pass, steady (catalog cached, detection on)", runs, pass);
    rows.push({ ...steady, target: "≤ 1 s", targetMs: 1000 });

    const naiveRuns = Math.max(1, Math.min(runs, 2));
    const leaves = catalog.tables.filter((t) => t.kind !== "partitioned");
    const naive = await measure(
      `  naive SELECT count(*) loop (${fmt(leaves.length)} queries)`,
      naiveRuns,
      async () => {
        const c = await connectReadOnly(targetUrl, { statementTimeoutMs: 600_000 });
        try {
          for (const t of leaves) await c.query(`select count(*) from ${quoteQualified(t.name)}`);
        } finally {
          await c.end();
        }
      },
    );
    rows.push({
      ...naive,
      note: `a sampler pass is ${(naive.medianMs! / steady.medianMs!).toFixed(1)}× faster, and stores + detects too`,
    });

    const size = await db.execute<{ bytes: string; json: string }>(
      sql`select pg_column_size(reading)::text as bytes, length(reading::text)::text as json from health_samples order by id desc limit 1`,
    );
    const stored = size.rows[0]!;
    let view: Awaited<ReturnType<typeof getTargetHealth>> | undefined;
    let extra = 0;
    const viewBuild = await measure(
      `health view (classify ${fmt(tableCount)} tables + sparklines), new sample`,
      runs,
      async () => {
        // Defeat the per-sample view cache (as a new sample would): a different expected table each time.
        view = await getTargetHealth(
          db,
          { ...target, expectedTables: [`public.missing_${extra++}`] },
          { intervalSeconds: 15 },
        );
      },
    );
    const detected = view!.tables.filter((t) => t.status === "WIPED").length;
    rows.push({
      ...viewBuild,
      note: `${fmt(view!.tables.length)} tables, ${detected} WIPED; JSON ${(JSON.stringify(view).length / 1e6).toFixed(1)} MB`,
    });
    rows.push({
      label: "stored sample (jsonb, compressed)",
      runs: 0,
      medianMs: null,
      minMs: null,
      note: `${(Number(stored.bytes) / 1e6).toFixed(2)} MB on disk, ${(Number(stored.json) / 1e6).toFixed(1)} MB as JSON`,
    });

    if (browser) {
      const render = await measureHealthPageRender({
        controlUrl,
        targetUrl,
        targetId: target.id,
        db,
        runs,
        log,
        secret: randomBytes(24).toString("hex"),
      });
      rows.push(...render);
    }
  } finally {
    await sampler.stop();
    await pool.end();
    await db.$client.end();
  }

  console.log(
    `\nHealth benchmark: ${fmt(tableCount)} tables (synthetic schema), PostgreSQL ${cluster.port}\n`,
  );
  console.log(
    formatRow({ label: "", runs: "runs", median: "median", min: "min", target: "target", note: "" }),
  );
  for (const row of rows) console.log(formatRow(row));
}
