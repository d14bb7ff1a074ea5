"use client";

import { useQuery } from "@tanstack/react-query";
import type { CompactGraph } from "@/lib/graph/compact-graph";
import { graphDataUrl } from "./data-urls";

/**
 * The cascade graph of a target in the page's compact format. The page preloads the same URL
 * (link rel=preload as=fetch), so this fetch usually finds the answer already downloaded.
 * No polling: the schema of a target changes rarely; a reload reads it again.
 */

export function useGraphData(targetId: string) {
  return useQuery({
    queryKey: ["cascade-graph", targetId],
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: false,
    queryFn: async (): Promise<CompactGraph> => {
      const response = await fetch(graphDataUrl(targetId));
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `the graph API answered ${response.status}`);
      }
      return (await response.json()) as CompactGraph;
    },
  });
}
