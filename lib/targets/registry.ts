import "server-only";
import type pg from "pg";
import { getConfig } from "../config/env";
import type { TargetConfig } from "../config/targets-config";
import { createReadOnlyPool } from "../introspect/connect";
import { AppError } from "../errors";

/** The configured targets and one read-only pool each, shared by every request in this process. */

const globalForTargets = globalThis as unknown as { incidentRoomPools?: Map<string, pg.Pool> };

export function listTargets(): TargetConfig[] {
  return getConfig().targets;
}

export function getTarget(id: string): TargetConfig {
  const target = listTargets().find((t) => t.id === id);
  if (!target) throw new AppError("NOT_FOUND", `No target "${id}"`);
  return target;
}

export function getReadOnlyPool(id: string): pg.Pool {
  const pools = (globalForTargets.incidentRoomPools ??= new Map());
  let pool = pools.get(id);
  if (!pool) {
    pool = createReadOnlyPool(getTarget(id).readOnlyUrl, { statementTimeoutMs: 15_000, purpose: "web" });
    pools.set(id, pool);
  }
  return pool;
}
