import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { CascadeGraphExplorer } from "@/components/cascade-graph/explorer";
import { graphDataUrl, healthDataUrl } from "@/components/cascade-graph/data-urls";
import { LayoutWorkerStart } from "@/components/cascade-graph/layout-worker-start";
import { Card } from "@/components/ui/card";
import { getPagePrincipal } from "@/lib/auth/page";
import { hasRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { trimDangerReport } from "@/lib/graph/danger-report";
import { cachedDangerReport, getTargetCatalog } from "@/lib/graph/graph-json-cache";
import { listTargets } from "@/lib/targets/registry";
import { generateHardeningAction } from "./actions";

export const metadata: Metadata = { title: "Cascade graph" };

/** The page lists at most this many entries per danger list; `incident-room check` prints them all. */
const DANGER_ITEMS_SHOWN = 100;

export default async function GraphPage({
  params,
  searchParams,
}: {
  params: Promise<{ targetId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const principal = await getPagePrincipal();
  const { targetId } = await params;
  const target = listTargets().find((t) => t.id === targetId);
  if (!target) notFound();
  const { table, view } = await searchParams;
  // The graph and the table statuses are fetched by the browser while it loads the page's scripts
  // (a 5,000-table graph inside the HTML made the page ~0.9 MB and slow to hydrate).
  // Links in the HTML itself: a preload() hint would only travel in the RSC payload, which the
  // browser reads after the scripts have run.
  return (
    <>
      <link rel="preload" as="fetch" crossOrigin="anonymous" href={graphDataUrl(target.id)} />
      <link rel="preload" as="fetch" crossOrigin="anonymous" href={healthDataUrl(target.id)} />
      <LayoutWorkerStart />
      <Suspense fallback={<GraphLoading />}>
        <GraphSection
          targetId={target.id}
          criticalTables={target.criticalTables}
          role={principal.role}
          canExplore={hasRole(principal.role, "responder")}
          initialTable={typeof table === "string" ? table : null}
          initialView={view === "list" ? "list" : "graph"}
        />
      </Suspense>
    </>
  );
}

function GraphLoading() {
  return (
    <Card title="Cascade graph">
      <p className="text-slate-600" role="status">
        Reading the schema (tables and foreign keys) from the target…
      </p>
    </Card>
  );
}

async function GraphSection({
  targetId,
  criticalTables,
  role,
  canExplore,
  initialTable,
  initialView,
}: {
  targetId: string;
  criticalTables: string[];
  role: string;
  canExplore: boolean;
  initialTable: string | null;
  initialView: "graph" | "list";
}) {
  await connection();
  let catalog;
  try {
    ({ catalog } = await getTargetCatalog(targetId));
  } catch (error) {
    if (error instanceof AppError && error.code === "TARGET_UNREACHABLE") {
      return (
        <Card title="Cascade graph">
          <div className="stripes rounded-md p-4" role="alert" data-testid="graph-unreachable">
            <p className="font-semibold text-slate-900">
              ✕ UNREACHABLE — the schema cannot be read right now.
            </p>
            <p className="mt-1 text-slate-700">{error.message}</p>
            <p className="mt-1 text-slate-700">
              The graph needs the target&apos;s catalog. Reload this page once the target answers again; the
              rest of Incident Room keeps working meanwhile.
            </p>
          </div>
        </Card>
      );
    }
    throw error;
  }
  return (
    <CascadeGraphExplorer
      targetId={targetId}
      danger={trimDangerReport(cachedDangerReport(catalog, criticalTables), DANGER_ITEMS_SHOWN)}
      canExplore={canExplore}
      role={role}
      initialTable={initialTable}
      initialView={initialView}
      generateHardening={generateHardeningAction}
    />
  );
}
