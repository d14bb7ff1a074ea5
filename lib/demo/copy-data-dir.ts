import { constants, promises as fs } from "node:fs";
import path from "node:path";

/**
 * Copies a live PostgreSQL data directory for a low-level base backup, leaving out what the
 * PostgreSQL documentation says to leave out ("Making a Base Backup Using the Low Level API"):
 * the postmaster's pid/opts files, the contents of pg_wal (its folders stay), pg_replslot and the
 * runtime folders that are re-initialised at start-up, temporary files, relation-cache init files and
 * any backup_label / tablespace_map lying around. Files that vanish while we copy are fine: WAL
 * replay from the backup's start point recreates or removes them.
 */

const SKIP_FILES = new Set([
  "postmaster.pid",
  "postmaster.opts",
  "backup_label",
  "backup_label.old",
  "tablespace_map",
  "tablespace_map.old",
  "postgresql.auto.conf.tmp",
  "current_logfiles.tmp",
  "pg_internal.init",
]);

/** Folders whose contents are left out (the folders themselves are kept, empty). */
const EMPTY_DIRS = new Set([
  "pg_wal",
  "pg_replslot",
  "pg_dynshmem",
  "pg_notify",
  "pg_serial",
  "pg_snapshots",
  "pg_stat_tmp",
  "pg_subtrans",
]);

export interface CopyStats {
  files: number;
  bytes: number;
}

interface Owner {
  uid: number;
  gid: number;
}

function isMissing(error: unknown) {
  return (error as { code?: string }).code === "ENOENT";
}

async function makeDir(dir: string, mode: number, owner: Owner | null) {
  await fs.mkdir(dir, { mode });
  await fs.chmod(dir, mode); // mkdir's mode is filtered by the umask
  if (owner) await fs.chown(dir, owner.uid, owner.gid);
}

async function copyDir(src: string, dst: string, rel: string, owner: Owner | null, stats: CopyStats) {
  let entries;
  try {
    entries = await fs.readdir(src, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const name = entry.name;
    if (SKIP_FILES.has(name) || name.startsWith("pgsql_tmp")) continue;
    const from = path.join(src, name);
    const to = path.join(dst, name);
    const childRel = rel ? `${rel}/${name}` : name;
    try {
      if (entry.isDirectory()) {
        const { mode } = await fs.stat(from);
        await makeDir(to, mode & 0o7777, owner);
        if (EMPTY_DIRS.has(childRel)) {
          // pg_wal keeps its sub-folders (archive_status, summaries), empty.
          if (childRel === "pg_wal") {
            for (const sub of await fs.readdir(from, { withFileTypes: true })) {
              if (sub.isDirectory()) await makeDir(path.join(to, sub.name), 0o700, owner);
            }
          }
          continue;
        }
        await copyDir(from, to, childRel, owner, stats);
      } else if (entry.isSymbolicLink() && EMPTY_DIRS.has(childRel)) {
        // pg_wal may be a link to another disk (initdb --waldir): the backup gets a real, empty folder.
        await makeDir(to, 0o700, owner);
        if (childRel === "pg_wal") await makeDir(path.join(to, "archive_status"), 0o700, owner);
      } else if (entry.isSymbolicLink()) {
        // Tablespace links under pg_tblspc: kept as links (the demo target has no tablespaces).
        await fs.symlink(await fs.readlink(from), to);
        if (owner) await fs.lchown(to, owner.uid, owner.gid);
      } else if (entry.isFile()) {
        // libuv's copyfile also copies the permission bits.
        await fs.copyFile(from, to, constants.COPYFILE_EXCL);
        if (owner) await fs.chown(to, owner.uid, owner.gid);
        stats.files += 1;
        stats.bytes += (await fs.stat(to)).size;
      }
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
}

function ownerFor(root: { uid: number; gid: number }): Owner | null {
  const canChown = typeof process.getuid === "function" && process.getuid() === 0;
  return canChown ? { uid: root.uid, gid: root.gid } : null;
}

/**
 * Makes `backupDir` an empty folder owned and protected like `dataDir` (PostgreSQL refuses a data
 * directory with looser permissions). Throws when it exists and is not empty.
 */
export async function prepareBackupDir(dataDir: string, backupDir: string): Promise<void> {
  const root = await fs.stat(dataDir);
  const owner = ownerFor(root);
  try {
    const existing = await fs.readdir(backupDir);
    if (existing.length > 0) throw new Error(`backup directory ${backupDir} is not empty`);
    await fs.chmod(backupDir, root.mode & 0o777);
    if (owner) await fs.chown(backupDir, owner.uid, owner.gid);
  } catch (error) {
    if (!isMissing(error)) throw error;
    await fs.mkdir(path.dirname(backupDir), { recursive: true });
    await makeDir(backupDir, root.mode & 0o777, owner);
  }
}

/** Copies `dataDir` into `backupDir` (prepared by prepareBackupDir), owned like `dataDir` when we can chown. */
export async function copyDataDirectory(dataDir: string, backupDir: string): Promise<CopyStats> {
  const owner = ownerFor(await fs.stat(dataDir));
  const stats: CopyStats = { files: 0, bytes: 0 };
  await copyDir(dataDir, backupDir, "", owner, stats);
  return stats;
}

/** Writes a file into the backup, owned like the rest of it. */
export async function writeBackupFile(backupDir: string, name: string, content: string) {
  const file = path.join(backupDir, name);
  await fs.writeFile(file, content, { mode: 0o600, flag: "wx" });
  const dir = await fs.stat(backupDir);
  if (typeof process.getuid === "function" && process.getuid() === 0) await fs.chown(file, dir.uid, dir.gid);
}
