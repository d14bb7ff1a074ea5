import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startCluster, type RunningCluster } from "../embedded/cluster";
import { locateBinaries } from "../embedded/binaries";
import { findFreePort } from "../embedded/ports";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

let cluster: RunningCluster | undefined;
let root: string | undefined;

/** One real PostgreSQL server for the whole test run, in a throw-away folder. */
export async function setup(project: TestProject) {
  const { runAs } = locateBinaries();
  root = mkdtempSync(path.join(os.tmpdir(), "incident-room-test-"));
  if (runAs) rmSync(root, { recursive: true }); // re-created with the right owner by startCluster
  const port = await findFreePort();
  cluster = await startCluster({
    dataDir: path.join(root, "pg"),
    port,
    superuserPassword: "test",
    logFile: path.join(root, "postgres.log"),
    settings: { wal_level: "logical", max_connections: 200, fsync: "off", synchronous_commit: "off" },
  });
  project.provide("pgUrl", cluster.superuserUrl());
}

export async function teardown() {
  await cluster?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
}
