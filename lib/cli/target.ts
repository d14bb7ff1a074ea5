import type pg from "pg";
import { connectReadOnly } from "../introspect/connect";
import { splitQualified } from "../introspect/identifiers";
import type { Catalog, Table } from "../introspect/types";
import { CliError } from "./errors";

/** Options every engine subcommand takes. */
export const CONNECTION_OPTIONS = {
  url: { type: "string" },
  target: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

export const CONNECTION_USAGE = `  --url URL        read-only connection string (postgres://…)
  --target ID      a configured target: reads TARGET_<ID>_READ_ONLY_URL from the environment
  --json           machine-readable output`;

/** Env var holding a target's read-only URL: "demo-db" → TARGET_DEMO_DB_READ_ONLY_URL. */
export function targetEnvName(id: string): string {
  return `TARGET_${id.toUpperCase().replaceAll("-", "_")}_READ_ONLY_URL`;
}

export function resolveUrl(
  values: { url?: string; target?: string },
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (values.url && values.target) throw new CliError("give either --url or --target, not both");
  let url = values.url;
  if (values.target !== undefined) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(values.target))
      throw new CliError(`bad target id "${values.target}"`);
    const name = targetEnvName(values.target);
    url = env[name];
    if (!url) throw new CliError(`target "${values.target}" is not configured: set ${name}`);
  }
  if (!url) throw new CliError("missing --url or --target");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError("bad --url: not a URL (expected postgres://user:password@host:port/database)");
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new CliError(`bad --url: expected a postgres:// or postgresql:// URL, got "${parsed.protocol}"`);
  }
  if (!parsed.hostname && !parsed.searchParams.get("host")) throw new CliError("bad --url: no host");
  return url;
}

/** The URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** Opens a read-only connection, runs `fn`, and always closes it. Connection failures exit 2. */
export async function withReadOnlyClient<T>(
  url: string,
  purpose: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  let client: pg.Client;
  try {
    client = await connectReadOnly(url, { purpose: `cli-${purpose}` });
  } catch (error) {
    throw new CliError(`cannot connect to ${redactUrl(url)}: ${describeError(error)}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function describeError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const message = e.message || e.code || String(error);
  return e.code && !message.includes(e.code) ? `${message} (${e.code})` : message;
}

/**
 * Finds a table by "schema.table" (raw names, the form the engine prints), `"Schema"."Table"`
 * (SQL quoting) or a bare name in public. Unknown names exit 2, with close matches suggested.
 */
export function findTable(catalog: Catalog, name: string): Table {
  const wanted = parseTableName(name);
  const table = catalog.tables.find((t) => t.schema === wanted.schema && t.table === wanted.table);
  if (table) return table;
  const lower = `${wanted.schema}.${wanted.table}`.toLowerCase();
  const near = catalog.tables.filter((t) => t.name.toLowerCase() === lower || t.table === wanted.table);
  const hint = near.length > 0 ? ` (did you mean ${near.map((t) => t.name).join(", ")}?)` : "";
  throw new CliError(`unknown table ${JSON.stringify(name)}${hint}`);
}

export function parseTableName(name: string): { schema: string; table: string } {
  if (!name.startsWith('"')) return splitQualified(name);
  const parts: string[] = [];
  let i = 0;
  while (i < name.length) {
    if (name[i] === '"') {
      let part = "";
      i++;
      for (;;) {
        if (i >= name.length)
          throw new CliError(`bad table name ${JSON.stringify(name)}: unterminated quote`);
        if (name[i] === '"') {
          if (name[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += name[i++];
      }
      parts.push(part);
    } else {
      const dot = name.indexOf(".", i);
      parts.push(name.slice(i, dot < 0 ? undefined : dot));
      i = dot < 0 ? name.length : dot;
    }
    if (i < name.length) {
      if (name[i] !== ".") throw new CliError(`bad table name ${JSON.stringify(name)}`);
      i++;
    }
  }
  if (parts.length === 1) return { schema: "public", table: parts[0]! };
  if (parts.length === 2) return { schema: parts[0]!, table: parts[1]! };
  throw new CliError(`bad table name ${JSON.stringify(name)}: expected schema.table`);
}

/**
 * Comma-separated and repeated values: `--critical a,b --critical c` → [a, b, c]. Commas inside
 * double quotes belong to the name (`--critical '"Sales, Ops".Deal'`).
 */
export function listValues(values: string[] | undefined): string[] {
  const out: string[] = [];
  for (const value of values ?? []) {
    let current = "";
    let quoted = false;
    for (const ch of value) {
      if (ch === '"') quoted = !quoted;
      if (ch === "," && !quoted) {
        out.push(current);
        current = "";
      } else current += ch;
    }
    out.push(current);
  }
  return out.map((v) => v.trim()).filter((v) => v.length > 0);
}
