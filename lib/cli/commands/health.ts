import { readHealth } from "../../health/read";
import type { HealthReading } from "../../health/types";
import { introspect } from "../../introspect/introspect";
import { parseCommandArgs, print, printJson } from "../args";
import { formatBytes, formatCount, renderTable } from "../format";
import { CONNECTION_OPTIONS, CONNECTION_USAGE, listValues, resolveUrl, withReadOnlyClient } from "../target";

const USAGE = `usage: incident-room health (--url URL | --target ID) [--schema NAME …] [--json]

One health pass: every table's row count (exact where cheap, otherwise an estimate marked "≈"),
live / deleted / inserted tuples, size on disk and last activity (max of an indexed updatedAt-like
column).

${CONNECTION_USAGE}
  --schema NAME    only these schemas (repeatable or comma-separated)`;

export interface HealthJson {
  sampledAt: string;
  tables: {
    name: string;
    rows: number;
    rowsExact: boolean;
    liveTuples: number;
    deletedTuples: number;
    insertedTuples: number;
    sizeBytes: number;
    lastActivityAt: string | null;
  }[];
}

/** The stable JSON shape of `health` (documented in the README): listed fields only, in this order. */
export function healthJson(reading: HealthReading): HealthJson {
  return {
    sampledAt: reading.sampledAt,
    tables: reading.tables.map((t) => ({
      name: t.name,
      rows: t.rows,
      rowsExact: t.rowsExact,
      liveTuples: t.liveTuples,
      deletedTuples: t.deletedTuples,
      insertedTuples: t.insertedTuples,
      sizeBytes: t.sizeBytes,
      lastActivityAt: t.lastActivityAt,
    })),
  };
}

export async function runHealthCommand(argv: string[]): Promise<number> {
  const values = parseCommandArgs(
    argv,
    { ...CONNECTION_OPTIONS, schema: { type: "string", multiple: true } },
    USAGE,
  );
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const url = resolveUrl(values);
  const schemas = listValues(values.schema);
  const reading = await withReadOnlyClient(url, "health", async (client) =>
    readHealth(client, await introspect(client, schemas.length > 0 ? { schemas } : {})),
  );
  const json = healthJson(reading);
  if (values.json) printJson(json);
  else print(renderHealth(json));
  return 0;
}

function renderHealth(json: HealthJson): string {
  const table = renderTable(
    ["table", "rows", "live", "deleted", "inserted", "size", "last activity (UTC)"],
    json.tables.map((t) => [
      t.name,
      `${t.rowsExact ? "" : "≈"}${formatCount(t.rows)}`,
      t.liveTuples,
      t.deletedTuples,
      t.insertedTuples,
      formatBytes(t.sizeBytes),
      t.lastActivityAt ?? "",
    ]),
  );
  return `Health of ${json.tables.length} table(s) at ${json.sampledAt} ("≈" = estimate)\n\n${table}`;
}
