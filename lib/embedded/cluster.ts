import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chownSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  closeSync,
} from "node:fs";
import path from "node:path";
import pg from "pg";
import { locateBinaries, type ServerUser } from "./binaries";

/**
 * One embedded PostgreSQL cluster: its own data directory, port and server process.
 * The server runs as a child of this process, in the same process group, so a terminal's Ctrl-C
 * (or a test runner killing the group) reaches it too; `stop()` asks for a fast shutdown.
 */

export interface ClusterOptions {
  /** Where the cluster's data lives; see `resolveDataDir` for root. */
  dataDir: string;
  port: number;
  superuserPassword: string;
  /** Extra `postgres -c name=value` settings. */
  settings?: Record<string, string | number | boolean>;
  logFile: string;
}

export interface RunningCluster {
  port: number;
  dataDir: string;
  superuserUrl(database?: string): string;
  stop(): Promise<void>;
}

const ROOT_DATA = "/var/lib/incident-room";

/** True when `user` can enter `dir` and every folder above it (by owner, group or "others" bits). */
function traversableBy(dir: string, user: ServerUser): boolean {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(current)) {
      const { mode, uid, gid } = statSync(current);
      const canEnter = uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
      if (!canEnter) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * As root the server runs as the `postgres` user, which must be able to reach its data directory.
 * When the wanted folder is under one it cannot traverse, the data goes to /var/lib/incident-room
 * under a name derived from the wanted path, and a pointer file is left at the wanted path.
 */
export function resolveDataDir(wanted: string, runAs: ServerUser | null): string {
  if (!runAs || traversableBy(path.dirname(wanted), runAs)) return wanted;
  const slug = createHash("sha256").update(path.resolve(wanted)).digest("hex").slice(0, 16);
  return path.join(ROOT_DATA, `${path.basename(wanted)}-${slug}`);
}

function prepareDir(dir: string, runAs: ServerUser | null, mode: number) {
  mkdirSync(dir, { recursive: true, mode });
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
}

function spawnOptions(runAs: ServerUser | null) {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

function initCluster(dataDir: string, password: string, runAs: ServerUser | null, logFd: number) {
  const { binDir } = locateBinaries();
  prepareDir(path.dirname(dataDir), runAs, 0o755);
  prepareDir(dataDir, runAs, 0o700);
  const pwFile = path.join(path.dirname(dataDir), `.pw-${process.pid}`);
  writeFileSync(pwFile, password + "\n", { mode: 0o600 });
  if (runAs) chownSync(pwFile, runAs.uid, runAs.gid);
  try {
    execFileSync(
      path.join(binDir, "initdb"),
      [
        "-D",
        dataDir,
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--locale=C",
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        `--pwfile=${pwFile}`,
        "--no-sync",
      ],
      { stdio: ["ignore", logFd, logFd], ...spawnOptions(runAs) },
    );
  } finally {
    execFileSync("rm", ["-f", pwFile]);
  }
}

/** Stops a server left running by an earlier process that died without cleaning up. */
async function stopStaleServer(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  let cmdline = "";
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return; // not running
  }
  if (!cmdline.includes("postgres")) return;
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await sleep(100);
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitReady(url: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 30_000;
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`PostgreSQL exited during start-up; see ${logFile}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query("select 1");
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL did not become ready: ${String(error)}; see ${logFile}`);
      await sleep(100);
    }
  }
}

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const { binDir, runAs } = locateBinaries();
  const dataDir = options.dataDir;
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const logFd = openSync(options.logFile, "a");
  if (runAs) chownSync(options.logFile, runAs.uid, runAs.gid);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    initCluster(dataDir, options.superuserPassword, runAs, logFd);
  } else {
    await stopStaleServer(dataDir);
  }
  const settings: Record<string, string | number | boolean> = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    fsync: "on",
    max_connections: 100,
    ...options.settings,
  };
  const args = ["-D", dataDir, "-p", String(options.port)];
  for (const [name, value] of Object.entries(settings)) args.push("-c", `${name}=${value}`);
  const child = spawn(path.join(binDir, "postgres"), args, {
    stdio: ["ignore", logFd, logFd],
    ...spawnOptions(runAs),
  });
  closeSync(logFd);
  const url = (database = "postgres") =>
    `postgres://postgres:${encodeURIComponent(options.superuserPassword)}@127.0.0.1:${options.port}/${database}`;
  try {
    await waitReady(url(), child, options.logFile);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGINT");
    });
    return stopping;
  };
  return { port: options.port, dataDir, superuserUrl: url, stop };
}
