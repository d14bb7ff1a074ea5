import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { appendAudit } from "../audit/chain";
import type { ControlDb } from "../db/client";
import { apiTokens, users } from "../db/schema";
import { AppError } from "../errors";
import { isRole, minRole, type Role } from "./roles";

/** API tokens: `ir_` + 256 random bits, shown once; only their SHA-256 is stored. */

const PREFIX = "ir_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface Actor {
  userId: string;
  email: string;
}

export async function createApiToken(
  db: ControlDb,
  actor: Actor | null,
  input: { name: string; role: Role; userId: string },
): Promise<{ id: string; token: string }> {
  const token = PREFIX + randomBytes(32).toString("base64url");
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
    if (!owner) throw new AppError("NOT_FOUND", "No such user for the token");
    await tx.insert(apiTokens).values({
      id,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, PREFIX.length + 6),
      role: input.role,
      userId: input.userId,
      createdBy: actor?.userId ?? null,
    });
    await appendAudit(tx, {
      actorId: actor?.userId ?? null,
      actorEmail: actor?.email ?? "system",
      action: "token.create",
      subject: id,
      details: { name: input.name, role: input.role, userId: input.userId },
    });
  });
  return { id, token };
}

export async function revokeApiToken(db: ControlDb, actor: Actor, tokenId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (updated.length === 0) throw new AppError("NOT_FOUND", "No active token with that id");
    await appendAudit(tx, {
      actorId: actor.userId,
      actorEmail: actor.email,
      action: "token.revoke",
      subject: tokenId,
    });
  });
}

export async function listApiTokens(db: ControlDb) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      role: apiTokens.role,
      ownerEmail: users.email,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(desc(apiTokens.createdAt));
}

export interface TokenPrincipal {
  tokenId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** Resolves a bearer token; null when unknown, revoked, or its owner is disabled. */
export async function authenticateToken(db: ControlDb, token: string): Promise<TokenPrincipal | null> {
  if (!token.startsWith(PREFIX)) return null;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      tokenRole: apiTokens.role,
      lastUsedAt: apiTokens.lastUsedAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      userRole: users.role,
      banned: users.banned,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row || row.banned || !isRole(row.tokenRole) || !isRole(row.userRole)) return null;
  // Last use is for people, not for accounting: write it at most once a minute per token.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  }
  return {
    tokenId: row.tokenId,
    userId: row.userId,
    email: row.email,
    name: row.name,
    role: minRole(row.tokenRole, row.userRole),
  };
}
