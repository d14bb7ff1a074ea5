import { Suspense } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { ConfigWarnings } from "@/components/layout/config-warnings";
import { DetectionBanner } from "@/components/health/detection-banner";
import { getPagePrincipal } from "@/lib/auth/page";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const principal = await getPagePrincipal();
  return (
    <div className="flex min-h-screen flex-col">
      <AppHeader principal={principal} />
      <Suspense fallback={null}>
        <ConfigWarnings />
      </Suspense>
      <Suspense fallback={null}>
        <DetectionBanner />
      </Suspense>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
