import { Card } from "@/components/ui/card";
import { getPagePrincipal } from "@/lib/auth/page";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  await getPagePrincipal();
  return (
    <Card title="Incidents">
      <p className="text-slate-700" data-testid="not-built">
        Not built yet. Opening and running incidents (overview, timeline, checklist, status links) arrives
        with the incident issue. Open incidents are listed on the home page.
      </p>
    </Card>
  );
}
