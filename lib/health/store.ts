import { and, desc, eq, inArray, gte, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { appendAudit } from "../audit/chain";
import type * as schema from "../db/schema";
import { baselines, healthSamples } from "../db/schema";
import { AppError } from "../errors";
import type { SampleMeta } from "./store-types";
import type { HealthReading } from "./types";

/**
 * Health samples and baselines in the control plane. Samples are immutable once written, so parsed
 * readings are cached in memory (bounded by the number of table entries they hold).
 */

type Db = NodePgDatabase<typeof schema>;

export interface SampleInput {
  targetId: string;
  sampledAt: Date;
  reachable: boolean;
  error: string | null;
  reading: HealthReading | null;
  meta: SampleMeta | null;
}

export interface SampleHead {
  id: number;
  targetId: string;
  sampledAt: Date;
  reachable: boolean;
  error: string | null;
}

export interface BaselineInfo {
  id: number;
  sampleId: number;
  sampledAt: Date;
  pinnedAt: Date;
  pinnedBy: string | null;
  reason: string;
}

/** Who pins: a person, or the system (actorId null). */
export interface Actor {
  userId: string | null;
  email: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, email: "system:health-sampler" };

const head = {
  id: healthSamples.id,
  targetId: healthSamples.targetId,
  sampledAt: healthSamples.sampledAt,
  reachable: healthSamples.reachable,
  error: healthSamples.error,
};

export async function insertSample(db: Db, input: SampleInput): Promise<number> {
  const [row] = await db.insert(healthSamples).values(input).returning({ id: healthSamples.id });
  if (input.reading) cacheReading(row!.id, input.reading);
  return row!.id;
}

export async function latestSample(
  db: Db,
  targetId: string,
  reachableOnly = false,
): Promise<SampleHead | null> {
  const [row] = await db
    .select(head)
    .from(healthSamples)
    .where(
      reachableOnly
        ? and(eq(healthSamples.targetId, targetId), eq(healthSamples.reachable, true))
        : eq(healthSamples.targetId, targetId),
    )
    .orderBy(desc(healthSamples.sampledAt), desc(healthSamples.id))
    .limit(1);
  return row ?? null;
}

/** Sample heads (no readings) since `since`, oldest first. */
export async function listSampleHeads(
  db: Db,
  targetId: string,
  since: Date,
  limit = 5_000,
): Promise<SampleHead[]> {
  const rows = await db
    .select(head)
    .from(healthSamples)
    .where(and(eq(healthSamples.targetId, targetId), gte(healthSamples.sampledAt, since)))
    .orderBy(desc(healthSamples.sampledAt), desc(healthSamples.id))
    .limit(limit);
  return rows.reverse();
}

export async function currentBaseline(db: Db, targetId: string): Promise<BaselineInfo | null> {
  const [row] = await db
    .select({
      id: baselines.id,
      sampleId: baselines.sampleId,
      sampledAt: healthSamples.sampledAt,
      pinnedAt: baselines.pinnedAt,
      pinnedBy: baselines.pinnedBy,
      reason: baselines.reason,
    })
    .from(baselines)
    .innerJoin(healthSamples, eq(healthSamples.id, baselines.sampleId))
    .where(eq(baselines.targetId, targetId))
    .orderBy(desc(baselines.pinnedAt), desc(baselines.id))
    .limit(1);
  return row ?? null;
}

// ---- readings, cached ----------------------------------------------------------------------

const CACHE_MAX_TABLE_ENTRIES = 400_000;
// On globalThis, not in module scope: Next.js bundles the instrumentation hook (where the sampler
// stores readings) apart from the routes (which show them), each with its own copy of this module.
const globalForReadings = globalThis as unknown as {
  incidentRoomReadings?: { byId: Map<number, HealthReading>; tableEntries: number };
};
const readingCache = (globalForReadings.incidentRoomReadings ??= { byId: new Map(), tableEntries: 0 });
const cache = readingCache.byId;

function cacheReading(id: number, reading: HealthReading) {
  if (cache.has(id)) return;
  cache.set(id, reading);
  readingCache.tableEntries += reading.tables.length;
  for (const [oldId, old] of cache) {
    if (readingCache.tableEntries <= CACHE_MAX_TABLE_ENTRIES || cache.size <= 2) break;
    cache.delete(oldId);
    readingCache.tableEntries -= old.tables.length;
  }
}

/** Readings of the given samples (unreachable samples have none). */
export async function getReadings(db: Db, ids: number[]): Promise<Map<number, HealthReading>> {
  const out = new Map<number, HealthReading>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const hit = cache.get(id);
    if (hit) {
      // Refresh its place in the LRU order.
      cache.delete(id);
      cache.set(id, hit);
      out.set(id, hit);
    } else missing.push(id);
  }
  for (let i = 0; i < missing.length; i += 50) {
    const rows = await db
      .select({ id: healthSamples.id, reading: healthSamples.reading })
      .from(healthSamples)
      .where(inArray(healthSamples.id, missing.slice(i, i + 50)));
    for (const row of rows) {
      if (!row.reading) continue;
      cacheReading(row.id, row.reading);
      out.set(row.id, row.reading);
    }
  }
  return out;
}

export async function getSampleMeta(db: Db, id: number): Promise<SampleMeta | null> {
  const [row] = await db
    .select({ meta: healthSamples.meta })
    .from(healthSamples)
    .where(eq(healthSamples.id, id));
  return row?.meta ?? null;
}

// ---- baselines -----------------------------------------------------------------------------

/**
 * Pins a sample as the target's baseline (the newest pin wins) and audits it in the same
 * transaction. Without `sampleId`, pins the latest reachable sample.
 */
export async function pinBaseline(
  db: Db,
  input: { targetId: string; sampleId?: number; actor: Actor; reason: string },
): Promise<BaselineInfo> {
  return db.transaction(async (tx) => {
    const sample = input.sampleId
      ? (
          await tx
            .select(head)
            .from(healthSamples)
            .where(and(eq(healthSamples.id, input.sampleId), eq(healthSamples.targetId, input.targetId)))
        )[0]
      : await latestSample(tx, input.targetId, true);
    if (!sample) {
      throw new AppError(
        "NOT_FOUND",
        input.sampleId
          ? `No sample ${input.sampleId} for target "${input.targetId}"`
          : `No reading of "${input.targetId}" has been taken yet`,
      );
    }
    if (!sample.reachable) {
      throw new AppError(
        "CONFLICT",
        "That sample has no reading (the target was unreachable); pick another one",
      );
    }
    const [row] = await tx
      .insert(baselines)
      .values({
        targetId: input.targetId,
        sampleId: sample.id,
        pinnedBy: input.actor.userId,
        reason: input.reason,
      })
      .returning();
    await appendAudit(tx, {
      actorId: input.actor.userId,
      actorEmail: input.actor.email,
      action: "baseline.pin",
      targetId: input.targetId,
      subject: String(sample.id),
      details: { reason: input.reason, sampledAt: sample.sampledAt.toISOString() },
    });
    return {
      id: row!.id,
      sampleId: sample.id,
      sampledAt: sample.sampledAt,
      pinnedAt: row!.pinnedAt,
      pinnedBy: row!.pinnedBy,
      reason: row!.reason,
    };
  });
}

/**
 * "The first sample is the baseline until someone pins another": pins `sampleId` when the target has
 * no baseline yet. Serialised per target so two replicas cannot both pin. Returns whether it pinned.
 */
export async function pinFirstBaselineIfNone(db: Db, targetId: string, sampleId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext('incident-room:baseline'), hashtext(${targetId}))`,
    );
    const [existing] = await tx
      .select({ id: baselines.id })
      .from(baselines)
      .where(eq(baselines.targetId, targetId))
      .limit(1);
    if (existing) return false;
    await pinBaseline(tx, {
      targetId,
      sampleId,
      actor: SYSTEM_ACTOR,
      reason: "First reading of this target (automatic until someone pins another)",
    });
    return true;
  });
}

// ---- retention -----------------------------------------------------------------------------

export const KEEP_EVERY_SAMPLE_MS = 48 * 3_600_000;

/**
 * Retention: every sample of the last 48 h is kept; older ones are thinned to one per hour (the
 * first reachable one of the hour, else the first); samples pinned as baselines are kept forever.
 * Deletes at most `batch` rows per call so a big backlog never holds locks for long.
 */
export async function pruneSamples(
  db: Db,
  targetId: string,
  now: Date = new Date(),
  options: { keepAllMs?: number; batch?: number } = {},
): Promise<number> {
  const cutoff = new Date(now.getTime() - (options.keepAllMs ?? KEEP_EVERY_SAMPLE_MS));
  const result = await db.execute(sql`
    with old as (
      select id, sampled_at, reachable,
             row_number() over (partition by date_trunc('hour', sampled_at at time zone 'UTC')
                                order by reachable desc, sampled_at, id) as rank
        from health_samples
       where target_id = ${targetId} and sampled_at < ${cutoff.toISOString()}::timestamptz
    ), doomed as (
      select o.id from old o
       where o.rank > 1
         and not exists (select 1 from baselines b where b.sample_id = o.id)
       order by o.sampled_at
       limit ${options.batch ?? 5_000}
    )
    delete from health_samples s using doomed d where s.id = d.id`);
  return result.rowCount ?? 0;
}
