import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./errors";

/** parseArgs with our rules: no positionals, and an unknown or malformed option exits 2 with the usage. */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: O,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${usage}`);
  }
}

/** Writes a JSON document to stdout. */
export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(text: string) {
  process.stdout.write(`${text}\n`);
}
