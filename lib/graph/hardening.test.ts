import { describe, expect, it } from "vitest";
import type { Catalog } from "../introspect/types";
import { catalogOf } from "./catalog-builder";
import { generateHardening, uniqueName } from "./hardening";
import { relationFieldName } from "./hardening-orm";

function schema(): Catalog {
  const catalog = catalogOf(
    ["public.User", "public.Talent", "public.Audit", 'Sales Ops.Deal "Q1"'],
    [
      {
        name: "Talent_userId_fkey",
        child: "public.Talent",
        childColumns: ["userId"],
        parent: "public.User",
        onDelete: "CASCADE",
      },
      {
        name: "Audit_userId_fkey",
        child: "public.Audit",
        childColumns: ["userId"],
        parent: "public.User",
        onDelete: "RESTRICT",
      },
      {
        name: 'deal "talent" fk',
        child: 'Sales Ops.Deal "Q1"',
        childColumns: ["talent id", "region"],
        parent: "public.Talent",
        parentColumns: ["id", "region"],
        onDelete: "SET NULL",
        deferrable: true,
        initiallyDeferred: true,
      },
    ],
  );
  catalog.database = "breakco";
  for (const fk of catalog.foreignKeys) fk.onUpdate = "CASCADE";
  return catalog;
}

describe("generateHardening", () => {
  it("swaps CASCADE for RESTRICT in three locking steps, keeping ON UPDATE and the constraint name", () => {
    const migration = generateHardening(schema(), [{ child: "public.Talent", name: "Talent_userId_fkey" }]);
    expect(migration.statements).toEqual([
      "SET lock_timeout = '5s';",
      'ALTER TABLE "public"."Talent" ADD CONSTRAINT "Talent_userId_fkey_restrict" FOREIGN KEY ("userId") REFERENCES "public"."User" ("id") ON UPDATE CASCADE ON DELETE RESTRICT NOT VALID;',
      "SET lock_timeout = '5s';",
      'ALTER TABLE "public"."Talent" VALIDATE CONSTRAINT "Talent_userId_fkey_restrict";',
      "SET lock_timeout = '5s';",
      "BEGIN;",
      'ALTER TABLE "public"."Talent" DROP CONSTRAINT "Talent_userId_fkey";',
      'ALTER TABLE "public"."Talent" RENAME CONSTRAINT "Talent_userId_fkey_restrict" TO "Talent_userId_fkey";',
      "COMMIT;",
      "RESET lock_timeout;",
    ]);
    expect(migration.hardened).toMatchObject([
      { name: "Talent_userId_fkey", from: "CASCADE", finalName: "Talent_userId_fkey" },
    ]);
    expect(migration.sql).toContain("-- Step 1");
    expect(migration.sql).toContain("public.Talent (userId) → public.User: CASCADE → RESTRICT");
    expect(migration.fileName).toBe("breakco-harden-on-delete-restrict.sql");
    // Every statement is in the file, in the same order.
    let at = 0;
    for (const statement of migration.statements) {
      const found = migration.sql.indexOf(statement, at);
      expect(found).toBeGreaterThanOrEqual(at);
      at = found + statement.length;
    }
  });

  it("names the error a refused delete raises on the target's PostgreSQL version", () => {
    const on = (serverVersionNum: number) => {
      const catalog = schema();
      catalog.serverVersionNum = serverVersionNum;
      return generateHardening(catalog, [{ child: "public.Talent", name: "Talent_userId_fkey" }]).sql;
    };
    expect(on(180001)).toContain("restrict_violation, SQLSTATE 23001");
    expect(on(170006)).toContain("foreign_key_violation, SQLSTATE 23503");
    expect(on(130020)).not.toContain("23001");
  });

  it("adds every new constraint before dropping any old one", () => {
    const migration = generateHardening(schema(), [
      { child: 'Sales Ops.Deal "Q1"', name: 'deal "talent" fk' },
      { child: "public.Talent", name: "Talent_userId_fkey" },
    ]);
    const kinds = migration.statements
      .filter((s) => s.startsWith("ALTER TABLE"))
      .map((s) => / (ADD CONSTRAINT|VALIDATE|DROP|RENAME) /.exec(s)![1]);
    expect(kinds).toEqual([
      "ADD CONSTRAINT",
      "ADD CONSTRAINT",
      "VALIDATE",
      "VALIDATE",
      "DROP",
      "RENAME",
      "DROP",
      "RENAME",
    ]);
  });

  it("quotes every identifier and keeps composite column order and deferrability", () => {
    const migration = generateHardening(schema(), [
      { child: 'Sales Ops.Deal "Q1"', name: 'deal "talent" fk' },
    ]);
    expect(migration.statements).toContain(
      'ALTER TABLE "Sales Ops"."Deal ""Q1""" ADD CONSTRAINT "deal ""talent"" fk_restrict" FOREIGN KEY ("talent id", "region") REFERENCES "public"."Talent" ("id", "region") ON UPDATE CASCADE ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED NOT VALID;',
    );
    expect(migration.statements).toContain(
      'ALTER TABLE "Sales Ops"."Deal ""Q1""" DROP CONSTRAINT "deal ""talent"" fk";',
    );
  });

  it("skips FKs that cannot spread a delete and names it it does not know", () => {
    const migration = generateHardening(schema(), [
      { child: "public.Audit", name: "Audit_userId_fkey" },
      { child: "public.Talent", name: "Talent_nope_fkey" },
    ]);
    expect(migration.hardened).toEqual([]);
    expect(migration.skipped.map((s) => [s.name, s.reason.split(":")[0]])).toEqual([
      ["Audit_userId_fkey", "already ON DELETE RESTRICT"],
      ["Talent_nope_fkey", "no such foreign key in the schema"],
    ]);
    expect(migration.statements).toEqual([]);
    expect(migration.sql).toContain("Nothing to change");
  });

  it("adds the FK validated when the child is partitioned on PostgreSQL before 18, and says why", () => {
    const catalog = catalogOf(
      ["p.user", { name: "p.event", kind: "partitioned" }],
      [{ name: "event_user_fkey", child: "p.event", parent: "p.user", onDelete: "CASCADE" }],
    );
    catalog.serverVersionNum = 170004;
    const old = generateHardening(catalog, [{ child: "p.event", name: "event_user_fkey" }]);
    expect(old.statements.some((s) => s.includes("NOT VALID"))).toBe(false);
    expect(old.statements.some((s) => s.includes("VALIDATE"))).toBe(false);
    expect(old.sql).toContain("cannot add a NOT VALID foreign key");
    catalog.serverVersionNum = 180000;
    expect(
      generateHardening(catalog, [{ child: "p.event", name: "event_user_fkey" }]).statements.join("\n"),
    ).toContain("NOT VALID");
  });

  it("leaves a NOT VALID original's replacement NOT VALID instead of failing on old rows", () => {
    const catalog = schema();
    const fk = catalog.foreignKeys.find((k) => k.name === "Talent_userId_fkey")!;
    fk.validated = false;
    const migration = generateHardening(catalog, [{ child: "public.Talent", name: "Talent_userId_fkey" }]);
    expect(migration.statements.some((s) => s.includes("VALIDATE"))).toBe(false);
    expect(migration.hardened[0]!.leftNotValid).toBe(true);
  });

  it("adds soft-delete columns to the parents when asked, unless they already have one", () => {
    const catalog = schema();
    const migration = generateHardening(
      catalog,
      [
        { child: "public.Talent", name: "Talent_userId_fkey" },
        { child: 'Sales Ops.Deal "Q1"', name: 'deal "talent" fk' },
      ],
      { softDelete: true, lockTimeout: "2s" },
    );
    expect(migration.softDeleteTables).toEqual(["public.Talent", "public.User"]);
    expect(migration.statements).toContain(
      'ALTER TABLE "public"."User" ADD COLUMN IF NOT EXISTS "deletedAt" timestamp(3);',
    );
    expect(migration.statements[0]).toBe("SET lock_timeout = '2s';");
    expect(migration.prisma).toContain("deletedAt DateTime? @db.Timestamp(3)");
    expect(migration.drizzle).toContain('deletedAt: timestamp("deletedAt", { precision: 3 }),');

    catalog.tables
      .find((t) => t.name === "public.User")!
      .columns.push({
        name: "deletedAt",
        type: "timestamp(3) without time zone",
        nullable: true,
        defaultExpr: null,
        position: 99,
      });
    expect(
      generateHardening(catalog, [{ child: "public.Talent", name: "Talent_userId_fkey" }], {
        softDelete: true,
      }).softDeleteTables,
    ).toEqual([]);
  });

  it("writes the Prisma and drizzle changes for the same FKs", () => {
    const migration = generateHardening(schema(), [
      { child: "public.Talent", name: "Talent_userId_fkey" },
      { child: 'Sales Ops.Deal "Q1"', name: 'deal "talent" fk' },
    ]);
    expect(migration.prisma).toContain("model Talent {");
    expect(migration.prisma).toContain(
      "user User? @relation(fields: [userId], references: [id], onDelete: Restrict, onUpdate: Cascade)",
    );
    expect(migration.prisma).toContain("was onDelete: Cascade");
    expect(migration.drizzle).toContain(
      'userId: /* keep the column type */ .references(() => User.id, { onDelete: "restrict", onUpdate: "cascade" }),',
    );
    expect(migration.drizzle).toContain('columns: [dealQ1["talent id"], dealQ1.region],');
    expect(migration.drizzle).toContain('.onDelete("restrict")');
  });

  it("refuses a lock timeout that is not an interval (it is pasted into SQL)", () => {
    expect(() => generateHardening(schema(), [], { lockTimeout: "5s'; DROP TABLE x; --" })).toThrow(
      /lock timeout/,
    );
  });
});

describe("uniqueName", () => {
  it("stays within PostgreSQL's 63 bytes, stays unique, and does not split a character", () => {
    const long = "Ä".repeat(40); // 80 bytes
    const name = uniqueName(long, "_restrict", new Set());
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(63);
    expect(name.endsWith("_restrict")).toBe(true);
    expect(name.startsWith("ÄÄ")).toBe(true);
    const second = uniqueName(long, "_restrict", new Set([name]));
    expect(second).not.toBe(name);
    expect(new TextEncoder().encode(second).length).toBeLessThanOrEqual(63);
    expect(uniqueName("fk", "_restrict", new Set(["fk_restrict"]))).toBe("fk_restrict2");
  });
});

describe("relationFieldName", () => {
  it("follows Prisma's habit of naming the relation after the FK column", () => {
    expect(relationFieldName({ childColumns: ["userId"], parent: "public.User" })).toBe("user");
    expect(relationFieldName({ childColumns: ["owner_id"], parent: "public.User" })).toBe("owner");
    expect(relationFieldName({ childColumns: ["dealId", "no"], parent: "public.DealDeliverable" })).toBe(
      "dealDeliverable",
    );
  });
});
