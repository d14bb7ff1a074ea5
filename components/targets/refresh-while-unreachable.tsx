"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While a target shows UNREACHABLE, asks the server for the page again every few seconds, so the
 * badge turns back to Reachable by itself once the target answers (the status is probed at most
 * every 5 s per process, lib/targets/status.ts). Renders nothing; idle while every target answers.
 */
export function RefreshWhileUnreachable({ active, everyMs = 5_000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
