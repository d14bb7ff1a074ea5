import { notFound } from "next/navigation";
import { HealthLive } from "@/components/health/health-live";
import { getPagePrincipal } from "@/lib/auth/page";
import { hasRole } from "@/lib/auth/roles";
import { loadTargetHealth } from "@/lib/health/store-server";
import { listTargets } from "@/lib/targets/registry";

export const metadata = { title: "Health" };

/** Live table health of one target: rendered with the newest stored sample, then polled. */
export default async function HealthPage({ params }: { params: Promise<{ targetId: string }> }) {
  const principal = await getPagePrincipal();
  const { targetId } = await params;
  if (!listTargets().some((t) => t.id === targetId)) notFound();
  const initial = await loadTargetHealth(targetId);
  return <HealthLive initial={initial} canWrite={hasRole(principal.role, "responder")} />;
}
