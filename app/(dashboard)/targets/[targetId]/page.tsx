import { redirect } from "next/navigation";

export default async function TargetPage({ params }: { params: Promise<{ targetId: string }> }) {
  const { targetId } = await params;
  redirect(`/targets/${targetId}/health`);
}
