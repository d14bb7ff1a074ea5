import { and, asc, eq, ne } from "drizzle-orm";
import { appendAudit } from "../audit/chain";
import type { ControlDb } from "../db/client";
import { sessions, users } from "../db/schema";
import { AppError } from "../errors";
import type { Auth } from "./auth";
import type { Actor } from "./api-tokens";
import { isRole, type Role } from "./roles";

/** Managing accounts: the admin page, the CLI and the demo all come through here. */

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export async function createUserAccount(auth: Auth, db: ControlDb, actor: Actor | null, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw new AppError("CONFLICT", `An account for ${email} already exists`);
  if (input.password.length < 10) {
    throw new AppError("BAD_REQUEST", "Passwords need at least 10 characters", {
      password: ["At least 10 characters"],
    });
  }
  // Called without request headers, better-auth treats this as trusted server code; we checked the role.
  const { user } = await auth.api.createUser({
    body: { email, name: input.name.trim() || email, password: input.password, role: input.role },
  });
  await appendAudit(db, {
    actorId: actor?.userId ?? null,
    actorEmail: actor?.email ?? "cli",
    action: "user.create",
    subject: user.id,
    details: { email, role: input.role },
  });
  return { id: user.id, email };
}

async function countActiveAdmins(db: ControlDb, exceptUserId: string) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.banned, false), ne(users.id, exceptUserId)));
  return rows.length;
}

export async function setUserRole(db: ControlDb, actor: Actor, userId: string, role: Role) {
  if (!isRole(role)) throw new AppError("BAD_REQUEST", "Unknown role");
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user) throw new AppError("NOT_FOUND", "No such user");
    if (user.role === role) return;
    if (user.role === "admin" && (await countActiveAdmins(tx as unknown as ControlDb, userId)) === 0) {
      throw new AppError("CONFLICT", "This is the last active admin; make someone else admin first");
    }
    await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId));
    await appendAudit(tx, {
      actorId: actor.userId,
      actorEmail: actor.email,
      action: "user.set-role",
      subject: userId,
      details: { email: user.email, from: user.role, to: role },
    });
  });
}

export async function setUserDisabled(db: ControlDb, actor: Actor, userId: string, disabled: boolean) {
  if (disabled && userId === actor.userId)
    throw new AppError("CONFLICT", "You cannot disable your own account");
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user) throw new AppError("NOT_FOUND", "No such user");
    if (user.banned === disabled) return;
    if (
      disabled &&
      user.role === "admin" &&
      (await countActiveAdmins(tx as unknown as ControlDb, userId)) === 0
    ) {
      throw new AppError("CONFLICT", "This is the last active admin");
    }
    await tx
      .update(users)
      .set({
        banned: disabled,
        banReason: disabled ? `disabled by ${actor.email}` : null,
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId));
    // Disabling signs the person out everywhere at once.
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await appendAudit(tx, {
      actorId: actor.userId,
      actorEmail: actor.email,
      action: disabled ? "user.disable" : "user.enable",
      subject: userId,
      details: { email: user.email },
    });
  });
}

export async function listUsers(db: ControlDb) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabled: users.banned,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.email));
}
