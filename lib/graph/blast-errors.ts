/** Typed errors of the blast-radius computation (lib/graph/blast-radius.ts). */

export type BlastRadiusInputCode = "UNKNOWN_TABLE" | "UNKNOWN_COLUMN" | "BAD_KEY";

/** The request names a table or column that does not exist, or a key that cannot identify rows. */
export class BlastRadiusInputError extends Error {
  readonly code: BlastRadiusInputCode;
  constructor(code: BlastRadiusInputCode, message: string) {
    super(message);
    this.name = "BlastRadiusInputError";
    this.code = code;
  }
}

/**
 * The delete would take a path this model does not reproduce exactly (for example an ON UPDATE
 * CASCADE fired by a SET NULL on a referenced key, or a volatile SET DEFAULT expression). We refuse
 * rather than guess: the answer must equal what PostgreSQL does.
 */
export class BlastRadiusUnsupportedError extends Error {
  readonly code = "UNSUPPORTED" as const;
  constructor(message: string) {
    super(message);
    this.name = "BlastRadiusUnsupportedError";
  }
}

/** The read-only queries ran past `statementTimeoutMs`. */
export class BlastRadiusTimeoutError extends Error {
  readonly code = "TIMEOUT" as const;
  constructor(timeoutMs: number) {
    super(`blast radius computation exceeded the statement timeout of ${timeoutMs} ms`);
    this.name = "BlastRadiusTimeoutError";
  }
}
