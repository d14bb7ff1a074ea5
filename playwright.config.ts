import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/chromium";

/**
 * End-to-end tests drive Debian's Chromium against the built app running the demo (embedded
 * PostgreSQL with the demo incident), started by `npm run demo` on its own port and data folder.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? ".data/e2e";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `npm run demo -- --port ${E2E_PORT} --data-dir ${E2E_DATA_DIR}`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    // The first run builds the app and the demo data.
    timeout: 400_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 30_000 },
    // Enough sign-ins for a full run from one address; the limit itself is tested in lib/auth.
    // A short sampling interval so health tests see changes (an outage, a recovery) within seconds.
    env: { NEXT_DIST_DIR: ".next-e2e", AUTH_SIGN_IN_LIMIT_PER_MINUTE: "100", SAMPLE_INTERVAL_SECONDS: "2" },
  },
});
