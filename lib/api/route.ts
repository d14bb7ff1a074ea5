import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { requirePrincipal, type Principal } from "../auth/principal";
import type { Role } from "../auth/roles";
import { AppError } from "../errors";

/**
 * Wraps a /api/v1 route handler: authenticates (cookie or bearer token), checks the role on the
 * server, and turns errors into `{ "error": { "code", "message" } }` with the right status.
 */

export function jsonError(status: number, code: string, message: string, extra?: Record<string, unknown>) {
  return NextResponse.json({ error: { code, message, ...extra } }, { status });
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    return jsonError(
      error.status,
      error.code,
      error.message,
      error.fieldErrors ? { fieldErrors: error.fieldErrors } : undefined,
    );
  }
  if (error instanceof z.ZodError) {
    return jsonError(400, "BAD_REQUEST", "The request body is not valid", {
      fieldErrors: z.flattenError(error).fieldErrors,
    });
  }
  const requestId = randomUUID();
  console.error(`[api] request ${requestId} failed:`, error);
  return jsonError(500, "INTERNAL", `Something went wrong (request ${requestId})`);
}

export interface ApiContext<P> {
  request: Request;
  principal: Principal;
  params: P;
}

export function apiRoute<P = Record<string, string>>(
  role: Role,
  handler: (ctx: ApiContext<P>) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<P> }) => {
    try {
      const principal = await requirePrincipal(request.headers, role);
      const params = await context.params;
      const result = await handler({ request, principal, params });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Parses a JSON body with a zod schema; a malformed body is a 400, not a 500. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("BAD_REQUEST", "The request body must be JSON");
  }
  return schema.parse(body);
}
