import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { locateBinaries } from "../../lib/embedded/binaries";
import { startCluster, type RunningCluster } from "../../lib/embedded/cluster";
import { findFreePort } from "../../lib/embedded/ports";

/**
 * Runs `work` against a throw-away embedded PostgreSQL tuned for benchmarks (no durability, many
 * locks for 5,000-table schemas), in a temporary folder removed afterwards, also on Ctrl-C.
 */
export async function withBenchCluster<T>(
  name: string,
  log: (message: string) => void,
  work: (cluster: RunningCluster) => Promise<T>,
): Promise<T> {
  const { runAs } = locateBinaries();
  const root = mkdtempSync(path.join(os.tmpdir(), `incident-room-bench-${name}-`));
  if (runAs) rmSync(root, { recursive: true }); // re-created with the server user as owner
  let cluster: RunningCluster | undefined;
  const stop = async () => {
    await cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  };
  process.once("SIGINT", () => void stop().then(() => process.exit(130)));
  try {
    cluster = await startCluster({
      dataDir: path.join(root, "pg"),
      port: await findFreePort(),
      superuserPassword: "bench",
      logFile: path.join(root, "postgres.log"),
      settings: {
        fsync: "off",
        synchronous_commit: "off",
        full_page_writes: "off",
        max_locks_per_transaction: 256,
      },
    });
    log(`PostgreSQL started on port ${cluster.port}`);
    return await work(cluster);
  } finally {
    await stop();
  }
}
