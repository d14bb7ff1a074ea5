import {
  DEFAULT_SHRINK_THRESHOLD,
  countersWentDown,
  deletionEvidence,
  formatCount,
  formatRows,
  lostShare,
  percent,
  wasTruncated,
} from "./compare";
import {
  TABLE_STATUSES,
  type ClassifiedReading,
  type ClassifiedTable,
  type ClassifyOptions,
  type HealthReading,
  type TableClassification,
  type TableHealth,
  type TableStatus,
} from "./types";

export { detectDataLoss } from "./detect";

/**
 * The table status classifier. Pure.
 *
 * Inputs use two kinds of "nothing": `undefined` means there is no reading at all (no baseline
 * pinned yet; the target could not be read), `null` means there is a reading and this table is not
 * in it (not in the baseline; not in the database).
 *
 * Rules, first match wins:
 * - UNKNOWN: no current reading (target unreachable).
 * - MISSING: not in the database, but in the baseline or in the expected schema.
 * - WIPED: 0 rows now, and rows at the baseline or earlier in the recent window. On an estimate of 0
 *   this needs evidence: the table was truncated or recreated, or dead tuples / the deleted-tuples
 *   counter account for at least half of the lost rows. Without evidence it is SHRUNK, marked
 *   unconfirmed — an estimate of 0 is a warning, not a verdict.
 * - SHRUNK: lost at least `shrinkThreshold` of its rows (default 20%, a loss of exactly 20% counts)
 *   against the baseline, or against the peak of the recent window (the history passed in).
 *   Estimates follow the same threshold, so estimate noise below it never makes a table SHRUNK.
 * - EMPTY: 0 rows, and none at the baseline or in the window.
 * - NEW: not in the baseline (a baseline exists), and has rows or is not in the expected schema.
 *   An expected table that appears after the baseline with 0 rows is EMPTY: a migration made it.
 * - INTACT: everything else, including growth and recovery back to the baseline.
 *
 * A statistics reset (inserted/updated/deleted counters lower than in an earlier sample of the same
 * table) is not data loss: it sets `statsReset`, and an estimate read across it is not trusted to
 * call a loss (an exact count still is).
 */

function threshold(options: ClassifyOptions): number {
  return options.shrinkThreshold ?? DEFAULT_SHRINK_THRESHOLD;
}

export function classifyTable(
  baseline: TableHealth | null | undefined,
  history: TableHealth[],
  current: TableHealth | null | undefined,
  expected: boolean,
  options: ClassifyOptions = {},
): TableClassification {
  const share = threshold(options);
  if (current === undefined) {
    const reasons = ["no current reading: target unreachable"];
    if (baseline) reasons.push(`had ${formatRows(baseline)} rows at baseline`);
    return { status: "UNKNOWN", reasons };
  }
  if (current === null) {
    if (baseline)
      return {
        status: "MISSING",
        reasons: [`not in the database, had ${formatRows(baseline)} rows at baseline`],
      };
    return {
      status: "MISSING",
      reasons: [expected ? "expected by the schema, not in the database" : "no longer in the database"],
    };
  }

  const earlier = [...(baseline ? [baseline] : []), ...history];
  const reference = baseline ?? history[0];
  const recreated = reference !== undefined && reference.oid !== current.oid;
  const previousSameTable = [...earlier].reverse().find((t) => t.oid === current.oid);
  const statsReset = previousSameTable !== undefined && countersWentDown(previousSameTable, current);
  const truncated = !recreated && wasTruncated(earlier, current, share);
  const flags = {
    ...(truncated ? { truncated } : {}),
    ...(recreated ? { recreated } : {}),
    ...(statsReset ? { statsReset } : {}),
  };
  const notes: string[] = [];
  if (recreated) notes.push(`dropped and created again (oid ${reference!.oid} → ${current.oid})`);
  if (truncated) notes.push("truncated (same oid, new relfilenode)");
  if (statsReset) notes.push("statistics were reset (counters went down): not data loss");
  const result = (status: TableStatus, reason: string): TableClassification => ({
    status,
    reasons: [reason, ...notes],
    ...flags,
  });

  const now = formatRows(current);
  const trustworthy = current.rowsExact || !statsReset;
  const peak = history.reduce<TableHealth | undefined>(
    (best, t) => (!best || t.rows > best.rows ? t : best),
    undefined,
  );
  const baseRows = baseline ? baseline.rows : 0;

  // Losses: against the baseline first, then against the window's peak.
  const losses: Array<{ from: TableHealth; label: string }> = [];
  if (baseline && lostShare(baseline.rows, current.rows, share))
    losses.push({ from: baseline, label: "at baseline" });
  if (peak && lostShare(peak.rows, current.rows, share) && peak.rows > baseRows)
    losses.push({ from: peak, label: "in the recent window" });
  const loss = losses[0];
  if (loss && trustworthy) {
    const lost = loss.from.rows - current.rows;
    if (current.rows === 0) {
      const confirmed =
        current.rowsExact ||
        truncated ||
        recreated ||
        deletionEvidence(previousSameTable ?? reference, current, lost);
      if (confirmed) return result("WIPED", `0 rows, had ${formatRows(loss.from)} ${loss.label}`);
      return result(
        "SHRUNK",
        `estimated 0 rows, had ${formatRows(loss.from)} ${loss.label} (unconfirmed: no exact count or deletion evidence)`,
      );
    }
    return result(
      "SHRUNK",
      `${now} rows, had ${formatRows(loss.from)} ${loss.label} (−${percent(lost / loss.from.rows)})`,
    );
  }
  if (loss && !trustworthy) {
    notes.unshift(`estimate ${now} across a statistics reset is not trusted: no loss called`);
  }

  if (baseline === null) {
    if (current.rows > 0 || !expected) return result("NEW", `not in the baseline, ${now} rows now`);
    return result("EMPTY", "0 rows, created after the baseline");
  }
  if (current.rows === 0 && baseRows === 0 && (!peak || peak.rows === 0)) {
    return result("EMPTY", baseline ? "0 rows, 0 at baseline" : "0 rows");
  }
  if (!baseline) return result("INTACT", `${now} rows`);
  const diff = current.rows - baseline.rows;
  const change = diff === 0 ? "unchanged" : `${diff > 0 ? "+" : "−"}${formatCount(Math.abs(diff))}`;
  return result("INTACT", `${now} rows, ${formatRows(baseline)} at baseline (${change})`);
}

function qualifyExpected(name: string): string {
  return name.includes(".") ? name : `public.${name}`;
}

function byName(reading: HealthReading): Map<string, TableHealth> {
  return new Map(reading.tables.map((t) => [t.name, t]));
}

/**
 * Classifies every table of a target: the union of the baseline's, the current reading's and the
 * expected names ("schema.table"; a name without a dot means public). `history` holds the recent
 * readings, oldest → newest, without the current one (a trailing copy of it is ignored).
 */
export function classifyReading(
  baseline: HealthReading | undefined,
  history: HealthReading[],
  current: HealthReading | undefined,
  expectedTables: string[],
  options: ClassifyOptions = {},
): ClassifiedReading {
  const expected = new Set(expectedTables.map(qualifyExpected));
  const base = baseline ? byName(baseline) : undefined;
  const now = current ? byName(current) : undefined;
  const past = history.filter((r) => !current || r.sampledAt !== current.sampledAt).map(byName);
  const names = new Set<string>([...(base?.keys() ?? []), ...(now?.keys() ?? []), ...expected]);

  const tables: ClassifiedTable[] = [];
  for (const name of names) {
    const b = base ? (base.get(name) ?? null) : undefined;
    const c = now ? (now.get(name) ?? null) : undefined;
    const h = past.map((m) => m.get(name)).filter((t): t is TableHealth => t !== undefined);
    const verdict = classifyTable(b, h, c, expected.has(name), options);
    tables.push({
      name,
      kind: c?.kind ?? b?.kind ?? h[h.length - 1]?.kind ?? "table",
      ...verdict,
      rows: c ? c.rows : null,
      rowsExact: c ? c.rowsExact : false,
      baselineRows: b ? b.rows : null,
      baselineRowsExact: b ? b.rowsExact : null,
      lastActivityAt: c?.lastActivityAt ?? null,
      expected: expected.has(name),
    });
  }
  const order = (s: TableStatus) => TABLE_STATUSES.indexOf(s);
  tables.sort(
    (a, b) => order(a.status) - order(b.status) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );

  const summary = Object.fromEntries(TABLE_STATUSES.map((s) => [s, 0])) as Record<TableStatus, number>;
  for (const t of tables) if (t.kind !== "partitioned") summary[t.status]++;
  return {
    sampledAt: current?.sampledAt ?? null,
    baselineAt: baseline?.sampledAt ?? null,
    reachable: current !== undefined,
    tables,
    summary,
  };
}
