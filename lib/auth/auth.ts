import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { admin } from "better-auth/plugins";
import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements } from "better-auth/plugins/admin/access";
import type { ControlDb } from "../db/client";
import * as schema from "../db/schema";

/**
 * Sign-in is better-auth's email + password with its admin plugin (roles, disabling users by "ban",
 * creating users server-side). Password hashing, session tokens and cookies are the library's;
 * we only decide roles and limits. Public sign-up is off: admins create accounts.
 */

const ac = createAccessControl(defaultStatements);
const noAdminRights = ac.newRole({ user: [], session: [] });
export const accessRoles = {
  viewer: noAdminRights,
  responder: noAdminRights,
  approver: noAdminRights,
  admin: adminAc,
};

export interface AuthOptions {
  db: ControlDb;
  secret: string;
  baseUrl: string;
  /** Sign-in attempts allowed per client address per minute. */
  signInLimitPerMinute?: number;
}

/** Same-host variants so that a demo opened as 127.0.0.1 or localhost both pass the origin check. */
function trustedOrigins(baseUrl: string): string[] {
  const url = new URL(baseUrl);
  const origins = new Set([url.origin]);
  if (url.hostname === "localhost")
    origins.add(`${url.protocol}//127.0.0.1${url.port ? `:${url.port}` : ""}`);
  if (url.hostname === "127.0.0.1")
    origins.add(`${url.protocol}//localhost${url.port ? `:${url.port}` : ""}`);
  return [...origins];
}

export function createAuth(options: AuthOptions) {
  return betterAuth({
    appName: "Incident Room",
    secret: options.secret,
    baseURL: options.baseUrl,
    trustedOrigins: trustedOrigins(options.baseUrl),
    database: drizzleAdapter(options.db, { provider: "pg", schema, usePlural: true }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10 },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: 60, max: options.signInLimitPerMinute ?? 10 },
      },
    },
    plugins: [
      admin({
        ac,
        roles: accessRoles,
        defaultRole: "viewer",
        adminRoles: ["admin"],
        bannedUserMessage: "This account is disabled. Ask an Incident Room admin.",
      }),
    ],
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
