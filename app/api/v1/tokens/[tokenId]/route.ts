import { apiRoute } from "@/lib/api/route";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";

export const DELETE = apiRoute<{ tokenId: string }>("admin", async ({ principal, params }) => {
  await revokeApiToken(getDb(), principal, params.tokenId);
  return { tokenId: params.tokenId, revoked: true };
});
