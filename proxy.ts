import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

/**
 * Sends people without a session cookie to the sign-in page. This is only a convenience: every page,
 * action and route handler checks the session and role on the server itself.
 */
export function proxy(request: NextRequest) {
  if (!getSessionCookie(request)) {
    const url = new URL("/sign-in", request.url);
    const next = request.nextUrl.pathname + request.nextUrl.search;
    if (next !== "/") url.searchParams.set("next", next);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  // Everything except the API (JSON errors instead of redirects), sign-in, public status pages and assets.
  matcher: ["/((?!api/|sign-in|s/|_next/|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
