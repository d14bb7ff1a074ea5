"use client";

import { authClient } from "@/lib/auth/client";

export function SignOutButton() {
  return (
    <button
      type="button"
      className="rounded px-2 py-1 text-slate-300 hover:bg-slate-800 hover:text-white"
      onClick={async () => {
        await authClient.signOut();
        window.location.assign("/sign-in");
      }}
    >
      Sign out
    </button>
  );
}
