import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { connectReadOnly } from "../introspect/connect";
import { introspect } from "../introspect/introspect";
import type { Catalog } from "../introspect/types";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { BlastRadiusInputError, BlastRadiusUnsupportedError } from "./blast-errors";
import { blastErrorToAppError, blastRequestSchema, likePattern, listKeyRows } from "./blast-explorer";

let db: ScratchDatabase;
let catalog: Catalog;
let reader: Awaited<ReturnType<typeof connectReadOnly>>;

beforeAll(async () => {
  db = await createScratchDatabase("explorer");
  await db.admin.query(`
    CREATE SCHEMA "Sales Ops";
    CREATE TABLE "Sales Ops"."Us""er" (id text PRIMARY KEY, email text NOT NULL, name text);
    INSERT INTO "Sales Ops"."Us""er"
      SELECT 'cl' || lpad(i::text, 3, '0') || CASE WHEN i = 7 THEN '_100%' ELSE '' END, 'person' || i || '@example.com', 'Person ' || i
        FROM generate_series(1, 50) i;
    CREATE TABLE tag (tenant int, slug text, label text, UNIQUE (tenant, slug));
    INSERT INTO tag VALUES (1, 'a', 'A'), (2, 'b', 'B');
    CREATE TABLE heap (x int);
  `);
  reader = await connectReadOnly(db.url);
  catalog = await introspect(reader);
});

afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

describe("listKeyRows", () => {
  it("lists at most 20 rows, key columns only — never the personal columns", async () => {
    const result = await listKeyRows(reader, catalog, 'Sales Ops.Us"er', "");
    expect(result.keyColumns).toEqual(["id"]);
    expect(result.rows).toHaveLength(20);
    expect(result.rows[0]).toEqual({ id: "cl001" });
    expect(JSON.stringify(result)).not.toContain("@example.com");
  });

  it("searches the key columns, treating % and _ and quotes as plain text", async () => {
    expect((await listKeyRows(reader, catalog, 'Sales Ops.Us"er', "cl04")).rows.map((r) => r.id)).toEqual([
      "cl040",
      "cl041",
      "cl042",
      "cl043",
      "cl044",
      "cl045",
      "cl046",
      "cl047",
      "cl048",
      "cl049",
    ]);
    expect((await listKeyRows(reader, catalog, 'Sales Ops.Us"er', "100%")).rows).toEqual([
      { id: "cl007_100%" },
    ]);
    expect((await listKeyRows(reader, catalog, 'Sales Ops.Us"er', "_")).rows).toEqual([{ id: "cl007_100%" }]);
    expect((await listKeyRows(reader, catalog, 'Sales Ops.Us"er', "' OR 1=1 --")).rows).toEqual([]);
    expect(likePattern("a%b_c\\")).toBe("%a\\%b\\_c\\\\%");
  });

  it("falls back to a unique key, and refuses a table with neither", async () => {
    const tags = await listKeyRows(reader, catalog, "public.tag", "");
    expect(tags).toMatchObject({
      keyColumns: ["tenant", "slug"],
      rows: [
        { tenant: "1", slug: "a" },
        { tenant: "2", slug: "b" },
      ],
    });
    await expect(listKeyRows(reader, catalog, "heap", "")).rejects.toThrow(/no primary or unique key/);
    await expect(listKeyRows(reader, catalog, "public.nope", "")).rejects.toBeInstanceOf(
      BlastRadiusInputError,
    );
  });
});

describe("blastRequestSchema and errors", () => {
  it("accepts text, numbers and booleans as key values and insists on a key", () => {
    expect(blastRequestSchema.parse({ table: "public.User", key: { id: 7, ok: true } })).toEqual({
      table: "public.User",
      key: { id: "7", ok: "true" },
    });
    expect(blastRequestSchema.safeParse({ table: "public.User", key: {} }).success).toBe(false);
    expect(blastRequestSchema.safeParse({ table: "", key: { id: "1" } }).success).toBe(false);
    expect(blastRequestSchema.safeParse({ table: "t", key: { id: { nested: 1 } } }).success).toBe(false);
  });

  it("maps engine and connection errors to 400, 409 and 503", () => {
    const status = (e: unknown) => (blastErrorToAppError(e, "t") as AppError).status;
    expect(status(new BlastRadiusInputError("BAD_KEY", "x"))).toBe(400);
    expect(status(new BlastRadiusUnsupportedError("x"))).toBe(409);
    expect(status(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBe(503);
    expect(status(Object.assign(new Error("shutdown"), { code: "57P01" }))).toBe(503);
    const other = new Error("bug");
    expect(blastErrorToAppError(other, "t")).toBe(other);
  });
});
