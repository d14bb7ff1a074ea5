import { closureByName, computeCascadeClosure } from "../../graph/closure";
import { buildGraph } from "../../graph/graph";
import { introspect } from "../../introspect/introspect";
import type { Catalog } from "../../introspect/types";
import { parseCommandArgs, print, printJson } from "../args";
import { formatCount, renderTable } from "../format";
import { CONNECTION_OPTIONS, CONNECTION_USAGE, listValues, resolveUrl, withReadOnlyClient } from "../target";

const USAGE = `usage: incident-room graph (--url URL | --target ID) [--schema NAME …] [--json]

Reads the catalog and prints every table, every foreign key with its ON DELETE rule, and the
cascade closure of each table (the tables that can lose rows when one of its rows is deleted).

${CONNECTION_USAGE}
  --schema NAME    only these schemas (repeatable or comma-separated); FKs leaving them are not shown`;

export interface GraphJson {
  tables: {
    name: string;
    kind: "table" | "partitioned" | "partition";
    partitionOf: string | null;
    primaryKey: string[];
    estimatedRows: number;
  }[];
  foreignKeys: {
    name: string;
    child: string;
    childColumns: string[];
    parent: string;
    parentColumns: string[];
    onDelete: string;
    onUpdate: string;
    deferrable: boolean;
    validated: boolean;
    indexed: boolean;
  }[];
  cascadeClosure: Record<string, string[]>;
}

/** The stable JSON shape of `graph` (documented in the README): listed fields only, in this order. */
export function graphJson(catalog: Catalog): GraphJson {
  const closure = closureByName(computeCascadeClosure(buildGraph(catalog)));
  return {
    tables: catalog.tables.map((t) => ({
      name: t.name,
      kind: t.kind,
      partitionOf: t.partitionOf,
      primaryKey: t.primaryKey,
      estimatedRows: t.estimatedRows,
    })),
    foreignKeys: catalog.foreignKeys.map((fk) => ({
      name: fk.name,
      child: fk.child,
      childColumns: fk.childColumns,
      parent: fk.parent,
      parentColumns: fk.parentColumns,
      onDelete: fk.onDelete,
      onUpdate: fk.onUpdate,
      deferrable: fk.deferrable,
      validated: fk.validated,
      indexed: fk.indexed,
    })),
    cascadeClosure: closure,
  };
}

export async function runGraphCommand(argv: string[]): Promise<number> {
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
  const catalog = await withReadOnlyClient(url, "graph", (client) =>
    introspect(client, schemas.length > 0 ? { schemas } : {}),
  );
  const json = graphJson(catalog);
  if (values.json) printJson(json);
  else print(renderGraph(json, catalog));
  return 0;
}

function renderGraph(json: GraphJson, catalog: Catalog): string {
  const tables = renderTable(
    ["table", "kind", "rows (est.)", "primary key"],
    json.tables.map((t) => [
      t.name,
      t.partitionOf ? `partition of ${t.partitionOf}` : t.kind,
      t.estimatedRows,
      t.primaryKey.join(", ") || "(none)",
    ]),
  );
  const fks = renderTable(
    ["foreign key", "child", "parent", "on delete", "on update", "notes"],
    json.foreignKeys.map((fk) => [
      fk.name,
      `${fk.child} (${fk.childColumns.join(", ")})`,
      `${fk.parent} (${fk.parentColumns.join(", ")})`,
      fk.onDelete,
      fk.onUpdate,
      [fk.deferrable && "deferrable", !fk.validated && "NOT VALID", !fk.indexed && "unindexed"]
        .filter(Boolean)
        .join(", "),
    ]),
  );
  const reaching = Object.entries(json.cascadeClosure).filter(([, reached]) => reached.length > 0);
  reaching.sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const closure = renderTable(
    ["deleting a row of", "can delete rows of", "tables"],
    reaching.map(([table, reached]) => [
      table,
      reached.length > 6 ? `${reached.slice(0, 6).join(", ")}, …` : reached.join(", "),
      reached.length,
    ]),
  );
  return [
    `${catalog.database} — PostgreSQL ${catalog.serverVersion}: ${formatCount(json.tables.length)} tables, ${formatCount(json.foreignKeys.length)} foreign keys`,
    "",
    tables,
    "",
    fks || "(no foreign keys)",
    "",
    reaching.length > 0 ? closure : "No ON DELETE CASCADE paths.",
  ].join("\n");
}
