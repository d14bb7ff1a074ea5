import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { z } from "zod";
import { AppError, type ErrorCode } from "../errors";
import { requirePrincipal, type Principal } from "./principal";
import type { Role } from "./roles";

/**
 * Wraps a server action: checks the session and role ON THE SERVER (an action is a public POST
 * endpoint whatever the UI shows), validates input with zod, and returns a plain result instead of
 * throwing, so the form can show the message.
 */

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string[]> };

export function authorizedAction<S extends z.ZodType, T>(
  role: Role,
  schema: S,
  run: (input: z.infer<S>, principal: Principal) => Promise<T>,
) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const principal = await requirePrincipal(await headers(), role);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        return {
          ok: false,
          code: "BAD_REQUEST",
          message: "Some fields are not valid",
          fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        };
      }
      return { ok: true, data: await run(parsed.data, principal) };
    } catch (error) {
      if (error instanceof AppError) {
        return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
      }
      const requestId = randomUUID();
      console.error(`[action] request ${requestId} failed:`, error);
      return { ok: false, code: "INTERNAL", message: `Something went wrong (request ${requestId})` };
    }
  };
}
