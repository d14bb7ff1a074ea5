import { NavLink } from "@/components/layout/nav-link";
import { notFound } from "next/navigation";
import { TargetStatusBadge } from "@/components/targets/target-status-badge";
import { TARGET_SECTIONS } from "@/components/layout/sections";
import { getPagePrincipal } from "@/lib/auth/page";
import { warmTargetCatalog } from "@/lib/graph/graph-json-cache";
import { listTargets } from "@/lib/targets/registry";
import { getTargetStatus } from "@/lib/targets/status";

export default async function TargetLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ targetId: string }>;
}) {
  await getPagePrincipal();
  const { targetId } = await params;
  const target = listTargets().find((t) => t.id === targetId);
  if (!target) notFound();
  const status = await getTargetStatus(target.id, target.name);
  if (status.reachable) warmTargetCatalog(target.id);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{target.name}</h1>
        <span className="font-mono text-xs text-slate-500">{target.id}</span>
        <TargetStatusBadge reachable={status.reachable} />
        {status.serverVersion ? (
          <span className="text-xs text-slate-500">PostgreSQL {status.serverVersion}</span>
        ) : null}
      </div>
      <nav aria-label="Target sections" className="flex flex-wrap gap-1 border-b border-slate-200">
        {TARGET_SECTIONS.map((s) => (
          <NavLink
            key={s.slug}
            href={`/targets/${target.id}/${s.slug}`}
            className="rounded-t-md px-3 py-1.5 text-slate-700 hover:bg-slate-100"
          >
            {s.label}
          </NavLink>
        ))}
      </nav>
      {children}
    </div>
  );
}
