"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { UtcTime } from "@/components/ui/time";
import type { TargetHealthView } from "@/lib/health/store-view-types";
import { postJson } from "./api";

/**
 * "Pin this reading as baseline", with the consequence said before it happens: every table is then
 * compared with this reading, so a table wiped before it reads as EMPTY afterwards.
 */
export function PinBaseline({ targetId, view }: { targetId: string; view: TargetHealthView }) {
  const [confirming, setConfirming] = useState(false);
  const client = useQueryClient();
  const pin = useMutation({
    mutationFn: () => postJson(`/api/v1/targets/${encodeURIComponent(targetId)}/baseline`, {}),
    onSuccess: async () => {
      setConfirming(false);
      await client.invalidateQueries({ queryKey: ["health", targetId] });
    },
  });
  const affected = view.summary.WIPED + view.summary.SHRUNK + view.summary.MISSING;
  if (!view.reachable || !view.lastReadingAt) return null;
  if (!confirming) {
    return (
      <Button variant="secondary" className="text-xs" onClick={() => setConfirming(true)}>
        Pin this reading as baseline…
      </Button>
    );
  }
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950">
      <p>
        Every table will be compared with the reading of <UtcTime value={view.lastReadingAt} withSeconds />.
        {affected > 0
          ? ` The ${affected} affected tables will stop showing their loss (a wiped table reads EMPTY). Pin only a known-good state, e.g. after recovery.`
          : ""}{" "}
        The pin is audited.
      </p>
      <div className="flex gap-2">
        <Button variant="danger" className="text-xs" disabled={pin.isPending} onClick={() => pin.mutate()}>
          {pin.isPending ? "Pinning…" : "Pin as baseline"}
        </Button>
        <Button variant="ghost" className="text-xs" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      </div>
      {pin.isError ? <p className="text-red-800">{pin.error.message}</p> : null}
    </div>
  );
}
