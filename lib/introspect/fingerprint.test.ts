import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { connectReadOnly } from "./connect";
import { readCatalogFingerprint } from "./fingerprint";

let db: ScratchDatabase;
let reader: pg.Client;

beforeAll(async () => {
  db = await createScratchDatabase("fingerprint");
  await db.admin.query(`
    create table parent (id int primary key, "updatedAt" timestamptz);
    create table child (id int primary key, parent_id int, note text,
      constraint child_parent_fkey foreign key (parent_id) references parent (id) on delete cascade);
    create function keep() returns trigger language plpgsql as $$ begin return old; end $$;
    create trigger keep_deleted after delete on child for each row execute function keep();
    insert into parent select g, now() from generate_series(1, 50) g;
    insert into child select g, g, 'n' from generate_series(1, 50) g;`);
  reader = await connectReadOnly(db.url);
});

afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

/** Runs `ddl` as the owner and says whether the read-only reader's fingerprint changed. */
async function changes(ddl: string): Promise<boolean> {
  const before = await readCatalogFingerprint(reader);
  await db.admin.query(ddl);
  return (await readCatalogFingerprint(reader)) !== before;
}

describe("readCatalogFingerprint", () => {
  it("stays the same when only data and statistics change", async () => {
    expect(await changes(`insert into parent values (51, now())`)).toBe(false);
    expect(await changes(`delete from child where id > 40`)).toBe(false);
    expect(await changes(`vacuum analyze parent`)).toBe(false);
    expect(await changes(`analyze`)).toBe(false);
  });

  it("sees a CASCADE key swapped for a RESTRICT one under the same name, in one transaction", async () => {
    expect(
      await changes(`begin;
        alter table child drop constraint child_parent_fkey;
        alter table child add constraint child_parent_fkey foreign key (parent_id)
          references parent (id) on delete restrict not valid;
        commit;`),
    ).toBe(true);
  });

  it("sees a validated constraint and a deferrable one", async () => {
    expect(await changes(`alter table child validate constraint child_parent_fkey`)).toBe(true);
    expect(await changes(`alter table child alter constraint child_parent_fkey deferrable`)).toBe(true);
  });

  it("sees columns renamed, retyped, defaulted and dropped", async () => {
    expect(await changes(`alter table child rename column note to remark`)).toBe(true);
    expect(await changes(`alter table child alter column remark type varchar(200)`)).toBe(true);
    expect(await changes(`alter table child alter column remark set default 'x'`)).toBe(true);
    expect(await changes(`alter table child drop column remark`)).toBe(true);
  });

  it("sees tables and schemas renamed, indexes created, triggers disabled", async () => {
    expect(await changes(`alter table child rename to kid`)).toBe(true);
    expect(await changes(`alter schema public rename to app`)).toBe(true);
    expect(await changes(`create index on app.kid (parent_id)`)).toBe(true);
    expect(await changes(`alter table app.kid disable trigger keep_deleted`)).toBe(true);
  });
});
