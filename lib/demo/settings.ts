import path from "node:path";

/**
 * `postgres -c` settings for the demo target cluster: WAL archiving into `archiveDir` (for base
 * backups and point-in-time recovery), logical decoding, commit timestamps and statement logging
 * for forensics. Pure.
 */
export function demoTargetSettings(archiveDir: string): Record<string, string> {
  const dir = path.resolve(archiveDir);
  // The path goes into a shell command between single quotes; refuse anything that could break out.
  if (!/^[\w./@+-]+$/.test(dir))
    throw new Error(`archive directory has characters unsafe for archive_command: ${dir}`);
  return {
    wal_level: "logical",
    archive_mode: "on",
    // Never overwrite a segment that is already archived (the PostgreSQL documentation's own recipe).
    archive_command: `test ! -f '${dir}/%f' && cp '%p' '${dir}/%f'`,
    max_wal_senders: "10",
    max_replication_slots: "10",
    // Lets forensics ask when the deleting transaction committed (pg_xact_commit_timestamp).
    track_commit_timestamp: "on",
    // Every data-changing statement, with who ran it from which application, lands in the server log.
    log_statement: "mod",
    log_line_prefix: "%m [%p] %q%u@%d app=%a xid=%x ",
    // pg_walinspect reads only pg_wal, not the archive: keep the incident's WAL there for forensics.
    wal_keep_size: "256MB",
  };
}
