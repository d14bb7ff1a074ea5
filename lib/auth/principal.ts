import "server-only";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { authenticateToken } from "./api-tokens";
import { hasRole, isRole, type Role } from "./roles";
import { getAuth } from "./server";

/** Who is calling: a signed-in person (session cookie) or an API token (Authorization: Bearer). */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  via: "session" | "token";
  tokenId?: string;
}

export async function resolvePrincipal(headers: Headers): Promise<Principal | null> {
  const authorization = headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    const token = await authenticateToken(getDb(), authorization.slice(7).trim());
    return token ? { ...token, via: "token" } : null;
  }
  const session = await (await getAuth()).api.getSession({ headers });
  if (!session) return null;
  const user = session.user as typeof session.user & { role?: string; banned?: boolean | null };
  if (user.banned || !isRole(user.role)) return null;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, via: "session" };
}

/** Throws UNAUTHORIZED / FORBIDDEN; returns the principal when it holds `role`. */
export async function requirePrincipal(headers: Headers, role: Role): Promise<Principal> {
  const principal = await resolvePrincipal(headers);
  if (!principal) throw new AppError("UNAUTHORIZED", "Sign in or send a valid API token");
  if (!hasRole(principal.role, role)) throw new AppError("FORBIDDEN", `This needs the ${role} role`);
  return principal;
}
