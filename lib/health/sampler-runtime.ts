import "server-only";
import { getConfig } from "../config/env";
import { getDb } from "../db/client";
import { adoptTargetCatalog } from "../graph/graph-json-cache";
import { getReadOnlyPool, listTargets } from "../targets/registry";
import { HealthSampler } from "./sampler";
import { loadTargetHealth } from "./store-server";

/**
 * The server's one health sampler, started from lib/startup.ts after the migrations. Not during
 * `next build` (instrumentation does not run there, and the phase check makes sure).
 */

const globalForSampler = globalThis as unknown as { incidentRoomSampler?: HealthSampler };

export function startHealthSampler(): HealthSampler | null {
  if (process.env.NEXT_PHASE === "phase-production-build") return null;
  if (globalForSampler.incidentRoomSampler) return globalForSampler.incidentRoomSampler;
  const config = getConfig();
  const sampler = new HealthSampler({
    db: getDb(),
    targets: () => listTargets(),
    intervalMs: config.sampleIntervalSeconds * 1000,
    connect: async (targetId) => {
      const client = await getReadOnlyPool(targetId).connect();
      return { client, release: (error) => client.release(error) };
    },
    onCatalog: adoptTargetCatalog,
    // Computed ahead for the health and graph pages; a failure here is the next request's to report.
    onSampled: (targetId) => void loadTargetHealth(targetId).catch(() => {}),
  });
  sampler.start();
  globalForSampler.incidentRoomSampler = sampler;
  return sampler;
}
