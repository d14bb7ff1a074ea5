/** An error the CLI reports as a one-line message and an exit code (2: bad input or unreachable). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}
