import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { locateBinaries } from "@/lib/embedded/binaries";
import { startCluster, type RunningCluster } from "@/lib/embedded/cluster";
import { findFreePort } from "@/lib/embedded/ports";
import { serverUrl } from "@/lib/testing/scratch-db";
import { buildDemoTarget, databaseUrl, demoTargetSettings, replayIncident, takeBaseBackup } from "./index";

const roots: string[] = [];
const clusters: RunningCluster[] = [];

/** A throw-away folder the `postgres` OS user can traverse (mkdtemp makes it 0700). */
function scratchRoot(prefix: string) {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(root, 0o755);
  roots.push(root);
  return root;
}

afterAll(async () => {
  for (const cluster of clusters) await cluster.stop();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

async function dataDirectory(): Promise<string> {
  const rows = await query<{ data_directory: string }>(serverUrl(), "SHOW data_directory");
  return rows[0]!.data_directory;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("takeBaseBackup", () => {
  it("copies the test server's data directory with a backup_label and without runtime files", async () => {
    const dataDir = await dataDirectory();
    const backupDir = path.join(scratchRoot("ir-backup-"), "base");
    const backup = await takeBaseBackup({
      superuserUrl: serverUrl(),
      dataDir,
      backupDir,
      label: "unit test",
    });

    const label = readFileSync(path.join(backupDir, "backup_label"), "utf8");
    expect(label).toContain(`START WAL LOCATION: ${backup.startLsn} (file `);
    expect(label).toContain("LABEL: unit test");
    expect(readFileSync(path.join(backupDir, "PG_VERSION"), "utf8")).toBe(
      readFileSync(path.join(dataDir, "PG_VERSION"), "utf8"),
    );
    expect(existsSync(path.join(backupDir, "global", "pg_control"))).toBe(true);
    expect(existsSync(path.join(backupDir, "postmaster.pid"))).toBe(false);
    // pg_wal keeps only its folders; WAL comes from the archive at recovery.
    const wal = readdirSync(path.join(backupDir, "pg_wal"), { withFileTypes: true });
    expect(wal.filter((entry) => !entry.isDirectory())).toEqual([]);
    expect(wal.map((entry) => entry.name)).toContain("archive_status");
    // Owned and protected like the data directory, so a recovery server can start from it.
    const [source, copy] = [statSync(dataDir), statSync(backupDir)];
    expect([copy.uid, copy.gid, copy.mode & 0o777]).toEqual([source.uid, source.gid, source.mode & 0o777]);
    expect(statSync(path.join(backupDir, "PG_VERSION")).uid).toBe(source.uid);
    const [order] = await query<{ ok: boolean }>(
      serverUrl(),
      `SELECT '${backup.stopLsn}'::pg_lsn >= '${backup.startLsn}'::pg_lsn AS ok`,
    );
    expect(order?.ok).toBe(true);
    expect(backup.files).toBeGreaterThan(100);
  });

  it("refuses a backup directory that is not empty, and leaves it alone", async () => {
    const backupDir = scratchRoot("ir-backup-busy-");
    writeFileSync(path.join(backupDir, "something"), "x");
    await expect(
      takeBaseBackup({ superuserUrl: serverUrl(), dataDir: await dataDirectory(), backupDir }),
    ).rejects.toThrow(/not empty/);
    expect(readdirSync(backupDir)).toEqual(["something"]);
  });

  it("recovers the pre-incident demo target from the backup and the WAL archive", async () => {
    const { runAs } = locateBinaries();
    const root = scratchRoot("ir-demo-pitr-");
    const archive = path.join(root, "archive");
    mkdirSync(archive);
    if (runAs) chownSync(archive, runAs.uid, runAs.gid);

    const target = await startCluster({
      dataDir: path.join(root, "target"),
      port: await findFreePort(),
      superuserPassword: "pitr",
      logFile: path.join(root, "target.log"),
      settings: { ...demoTargetSettings(archive), fsync: "off" },
    });
    clusters.push(target);
    const info = await buildDemoTarget({
      superuserUrl: target.superuserUrl(),
      scale: 0.02,
      readOnlyPassword: "ro-secret-7f3a",
      privilegedPassword: "rw-secret-91bc",
    });
    // This cluster is private, so the roles' passwords are ours: log in with them.
    const login = async (role: string, password: string, sql: string) => {
      const url = new URL(databaseUrl(target.superuserUrl(), info.database));
      url.username = role;
      url.password = password;
      return query<Record<string, unknown>>(url.toString(), sql);
    };
    expect(
      await login(info.readOnlyRole, "ro-secret-7f3a", `SELECT count(*)::int AS n FROM "Talent"`),
    ).toEqual([{ n: info.rowCountsBefore["public.Talent"] }]);
    await expect(login(info.readOnlyRole, "ro-secret-7f3a", `DELETE FROM "Tag"`)).rejects.toThrow(
      /read-only transaction/,
    );
    await expect(login(info.readOnlyRole, "wrong", "SELECT 1")).rejects.toThrow(
      /password authentication failed/,
    );
    expect(await login(info.privilegedRole, "rw-secret-91bc", `SELECT current_user AS who`)).toEqual([
      { who: info.privilegedRole },
    ]);

    const backupDir = path.join(root, "base");
    const backup = await takeBaseBackup({
      superuserUrl: target.superuserUrl(),
      dataDir: target.dataDir,
      backupDir,
    });
    expect(readdirSync(archive).length).toBeGreaterThan(0);
    const incident = await replayIncident({ url: databaseUrl(target.superuserUrl(), info.database) });
    expect(incident.deletedUsers).toBe(2);
    expect(incident.rowCountsAfter["public.Talent"]).toBe(0);
    expect(incident.rowCountsAfter["public.User"]).toBe(2);
    await target.stop();
    // The server log is forensic evidence: it names the statement and the application, never a password.
    const serverLog = readFileSync(path.join(root, "target.log"), "utf8");
    expect(serverLog).toMatch(/app=prisma .*DELETE FROM "public"\."User"/);
    expect(serverLog).toMatch(/app=prisma .*INSERT INTO "public"\."User"/);
    expect(serverLog).not.toContain("secret-7f3a");
    expect(serverLog).not.toContain("secret-91bc");

    writeFileSync(path.join(backupDir, "recovery.signal"), "");
    if (runAs) chownSync(path.join(backupDir, "recovery.signal"), runAs.uid, runAs.gid);
    const recovered = await startCluster({
      dataDir: backupDir,
      port: await findFreePort(),
      superuserPassword: "pitr",
      logFile: path.join(root, "recovered.log"),
      settings: {
        restore_command: `cp '${archive}/%f' '%p'`,
        recovery_target: "immediate",
        recovery_target_action: "promote",
        fsync: "off",
      },
    });
    clusters.push(recovered);
    const counts = await query<{ talents: number; deals: number; users: number }>(
      databaseUrl(recovered.superuserUrl(), info.database),
      `SELECT (SELECT count(*)::int FROM "Talent") AS talents, (SELECT count(*)::int FROM "Deal") AS deals,
              (SELECT count(*)::int FROM "User") AS users`,
    );
    expect(counts[0]).toEqual({
      talents: info.rowCountsBefore["public.Talent"],
      deals: info.rowCountsBefore["public.Deal"],
      users: 2,
    });
    // The original accounts, not the ones the incident re-created with new ids.
    const users = await query<{ id: string; email: string }>(
      databaseUrl(recovered.superuserUrl(), info.database),
      `SELECT id, email FROM "User" ORDER BY id`,
    );
    expect(users).toEqual([
      { id: "usr_000001", email: "lila@thebreakco.com" },
      { id: "usr_000002", email: "admin@thebreakco.com" },
    ]);
    expect(Date.parse(backup.takenAt)).toBeLessThanOrEqual(Date.parse(incident.at));
  });
});
