import { readFileSync } from "node:fs";
import path from "node:path";

/** What `npm run demo` wrote to <data-dir>/demo.json. */
export interface DemoInfo {
  url: string;
  accounts: {
    email: string;
    password: string;
    role: "viewer" | "responder" | "approver" | "admin";
    apiToken: string;
  }[];
  targets: { id: string; readOnlyUrl: string }[];
  controlPlane: { url: string };
  incidentAt: string;
}

export function readDemoInfo(): DemoInfo {
  const dir = process.env.E2E_DATA_DIR ?? ".data/e2e";
  return JSON.parse(readFileSync(path.join(dir, "demo.json"), "utf8")) as DemoInfo;
}

export function account(role: DemoInfo["accounts"][number]["role"]) {
  const found = readDemoInfo().accounts.find((a) => a.role === role);
  if (!found) throw new Error(`no demo account with role ${role}`);
  return found;
}

export function storageStatePath(role: string) {
  return path.join(process.env.E2E_DATA_DIR ?? ".data/e2e", "auth", `${role}.json`);
}
