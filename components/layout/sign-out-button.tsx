"use client";

import { authClient } from "@/lib/auth/client";

export function SignOutButton() {
  return (
    <button
      type="button"
      className="rounded px-2 py-1 text-slate-300 hover:bg-slate-800 hover:text-white"
      onClick={async () => {
        await authClient.signOut();
        // A full navigation drops every cached page of the signed-out session.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/sign-in");
      }}
    >
      Sign out
    </button>
  );
}
