"use client";

import { useQuery } from "@tanstack/react-query";
import { UtcTime } from "@/components/ui/time";
import type { TargetHealthView } from "@/lib/health/store-view-types";
import { DetectionList } from "./detection-list";
import { formatAgo } from "./format";
import { HealthSummary } from "./health-summary";
import { HealthTable } from "./health-table";
import { PinBaseline } from "./pin-baseline";
import { useNow } from "./use-now";

/**
 * The live health page of one target: polls the health API (an unchanged answer costs a 304), shows
 * how fresh the reading is, and says plainly when the target is unreachable while keeping the last
 * reading on screen.
 */

export function healthQueryKey(targetId: string) {
  return ["health", targetId] as const;
}

async function fetchHealth(targetId: string): Promise<TargetHealthView> {
  const response = await fetch(`/api/v1/targets/${encodeURIComponent(targetId)}/health`, {
    cache: "no-cache",
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as TargetHealthView;
}

export function HealthLive({ initial, canWrite }: { initial: TargetHealthView; canWrite: boolean }) {
  const query = useQuery({
    queryKey: healthQueryKey(initial.targetId),
    queryFn: () => fetchHealth(initial.targetId),
    initialData: initial,
    refetchInterval: Math.min(5_000, Math.max(1_000, (initial.intervalSeconds * 1000) / 2)),
    refetchIntervalInBackground: false,
    retry: false,
  });
  const view = query.data;
  const now = useNow();

  return (
    <div className="space-y-3">
      <LiveStatus view={view} now={now} fetchError={query.isError ? query.error.message : null} />
      <DetectionList
        detections={view.detections}
        targetName={view.targetName}
        canWrite={canWrite}
        targetId={view.targetId}
      />
      <HealthSummary
        view={view}
        actions={canWrite ? <PinBaseline targetId={view.targetId} view={view} /> : null}
      />
      {view.tables.length > 0 ? (
        <HealthTable tables={view.tables} summary={view.summary} reachable={view.reachable} />
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-6 text-center text-slate-600">
          Waiting for the first reading of this target (one every {view.intervalSeconds} s).
        </div>
      )}
    </div>
  );
}

function LiveStatus({
  view,
  now,
  fetchError,
}: {
  view: TargetHealthView;
  now: number;
  fetchError: string | null;
}) {
  if (!view.reachable && view.sampledAt) {
    return (
      <div
        role="alert"
        className="stripes rounded-lg border-2 border-slate-500 p-3"
        data-testid="health-unreachable"
      >
        <p className="text-base font-bold text-slate-900">
          <span aria-hidden>✕ </span>UNREACHABLE — {view.targetName} does not answer
        </p>
        <p className="mt-1 text-sm text-slate-800">
          <span className="rounded bg-white/80 px-1 font-mono" data-testid="health-error">
            {view.error ?? "no reading"}
          </span>{" "}
          · tried <UtcTime value={view.sampledAt} withSeconds />{" "}
          <span suppressHydrationWarning>({formatAgo(view.sampledAt, now)})</span>, retrying every{" "}
          {view.intervalSeconds} s.
        </p>
        <p className="mt-1 text-sm text-slate-800">
          {view.lastReadingAt ? (
            <>
              Statuses are UNKNOWN; below, “was …” is the last reading, from{" "}
              <UtcTime value={view.lastReadingAt} withSeconds />{" "}
              <span suppressHydrationWarning>({formatAgo(view.lastReadingAt, now)})</span>.
            </>
          ) : (
            "No reading of this target has ever succeeded."
          )}{" "}
          The rest of Incident Room keeps working.
        </p>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="health-live">
      {view.stale ? (
        <span className="rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900 ring-1 ring-amber-300">
          ⚠ No new reading since <UtcTime value={view.sampledAt} withSeconds /> — the sampler may be stopped
        </span>
      ) : (
        <span className="inline-flex items-center gap-1.5 font-medium text-emerald-800">
          <span aria-hidden className="inline-block h-2 w-2 animate-pulse rounded-full bg-emerald-600" />
          LIVE
        </span>
      )}
      <span className="text-slate-700">
        updated{" "}
        <span suppressHydrationWarning data-testid="updated-ago" className="font-medium tabular-nums">
          {formatAgo(view.sampledAt, now)}
        </span>{" "}
        (<UtcTime value={view.sampledAt} withSeconds />) · a reading every {view.intervalSeconds} s
      </span>
      {fetchError ? (
        <span role="status" className="text-amber-800">
          Cannot refresh: {fetchError} — showing the last answer
        </span>
      ) : null}
    </div>
  );
}
