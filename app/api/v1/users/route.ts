import { apiRoute, readJson } from "@/lib/api/route";
import { createUserSchema } from "@/lib/auth/schemas";
import { getAuth } from "@/lib/auth/server";
import { createUserAccount, listUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";

export const GET = apiRoute("admin", async () => ({ users: await listUsers(getDb()) }));

export const POST = apiRoute("admin", async ({ request, principal }) => {
  const input = await readJson(request, createUserSchema);
  const user = await createUserAccount(await getAuth(), getDb(), principal, input);
  return Response.json({ user }, { status: 201 });
});
