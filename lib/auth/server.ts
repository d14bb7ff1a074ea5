import "server-only";
import { getDb } from "../db/client";
import { createAuth, type Auth } from "./auth";

const globalForAuth = globalThis as unknown as { incidentRoomAuth?: Auth };

/** The app's better-auth instance, built from the environment on first use. */
export function getAuth(): Auth {
  globalForAuth.incidentRoomAuth ??= createAuth({
    db: getDb(),
    secret: process.env.BETTER_AUTH_SECRET ?? "",
    baseUrl: process.env.APP_URL ?? "http://localhost:3000",
    signInLimitPerMinute: Number(process.env.AUTH_SIGN_IN_LIMIT_PER_MINUTE) || 10,
  });
  return globalForAuth.incidentRoomAuth;
}
