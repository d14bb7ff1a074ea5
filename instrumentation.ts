/**
 * Runs once when the Next.js server starts (not at build time). The Node-only start-up work lives in
 * lib/startup.ts, imported only in the Node.js runtime.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/startup");
    await startServer();
  }
}
