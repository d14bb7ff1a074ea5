import { apiRoute, readJson } from "@/lib/api/route";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { createTokenSchema } from "@/lib/auth/schemas";
import { getDb } from "@/lib/db/client";

export const GET = apiRoute("admin", async () => ({ tokens: await listApiTokens(getDb()) }));

export const POST = apiRoute("admin", async ({ request, principal }) => {
  const input = await readJson(request, createTokenSchema);
  const token = await createApiToken(getDb(), principal, input);
  return Response.json(token, { status: 201 });
});
