import type { Page } from "@playwright/test";

/**
 * Waits for `selector`, checking on every animation frame. Playwright's locator.waitFor retries at
 * growing intervals (up to 500 ms apart after the first second), which adds up to that much to a
 * page that was ready earlier: browser benchmarks time their waits with this instead.
 */
export async function untilPresent(page: Page, selector: string, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(`document.querySelector(${JSON.stringify(selector)}) !== null`, null, {
    polling: "raf",
    timeout: timeoutMs,
  });
}
