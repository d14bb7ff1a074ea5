"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { UtcTime } from "@/components/ui/time";
import { detectionTitle, tablesLostRows } from "@/lib/health/detection-text";
import type { DetectionView } from "@/lib/health/store-view";
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
          <div className="min-w-0 flex-1 space-y-1">
            <p className="font-semibold text-red-900">
              {detectionTitle(d.kind, d.tables.length)} on {targetName} — {tablesLostRows(d.tables.length)}{" "}
              between{" "}
              {d.lastGoodSampleAt ? <UtcTime value={d.lastGoodSampleAt} withSeconds /> : "an unknown time"}{" "}
              and <UtcTime value={d.firstBadSampleAt} withSeconds />
            </p>
            <p className="truncate text-sm text-red-900/80" title={d.tables.join(", ")}>
              {d.tables.slice(0, 10).map(shortName).join(", ")}
              {d.tables.length > 10 ? ` and ${d.tables.length - 10} more` : ""}
            </p>
            <p className="text-xs text-slate-600">
              Data-loss window: after the last good reading, before the first bad one · kinds:{" "}
              {d.kinds.join(", ")} · still seen <UtcTime value={d.lastSeenAt} withSeconds />
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
