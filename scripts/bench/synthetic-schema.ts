import type pg from "pg";

/**
 * A synthetic schema for the engine benchmark, generated server-side in a few statements: a plan
 * table says what each table is, and DO blocks create the tables, fill them, add the foreign keys
 * and the indexes. Deterministic (hashint4 instead of random()).
 *
 * Shape: `tables` tables over 20 schemas (one is "Sales Ops", every 7th table has a capitalised,
 * spaced name), each with two FK columns (p1, p2) → 2 × tables foreign keys onto tables at most 40
 * places earlier — so cascade chains stay app-sized — plus a module root per schema that a fifth of
 * its tables reference, a self-reference every 100 tables and a two-table cycle every 500.
 * ON DELETE: ~40% CASCADE, 20% SET NULL, 30% NO ACTION, 10% RESTRICT. Rows: 5,000 in every 50th
 * table, 500 in every 10th, 20 elsewhere. Half the p1 columns and every 5th "updatedAt" are indexed.
 */
export interface SyntheticSchema {
  tables: number;
  foreignKeys: number;
  rows: number;
  elapsedMs: number;
}

/** $1 = tables, $2 = tables per schema; both integers, inlined by planSql. */
const PLAN_SQL = `
create table bench_plan.plan as
with base as (
  select i,
         case when i / $2 = 19 then 'Sales Ops' else 'app_' || lpad((i / $2)::text, 2, '0') end as schema,
         case when i % 7 = 0 then 'Entity ' || lpad(i::text, 4, '0') else 't_' || lpad(i::text, 4, '0') end as name,
         case when i % 50 = 0 then 5000 when i % 10 = 0 then 500 else 20 end as rows,
         abs(hashint4(i * 2)) as h1, abs(hashint4(i * 2 + 1)) as h2
  from generate_series(0, $1 - 1) i
)
select i, schema, name, rows,
       case when i = 0 then 0                                       -- self-reference
            when i % 500 = 4 then i - 1                             -- closes the cycle below
            when i % $2 <> 0 and h1 % 5 = 0 then i - i % $2           -- the schema's root
            else greatest(0, i - 1 - h1 % least(i, 40)) end as a,
       case when i % 500 = 3 and i + 1 < $1 then i + 1              -- forward: two-table cycle
            when i % 100 = 7 then i                                 -- self-reference
            when i < 2 then 1 - i
            else greatest(0, i - 1 - h2 % least(i, 40)) end as b,
       (array['CASCADE','CASCADE','CASCADE','CASCADE','SET NULL','SET NULL','NO ACTION','NO ACTION','NO ACTION','RESTRICT'])[1 + h1 % 10] as act_a,
       (array['CASCADE','CASCADE','CASCADE','CASCADE','SET NULL','SET NULL','NO ACTION','NO ACTION','NO ACTION','RESTRICT'])[1 + (h2 / 10) % 10] as act_b
from base`;

const block = (body: string, from: number, to: number) => `
do $$
declare
  r record;
  pa record;
  pb record;
begin
  for r in select * from bench_plan.plan where i >= ${from} and i < ${to} order by i loop
    select * into pa from bench_plan.plan where i = r.a;
    select * into pb from bench_plan.plan where i = r.b;
    ${body}
  end loop;
end $$`;

const CREATE = `execute format(
  'create table %I.%I (id int primary key, p1 int, p2 int, "updatedAt" timestamptz not null, note text)',
  r.schema, r.name);`;

const FILL = `execute format(
  'insert into %I.%I select g, 1 + g %% %s, 1 + g %% %s, timestamptz ''2026-01-11 15:00+00'' - g * interval ''1 minute'', md5(g::text) from generate_series(1, %s) g',
  r.schema, r.name, pa.rows, pb.rows, r.rows);`;

const CONSTRAIN = `execute format(
  'alter table %I.%I add constraint %I foreign key (p1) references %I.%I (id) on delete ' || r.act_a
  || ', add constraint %I foreign key (p2) references %I.%I (id) on delete ' || r.act_b,
  r.schema, r.name, r.name || '_p1_fkey', pa.schema, pa.name, r.name || '_p2_fkey', pb.schema, pb.name);
  if r.i % 2 = 0 then execute format('create index on %I.%I (p1)', r.schema, r.name); end if;
  if r.i % 5 = 0 then execute format('create index on %I.%I ("updatedAt")', r.schema, r.name); end if;`;

export async function createSyntheticSchema(
  client: pg.Client,
  tables: number,
  onProgress: (message: string) => void = () => {},
): Promise<SyntheticSchema> {
  const started = performance.now();
  if (!Number.isInteger(tables) || tables < 2) throw new Error("tables must be an integer ≥ 2");
  const perSchema = Math.ceil(tables / 20);
  await client.query("set synchronous_commit = off; set client_min_messages = warning");
  await client.query("create schema bench_plan");
  await client.query(PLAN_SQL.replaceAll("$1", String(tables)).replaceAll("$2", String(perSchema)));
  await client.query(`
    do $$ declare s text; begin
      for s in select distinct schema from bench_plan.plan loop execute format('create schema %I', s); end loop;
    end $$`);
  // Batches keep each transaction's lock count well under max_locks_per_transaction.
  const batch = 500;
  for (const [label, body] of [
    ["tables", CREATE],
    ["rows", FILL],
    ["foreign keys and indexes", CONSTRAIN],
  ] as const) {
    for (let from = 0; from < tables; from += batch) await client.query(block(body, from, from + batch));
    onProgress(`synthetic schema: ${label} done (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  const totals = await client.query<{ rows: string }>(`select sum(rows)::text as rows from bench_plan.plan`);
  await client.query("drop schema bench_plan cascade");
  // Steady state, as in a database that has lived a while: hint bits set, statistics fresh.
  await client.query("vacuum (analyze)");
  onProgress(
    `synthetic schema: vacuumed and analyzed (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return {
    tables,
    foreignKeys: tables * 2,
    rows: Number(totals.rows[0]?.rows ?? 0),
    elapsedMs: performance.now() - started,
  };
}
