import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createAuth } from "../../auth/auth";
import { isRole, ROLES } from "../../auth/roles";
import { createUserAccount } from "../../auth/users";
import { createControlDb } from "../../db/client";
import { migrateControlPlane } from "../../db/migrate";
import { AppError } from "../../errors";

const USAGE = `usage: incident-room user create --email EMAIL --role ${ROLES.join("|")} [--name NAME] [--password PASSWORD]

Creates an account in the control plane named by DATABASE_URL (for the first admin, say).
Without --password a strong one is generated and printed once.`;

/** `incident-room user create …`. Returns the process exit code. */
export async function runUserCommand(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb !== "create") {
    console.error(USAGE);
    return 2;
  }
  let values: { email?: string; role?: string; name?: string; password?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        password: { type: "string" },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!values.email || !values.role) {
    console.error(`--email and --role are required\n\n${USAGE}`);
    return 2;
  }
  if (!isRole(values.role)) {
    console.error(`unknown role "${values.role}": use one of ${ROLES.join(", ")}`);
    return 2;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("DATABASE_URL is not set: point it at the control-plane database");
    return 2;
  }
  const password = values.password ?? randomBytes(15).toString("base64url");
  const db = createControlDb(databaseUrl, 2);
  try {
    await migrateControlPlane(db);
    // The secret signs sessions, which this command does not create; any value satisfies the library here.
    const auth = createAuth({
      db,
      secret: process.env.BETTER_AUTH_SECRET ?? randomBytes(32).toString("hex"),
      baseUrl: process.env.APP_URL ?? "http://localhost:3000",
    });
    const user = await createUserAccount(auth, db, null, {
      email: values.email,
      name: values.name ?? "",
      role: values.role,
      password,
    });
    console.log(`created ${user.email} (${values.role})`);
    if (!values.password) console.log(`password: ${password}   (shown once)`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      return error.code === "CONFLICT" ? 1 : 2;
    }
    const e = error as { code?: string; message?: string };
    console.error(
      `could not create the user: ${e.code === "ECONNREFUSED" ? "control-plane database unreachable" : e.message}`,
    );
    return 2;
  } finally {
    await db.$client.end();
  }
}
