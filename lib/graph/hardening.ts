import { quoteIdent, quoteQualified, splitQualified } from "../introspect/identifiers";
import type { Catalog, ForeignKey, ReferentialAction } from "../introspect/types";
import { hardeningOrmText } from "./hardening-orm";

/**
 * Hardening migration: swaps `ON DELETE CASCADE` (or SET NULL / SET DEFAULT) for `ON DELETE RESTRICT`
 * on the foreign keys an engineer selected, so that one stray DELETE can no longer empty the tables
 * below it. Pure: text in, text out; the restore issue turns it into an approvable plan.
 *
 * PostgreSQL cannot change a FK's action in place, so each FK is replaced, with as little locking
 * as PostgreSQL allows:
 *   1. ADD CONSTRAINT <new> … ON DELETE RESTRICT NOT VALID — brief SHARE ROW EXCLUSIVE lock on both
 *      tables, no scan; from its commit on, deletes of referenced parent rows are refused.
 *   2. VALIDATE CONSTRAINT <new> — scans the child under SHARE UPDATE EXCLUSIVE: reads and writes go on.
 *   3. DROP CONSTRAINT <old>, RENAME <new> TO <old> — brief ACCESS EXCLUSIVE lock, one transaction.
 * All new constraints are added before any old one is dropped, so no moment exists without a
 * constraint and the stricter rule is in force before the cascading one goes. Every statement runs
 * under `lock_timeout`: a statement that cannot get its lock fails fast (and can be re-run) instead
 * of queueing behind a long transaction with the whole application queued behind it.
 */

export interface HardeningSelection {
  /** "schema.table" holding the FK. */
  child: string;
  /** Constraint name. */
  name: string;
}

export interface HardeningOptions {
  /** PostgreSQL interval for `SET lock_timeout`. Default "5s". */
  lockTimeout?: string;
  /** Rename the new constraint to the old name once the old one is gone. Default true. */
  keepName?: boolean;
  /** Also add a nullable soft-delete column to each parent table. Default false. */
  softDelete?: boolean;
  /** Name of the soft-delete column. Default "deletedAt". */
  softDeleteColumn?: string;
  /** ISO time written in the header; omitted when absent (keeps output deterministic). */
  generatedAt?: string;
}

export interface HardenedForeignKey {
  name: string;
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
  from: ReferentialAction;
  /** Name of the constraint while both exist. */
  temporaryName: string;
  /** Name it ends with. */
  finalName: string;
  /** The FK cannot be added NOT VALID (partitioned child before PostgreSQL 18): added validated. */
  validatedOnAdd: boolean;
  /** The original was NOT VALID: the new one stays NOT VALID too (validating would fail on old rows). */
  leftNotValid: boolean;
}

export interface SkippedForeignKey {
  child: string;
  name: string;
  reason: string;
}

export interface HardeningMigration {
  /** The migration, ready for psql or any migration tool that runs statements one by one. */
  sql: string;
  /** The same statements, in order, without comments (for a plan executor). */
  statements: string[];
  prisma: string;
  drizzle: string;
  hardened: HardenedForeignKey[];
  skipped: SkippedForeignKey[];
  softDeleteTables: string[];
  fileName: string;
}

/** PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1). */
const MAX_IDENTIFIER_BYTES = 63;
const LOCK_TIMEOUT_PATTERN = /^\d+(\.\d+)?\s*(ms|s|min)?$/;

export function generateHardening(
  catalog: Catalog,
  selection: HardeningSelection[],
  options: HardeningOptions = {},
): HardeningMigration {
  const lockTimeout = (options.lockTimeout ?? "5s").trim();
  if (!LOCK_TIMEOUT_PATTERN.test(lockTimeout))
    throw new Error(`lock timeout must look like "5s", "500ms" or "1min", got "${lockTimeout}"`);
  const keepName = options.keepName ?? true;
  const softDeleteColumn = options.softDeleteColumn ?? "deletedAt";

  const skipped: SkippedForeignKey[] = [];
  const chosen: ForeignKey[] = [];
  const seen = new Set<string>();
  for (const wanted of selection) {
    const id = `${wanted.child}\u0000${wanted.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const fk = catalog.foreignKeys.find((k) => k.child === wanted.child && k.name === wanted.name);
    if (!fk) {
      skipped.push({ ...wanted, reason: "no such foreign key in the schema" });
    } else if (fk.onDelete === "RESTRICT" || fk.onDelete === "NO ACTION") {
      skipped.push({
        ...wanted,
        reason: `already ON DELETE ${fk.onDelete}: deletes cannot spread through it`,
      });
    } else {
      chosen.push(fk);
    }
  }
  chosen.sort((a, b) => compare(a.child, b.child) || compare(a.name, b.name));

  const taken = new Map<string, Set<string>>();
  const namesOn = (table: string) => {
    let set = taken.get(table);
    if (!set) {
      set = new Set(constraintNamesOn(catalog, table));
      taken.set(table, set);
    }
    return set;
  };
  const hardened: HardenedForeignKey[] = chosen.map((fk) => {
    const names = namesOn(fk.child);
    const temporaryName = uniqueName(fk.name, "_restrict", names);
    names.add(temporaryName);
    const childTable = catalog.tables.find((t) => t.name === fk.child);
    return {
      name: fk.name,
      child: fk.child,
      parent: fk.parent,
      childColumns: fk.childColumns,
      parentColumns: fk.parentColumns,
      from: fk.onDelete,
      temporaryName,
      finalName: keepName ? fk.name : temporaryName,
      validatedOnAdd: childTable?.kind === "partitioned" && catalog.serverVersionNum < 180000,
      leftNotValid: !fk.validated,
    };
  });

  const softDeleteTables = options.softDelete
    ? [...new Set(chosen.map((fk) => fk.parent))]
        .filter((table) => !hasColumn(catalog, table, softDeleteColumn))
        .sort(compare)
    : [];

  const setTimeout = `SET lock_timeout = '${lockTimeout}';`;
  const lines: string[] = [];
  const statements: string[] = [];
  const emit = (statement: string) => {
    lines.push(statement);
    statements.push(statement);
  };

  lines.push(...header(catalog, hardened, options.generatedAt));
  if (hardened.length === 0) {
    lines.push(
      "-- Nothing to change: select at least one ON DELETE CASCADE / SET NULL / SET DEFAULT foreign key.",
    );
  } else {
    lines.push(
      "",
      "-- Step 1: add the RESTRICT constraints, NOT VALID (no scan; deletes are refused from here on).",
    );
    emit(setTimeout);
    for (const h of hardened) {
      const fk = chosen.find((k) => k.child === h.child && k.name === h.name)!;
      lines.push(`-- ${describe(fk)}`);
      if (h.validatedOnAdd)
        lines.push(
          "-- The child is partitioned: PostgreSQL before 18 cannot add a NOT VALID foreign key to it,",
          "-- so this ADD checks existing rows while holding SHARE ROW EXCLUSIVE (writes wait). Run it off-peak.",
        );
      emit(addConstraint(fk, h));
    }
    const toValidate = hardened.filter((h) => !h.validatedOnAdd && !h.leftNotValid);
    if (toValidate.length > 0) {
      lines.push(
        "",
        "-- Step 2: validate existing rows (SHARE UPDATE EXCLUSIVE: reads and writes continue).",
      );
      emit(setTimeout);
      for (const h of toValidate)
        emit(`ALTER TABLE ${quoteQualified(h.child)} VALIDATE CONSTRAINT ${quoteIdent(h.temporaryName)};`);
    }
    for (const h of hardened.filter((x) => x.leftNotValid))
      lines.push(
        `-- ${quoteIdent(h.temporaryName)} stays NOT VALID like ${quoteIdent(h.name)} was: existing rows may break it.`,
      );
    lines.push(
      "",
      "-- Step 3: drop the old constraints (brief ACCESS EXCLUSIVE lock), one short transaction each.",
    );
    for (const h of hardened) {
      emit(setTimeout);
      emit("BEGIN;");
      emit(`ALTER TABLE ${quoteQualified(h.child)} DROP CONSTRAINT ${quoteIdent(h.name)};`);
      if (keepName)
        emit(
          `ALTER TABLE ${quoteQualified(h.child)} RENAME CONSTRAINT ${quoteIdent(h.temporaryName)} TO ${quoteIdent(h.name)};`,
        );
      emit("COMMIT;");
    }
  }
  if (softDeleteTables.length > 0) {
    lines.push(
      "",
      `-- Step 4: soft-delete columns. Nullable without a default: a catalog change, no table rewrite.`,
      `-- The app then sets ${quoteIdent(softDeleteColumn)} instead of deleting (and filters on it when reading).`,
    );
    emit(setTimeout);
    for (const table of softDeleteTables)
      emit(
        `ALTER TABLE ${quoteQualified(table)} ADD COLUMN IF NOT EXISTS ${quoteIdent(softDeleteColumn)} timestamp(3);`,
      );
  }
  if (statements.length > 0) emit("RESET lock_timeout;");

  const orm = hardeningOrmText(catalog, chosen, softDeleteTables, softDeleteColumn);
  return {
    sql: `${lines.join("\n")}\n`,
    statements,
    prisma: orm.prisma,
    drizzle: orm.drizzle,
    hardened,
    skipped,
    softDeleteTables,
    fileName: `${catalog.database.replace(/[^A-Za-z0-9_-]+/g, "_") || "target"}-harden-on-delete-restrict.sql`,
  };
}

function header(catalog: Catalog, hardened: HardenedForeignKey[], generatedAt: string | undefined): string[] {
  return [
    `-- Incident Room hardening migration for database ${catalog.database} (PostgreSQL ${catalog.serverVersion}).`,
    ...(generatedAt ? [`-- Generated ${generatedAt}.`] : []),
    `-- Replaces ON DELETE CASCADE / SET NULL / SET DEFAULT with ON DELETE RESTRICT on ${hardened.length} foreign key${hardened.length === 1 ? "" : "s"}:`,
    ...hardened.map(
      (h) => `--   ${h.child} (${h.childColumns.join(", ")}) → ${h.parent}: ${h.from} → RESTRICT`,
    ),
    `-- Afterwards, deleting a parent row that still has children fails (${restrictError(catalog.serverVersionNum)})`,
    "-- instead of silently deleting or changing the children: delete children first, or soft-delete.",
    "--",
    "-- Run it with autocommit (psql -f, or statement by statement); do NOT wrap the whole file in one",
    "-- transaction: that would hold every lock until the end and make VALIDATE block writes.",
    "-- If a statement fails on lock_timeout, nothing is half-done: run the same statement again.",
  ];
}

function addConstraint(fk: ForeignKey, h: HardenedForeignKey): string {
  const deferrable = fk.deferrable
    ? ` DEFERRABLE INITIALLY ${fk.initiallyDeferred ? "DEFERRED" : "IMMEDIATE"}`
    : "";
  const notValid = h.validatedOnAdd ? "" : " NOT VALID";
  return (
    `ALTER TABLE ${quoteQualified(fk.child)} ADD CONSTRAINT ${quoteIdent(h.temporaryName)} ` +
    `FOREIGN KEY (${fk.childColumns.map(quoteIdent).join(", ")}) ` +
    `REFERENCES ${quoteQualified(fk.parent)} (${fk.parentColumns.map(quoteIdent).join(", ")}) ` +
    `ON UPDATE ${fk.onUpdate} ON DELETE RESTRICT${deferrable}${notValid};`
  );
}

function describe(fk: ForeignKey): string {
  const { table } = splitQualified(fk.child);
  return `${fk.child}.${fk.name}: ${table}(${fk.childColumns.join(", ")}) → ${fk.parent}(${fk.parentColumns.join(", ")}), ON DELETE ${fk.onDelete} → RESTRICT, ON UPDATE ${fk.onUpdate} kept`;
}

/** Constraint names already used on a table (FKs and unique / primary keys we know of). */
function constraintNamesOn(catalog: Catalog, table: string): string[] {
  const fkNames = catalog.foreignKeys.filter((k) => k.child === table).map((k) => k.name);
  const keyNames = catalog.tables.find((t) => t.name === table)?.uniqueKeys.map((u) => u.name) ?? [];
  return [...fkNames, ...keyNames];
}

/** `<base><suffix>`, shortened to PostgreSQL's 63-byte limit and made unique on the table. */
export function uniqueName(base: string, suffix: string, taken: Set<string>): string {
  for (let n = 0; ; n++) {
    const tail = n === 0 ? suffix : `${suffix}${n + 1}`;
    let candidate = base + tail;
    if (utf8Length(candidate) > MAX_IDENTIFIER_BYTES) {
      const hashed = `_${fnv1a(base).toString(16).padStart(8, "0").slice(0, 6)}${tail}`;
      candidate = truncateUtf8(base, MAX_IDENTIFIER_BYTES - utf8Length(hashed)) + hashed;
    }
    if (!taken.has(candidate)) return candidate;
  }
}

function hasColumn(catalog: Catalog, table: string, column: string): boolean {
  return catalog.tables.find((t) => t.name === table)?.columns.some((c) => c.name === column) ?? false;
}

const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

function truncateUtf8(text: string, maxBytes: number): string {
  let out = "";
  for (const char of text) {
    if (utf8Length(out + char) > maxBytes) break;
    out += char;
  }
  return out;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a RESTRICT violation raises: its own SQLSTATE from PostgreSQL 18, a foreign_key_violation before. */
function restrictError(serverVersionNum: number): string {
  return serverVersionNum >= 180000
    ? "restrict_violation, SQLSTATE 23001"
    : "foreign_key_violation, SQLSTATE 23503";
}
