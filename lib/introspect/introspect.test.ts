import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closureByName, computeCascadeClosure } from "../graph/closure";
import { buildGraph } from "../graph/graph";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratch-db";
import { connectReadOnly } from "./connect";
import { FIXTURE_SCHEMA_SQL } from "./fixture-schema";
import { introspect } from "./introspect";
import type { Catalog, ForeignKey } from "./types";

let db: ScratchDatabase;
let reader: pg.Client;
let catalog: Catalog;

beforeAll(async () => {
  db = await createScratchDatabase("introspect");
  await db.admin.query(FIXTURE_SCHEMA_SQL);
  await db.admin.query(`insert into public.account select g, 'c' || g, 'eu' from generate_series(1, 500) g`);
  await db.admin.query(`analyze public.account`);
  reader = await connectReadOnly(db.url);
  catalog = await introspect(reader);
});

afterAll(async () => {
  await reader?.end();
  await db?.drop();
});

/** One line per FK, so a failing comparison shows exactly which key differs. */
function describeFk(fk: ForeignKey): string {
  const flags = [
    fk.deferrable && "deferrable",
    fk.initiallyDeferred && "initially-deferred",
    !fk.validated && "not-valid",
    fk.indexed && "indexed",
    fk.onDeleteSetColumns && `set(${fk.onDeleteSetColumns.join(",")})`,
  ].filter(Boolean);
  return `${fk.name}: ${fk.child}(${fk.childColumns.join(",")}) -> ${fk.parent}(${fk.parentColumns.join(",")}) ${fk.onDelete}/${fk.onUpdate} ${flags.join(" ")}`.trim();
}

describe("introspect", () => {
  it("reads the server and schemas, skipping system schemas", () => {
    expect(catalog.serverVersionNum).toBeGreaterThanOrEqual(130000);
    expect(catalog.database).toBe(db.name);
    expect(catalog.schemas).toEqual(["Sales Ops", "billing", "public"]);
  });

  it("lists ordinary, partitioned and partition tables with their parents", () => {
    const kinds = Object.fromEntries(catalog.tables.map((t) => [t.name, [t.kind, t.partitionOf]]));
    expect(kinds).toEqual({
      'Sales Ops.Deal "Q1"': ["table", null],
      "Sales Ops.User": ["table", null],
      "billing.invoice": ["table", null],
      "billing.line": ["table", null],
      "public.account": ["table", null],
      "public.account_alias": ["table", null],
      "public.audit": ["partitioned", null],
      "public.audit_login": ["partition", "public.audit"],
      "public.audit_other": ["partition", "public.audit"],
      "public.category": ["table", null],
      "public.event": ["partitioned", null],
      "public.event_2025": ["partition", "public.event"],
      "public.event_2026": ["partition", "public.event"],
      "public.event_tag": ["table", null],
      "public.login": ["partitioned", null],
      "public.login_app": ["partition", "public.login"],
      "public.login_web": ["partition", "public.login"],
      "public.member": ["table", null],
      "public.membership_note": ["table", null],
      "public.node_a": ["table", null],
      "public.node_b": ["table", null],
      "public.person": ["table", null],
      "public.team": ["table", null],
    });
  });

  it("reads columns, primary keys in key order, unique keys and row estimates", () => {
    const account = catalog.tables.find((t) => t.name === "public.account")!;
    expect(account.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ["id", "integer", false],
      ["code", "text", false],
      ["region", "text", false],
    ]);
    expect(account.primaryKey).toEqual(["id"]);
    expect(account.uniqueKeys.map((k) => [k.columns, k.primary])).toEqual([
      [["id"], true],
      [["code"], false],
      [["region", "id"], false],
    ]);
    expect(account.estimatedRows).toBe(500);
    expect(account.oid).toBeGreaterThan(0);
    expect(account.relfilenode).toBeGreaterThan(0);
    const member = catalog.tables.find((t) => t.name === "public.member")!;
    expect(member.primaryKey).toEqual(["account_id", "seq"]);
    expect(member.estimatedRows).toBe(0); // never analysed: reltuples -1 → 0
    const invoice = catalog.tables.find((t) => t.name === "billing.invoice")!;
    expect(invoice.columns.find((c) => c.name === "account_id")!.defaultExpr).toBe("0");
    const deal = catalog.tables.find((t) => t.name === 'Sales Ops.Deal "Q1"')!;
    expect(deal.columns.map((c) => c.name)).toEqual(["id", "ownerId", "Account Id"]);
  });

  it("reads every foreign key exactly once, with rules, flags and columns in key order", () => {
    expect(catalog.foreignKeys.map(describeFk).sort()).toEqual(
      [
        'Deal "Q1" account: Sales Ops.Deal "Q1"(Account Id) -> public.account(id) NO ACTION/NO ACTION not-valid',
        'Deal_ownerId_fkey: Sales Ops.Deal "Q1"(ownerId) -> Sales Ops.User(id) CASCADE/NO ACTION indexed',
        "account_alias_code_fkey: public.account_alias(account_code) -> public.account(code) SET NULL/CASCADE",
        "audit_account_fkey: public.audit(account_id) -> public.account(id) RESTRICT/NO ACTION",
        "category_parent_fkey: public.category(parent_id) -> public.category(id) CASCADE/NO ACTION",
        "event_2026_account_fkey: public.event_2026(account_id) -> public.account(id) CASCADE/NO ACTION",
        "event_tag_event_fkey: public.event_tag(event_id,event_at) -> public.event(id,at) CASCADE/NO ACTION",
        "invoice_account_fkey: billing.invoice(account_id) -> public.account(id) SET DEFAULT/NO ACTION",
        // A column list for SET NULL exists from PostgreSQL 15; the fixture declares the whole-key form before.
        `line_invoice_fkey: billing.line(invoice_id,account_id) -> billing.invoice(id,account_id) SET NULL/RESTRICT${catalog.serverVersionNum >= 150000 ? " set(invoice_id)" : ""}`,
        "login_member_fkey: public.login(member_account_id,member_seq) -> public.member(account_id,seq) CASCADE/NO ACTION",
        "member_account_id_fkey: public.member(account_id) -> public.account(id) CASCADE/NO ACTION indexed",
        "membership_note_member_fkey: public.membership_note(m_seq,m_acct) -> public.member(seq,account_id) CASCADE/NO ACTION indexed",
        "node_a_b_fkey: public.node_a(b_id) -> public.node_b(id) CASCADE/NO ACTION deferrable",
        "node_b_a_fkey: public.node_b(a_id) -> public.node_a(id) CASCADE/NO ACTION",
        "person_team_fkey: public.person(team_id) -> public.team(id) CASCADE/NO ACTION",
        "team_lead_fkey: public.team(lead_id) -> public.person(id) SET NULL/NO ACTION deferrable initially-deferred",
      ].sort(),
    );
  });

  it("agrees with information_schema on rules and key order, and drops only partition clones", async () => {
    // information_schema lists the clones PostgreSQL makes on partitions too; ours are top-level only.
    const truth = await db.admin.query<{
      schema: string;
      table: string;
      name: string;
      delete_rule: string;
      update_rule: string;
      columns: string[];
      ref_columns: string[];
      ref_table: string;
    }>(`
      select k.table_schema as schema, k.table_name as table, k.constraint_name as name,
             r.delete_rule, r.update_rule,
             array_agg(k.column_name::text order by k.ordinal_position) as columns,
             array_agg(u.column_name::text order by k.ordinal_position) as ref_columns,
             min(u.table_schema || '.' || u.table_name) as ref_table
      from (select distinct constraint_schema, constraint_name, unique_constraint_schema,
                            unique_constraint_name, delete_rule, update_rule
            from information_schema.referential_constraints) r
      join information_schema.key_column_usage k
        on k.constraint_schema = r.constraint_schema and k.constraint_name = r.constraint_name
      join information_schema.key_column_usage u
        on u.constraint_schema = r.unique_constraint_schema and u.constraint_name = r.unique_constraint_name
       and u.ordinal_position = k.position_in_unique_constraint
      group by 1, 2, 3, 4, 5`);
    const ours = new Map(catalog.foreignKeys.map((fk) => [`${fk.child}/${fk.name}`, fk]));
    const seen = new Set<string>();
    for (const row of truth.rows) {
      const key = `${row.schema}.${row.table}/${row.name}`;
      const fk = ours.get(key);
      if (!fk) {
        // PostgreSQL's clones (on each partition of a partitioned child, and one per partition of a
        // partitioned parent) are the only ones we leave out.
        const clone = await db.admin.query(
          `select 1 from pg_constraint where conname = $1 and conrelid = $2::regclass and conparentid <> 0`,
          [row.name, `"${row.schema}"."${row.table}"`],
        );
        expect(clone.rowCount, key).toBe(1);
        continue;
      }
      seen.add(key);
      expect([fk.onDelete, fk.onUpdate], key).toEqual([row.delete_rule, row.update_rule]);
      expect(fk.childColumns, key).toEqual(row.columns);
      expect(fk.parentColumns, key).toEqual(row.ref_columns);
      expect(fk.parent, key).toBe(row.ref_table);
    }
    expect(seen.size).toBe(catalog.foreignKeys.length);
  });

  it("does not report PostgreSQL 18 NOT NULL constraints as foreign keys", async () => {
    const notNull = await db.admin.query(`select count(*)::int as n from pg_constraint where contype = 'n'`);
    if (catalog.serverVersionNum >= 180000) expect(notNull.rows[0].n).toBeGreaterThan(0);
    expect(catalog.foreignKeys.every((fk) => fk.parentColumns.length > 0 && fk.parent !== "")).toBe(true);
    expect(catalog.foreignKeys).toHaveLength(16);
  });

  it("reads user triggers with state, events, timing, level and function", () => {
    expect(catalog.triggers).toEqual([
      {
        name: "Capture Delete",
        table: "public.account",
        enabled: true,
        events: ["DELETE", "TRUNCATE"],
        timing: "AFTER",
        level: "STATEMENT",
        functionName: "public.note_change",
      },
      {
        name: "member_touch",
        table: "public.member",
        enabled: false,
        events: ["INSERT", "UPDATE"],
        timing: "BEFORE",
        level: "ROW",
        functionName: "public.note_change",
      },
    ]);
  });

  it("lists the columns that lead a valid, whole-table btree index (what makes max() cheap)", async () => {
    await db.admin.query(`
      create table public.idx_probe (id int primary key, a timestamptz, b timestamptz, c timestamptz, d timestamp, e int);
      create index on public.idx_probe (a, e);
      create index on public.idx_probe (b) where e > 0;
      create index on public.idx_probe using hash (c);
      create index on public.idx_probe ((d + interval '1 day'));
      create index on public.idx_probe (e, (d + interval '1 day'));`);
    try {
      const fresh = await introspect(reader);
      const table = fresh.tables.find((t) => t.name === "public.idx_probe")!;
      // Not b (partial), c (hash) or d (only inside expressions); e leads an index with an expression after it.
      expect([...table.indexLeadingColumns].sort()).toEqual(["a", "e", "id"]);
    } finally {
      await db.admin.query("drop table public.idx_probe");
    }
  });

  it("reads only the schemas it is asked for, and FKs whose two ends it read", async () => {
    const billing = await introspect(reader, { schemas: ["billing"] });
    expect(billing.schemas).toEqual(["billing"]);
    expect(billing.tables.map((t) => t.name)).toEqual(["billing.invoice", "billing.line"]);
    expect(billing.foreignKeys.map((fk) => fk.name)).toEqual(["line_invoice_fkey"]);
    const quoted = await introspect(reader, { schemas: ["Sales Ops"] });
    expect(quoted.tables.map((t) => t.name)).toEqual(['Sales Ops.Deal "Q1"', "Sales Ops.User"]);
  });
});

describe("cascade closure of the introspected graph", () => {
  it("equals the hand-written truth, partitions, cycles and self-references included", () => {
    const closure = closureByName(computeCascadeClosure(buildGraph(catalog)));
    const nonEmpty = Object.fromEntries(Object.entries(closure).filter(([, reached]) => reached.length > 0));
    expect(nonEmpty).toEqual({
      // depth 1: member, event_2026 (FK on that partition only); depth 2: through member and event_2026
      "public.account": [
        "public.event_2026",
        "public.member",
        "public.event_tag",
        "public.login",
        "public.login_app",
        "public.login_web",
        "public.membership_note",
      ],
      "public.member": ["public.login", "public.login_app", "public.login_web", "public.membership_note"],
      "public.category": ["public.category"],
      "public.team": ["public.person"],
      "public.node_a": ["public.node_b", "public.node_a"],
      "public.node_b": ["public.node_a", "public.node_b"],
      "public.event": ["public.event_tag"],
      "public.event_2025": ["public.event_tag"],
      "public.event_2026": ["public.event_tag"],
      "Sales Ops.User": ['Sales Ops.Deal "Q1"'],
    });
  });
});

describe("cascade closure against PostgreSQL itself", () => {
  // Rows along every FK, then one real DELETE per root in a rolled-back transaction: the tables
  // whose rows PostgreSQL deleted must be exactly the closure's tables that hold rows.
  const DATA = `
    insert into public.account values (0, 'zero', 'eu'), (10001, 'one', 'eu');
    insert into public.member values (10001, 1, 'm');
    insert into public.membership_note (m_seq, m_acct) values (1, 10001);
    insert into public.login values (10001, 1, 'web'), (10001, 1, 'app');
    insert into public.account_alias (account_code) values ('one');
    insert into public.category values (1, null), (2, 1), (3, 2);
    insert into public.team values (1, null);
    insert into public.person values (1, 1);
    update public.team set lead_id = 1;
    insert into public.node_a values (1, null);
    insert into public.node_b values (1, 1);
    insert into public.node_a values (2, 1);
    update public.node_a set b_id = 1 where id = 1;
    insert into public.event values (1, 10001, '2025-05-01'), (2, 10001, '2026-05-01');
    insert into public.event_tag values (1, '2025-05-01', 'x'), (2, '2026-05-01', 'y');
    insert into billing.invoice values (1, 10001);
    insert into billing.line values (1, null, 10001);
    insert into "Sales Ops"."User" values (1, 'e');
    insert into "Sales Ops"."Deal ""Q1""" values (1, 1, 0);`;

  const roots: [string, string][] = [
    ["public.account", `delete from public.account where id = 10001`],
    ["public.member", `delete from public.member where account_id = 10001`],
    ["public.category", `delete from public.category where id = 1`],
    ["public.team", `delete from public.team where id = 1`],
    ["public.node_a", `delete from public.node_a where id = 1`],
    ["public.event", `delete from public.event where id = 1`],
    ["public.event_2026", `delete from public.event_2026 where id = 2`],
    ["Sales Ops.User", `delete from "Sales Ops"."User" where id = 1`],
  ];

  it("deletes rows in exactly the closure's tables", async () => {
    await db.admin.query(DATA);
    const graph = buildGraph(catalog);
    const closure = closureByName(computeCascadeClosure(graph));
    const storage = new Set(catalog.tables.filter((t) => t.kind !== "partitioned").map((t) => t.name));
    for (const [root, sql] of roots) {
      await db.admin.query("begin");
      try {
        const before = await deletedByTable();
        const result = await db.admin.query(sql);
        const after = await deletedByTable();
        const touched = [...after.keys()].filter((t) => after.get(t)! > (before.get(t) ?? 0));
        // the root itself counts only when more rows went than the statement named directly
        const lost = touched.filter(
          (t) => t !== root || after.get(t)! - (before.get(t) ?? 0) > result.rowCount!,
        );
        const rootPartitions = catalog.tables.filter((t) => t.partitionOf === root).map((t) => t.name);
        const expected = closure[root]!.filter((t) => storage.has(t));
        expect(lost.filter((t) => !rootPartitions.includes(t)).sort(), root).toEqual(expected.sort());
      } finally {
        await db.admin.query("rollback");
      }
    }
  });

  async function deletedByTable(): Promise<Map<string, number>> {
    const rows = await db.admin.query<{ name: string; n: string }>(
      `select schemaname || '.' || relname as name, n_tup_del as n from pg_stat_xact_user_tables`,
    );
    return new Map(rows.rows.map((r) => [r.name, Number(r.n)]));
  }
});

describe("connectReadOnly", () => {
  it("refuses writes: the session is read-only", async () => {
    await expect(reader.query(`insert into public.account values (100000, 'x', 'eu')`)).rejects.toMatchObject(
      {
        code: "25006", // read_only_sql_transaction
      },
    );
    await expect(reader.query(`create table public.should_not_exist (id int)`)).rejects.toMatchObject({
      code: "25006",
    });
    const count = await db.admin.query(`select count(*)::int as n from public.account where id = 100000`);
    expect(count.rows[0].n).toBe(0);
    const settings = await reader.query(
      `select current_setting('default_transaction_read_only') as ro, current_setting('application_name') as app`,
    );
    expect(settings.rows[0]).toEqual({ ro: "on", app: "incident-room" });
  });
});
