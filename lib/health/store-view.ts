import { eq } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type * as schema from "../db/schema";
import { users, type Detection } from "../db/schema";
import { classifyReading } from "./classify";
import { detectionStatus, listDetections } from "./detections";
import { normaliseExpectedTables } from "./expected";
import {
  currentBaseline,
  getReadings,
  getSampleMeta,
  latestSample,
  listSampleHeads,
  type SampleHead,
} from "./store";
import type { MigrationHistory } from "./store-types";
import {
  affectedFirst,
  type DetectionView,
  type HealthTableView,
  type TargetHealthView,
} from "./store-view-types";
import { TABLE_STATUSES, type ClassifyOptions, type HealthReading, type TableStatus } from "./types";

export * from "./store-view-types";

/**
 * What the health page and `GET /api/v1/targets/{id}/health` show: the newest sample classified
 * against the baseline and the recent window, a short series of rows per table for sparklines,
 * the app's migration history and the target's detections. Built from stored samples only (no
 * target connection), so it answers while the target is down.
 */

type Db = NodePgDatabase<typeof schema>;

export interface HealthViewOptions {
  intervalSeconds: number;
  classifyOptions?: ClassifyOptions;
  /** Sparkline span. Default one hour. */
  seriesSpanMs?: number;
  seriesPoints?: number;
  now?: Date;
}

const DEFAULT_WINDOW_MS = 15 * 60_000;
const HISTORY_POINTS = 30;

/** Up to `n` items spread evenly over `items`, always keeping the last one. */
export function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const out: T[] = [];
  const step = (items.length - 1) / (n - 1);
  for (let i = 0; i < n; i++) out.push(items[Math.round(i * step)]!);
  return [...new Set(out)];
}

export function toDetectionView(d: Detection): DetectionView {
  return {
    id: d.id,
    detectedAt: d.detectedAt.toISOString(),
    firstBadSampleAt: d.firstBadSampleAt.toISOString(),
    lastGoodSampleAt: d.lastGoodSampleAt?.toISOString() ?? null,
    lastSeenAt: d.lastSeenAt.toISOString(),
    clearedAt: d.clearedAt?.toISOString() ?? null,
    kind: d.kind,
    kinds: d.kinds,
    tables: d.tables,
    status: detectionStatus(d),
    incidentId: d.incidentId,
  };
}

const emptySummary = () =>
  Object.fromEntries(TABLE_STATUSES.map((s) => [s, 0])) as Record<TableStatus, number>;

interface Computed {
  key: string;
  tables: HealthTableView[];
  summary: Record<TableStatus, number>;
  lastKnownSummary: Record<TableStatus, number> | null;
  rowsAtBaseline: number;
  rowsLost: number;
  seriesAt: string[];
  migrations: MigrationHistory[];
}

// One computed view per target: samples are immutable, so it holds until a new sample or baseline.
// On globalThis: the sampler computes it ahead in the instrumentation bundle, the routes read it.
const globalForViews = globalThis as unknown as { incidentRoomHealthViews?: Map<string, Computed> };
const computedCache = (globalForViews.incidentRoomHealthViews ??= new Map());

export async function getTargetHealth(
  db: Db,
  target: { id: string; name: string; expectedTables: string[]; criticalTables?: string[] },
  options: HealthViewOptions,
): Promise<TargetHealthView> {
  const now = options.now ?? new Date();
  const intervalMs = options.intervalSeconds * 1000;
  const [latest, lastReading, baseline, detectionRows] = await Promise.all([
    latestSample(db, target.id),
    latestSample(db, target.id, true),
    currentBaseline(db, target.id),
    listDetections(db, { targetId: target.id, limit: 20 }),
  ]);
  const pinnedBy = baseline?.pinnedBy
    ? ((
        await db
          .select({ name: users.name, email: users.email })
          .from(users)
          .where(eq(users.id, baseline.pinnedBy))
      )[0]?.email ?? null)
    : null;

  const expected = normaliseExpectedTables(target.expectedTables);
  const critical = normaliseExpectedTables(target.criticalTables ?? []);
  const key = [latest?.id, lastReading?.id, baseline?.id, expected.join(","), critical.join(",")].join("|");
  let computed = computedCache.get(target.id);
  if (!computed || computed.key !== key) {
    computed = await compute(
      db,
      target.id,
      key,
      latest,
      lastReading,
      baseline,
      expected,
      new Set(critical),
      options,
    );
    computedCache.set(target.id, computed);
  }

  return {
    targetId: target.id,
    targetName: target.name,
    sampledAt: latest?.sampledAt.toISOString() ?? null,
    baselineAt: baseline?.sampledAt.toISOString() ?? null,
    reachable: latest?.reachable ?? false,
    error: latest && !latest.reachable ? latest.error : null,
    lastReadingAt: lastReading?.sampledAt.toISOString() ?? null,
    stale: !latest || now.getTime() - latest.sampledAt.getTime() > 3 * intervalMs + 10_000,
    intervalSeconds: options.intervalSeconds,
    latestSampleId: latest?.id ?? null,
    baseline: baseline
      ? {
          sampleId: baseline.sampleId,
          pinnedAt: baseline.pinnedAt.toISOString(),
          pinnedBy,
          reason: baseline.reason,
        }
      : null,
    summary: computed.summary,
    lastKnownSummary: computed.lastKnownSummary,
    rowsAtBaseline: computed.rowsAtBaseline,
    rowsLost: computed.rowsLost,
    tables: computed.tables,
    seriesAt: computed.seriesAt,
    migrations: computed.migrations,
    detections: detectionRows.map(toDetectionView),
  };
}

async function compute(
  db: Db,
  targetId: string,
  key: string,
  latest: SampleHead | null,
  lastReading: SampleHead | null,
  baseline: Awaited<ReturnType<typeof currentBaseline>>,
  expected: string[],
  critical: Set<string>,
  options: HealthViewOptions,
): Promise<Computed> {
  const windowMs = options.classifyOptions?.windowMs ?? DEFAULT_WINDOW_MS;
  const spanMs = options.seriesSpanMs ?? 3_600_000;
  const anchor = lastReading?.sampledAt.getTime() ?? Date.now();
  const since = new Date(
    Math.max(anchor - Math.max(spanMs, windowMs), (baseline?.sampledAt.getTime() ?? 0) + 1),
  );
  const heads = lastReading
    ? (await listSampleHeads(db, targetId, since)).filter(
        (h) => h.reachable && h.id !== baseline?.sampleId && h.sampledAt <= lastReading.sampledAt,
      )
    : [];
  const historyHeads = spread(
    heads.filter((h) => h.id !== lastReading?.id && anchor - h.sampledAt.getTime() <= windowMs),
    HISTORY_POINTS,
  );
  const seriesHeads = spread(
    heads.filter((h) => anchor - h.sampledAt.getTime() <= spanMs),
    options.seriesPoints ?? 24,
  );
  const ids = [
    ...(baseline ? [baseline.sampleId] : []),
    ...(lastReading ? [lastReading.id] : []),
    ...historyHeads.map((h) => h.id),
    ...seriesHeads.map((h) => h.id),
  ];
  const readings = await getReadings(db, ids);
  const baseReading = baseline ? readings.get(baseline.sampleId) : undefined;
  const lastReadingData = lastReading ? readings.get(lastReading.id) : undefined;
  const history = historyHeads
    .map((h) => readings.get(h.id))
    .filter((r): r is HealthReading => r !== undefined);

  const reachableNow = latest?.reachable === true && lastReadingData !== undefined;
  const lastKnown = classifyReading(baseReading, history, lastReadingData, expected, options.classifyOptions);
  const shown = reachableNow
    ? lastKnown
    : classifyReading(baseReading, [], undefined, expected, options.classifyOptions);
  const lastKnownByName = new Map(lastKnown.tables.map((t) => [t.name, t]));

  const seriesReadings: HealthReading[] = [
    ...(baseReading ? [baseReading] : []),
    ...seriesHeads.map((h) => readings.get(h.id)).filter((r): r is HealthReading => r !== undefined),
  ];
  const seriesMaps = seriesReadings.map((r) => new Map(r.tables.map((t) => [t.name, t.rows])));

  const tables: HealthTableView[] = (latest ? shown.tables : []).map((t) => {
    const known = lastReadingData ? lastKnownByName.get(t.name) : undefined;
    return {
      name: t.name,
      status: t.status,
      rows: t.rows,
      rowsExact: t.rowsExact,
      baselineRows: t.baselineRows,
      baselineRowsExact: t.baselineRowsExact,
      lastActivityAt: reachableNow ? t.lastActivityAt : (known?.lastActivityAt ?? null),
      kind: t.kind,
      expected: t.expected,
      critical: critical.has(t.name),
      reasons: t.reasons,
      ...(t.truncated ? { truncated: true } : {}),
      ...(t.recreated ? { recreated: true } : {}),
      ...(t.statsReset ? { statsReset: true } : {}),
      ...(!reachableNow && known ? { lastKnownStatus: known.status, lastKnownRows: known.rows } : {}),
      series: seriesMaps.map((m) => m.get(t.name) ?? null),
    };
  });
  tables.sort(affectedFirst);
  let rowsAtBaseline = 0;
  let rowsLost = 0;
  for (const t of tables) {
    if (t.kind === "partitioned" || t.baselineRows === null) continue;
    rowsAtBaseline += t.baselineRows;
    const now = t.rows ?? t.lastKnownRows ?? null;
    if (now !== null && now < t.baselineRows) rowsLost += t.baselineRows - now;
    else if (now === null && t.status === "MISSING") rowsLost += t.baselineRows;
  }
  const meta = lastReading ? await getSampleMeta(db, lastReading.id) : null;
  return {
    key,
    tables,
    summary: shown.summary,
    lastKnownSummary: reachableNow ? null : lastReadingData ? lastKnown.summary : emptySummary(),
    rowsAtBaseline,
    rowsLost,
    seriesAt: seriesReadings.map((r) => r.sampledAt),
    migrations: meta?.migrations ?? [],
  };
}
