import { CliError } from "./errors";

/**
 * `incident-room <command> …`: the command-line front on the engine. Each subcommand lives in
 * lib/cli/commands/ and is loaded only when used, so `graph` runs without the web app's modules.
 * Returns the process exit code: 0 ok, 1 a check failed, 2 bad input or an unreachable server.
 */
const USAGE = `usage: incident-room <command> [options]

Commands (each takes --url URL or --target ID, and --json; --help for its options):
  graph    tables, foreign keys with their ON DELETE rules, and each table's cascade closure
  blast    exactly what DELETE FROM <table> WHERE <key> would delete, change or be blocked by
  health   every table's row count, tuples, counters, size and last activity
  check    exit 1 when an ON DELETE CASCADE path reaches a --critical table (for CI)
  user     manage Incident Room accounts in the control plane (user create …)

Every connection to a target is read-only.`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  graph: async () => (await import("./commands/graph")).runGraphCommand,
  blast: async () => (await import("./commands/blast")).runBlastCommand,
  health: async () => (await import("./commands/health")).runHealthCommand,
  check: async () => (await import("./commands/check")).runCheckCommand,
  user: async () => (await import("./commands/user")).runUserCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`incident-room: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const command = await load();
    return await command(rest);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`incident-room ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`incident-room ${name}: ${(error as Error)?.stack ?? String(error)}\n`);
    return 3;
  }
}
