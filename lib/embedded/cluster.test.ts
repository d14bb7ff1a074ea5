import pg from "pg";
import { describe, expect, it } from "vitest";
import { createScratchDatabase } from "../testing/scratch-db";

describe("embedded PostgreSQL test server", () => {
  it("runs a real PostgreSQL that enforces ON DELETE CASCADE", async () => {
    const db = await createScratchDatabase();
    try {
      await db.admin.query(`
        create table parent (id int primary key);
        create table child (id int primary key, parent_id int references parent on delete cascade);
        insert into parent values (1); insert into child values (10, 1), (11, 1);
        delete from parent where id = 1;`);
      const { rows } = await db.admin.query<{ n: string }>("select count(*) as n from child");
      expect(rows[0]?.n).toBe("0");
      const version = await db.admin.query<{ v: string }>(
        "select current_setting('server_version_num') as v",
      );
      expect(Number(version.rows[0]?.v)).toBeGreaterThanOrEqual(130000);
    } finally {
      await db.drop();
    }
  });

  it("refuses connections with a wrong password", async () => {
    const db = await createScratchDatabase();
    try {
      const url = new URL(db.url);
      url.password = "wrong";
      const client = new pg.Client({ connectionString: url.toString() });
      await expect(client.connect()).rejects.toThrow(/password authentication failed/);
    } finally {
      await db.drop();
    }
  });
});
