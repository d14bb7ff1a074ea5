import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Role } from "../../lib/auth/roles";

/**
 * What the demo keeps between runs in .data/: generated secrets and account passwords, and whether
 * the incident has been replayed. Written with mode 0600: it holds passwords.
 */

export interface DemoAccount {
  email: string;
  password: string;
  role: Role;
  apiToken: string | null;
}

export interface DemoState {
  authSecret: string;
  superuserPassword: string;
  readOnlyPassword: string;
  privilegedPassword: string;
  accounts: DemoAccount[];
  /** Set once the target is built, backed up, baselined and the incident replayed. */
  preparedAt: string | null;
  incidentAt: string | null;
}

const secret = (bytes = 24) => randomBytes(bytes).toString("base64url");

export function loadOrCreateState(file: string): DemoState {
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DemoState;
  const roles: Role[] = ["viewer", "responder", "approver", "admin"];
  const state: DemoState = {
    authSecret: secret(32),
    superuserPassword: secret(),
    readOnlyPassword: secret(),
    privilegedPassword: secret(),
    accounts: roles.map((role) => ({
      email: `${role}@demo.incident-room.dev`,
      password: `${role}-${secret(9)}`,
      role,
      apiToken: null,
    })),
    preparedAt: null,
    incidentAt: null,
  };
  saveState(file, state);
  return state;
}

export function saveState(file: string, state: DemoState) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2) + "\n", { mode: 0o600 });
}
