/** Turns a pg / network error into a short message that never contains a connection string. */
export function describeConnectionError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  switch (e?.code) {
    case "ECONNREFUSED":
      return "connection refused (is the server running?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ETIMEDOUT":
      return "connection timed out";
    case "28P01":
      return "password authentication failed";
    case "3D000":
      return "database does not exist";
    case "57P01":
    case "57P03":
      return "server is shutting down or starting up";
  }
  const message = String(e?.message ?? error);
  if (/timeout/i.test(message)) return "connection timed out";
  if (/terminat/i.test(message)) return "connection terminated by the server";
  // Strip anything that looks like a URL, in case a driver echoes one.
  return message.replace(/postgres(ql)?:\/\/\S+/gi, "postgres://…").slice(0, 200);
}
