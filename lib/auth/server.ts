import "server-only";
import { getDb } from "../db/client";
import type { Auth } from "./auth";

// One instance per process, on globalThis: Next.js bundles the routes, the pages and the
// instrumentation hook apart, each with its own copy of this module.
const globalForAuth = globalThis as unknown as { incidentRoomAuthInstance?: Promise<Auth> };

/**
 * The app's better-auth instance, built from the environment on first use — at server start
 * (lib/startup.ts). better-auth's code is imported only to build it: a page or route bundle that
 * finds the instance built never evaluates its own copy. On a new server, the first page's bundle
 * evaluating better-auth made up most of the ~150 of its ~520 profiler samples that went to
 * instantiating modules (node --cpu-prof, 2026-11-27); ~40 are left.
 */
export function getAuth(): Promise<Auth> {
  if (!globalForAuth.incidentRoomAuthInstance) {
    const building = import("./auth").then(({ createAuth }) =>
      createAuth({
        db: getDb(),
        secret: process.env.BETTER_AUTH_SECRET ?? "",
        baseUrl: process.env.APP_URL ?? "http://localhost:3000",
        signInLimitPerMinute: Number(process.env.AUTH_SIGN_IN_LIMIT_PER_MINUTE) || 10,
      }),
    );
    globalForAuth.incidentRoomAuthInstance = building;
    // A failed build is not kept: the next request tries again.
    building.catch(() => {
      if (globalForAuth.incidentRoomAuthInstance === building) delete globalForAuth.incidentRoomAuthInstance;
    });
  }
  return globalForAuth.incidentRoomAuthInstance;
}
