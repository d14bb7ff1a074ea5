import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * Runs `next start` as a child in our process group, so a terminal Ctrl-C (or a test runner that
 * kills the group) reaches it too; `stop()` ends it when we shut down on our own.
 */
export interface RunningApp {
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startNext(root: string, port: number, host: string, env: Record<string, string>): RunningApp {
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", host],
    {
      cwd: root,
      env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  let stopping: Promise<void> | null = null;
  return {
    child,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      });
      return stopping;
    },
  };
}

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the app exited with code ${child.exitCode} during start-up`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the app did not answer on ${url} within ${timeoutMs / 1000} s`);
}
