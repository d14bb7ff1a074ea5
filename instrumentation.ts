/**
 * Runs once when the Next.js server starts (not at build time): validates the environment and
 * applies control-plane migrations, so a bad configuration stops the server with a clear message.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConfig, ConfigError } = await import("./lib/config/env");
  try {
    getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n[incident-room] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { getDb } = await import("./lib/db/client");
  const { migrateControlPlane } = await import("./lib/db/migrate");
  await migrateControlPlane(getDb());
  const { startBackgroundWork } = await import("./lib/background");
  startBackgroundWork();
}
