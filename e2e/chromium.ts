/**
 * How we launch Debian's Chromium (Playwright cannot download its own browser here): as root it needs
 * --no-sandbox, and the background-networking flags stop it from calling out of a closed network.
 * Shared by playwright.config.ts and the browser benchmarks.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
