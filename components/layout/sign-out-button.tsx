"use client";

export function SignOutButton() {
  return (
    <button
      type="button"
      className="rounded px-2 py-1 text-slate-300 hover:bg-slate-800 hover:text-white"
      onClick={async () => {
        // better-auth's client is loaded on the click: every page's layout shows this button, and
        // importing it up front made each page's server render and scripts carry the library.
        const { authClient } = await import("@/lib/auth/client");
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
