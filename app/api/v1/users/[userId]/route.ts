import { apiRoute, readJson } from "@/lib/api/route";
import { userChangeSchema } from "@/lib/auth/schemas";
import { setUserDisabled, setUserRole } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";

export const PATCH = apiRoute<{ userId: string }>("admin", async ({ request, principal, params }) => {
  const change = await readJson(request, userChangeSchema);
  if (change.role) await setUserRole(getDb(), principal, params.userId, change.role);
  if (change.disabled !== undefined)
    await setUserDisabled(getDb(), principal, params.userId, change.disabled);
  return { userId: params.userId };
});
