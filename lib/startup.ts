import "server-only";
import { ConfigError, getConfig } from "./config/env";
import { getAuth } from "./auth/server";
import { getDb } from "./db/client";
import { migrateControlPlane } from "./db/migrate";
import { startHealthSampler } from "./health/sampler-runtime";

/**
 * Server start-up: validate the environment (a bad one stops the server with every problem listed),
 * apply control-plane migrations, then start background work such as the health sampler.
 */
export async function startServer() {
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n[incident-room] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await migrateControlPlane(getDb());
  // Built here, once, rather than by the first page or route that needs a session (see getAuth).
  await getAuth();
  // Background work (the health sampler) starts here; each job tolerates several replicas.
  startHealthSampler();
}
