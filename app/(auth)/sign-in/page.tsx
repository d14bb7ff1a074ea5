import type { Metadata } from "next";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only same-site paths: never bounce a signed-in user to another origin.
  const safeNext = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="space-y-1 text-center">
          <div className="inline-flex items-center gap-2 text-lg font-semibold">
            <span aria-hidden className="inline-block h-3 w-3 rounded-sm bg-red-600" />
            Incident Room
          </div>
          <p className="text-slate-600">PostgreSQL data-loss incidents, in one room.</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm next={safeNext} />
        </div>
        <p className="text-center text-xs text-slate-500">
          Accounts are created by an Incident Room admin. Stakeholders follow incidents through a status link
          without signing in.
        </p>
      </div>
    </main>
  );
}
