"use client";

import { useQuery } from "@tanstack/react-query";
import { NavLink } from "@/components/layout/nav-link";
import { detectionTitle, tablesLostRows } from "@/lib/health/detection-text";
import type { OpenDetectionView } from "@/lib/health/store-view-types";
import { utcClock } from "./format";

async function fetchOpenDetections(): Promise<OpenDetectionView[]> {
  const response = await fetch("/api/v1/detections", { cache: "no-cache" });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return ((await response.json()) as { detections: OpenDetectionView[] }).detections;
}

export function DetectionBannerLive({ initial }: { initial: OpenDetectionView[] }) {
  const { data } = useQuery({
    queryKey: ["detections"],
    queryFn: fetchOpenDetections,
    initialData: initial,
    refetchInterval: 10_000,
    retry: false,
  });
  if (!data || data.length === 0) return null;
  return (
    <div
      role="alert"
      className="border-b-2 border-red-800 bg-red-700 text-white"
      data-testid="detection-banner"
    >
      <div className="mx-auto max-w-7xl space-y-1 px-4 py-2">
        {data.map((d) => (
          <div key={d.id} className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <p className="text-sm">
              <span aria-hidden className="mr-1.5">
                ⚠
              </span>
              <strong>
                {detectionTitle(d.kind, d.tables.length)} on <span className="font-mono">{d.targetName}</span>
              </strong>{" "}
              — {tablesLostRows(d.tables.length)} since{" "}
              <time
                dateTime={d.lastGoodSampleAt ?? d.firstBadSampleAt}
                title={new Date(d.lastGoodSampleAt ?? d.firstBadSampleAt).toString()}
              >
                {utcClock(d.lastGoodSampleAt ?? d.firstBadSampleAt)}
              </time>
            </p>
            <div className="ml-auto flex items-center gap-2 text-sm">
              <NavLink
                href={`/targets/${d.targetId}/health`}
                className="rounded-md bg-white px-2.5 py-1 font-medium text-red-800 hover:bg-red-50"
              >
                Review tables
              </NavLink>
              <span
                className="text-xs text-white/80"
                title="One-click incidents (pre-filled SEV1, affected tables, data-loss window) arrive with the incident issue"
              >
                Opening an incident from here arrives with the incident issue
              </span>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
