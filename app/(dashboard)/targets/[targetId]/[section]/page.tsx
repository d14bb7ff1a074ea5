import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { TARGET_SECTIONS } from "@/components/layout/sections";

/** Sections that are not built yet say so plainly: no fake data. Built sections have their own routes. */
export default async function SectionPlaceholder({ params }: { params: Promise<{ section: string }> }) {
  const { section } = await params;
  const known = TARGET_SECTIONS.find((s) => s.slug === section);
  if (!known) notFound();
  return (
    <Card title={known.label}>
      <p className="text-slate-700" data-testid="not-built">
        Not built yet. {known.label} arrives with {known.comingWith ?? "a later issue"}; until then this page
        shows nothing rather than made-up data.
      </p>
    </Card>
  );
}
