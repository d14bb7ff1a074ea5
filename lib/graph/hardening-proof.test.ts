import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoTarget, databaseUrl } from "../demo";
import { introspect } from "../introspect/introspect";
import type { Catalog } from "../introspect/types";
import { serverUrl } from "../testing/scratch-db";
import { generateHardening } from "./hardening";

/**
 * The hardening is proven, not just printed: on a small copy of the demo target, deleting a user
 * cascades into Talent before the migration and fails with a RESTRICT violation after it.
 */

const database = `harden_${randomBytes(4).toString("hex")}`;
let admin: pg.Client;

async function countWhere(table: string, column: string, value: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    `SELECT count(*) AS n FROM "${table}" WHERE "${column}" = $1`,
    [value],
  );
  return Number(rows[0]!.n);
}

/** Deletes the user inside a transaction that is always rolled back; returns the error code or null. */
async function tryDeleteUser(
  id: string,
): Promise<{ code: string | null; constraint?: string; talentLeft: number }> {
  await admin.query("BEGIN");
  try {
    await admin.query('DELETE FROM "User" WHERE id = $1', [id]);
    return { code: null, talentLeft: await countWhere("Talent", "userId", id) };
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    return { code: e.code ?? "unknown", constraint: e.constraint, talentLeft: -1 };
  } finally {
    await admin.query("ROLLBACK");
  }
}

beforeAll(async () => {
  await buildDemoTarget({
    superuserUrl: serverUrl(),
    database,
    scale: 0.02,
    readOnlyPassword: "ro-test-password",
    privilegedPassword: "priv-test-password",
    anchor: new Date("2026-11-20T12:00:00Z"),
  });
  admin = new pg.Client({ connectionString: databaseUrl(serverUrl(), database) });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end().catch(() => {});
  const server = new pg.Client({ connectionString: serverUrl() });
  await server.connect();
  await server.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await server.end();
});

describe("hardening migration on the demo target", () => {
  it("turns the User → Talent cascade into a refused delete", async () => {
    const { rows } = await admin.query<{ id: string; talents: string }>(
      `SELECT u.id, count(*) AS talents FROM "User" u JOIN "Talent" t ON t."userId" = u.id
        GROUP BY u.id ORDER BY u.id LIMIT 1`,
    );
    const user = rows[0]!;
    expect(Number(user.talents)).toBeGreaterThan(0);

    // Before: the delete goes through and takes the user's Talent rows with it.
    const before = await tryDeleteUser(user.id);
    expect(before).toEqual({ code: null, talentLeft: 0 });

    const catalog: Catalog = await introspect(admin);
    const fromUser = catalog.foreignKeys.filter(
      (k) => k.parent === "public.User" && k.onDelete === "CASCADE",
    );
    expect(fromUser.map((k) => k.name)).toContain("Talent_userId_fkey");
    const migration = generateHardening(
      catalog,
      fromUser.map((k) => ({ child: k.child, name: k.name })),
      { softDelete: true },
    );
    expect(migration.hardened.length).toBe(fromUser.length);

    // Applied the way psql -f runs a file: one statement at a time, autocommit between them.
    for (const statement of migration.statements) await admin.query(statement);

    const after = await introspect(admin);
    for (const fk of fromUser) {
      const now = after.foreignKeys.find((k) => k.child === fk.child && k.name === fk.name);
      expect(now, fk.name).toMatchObject({
        onDelete: "RESTRICT",
        onUpdate: fk.onUpdate,
        validated: true,
        childColumns: fk.childColumns,
        parentColumns: fk.parentColumns,
      });
    }
    expect(after.foreignKeys.length).toBe(catalog.foreignKeys.length);
    expect(after.tables.find((t) => t.name === "public.User")!.columns.map((c) => c.name)).toContain(
      "deletedAt",
    );

    // After: the same delete fails, and nothing is lost.
    const refused = await tryDeleteUser(user.id);
    // ON DELETE RESTRICT raises restrict_violation (23001) from PostgreSQL 18; before 18 it raised
    // foreign_key_violation (23503), as NO ACTION does, so there only the constraint tells them apart.
    expect(refused.code).toBe(catalog.serverVersionNum >= 180000 ? "23001" : "23503");
    expect(fromUser.map((k) => k.name)).toContain(refused.constraint);
    expect(await countWhere("Talent", "userId", user.id)).toBe(Number(user.talents));
    expect(await countWhere("User", "id", user.id)).toBe(1);
  });
});
