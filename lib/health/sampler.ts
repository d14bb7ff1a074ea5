import os from "node:os";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type * as schema from "../db/schema";
import type { Queryable } from "../introspect/connect";
import { readCatalogFingerprint } from "../introspect/fingerprint";
import { introspect } from "../introspect/introspect";
import type { Catalog } from "../introspect/types";
import { describeConnectionError } from "../targets/errors";
import { detectDataLoss } from "./classify";
import { recordDetections } from "./detections";
import { readMigrationHistory } from "./expected";
import { acquireLease, releaseLease, stillHoldsLease } from "./lease";
import { readHealthDetailed, type ReadHealthOptions } from "./read";
import {
  currentBaseline,
  getReadings,
  insertSample,
  listSampleHeads,
  pinFirstBaselineIfNone,
  pruneSamples,
} from "./store";
import type { ClassifyOptions, HealthReading } from "./types";

/**
 * The health sampler: every `intervalMs`, for every target, one health pass (introspection when
 * the schema's fingerprint changed or the catalog is old, readHealth, the app's migration
 * history), stored as a sample; then data-loss detection against the baseline and the recent
 * samples. One loop per target, so a target that hangs never delays another.
 *
 * Several app replicas may run a sampler: a lease per target in the control plane (job_leases)
 * lets one replica sample it, and the sample is written only if the lease is still held (a holder
 * that stalled past its lease is fenced out). Nothing here throws out of the loop: an unreachable
 * target is stored as an unreachable sample (the error without secrets), a control-plane outage is
 * logged and retried on the next tick.
 */

type Db = NodePgDatabase<typeof schema>;

export interface SamplerTarget {
  id: string;
  expectedTables: string[];
  criticalTables: string[];
}

export interface TargetConnection {
  client: Queryable;
  /** Pass the error when the connection may be broken, so a pool discards it. */
  release(error?: Error): void;
}

export interface SamplerOptions {
  db: Db;
  targets: () => SamplerTarget[];
  connect: (targetId: string) => Promise<TargetConnection>;
  intervalMs: number;
  /** Identifies this replica in the lease table. */
  holder?: string;
  /** Default: max(3 × interval, 10 s). */
  leaseTtlMs?: number;
  readOptions?: ReadHealthOptions;
  classifyOptions?: ClassifyOptions;
  /**
   * Called on every reachable pass with a catalog that matched the schema's fingerprint at
   * `checkedAt` (read before the check), so the web app's graph can reuse it instead of reading
   * the catalog again.
   */
  onCatalog?: (targetId: string, catalog: Catalog, checkedAt: Date) => void;
  /**
   * Called after each stored sample (and its detections), so the server can compute the health
   * view ahead of the next request: on 5,000 tables that takes 0.2–0.9 s, which the first page to
   * ask after every sample would otherwise wait for.
   */
  onSampled?: (targetId: string) => void;
  /** How often the retention job runs per target. Default 10 minutes. */
  pruneEveryMs?: number;
  log?: (message: string) => void;
}

export type TickOutcome =
  | { targetId: string; kind: "sampled"; sampleId: number; reachable: boolean; detectionsCreated: number }
  | { targetId: string; kind: "not-leader" | "fenced" | "failed"; error?: string };

const DEFAULT_WINDOW_MS = 15 * 60_000;
/** Samples of the recent window handed to the detector, at most. */
const MAX_HISTORY = 60;

/**
 * A catalog is reused while the schema's fingerprint is unchanged, but read again at least this
 * often: its row estimates (pg_class.reltuples, shown on the graph) change without DDL.
 */
export const CATALOG_MAX_AGE_MS = 10 * 60_000;

interface TargetState {
  catalog: { fingerprint: string; catalog: Catalog; readAt: number } | null;
  /** Recent reachable readings of this target, oldest first (not including the baseline). */
  history: HealthReading[] | null;
  historyBaselineSampleId: number | null;
  lastPruneAt: number;
  lastError: string | null;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
}

/**
 * Last-activity lookups per pass besides priority tables: more than readHealth's one-shot default
 * (10), because the sampler's pooled connection stays warm between passes, where a lookup costs
 * ~0.2 ms instead of the 1.2–1.4 ms of a fresh connection; with the previous reading handed over
 * they go to the tables written since the last pass.
 */
export const SAMPLER_ACTIVITY_LOOKUPS = 25;

export function defaultHolder(): string {
  return `${os.hostname()}:${process.env.PORT ?? "3000"}:${process.pid}`;
}

export class HealthSampler {
  private readonly states = new Map<string, TargetState>();
  private stopped = true;
  readonly holder: string;
  private readonly leaseTtlMs: number;

  constructor(private readonly options: SamplerOptions) {
    this.holder = options.holder ?? defaultHolder();
    this.leaseTtlMs = options.leaseTtlMs ?? Math.max(3 * options.intervalMs, 10_000);
  }

  private log(message: string) {
    (this.options.log ?? ((m: string) => console.log(`[health-sampler] ${m}`)))(message);
  }

  private state(targetId: string): TargetState {
    let s = this.states.get(targetId);
    if (!s) {
      s = {
        catalog: null,
        history: null,
        historyBaselineSampleId: null,
        lastPruneAt: 0,
        lastError: null,
        timer: null,
        running: null,
      };
      this.states.set(targetId, s);
    }
    return s;
  }

  /** Starts one loop per target; the first pass runs at once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    for (const target of this.options.targets()) this.schedule(target.id, 0);
  }

  /** Stops the loops, waits for passes in flight, and gives the leases up. */
  async stop(): Promise<void> {
    this.stopped = true;
    const running: Promise<void>[] = [];
    for (const s of this.states.values()) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      if (s.running) running.push(s.running);
    }
    await Promise.allSettled(running);
    await Promise.allSettled(
      [...this.states.keys()].map((id) => releaseLease(this.options.db, leaseName(id), this.holder)),
    );
  }

  private schedule(targetId: string, delayMs: number) {
    if (this.stopped) return;
    const s = this.state(targetId);
    s.timer = setTimeout(() => {
      s.timer = null;
      const started = Date.now();
      s.running = this.tickTarget(targetId)
        .then(() => undefined)
        .finally(() => {
          s.running = null;
          // Keep the cadence: the next pass starts one interval after this one started.
          this.schedule(targetId, Math.max(100, this.options.intervalMs - (Date.now() - started)));
        });
    }, delayMs);
    s.timer.unref?.();
  }

  /** One pass over every target, now (tests, the benchmark). */
  async runOnce(): Promise<TickOutcome[]> {
    return Promise.all(this.options.targets().map((t) => this.tickTarget(t.id)));
  }

  /** One pass over one target. Never throws. */
  async tickTarget(targetId: string): Promise<TickOutcome> {
    const target = this.options.targets().find((t) => t.id === targetId);
    if (!target) return { targetId, kind: "failed", error: "unknown target" };
    const s = this.state(targetId);
    try {
      const leader = await acquireLease(this.options.db, leaseName(targetId), this.holder, this.leaseTtlMs);
      if (!leader) {
        // Someone else samples it; our memory of it goes stale, so drop it.
        s.history = null;
        return { targetId, kind: "not-leader" };
      }
      const outcome = await this.sampleTarget(target, s);
      if (outcome.kind === "sampled" && outcome.reachable) {
        if (s.lastError) this.log(`${targetId}: recovered`);
        s.lastError = null;
      }
      return outcome;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== s.lastError) this.log(`${targetId}: pass failed (will retry): ${message}`);
      s.lastError = message;
      s.history = null;
      return { targetId, kind: "failed", error: message };
    }
  }

  private async read(target: SamplerTarget, s: TargetState) {
    const started = performance.now();
    const conn = await this.options.connect(target.id);
    try {
      const checkedAt = Date.now();
      const fingerprint = await readCatalogFingerprint(conn.client);
      if (
        !s.catalog ||
        s.catalog.fingerprint !== fingerprint ||
        checkedAt - s.catalog.readAt > CATALOG_MAX_AGE_MS
      ) {
        s.catalog = { fingerprint, catalog: await introspect(conn.client), readAt: checkedAt };
      }
      this.options.onCatalog?.(target.id, s.catalog.catalog, new Date(checkedAt));
      const { reading, diagnostics } = await readHealthDetailed(conn.client, s.catalog.catalog, {
        maxActivityLookups: SAMPLER_ACTIVITY_LOOKUPS,
        priorityTables: target.criticalTables,
        previous: s.history?.at(-1),
        ...this.options.readOptions,
      });
      const migrations = await readMigrationHistory(conn.client);
      conn.release();
      return {
        reading,
        meta: {
          migrations,
          elapsedMs: Math.round(performance.now() - started),
          exactCounts: diagnostics.exactCounts,
          activityLookups: diagnostics.activityLookups,
          activityCarried: diagnostics.activityCarried,
          lockedTables: diagnostics.lockedTables,
          sampler: this.holder,
        },
      };
    } catch (error) {
      conn.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  private async sampleTarget(target: SamplerTarget, s: TargetState): Promise<TickOutcome> {
    const db = this.options.db;
    const name = leaseName(target.id);
    let result: Awaited<ReturnType<HealthSampler["read"]>> | null = null;
    let error: string | null = null;
    try {
      result = await this.read(target, s);
    } catch (e) {
      error = describeConnectionError(e);
      s.catalog = null;
    }
    const sampledAt = result ? new Date(result.reading.sampledAt) : new Date();

    const sampleId = await db.transaction(async (tx) => {
      if (!(await stillHoldsLease(tx, name, this.holder))) return null;
      return insertSample(tx, {
        targetId: target.id,
        sampledAt,
        reachable: result !== null,
        error,
        reading: result?.reading ?? null,
        meta: result?.meta ?? null,
      });
    });
    if (sampleId === null) {
      s.history = null;
      return { targetId: target.id, kind: "fenced" };
    }
    if (Date.now() - s.lastPruneAt > (this.options.pruneEveryMs ?? 10 * 60_000)) {
      s.lastPruneAt = Date.now();
      const pruned = await pruneSamples(db, target.id);
      if (pruned > 0) this.log(`${target.id}: retention removed ${pruned} old samples`);
    }
    if (!result) {
      if (error !== s.lastError) this.log(`${target.id}: unreachable: ${error}`);
      s.lastError = error;
      this.options.onSampled?.(target.id);
      return { targetId: target.id, kind: "sampled", sampleId, reachable: false, detectionsCreated: 0 };
    }

    if (await pinFirstBaselineIfNone(db, target.id, sampleId)) {
      this.log(`${target.id}: first reading pinned as the baseline`);
    }
    const created = await this.detect(target.id, s, sampleId, result.reading);
    this.options.onSampled?.(target.id);
    return { targetId: target.id, kind: "sampled", sampleId, reachable: true, detectionsCreated: created };
  }

  /** Runs the detector over the baseline and the recent window; returns how many detections were raised. */
  private async detect(targetId: string, s: TargetState, sampleId: number, reading: HealthReading) {
    const db = this.options.db;
    const baseline = await currentBaseline(db, targetId);
    if (!baseline) return 0;
    const windowMs = this.options.classifyOptions?.windowMs ?? DEFAULT_WINDOW_MS;
    const horizon = Math.max(Date.parse(reading.sampledAt) - windowMs, baseline.sampledAt.getTime() + 1);

    if (s.history === null || s.historyBaselineSampleId !== baseline.sampleId) {
      // (Re)load the recent window from the control plane: after a start, a lease handover, a new baseline.
      const heads = (await listSampleHeads(db, targetId, new Date(horizon), MAX_HISTORY * 4))
        .filter((h) => h.reachable && h.id !== sampleId && h.id !== baseline.sampleId)
        .slice(-MAX_HISTORY);
      const readings = await getReadings(
        db,
        heads.map((h) => h.id),
      );
      s.history = heads.map((h) => readings.get(h.id)).filter((r): r is HealthReading => r !== undefined);
      s.historyBaselineSampleId = baseline.sampleId;
    }
    s.history = s.history.filter((r) => Date.parse(r.sampledAt) >= horizon).slice(-(MAX_HISTORY - 1));
    const baselineReading = (await getReadings(db, [baseline.sampleId])).get(baseline.sampleId);
    s.history.push(reading);
    if (!baselineReading) return 0;
    const found = detectDataLoss(baselineReading, s.history, this.options.classifyOptions);
    const outcome = await recordDetections(db, targetId, found, new Date(reading.sampledAt));
    for (const d of outcome.created) {
      this.log(
        `${targetId}: data loss detected (${d.kind}) in ${d.tables.length} table(s) since ${d.firstBadSampleAt.toISOString()}`,
      );
    }
    return outcome.created.length;
  }
}

export function leaseName(targetId: string): string {
  return `health-sampler:${targetId}`;
}
