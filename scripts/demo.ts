/**
 * `npm run demo`: the whole product on embedded PostgreSQL with the demo incident.
 *
 *   npm run demo                 reuse .data/ (fast), build the app if needed, serve on :3000
 *   npm run demo -- --reset      throw .data/ away and rebuild everything
 *   options: --port N  --host H  --scale X (demo data size, 1 ≈ 100k+ rows)  --data-dir DIR
 *
 * Two PostgreSQL clusters: the control plane and the monitored demo target (its own data directory,
 * port, WAL archive and base backup). Ctrl-C stops the app and both servers.
 */
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import {
  buildDemoTarget,
  demoTargetSettings,
  DEMO_CRITICAL_TABLES,
  DEMO_EXPECTED_TABLES,
  PRIVILEGED_ROLE,
  READ_ONLY_ROLE,
  replayIncident,
  takeBaseBackup,
} from "../lib/demo";
import { locateBinaries } from "../lib/embedded/binaries";
import { resolveDataDir, startCluster, type RunningCluster } from "../lib/embedded/cluster";
import { findFreePort, isPortFree } from "../lib/embedded/ports";
import { createControlDb } from "../lib/db/client";
import { migrateControlPlane } from "../lib/db/migrate";
import { connectReadOnly } from "../lib/introspect/connect";
import { introspect } from "../lib/introspect/introspect";
import { readHealth } from "../lib/health/read";
import { buildIsStale, runBuild } from "./demo/build";
import { ensureDatabase, ensureDemoAccounts, pinBaseline } from "./demo/control-plane";
import { startNext, waitForHttp, type RunningApp } from "./demo/next-server";
import { loadOrCreateState, saveState } from "./demo/state";

const TARGET_ID = "breakco-prod";
const TARGET_DB = "breakco";
const CONTROL_DB = "incident_room";

const { values: args } = parseArgs({
  options: {
    reset: { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    host: { type: "string", default: "127.0.0.1" },
    scale: { type: "string", default: "1" },
    "data-dir": { type: "string", default: process.env.INCIDENT_ROOM_DATA_DIR ?? ".data" },
  },
});

const root = process.cwd();
const dataDir = path.resolve(args["data-dir"]);
const port = Number(args.port);
const scale = Number(args.scale);
const started = Date.now();
const log = (message: string) =>
  console.log(`[demo ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

const running: { clusters: RunningCluster[]; app: RunningApp | null } = { clusters: [], app: null };
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  log("stopping the app and PostgreSQL…");
  await running.app?.stop();
  await Promise.all(running.clusters.map((c) => c.stop()));
  log("stopped");
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

function emptyDir(dir: string) {
  for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true });
}

/** A prepared demo target has its database and both roles; anything less is rebuilt. */
async function demoTargetIsIntact(superuserUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      `select exists (select 1 from pg_database where datname = $1)
          and (select count(*) from pg_roles where rolname = any($2)) = 2 as ok`,
      [TARGET_DB, [READ_ONLY_ROLE, PRIVILEGED_ROLE]],
    );
    return rows[0]?.ok === true;
  } finally {
    await client.end();
  }
}

/**
 * Outage drill: `kill -USR1 <pid>` stops the demo target's PostgreSQL (the app must show it as
 * UNREACHABLE and keep working), `kill -USR2 <pid>` starts it again. The pid is in demo.json.
 */
function simulateOutagesOnSignal(initial: RunningCluster, restart: () => Promise<RunningCluster>) {
  let current: RunningCluster | null = initial;
  let busy = Promise.resolve();
  const replace = (next: RunningCluster | null) => {
    running.clusters = running.clusters.filter((c) => c !== current);
    if (next) running.clusters.push(next);
    current = next;
  };
  process.on("SIGUSR1", () => {
    busy = busy.then(async () => {
      if (!current || shuttingDown) return;
      log("SIGUSR1: stopping the demo target (outage drill)");
      await current.stop();
      replace(null);
      log("demo target stopped");
    });
  });
  process.on("SIGUSR2", () => {
    busy = busy.then(async () => {
      if (current || shuttingDown) return;
      log("SIGUSR2: starting the demo target again");
      replace(await restart());
      log("demo target running");
    });
  });
}

async function main() {
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`--port must be a TCP port, got "${args.port}"`);
  if (!(scale > 0)) throw new Error(`--scale must be a positive number, got "${args.scale}"`);
  if (!(await isPortFree(port)))
    throw new Error(`port ${port} is in use; stop what runs there or pass --port`);

  const { runAs } = locateBinaries();
  const controlDir = resolveDataDir(path.join(dataDir, "pg", "control"), runAs);
  const targetDir = resolveDataDir(path.join(dataDir, "pg", "target"), runAs);
  // WAL archive and base backup: per data dir, where the target's server (maybe another OS user) can write.
  const archiveDir = resolveDataDir(path.join(dataDir, "pg", "target-wal-archive"), runAs);
  const backupDir = resolveDataDir(path.join(dataDir, "pg", "target-base-backup"), runAs);

  if (args.reset) {
    log(`--reset: removing ${dataDir}`);
    for (const dir of [controlDir, targetDir, archiveDir, backupDir, dataDir])
      rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  const statePath = path.join(dataDir, "state.json");
  // New secrets mean any cluster left from an earlier state (possibly relocated outside dataDir) is stale.
  const newState = !existsSync(statePath);
  const state = loadOrCreateState(statePath);
  let fresh = !state.preparedAt;
  if (newState) rmSync(controlDir, { recursive: true, force: true });
  if (fresh) {
    // A half-prepared target from an interrupted first run is rebuilt from scratch.
    for (const dir of [targetDir, archiveDir, backupDir]) rmSync(dir, { recursive: true, force: true });
  }
  // Created 0755 here so that the archive and backup folders below do not make it 0700.
  mkdirSync(path.join(dataDir, "pg"), { recursive: true, mode: 0o755 });
  for (const dir of [archiveDir, backupDir]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  }

  const needsBuild = buildIsStale(root);
  if (needsBuild) log("building the app in the background (next build, about a minute)…");
  const build = needsBuild ? runBuild(root, log) : Promise.resolve();
  build.catch(() => {}); // awaited below; avoid an unhandled rejection while PostgreSQL starts

  const [controlPort, targetPort] = [await findFreePort(), await findFreePort()];
  const targetOptions = {
    dataDir: targetDir,
    port: targetPort,
    superuserPassword: state.superuserPassword,
    logFile: path.join(dataDir, "logs", "target.log"),
    settings: demoTargetSettings(archiveDir),
  };
  const [control, target] = await Promise.all([
    startCluster({
      dataDir: controlDir,
      port: controlPort,
      superuserPassword: state.superuserPassword,
      logFile: path.join(dataDir, "logs", "control.log"),
    }),
    startCluster(targetOptions),
  ]);
  running.clusters.push(control, target);
  simulateOutagesOnSignal(target, () => startCluster(targetOptions));
  log(`PostgreSQL up: control plane on :${controlPort}, demo target on :${targetPort}`);

  await ensureDatabase(control.superuserUrl(), CONTROL_DB);
  const controlUrl = control.superuserUrl(CONTROL_DB);
  const db = createControlDb(controlUrl, 4);
  await migrateControlPlane(db);

  const readOnlyUrl = `postgres://incident_room_ro:${encodeURIComponent(state.readOnlyPassword)}@127.0.0.1:${targetPort}/${TARGET_DB}`;
  const privilegedUrl = `postgres://incident_room_restore:${encodeURIComponent(state.privilegedPassword)}@127.0.0.1:${targetPort}/${TARGET_DB}`;

  if (!fresh && !(await demoTargetIsIntact(target.superuserUrl()))) {
    log("the demo target's data is incomplete (an interrupted first run?); rebuilding it");
    fresh = true;
    for (const dir of [archiveDir, backupDir]) emptyDir(dir);
  }
  if (fresh) {
    log(`building the demo target at scale ${scale}…`);
    const info = await buildDemoTarget({
      superuserUrl: target.superuserUrl(),
      database: TARGET_DB,
      scale,
      readOnlyPassword: state.readOnlyPassword,
      privilegedPassword: state.privilegedPassword,
      onProgress: (m) => log(`  ${m}`),
    });
    const before = Object.values(info.rowCountsBefore).reduce((a, b) => a + b, 0);
    log(`demo target filled: ${info.tables.length} tables, ${before.toLocaleString("en")} rows`);
    const backup = await takeBaseBackup({
      superuserUrl: target.superuserUrl(),
      dataDir: targetDir,
      backupDir,
    });
    log(`base backup taken (${backup.startLsn} → ${backup.stopLsn})`);
    const client = await connectReadOnly(readOnlyUrl, { purpose: "demo-baseline" });
    try {
      const reading = await readHealth(client, await introspect(client), {
        exactCountMaxRows: 10_000_000,
        exactCountBudgetMs: 30_000,
      });
      await pinBaseline(db, TARGET_ID, reading, "Demo: last good reading before the incident");
    } finally {
      await client.end();
    }
    log("baseline pinned");
    const incident = await replayIncident({ url: target.superuserUrl(TARGET_DB) });
    log(
      `incident replayed at ${incident.at}: DELETE FROM "User" removed ${incident.deletedUsers} users (the cascade did the rest), ` +
        `then ${incident.recreatedUsers.join(" and ")} were re-created`,
    );
    state.preparedAt = new Date().toISOString();
    state.incidentAt = incident.at;
  }

  const appUrl = `http://localhost:${port}`;
  await ensureDemoAccounts(db, state, state.authSecret, appUrl);
  saveState(statePath, state);
  await db.$client.end();

  await build;
  const env: Record<string, string> = {
    DATABASE_URL: controlUrl,
    BETTER_AUTH_SECRET: state.authSecret,
    APP_URL: appUrl,
    TARGET_IDS: TARGET_ID,
    TARGET_BREAKCO_PROD_NAME: "breakco-prod",
    TARGET_BREAKCO_PROD_READ_ONLY_URL: readOnlyUrl,
    TARGET_BREAKCO_PROD_PRIVILEGED_URL: privilegedUrl,
    TARGET_BREAKCO_PROD_EXPECTED_TABLES: DEMO_EXPECTED_TABLES.join(","),
    TARGET_BREAKCO_PROD_CRITICAL_TABLES: DEMO_CRITICAL_TABLES.join(","),
  };
  // demo.json is complete before the app answers: whoever waits for the app can read it at once.
  writeFileSync(
    path.join(dataDir, "demo.json"),
    JSON.stringify(
      {
        url: appUrl,
        accounts: state.accounts,
        targets: [{ id: TARGET_ID, readOnlyUrl }],
        controlPlane: { url: controlUrl, port: controlPort, dataDir: controlDir },
        target: { port: targetPort, dataDir: targetDir },
        // Send SIGUSR1 / SIGUSR2 to this pid to stop / start the demo target (outage drill).
        pid: process.pid,
        incidentAt: state.incidentAt,
      },
      null,
      2,
    ) + "\n",
    { mode: 0o600 },
  );

  running.app = startNext(root, port, args.host, env);
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, running.app.child);
  running.app.child.once("exit", (code) => {
    if (!shuttingDown) {
      console.error(`[demo] the app exited unexpectedly (code ${code})`);
      void shutdown(1);
    }
  });

  const width = Math.max(...state.accounts.map((a) => a.email.length));
  console.log(`
  Incident Room is running: ${appUrl}   (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Demo accounts:
${state.accounts.map((a) => `    ${a.role.padEnd(10)} ${a.email.padEnd(width)}  password: ${a.password}`).join("\n")}

  Demo target "${TARGET_ID}": a Prisma-style schema where DELETE FROM "User" cascaded through
  ON DELETE CASCADE and wiped Talent, Deal and their dependents; the two admin accounts were then
  re-created, so User still shows 2 rows (incident at ${state.incidentAt}).
  Machine-readable details (API tokens too): ${path.relative(root, path.join(dataDir, "demo.json"))}

  Stop with Ctrl-C (stops the app and both PostgreSQL servers). Rebuild the data: npm run demo -- --reset
`);
}

main().catch(async (error: unknown) => {
  console.error(`\n[demo] ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
});
