"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { UtcTime } from "@/components/ui/time";
import { detectionTitle, tablesLostRows } from "@/lib/health/detection-text";
import type { DetectionView } from "@/lib/health/store-view-types";
import { postJson } from "./api";
import { shortName } from "./format";

/** The target's data-loss detections (ongoing first), with acknowledge / dismiss for responders. */
export function DetectionList({
  detections,
  targetId,
  targetName,
  canWrite,
}: {
  detections: DetectionView[];
  targetId: string;
  targetName: string;
  canWrite: boolean;
}) {
  const client = useQueryClient();
  const update = useMutation({
    mutationFn: (input: { id: string; action: "acknowledge" | "dismiss" }) =>
      postJson(`/api/v1/detections/${encodeURIComponent(input.id)}`, { action: input.action }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ["health", targetId] }),
        client.invalidateQueries({ queryKey: ["detections"] }),
      ]);
    },
  });
  const shown = detections.filter((d) => !d.clearedAt && d.status !== "dismissed");
  if (shown.length === 0) return null;
  return (
    <section aria-label="Data-loss detections" className="space-y-2">
      {shown.map((d) => (
        <div
          key={d.id}
          className="flex flex-wrap items-start gap-3 rounded-lg border border-red-300 bg-red-50 px-4 py-3"
          data-testid="detection"
        >
          <div className="min-w-0 flex-1 space-y-0.5">
            <p className="font-semibold text-red-900">
              {detectionTitle(d.kind, d.tables.length)} on {targetName} — {tablesLostRows(d.tables.length)}
            </p>
            <p className="text-sm text-red-950/80">
              Data-loss window:{" "}
              {d.lastGoodSampleAt ? <UtcTime value={d.lastGoodSampleAt} withSeconds /> : "unknown"} (last good
              reading) → <UtcTime value={d.firstBadSampleAt} withSeconds /> (first bad one)
            </p>
            <p className="truncate text-xs text-slate-600" title={d.tables.join(", ")}>
              {d.kinds.join(", ")} · still seen <UtcTime value={d.lastSeenAt} withSeconds /> ·{" "}
              {d.tables.slice(0, 8).map(shortName).join(", ")}
              {d.tables.length > 8 ? ` and ${d.tables.length - 8} more` : ""}
            </p>
          </div>
          <div className="flex items-center gap-2">
            {d.status === "acknowledged" ? (
              <Badge tone="blue">Acknowledged</Badge>
            ) : (
              <Badge tone="red">Open</Badge>
            )}
            {canWrite && d.status === "open" ? (
              <>
                <Button
                  variant="secondary"
                  className="text-xs"
                  disabled={update.isPending}
                  onClick={() => update.mutate({ id: d.id, action: "acknowledge" })}
                >
                  Acknowledge
                </Button>
                <Button
                  variant="ghost"
                  className="text-xs"
                  disabled={update.isPending}
                  title="Not data loss (e.g. a planned cleanup): hides the banner; audited"
                  onClick={() => update.mutate({ id: d.id, action: "dismiss" })}
                >
                  Dismiss as expected
                </Button>
              </>
            ) : null}
          </div>
          {update.isError ? <p className="w-full text-xs text-red-800">{update.error.message}</p> : null}
        </div>
      ))}
    </section>
  );
}
