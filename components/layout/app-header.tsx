import { NavLink } from "@/components/layout/nav-link";
import type { Principal } from "@/lib/auth/principal";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ principal }: { principal: Principal }) {
  return (
    <header className="bg-slate-900 text-slate-100">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5">
        <NavLink href="/" className="inline-flex items-center gap-2 font-semibold text-white">
          <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm bg-red-500" />
          Incident Room
        </NavLink>
        <nav aria-label="Main" className="flex items-center gap-1">
          <NavLink href="/" className="rounded px-2 py-1 hover:bg-slate-800">
            Home
          </NavLink>
          <NavLink href="/incidents" className="rounded px-2 py-1 hover:bg-slate-800">
            Incidents
          </NavLink>
          {principal.role === "admin" ? (
            <NavLink href="/admin" className="rounded px-2 py-1 hover:bg-slate-800">
              Admin
            </NavLink>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-xs">
          <span className="hidden text-slate-300 sm:inline" data-testid="signed-in-as">
            {principal.email}
          </span>
          <span className="rounded bg-slate-700 px-1.5 py-0.5 font-medium uppercase tracking-wide">
            {principal.role}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
