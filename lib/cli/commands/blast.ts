import {
  BlastRadiusInputError,
  BlastRadiusTimeoutError,
  BlastRadiusUnsupportedError,
  computeBlastRadius,
} from "../../graph/blast-radius";
import type { BlastRadiusResult } from "../../graph/blast-radius-types";
import { connectReadOnly } from "../../introspect/connect";
import { introspect } from "../../introspect/introspect";
import { parseCommandArgs, print, printJson } from "../args";
import { CliError } from "../errors";
import { formatCount, renderTable } from "../format";
import { CONNECTION_OPTIONS, CONNECTION_USAGE, findTable, resolveUrl, withReadOnlyClient } from "../target";

const USAGE = `usage: incident-room blast (--url URL | --target ID) --table TABLE --key COLUMN=VALUE [--key …] [--json]

Computes, with reads only, exactly what DELETE FROM TABLE WHERE COLUMN = VALUE [AND …] would do:
rows deleted per table (through ON DELETE CASCADE), rows changed by SET NULL / SET DEFAULT, or the
constraint that would make the delete fail.

${CONNECTION_USAGE}
  --table T        schema.table (or "Schema"."Table")
  --key C=V        a column and its value, as text; repeat for a composite key
  --row-cap N      stop counting beyond N rows in all and answer "more than N" (default 1,000,000)
  --timeout MS     statement timeout for the read-only queries (default 10,000)`;

/** `--key col=value` pairs → { col: value }. The value may itself contain "=". */
export function parseKeys(raw: string[] | undefined): Record<string, string> {
  const key: Record<string, string> = {};
  for (const pair of raw ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliError(`malformed --key ${JSON.stringify(pair)}: expected COLUMN=VALUE`);
    const column = pair.slice(0, eq);
    if (Object.hasOwn(key, column)) throw new CliError(`--key ${JSON.stringify(column)} given twice`);
    key[column] = pair.slice(eq + 1);
  }
  return key;
}

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${name} must be a positive integer`);
  return n;
}

export async function runBlastCommand(argv: string[]): Promise<number> {
  const values = parseCommandArgs(
    argv,
    {
      ...CONNECTION_OPTIONS,
      table: { type: "string" },
      key: { type: "string", multiple: true },
      "row-cap": { type: "string" },
      timeout: { type: "string" },
    },
    USAGE,
  );
  if (values.help) {
    print(USAGE);
    return 0;
  }
  if (!values.table) throw new CliError(`missing --table\n\n${USAGE}`);
  const key = parseKeys(values.key);
  if (Object.keys(key).length === 0) throw new CliError(`missing --key COLUMN=VALUE\n\n${USAGE}`);
  const rowCap = positiveInteger(values["row-cap"], "--row-cap");
  const statementTimeoutMs = positiveInteger(values.timeout, "--timeout");
  const url = resolveUrl(values);
  const result = await withReadOnlyClient(url, "blast", async (client) => {
    // A second connection, opened while the catalog is read, runs half of the set-based statement
    // side by side (blast-radius.ts). Optional: without it (refused, no slot left) one does it all.
    const connecting = connectReadOnly(url, { purpose: "cli-blast" }).catch(() => null);
    try {
      const catalog = await introspect(client);
      const table = findTable(catalog, values.table!);
      for (const column of Object.keys(key)) {
        if (!table.columns.some((c) => c.name === column)) {
          throw new CliError(`unknown column ${JSON.stringify(column)} in ${table.name}`);
        }
      }
      const helper = (await connecting) ?? undefined;
      return await computeBlastRadius(
        client,
        catalog,
        { table: table.name, key, rowCap, statementTimeoutMs },
        { helper },
      );
    } catch (error) {
      if (error instanceof BlastRadiusInputError) throw new CliError(error.message);
      if (error instanceof BlastRadiusTimeoutError || error instanceof BlastRadiusUnsupportedError) {
        throw new CliError(error.message, 3);
      }
      throw error;
    } finally {
      await connecting.then((helper) => helper?.end()).catch(() => {});
    }
  });
  if (values.json) printJson(blastJson(result));
  else print(renderBlast(result));
  return 0;
}

/** The stable JSON shape of `blast` (documented in the README), keys in this order. */
export function blastJson(result: BlastRadiusResult): BlastRadiusResult {
  return {
    root: { table: result.root.table, key: result.root.key },
    outcome: result.outcome,
    rowsDeletedByTable: result.rowsDeletedByTable,
    rowsUpdatedByTable: result.rowsUpdatedByTable,
    blockedBy: result.blockedBy.map((b) => ({ constraint: b.constraint, table: b.table })),
    elapsedMs: result.elapsedMs,
    ...(result.truncated ? { truncated: { rowCap: result.truncated.rowCap } } : {}),
  };
}

function renderBlast(result: BlastRadiusResult): string {
  const where = Object.entries(result.root.key)
    .map(([c, v]) => `${c} = ${JSON.stringify(v)}`)
    .join(" AND ");
  const head = `DELETE FROM ${result.root.table} WHERE ${where}`;
  const more = result.truncated
    ? ` (stopped at the row cap: more than ${formatCount(result.truncated.rowCap)})`
    : "";
  if (result.outcome === "not-found") return `${head}\n→ no row matches: nothing would be deleted.`;
  if (result.outcome === "blocked") {
    const blockers = renderTable(
      ["constraint", "on table"],
      result.blockedBy.map((b) => [b.constraint, b.table]),
    );
    return `${head}\n→ would FAIL: nothing would be deleted. Blocked by:\n\n${blockers}`;
  }
  const tables = [
    ...new Set([...Object.keys(result.rowsDeletedByTable), ...Object.keys(result.rowsUpdatedByTable)]),
  ];
  tables.sort(
    (a, b) => (result.rowsDeletedByTable[b] ?? 0) - (result.rowsDeletedByTable[a] ?? 0) || (a < b ? -1 : 1),
  );
  const total = Object.values(result.rowsDeletedByTable).reduce((a, b) => a + b, 0);
  const changed = Object.values(result.rowsUpdatedByTable).reduce((a, b) => a + b, 0);
  return [
    head,
    `→ would delete ${formatCount(total)} row(s) in ${Object.keys(result.rowsDeletedByTable).length} table(s) and change ${formatCount(changed)} row(s) by SET NULL / SET DEFAULT${more}. (${result.elapsedMs} ms, read-only)`,
    "",
    renderTable(
      ["table", "rows deleted", "rows changed"],
      tables.map((t) => [t, result.rowsDeletedByTable[t] ?? 0, result.rowsUpdatedByTable[t] ?? 0]),
    ),
  ].join("\n");
}
