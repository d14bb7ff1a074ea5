import { RefreshWhileUnreachable } from "@/components/targets/refresh-while-unreachable";
import { TargetSectionLinks } from "@/components/targets/target-section-links";
import { TargetStatusBadge } from "@/components/targets/target-status-badge";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { UtcTime } from "@/components/ui/time";
import { getPagePrincipal } from "@/lib/auth/page";
import { listIncidents } from "@/lib/incidents/queries";
import { listTargetStatuses } from "@/lib/targets/status";
import { TableHeader } from "@/components/ui/table";

export const metadata = { title: "Home" };

export default async function HomePage() {
  await getPagePrincipal();
  const [targets, incidents] = await Promise.all([listTargetStatuses(), listIncidents()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Home</h1>
        <p className="text-slate-600">Monitored databases and the incidents opened on them.</p>
      </div>

      <RefreshWhileUnreachable active={targets.some((t) => !t.reachable)} />
      <Card title={`Targets (${targets.length})`}>
        {targets.length === 0 ? (
          <p className="text-slate-600">
            No targets configured. Set <code className="font-mono">TARGET_IDS</code> and the target&apos;s
            read-only URL (see the README), or run <code className="font-mono">npm run demo</code>.
          </p>
        ) : (
          <>
            {/* Phones get one card per target; wider screens the dense table. */}
            <ul className="space-y-3 sm:hidden">
              {targets.map((t) => (
                <li key={t.id} className="space-y-1.5" data-testid={`target-card-${t.id}`}>
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium">{t.name}</span>
                    <TargetStatusBadge reachable={t.reachable} />
                  </div>
                  {t.error ? <div className="text-xs text-slate-600">{t.error}</div> : null}
                  <TargetSectionLinks targetId={t.id} />
                </li>
              ))}
            </ul>
            <div className="-m-4 hidden overflow-x-auto sm:block">
              <table className="w-full text-left">
                <TableHeader bordered="b" columns={["Target", "Connection", "PostgreSQL", "Sections"]} />
                <tbody>
                  {targets.map((t) => (
                    <tr
                      key={t.id}
                      className="border-b border-slate-100 last:border-0"
                      data-testid={`target-${t.id}`}
                    >
                      <td className="px-4 py-2.5">
                        <div className="font-medium">{t.name}</div>
                        <div className="font-mono text-xs text-slate-500">{t.id}</div>
                      </td>
                      <td className="px-4 py-2.5">
                        <TargetStatusBadge reachable={t.reachable} />
                        {t.error ? <div className="mt-1 text-xs text-slate-600">{t.error}</div> : null}
                      </td>
                      <td className="px-4 py-2.5 tabular-nums">{t.serverVersion ?? "—"}</td>
                      <td className="px-4 py-2.5">
                        <TargetSectionLinks targetId={t.id} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>

      <Card title={`Incidents (${incidents.length})`}>
        {incidents.length === 0 ? (
          <p className="text-slate-600">No incidents opened yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {incidents.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 py-2">
                <Badge tone={i.severity === "SEV1" ? "red" : i.severity === "SEV2" ? "amber" : "grey"}>
                  {i.severity}
                </Badge>
                <span className="font-medium">{i.title}</span>
                <span className="text-slate-500">{i.status}</span>
                <span className="ml-auto text-xs text-slate-500">
                  opened <UtcTime value={i.openedAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
