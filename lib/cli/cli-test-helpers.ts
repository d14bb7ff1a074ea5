import { execFile } from "node:child_process";
import path from "node:path";

/** Spawns the real `incident-room` command (bin/incident-room.mjs) and collects its output. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = path.resolve(import.meta.dirname, "../../bin/incident-room.mjs");

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 60_000, cwd: path.resolve(import.meta.dirname, "../..") },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
