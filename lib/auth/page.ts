import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resolvePrincipal, type Principal } from "./principal";

/** For server components: the signed-in person, or a redirect to sign-in. */
export async function getPagePrincipal(): Promise<Principal> {
  const principal = await resolvePrincipal(await headers());
  if (!principal) redirect("/sign-in");
  return principal;
}
