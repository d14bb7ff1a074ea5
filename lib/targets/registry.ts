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

/**
 * A second client for work that can split itself over two (the blast radius's two halves), only
 * when one is idle right now: it never waits, the caller works alone instead. When none is idle and
 * the pool may still grow, one more connection opens in the background for the next request.
 */
export async function checkoutIdle(pool: pg.Pool): Promise<pg.PoolClient | null> {
  if (pool.idleCount > 0) return pool.connect().catch(() => null);
  if (pool.totalCount < (pool.options.max ?? 10)) {
    void pool.connect().then(
      (spare) => spare.release(),
      () => {},
    );
  }
  return null;
}
