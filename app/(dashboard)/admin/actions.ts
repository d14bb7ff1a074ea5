"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/auth/action";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { createTokenSchema, createUserSchema, revokeTokenSchema, updateUserSchema } from "@/lib/auth/schemas";
import { getAuth } from "@/lib/auth/server";
import { createUserAccount, setUserDisabled, setUserRole } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";

const actor = (p: { userId: string; email: string }) => ({ userId: p.userId, email: p.email });

export const createUserAction = authorizedAction("admin", createUserSchema, async (input, principal) => {
  const user = await createUserAccount(await getAuth(), getDb(), actor(principal), input);
  revalidatePath("/admin");
  return user;
});

export const updateUserAction = authorizedAction("admin", updateUserSchema, async (input, principal) => {
  if (input.role) await setUserRole(getDb(), actor(principal), input.userId, input.role);
  if (input.disabled !== undefined)
    await setUserDisabled(getDb(), actor(principal), input.userId, input.disabled);
  revalidatePath("/admin");
  return { userId: input.userId };
});

export const createTokenAction = authorizedAction("admin", createTokenSchema, async (input, principal) => {
  const token = await createApiToken(getDb(), actor(principal), input);
  revalidatePath("/admin");
  return token;
});

export const revokeTokenAction = authorizedAction("admin", revokeTokenSchema, async (input, principal) => {
  await revokeApiToken(getDb(), actor(principal), input.tokenId);
  revalidatePath("/admin");
  return { tokenId: input.tokenId };
});
