"use client";

import { useQuery } from "@tanstack/react-query";
import { healthDataUrl } from "./data-urls";

/**
 * Table statuses and row counts from the live-health API, when the target has it. Degrades to
 * "status unknown" (and the catalog's estimates) when the endpoint is missing or failing.
 */

export interface HealthRow {
  name: string;
  status: string;
  rows: number | null;
  rowsExact: boolean;
  baselineRows: number | null;
}

export interface HealthInfo {
  available: boolean;
  byName: Map<string, HealthRow>;
  sampledAt: string | null;
  reason: string | null;
}

const UNAVAILABLE = (reason: string): HealthInfo => ({
  available: false,
  byName: new Map(),
  sampledAt: null,
  reason,
});

export function useHealth(targetId: string) {
  return useQuery({
    queryKey: ["target-health", targetId],
    refetchInterval: 15_000,
    retry: false,
    queryFn: async (): Promise<HealthInfo> => {
      const response = await fetch(healthDataUrl(targetId));
      if (response.status === 404) return UNAVAILABLE("live health is not available for this target");
      if (!response.ok) return UNAVAILABLE(`health check answered ${response.status}`);
      const body = (await response.json()) as { tables?: unknown; sampledAt?: unknown };
      if (!Array.isArray(body.tables)) return UNAVAILABLE("health answer had no tables");
      const byName = new Map<string, HealthRow>();
      for (const raw of body.tables as Record<string, unknown>[]) {
        if (typeof raw?.name !== "string") continue;
        byName.set(raw.name, {
          name: raw.name,
          status: typeof raw.status === "string" ? raw.status : "UNKNOWN",
          rows: typeof raw.rows === "number" ? raw.rows : null,
          rowsExact: raw.rowsExact === true,
          baselineRows: typeof raw.baselineRows === "number" ? raw.baselineRows : null,
        });
      }
      return {
        available: true,
        byName,
        sampledAt: typeof body.sampledAt === "string" ? body.sampledAt : null,
        reason: null,
      };
    },
  });
}
