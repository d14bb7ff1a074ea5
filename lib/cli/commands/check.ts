import { findCascadePaths, type CascadePath } from "../../graph/cascade-paths";
import { buildGraph } from "../../graph/graph";
import { introspect } from "../../introspect/introspect";
import { parseCommandArgs, print, printJson } from "../args";
import { CliError } from "../errors";
import {
  CONNECTION_OPTIONS,
  CONNECTION_USAGE,
  findTable,
  listValues,
  resolveUrl,
  withReadOnlyClient,
} from "../target";

const USAGE = `usage: incident-room check (--url URL | --target ID) --critical TABLE[,TABLE…] [--from TABLE…] [--max-paths N] [--json]

Fails (exit 1) when an ON DELETE CASCADE path reaches a critical table, and prints every such path:
a delete anywhere on it can delete rows of the critical table. Exit 0 when none does. For CI.

${CONNECTION_USAGE}
  --critical T     schema.table (or "Schema"."Table"); repeatable or comma-separated
  --from T         only paths starting at these tables (repeatable or comma-separated)
  --max-paths N    stop listing after N paths (default 1000)`;

export async function runCheckCommand(argv: string[]): Promise<number> {
  const values = parseCommandArgs(
    argv,
    {
      ...CONNECTION_OPTIONS,
      critical: { type: "string", multiple: true },
      from: { type: "string", multiple: true },
      "max-paths": { type: "string" },
    },
    USAGE,
  );
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const wanted = listValues(values.critical);
  if (wanted.length === 0) throw new CliError(`missing --critical\n\n${USAGE}`);
  const maxPaths = values["max-paths"] === undefined ? 1000 : Number(values["max-paths"]);
  if (!Number.isInteger(maxPaths) || maxPaths < 1)
    throw new CliError("--max-paths must be a positive integer");
  const url = resolveUrl(values);
  const catalog = await withReadOnlyClient(url, "check", (client) => introspect(client));
  const critical = wanted.map((name) => findTable(catalog, name).name);
  const fromNames = listValues(values.from);
  const from = fromNames.length > 0 ? fromNames.map((name) => findTable(catalog, name).name) : undefined;
  const { paths, truncated } = findCascadePaths(buildGraph(catalog), critical, { maxPaths, from });
  if (values.json) printJson({ critical, ok: paths.length === 0, paths, truncated });
  else print(renderCheck(critical, paths, truncated));
  return paths.length === 0 ? 0 : 1;
}

function renderCheck(critical: string[], paths: CascadePath[], truncated: boolean): string {
  if (paths.length === 0) return `OK: no ON DELETE CASCADE path reaches ${critical.join(", ")}.`;
  const lines = paths.map(
    (p) => `  ${p.steps[0]!.from}${p.steps.map((s) => ` -[${s.foreignKey} CASCADE]-> ${s.to}`).join("")}`,
  );
  const reached = [...new Set(paths.map((p) => p.to))];
  return [
    `FAIL: ${paths.length}${truncated ? "+" : ""} ON DELETE CASCADE path(s) reach critical table(s) ${reached.join(", ")}:`,
    ...lines,
    ...(truncated ? [`  … stopped after ${paths.length} paths (--max-paths)`] : []),
    "Each path means a delete at its start can delete rows of its end. Consider ON DELETE RESTRICT or soft deletes.",
  ].join("\n");
}
