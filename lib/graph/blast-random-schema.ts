/**
 * TEST-ONLY. A seeded random schema for blast-radius tests: tables with random foreign keys
 * (self-references and cycles included) under random ON DELETE rules, random data, and random
 * roots. Deterministic for a seed.
 */
import type { RootSpec } from "./blast-truth";

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RULES: [weight: number, rule: string][] = [
  [52, "on delete cascade"],
  [18, "on delete set null"],
  [8, "on delete set default"],
  [2, "on delete restrict"],
  [3, "on delete no action"],
  [5, "on delete no action deferrable initially deferred"],
  [1, "on delete restrict deferrable initially deferred"],
  [3, "on delete cascade deferrable initially deferred"],
];

export interface RandomSchema {
  schema: string;
  sql: string;
  roots: RootSpec[];
}

export function randomSchema(seed: number, tableCount = 15, rootCount = 25): RandomSchema {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: T[]): T => items[int(items.length)]!;
  const rule = () => {
    let r = random() * RULES.reduce((s, [w]) => s + w, 0);
    for (const [w, text] of RULES) if ((r -= w) < 0) return text;
    return RULES[0]![1];
  };
  const schema = `rnd${seed}`;
  const tables = Array.from({ length: tableCount }, (_, i) => ({
    name: `t${i}`,
    rows: 8 + int(16),
    keyed: i < 2 || random() < 0.85,
    fks: [] as { column: string; target: number; notNull: boolean; rule: string; default: number | null }[],
  }));
  const referenceable = tables.map((t, i) => (t.keyed ? i : -1)).filter((i) => i >= 0);
  for (const table of tables) {
    const count = pick([1, 1, 2, 2, 2, 3, 3]);
    for (let k = 0; k < count; k++) {
      const target = pick(referenceable);
      const r = rule();
      table.fks.push({
        column: `fk${k}`,
        target,
        notNull: random() < 0.06,
        rule: r,
        default: r.includes("set default") ? (random() < 0.75 ? 1 + int(tables[target]!.rows) : 9999) : null,
      });
    }
  }

  const sql: string[] = [`create schema ${schema};`];
  for (const t of tables) {
    const cols = [`id int${t.keyed ? " primary key" : ""}`, "label text"];
    for (const fk of t.fks) {
      cols.push(
        `${fk.column} int${fk.notNull ? " not null" : ""}${fk.default !== null ? ` default ${fk.default}` : ""}`,
      );
    }
    sql.push(`create table ${schema}.${t.name} (${cols.join(", ")});`);
  }
  for (const t of tables) {
    const values: string[] = [];
    for (let id = 1; id <= t.rows; id++) {
      const cells = [String(id), `'r${id}'`];
      for (const fk of t.fks) {
        const nullable = !fk.notNull && random() < 0.2;
        cells.push(nullable ? "null" : String(1 + int(tables[fk.target]!.rows)));
      }
      values.push(`(${cells.join(", ")})`);
    }
    // a duplicate row in tables without a key, so ctid identity matters
    if (!t.keyed && values[0]) values.push(values[0]);
    sql.push(`insert into ${schema}.${t.name} values ${values.join(", ")};`);
  }
  // FKs are added after the data (cycles need it), in a random order: trigger names follow it.
  const adds = tables.flatMap((t) =>
    t.fks.map(
      (fk) =>
        `alter table ${schema}.${t.name} add foreign key (${fk.column}) references ${schema}.${tables[fk.target]!.name} ${fk.rule};`,
    ),
  );
  for (let i = adds.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [adds[i], adds[j]] = [adds[j]!, adds[i]!];
  }
  sql.push(...adds);

  const roots: RootSpec[] = [];
  // Mostly tables something refers to: deleting from a table nothing references proves little.
  const referenced = [...new Set(tables.flatMap((t) => t.fks.map((fk) => fk.target)))];
  for (let i = 0; i < rootCount; i++) {
    const t = tables[random() < 0.85 && referenced.length > 0 ? pick(referenced) : int(tables.length)]!;
    roots.push({ table: `${schema}.${t.name}`, key: { id: String(1 + int(t.rows + 1)) } });
  }
  return { schema, sql: sql.join("\n"), roots };
}
