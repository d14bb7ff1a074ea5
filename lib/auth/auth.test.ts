import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { createControlDb, type ControlDb } from "../db/client";
import { migrateControlPlane } from "../db/migrate";
import { verifyAuditChain } from "../audit/chain";
import { authenticateToken, createApiToken, revokeApiToken } from "./api-tokens";
import { createAuth, type Auth } from "./auth";
import { createUserAccount, setUserDisabled, setUserRole } from "./users";

const BASE = "http://localhost:3999";
let scratch: ScratchDatabase;
let db: ControlDb;
let auth: Auth;
let adminId: string;
let viewerId: string;

function signIn(email: string, password: string, ip = "203.0.113.7") {
  return auth.handler(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE, "x-forwarded-for": ip },
      body: JSON.stringify({ email, password }),
    }),
  );
}

beforeAll(async () => {
  scratch = await createScratchDatabase("auth");
  db = createControlDb(scratch.url, 4);
  await migrateControlPlane(db);
  auth = createAuth({ db, secret: "s".repeat(40), baseUrl: BASE, signInLimitPerMinute: 5 });
  adminId = (
    await createUserAccount(auth, db, null, {
      email: "Admin@Example.com",
      name: "A",
      role: "admin",
      password: "admin-password-1",
    })
  ).id;
  viewerId = (
    await createUserAccount(auth, db, null, {
      email: "viewer@example.com",
      name: "V",
      role: "viewer",
      password: "viewer-password-1",
    })
  ).id;
});

afterAll(async () => {
  await db?.$client.end();
  await scratch?.drop();
});

describe("sign-in", () => {
  it("signs in with the right password and sets an httpOnly session cookie", async () => {
    const response = await signIn("admin@example.com", "admin-password-1", "203.0.113.1");
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it("answers a wrong password exactly like an unknown email", async () => {
    const wrong = await signIn("viewer@example.com", "not-the-password", "203.0.113.2");
    const unknown = await signIn("nobody@example.com", "not-the-password", "203.0.113.3");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it("rate-limits repeated sign-in attempts from one address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await signIn("viewer@example.com", `guess-${i}-xxxxx`, "198.51.100.9")).status);
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not affected.
    expect((await signIn("viewer@example.com", "viewer-password-1", "198.51.100.10")).status).toBe(200);
  });

  it("refuses a disabled account and lets it back in when enabled", async () => {
    const actor = { userId: adminId, email: "admin@example.com" };
    await setUserDisabled(db, actor, viewerId, true);
    expect((await signIn("viewer@example.com", "viewer-password-1", "203.0.113.20")).status).toBe(403);
    await setUserDisabled(db, actor, viewerId, false);
    expect((await signIn("viewer@example.com", "viewer-password-1", "203.0.113.21")).status).toBe(200);
  });
});

describe("accounts", () => {
  it("refuses a duplicate email and keeps the last admin", async () => {
    await expect(
      createUserAccount(auth, db, null, {
        email: "viewer@example.com",
        name: "",
        role: "viewer",
        password: "another-password",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setUserRole(db, { userId: adminId, email: "a" }, adminId, "viewer")).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("API tokens", () => {
  it("authenticates, caps the role at the owner's, and stops working when revoked", async () => {
    const actor = { userId: adminId, email: "admin@example.com" };
    const { id, token } = await createApiToken(db, actor, { name: "t", role: "admin", userId: viewerId });
    const principal = await authenticateToken(db, token);
    expect(principal).toMatchObject({ userId: viewerId, role: "viewer" });
    expect(await authenticateToken(db, token + "x")).toBeNull();
    expect(await authenticateToken(db, "not-a-token")).toBeNull();
    await revokeApiToken(db, actor, id);
    expect(await authenticateToken(db, token)).toBeNull();
  });
});

describe("audit chain", () => {
  it("records every change, verifies, refuses edits and detects a forged row", async () => {
    const before = await verifyAuditChain(db);
    expect(before.ok).toBe(true);
    expect(before.checked).toBeGreaterThanOrEqual(5);
    await expect(db.$client.query("update audit_events set action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.$client.query("delete from audit_events")).rejects.toThrow(/append-only/);
    await expect(db.$client.query("truncate audit_events")).rejects.toThrow(/append-only/);
    await db.$client.query(
      `insert into audit_events (actor_email, action, prev_hash, hash) values ('mallory', 'user.create', 'x', 'y')`,
    );
    const after = await verifyAuditChain(db);
    expect(after.ok).toBe(false);
    expect(after.brokenAt).toBeGreaterThan(0);
  });
});
