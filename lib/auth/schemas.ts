import { z } from "zod";
import { ROLES } from "./roles";

export const roleSchema = z.enum(ROLES, { error: "Choose viewer, responder, approver or admin" });

export const createUserSchema = z.object({
  email: z.email("Enter a valid email").max(254),
  name: z.string().trim().max(120).default(""),
  role: roleSchema,
  password: z.string().min(10, "At least 10 characters").max(200),
});

const userChangeFields = { role: roleSchema.optional(), disabled: z.boolean().optional() };
const somethingToChange = (v: { role?: unknown; disabled?: unknown }) =>
  v.role !== undefined || v.disabled !== undefined;

/** PATCH /api/v1/users/{id} body. */
export const userChangeSchema = z.object(userChangeFields).refine(somethingToChange, "Nothing to change");

/** The admin page's action input. */
export const updateUserSchema = z
  .object({ userId: z.string().min(1), ...userChangeFields })
  .refine(somethingToChange, "Nothing to change");

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(80),
  role: roleSchema,
  userId: z.string().min(1, "Choose the account the token acts as"),
});

export const revokeTokenSchema = z.object({ tokenId: z.string().min(1) });
