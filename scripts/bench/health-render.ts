import path from "node:path";
import type { ControlDb } from "../../lib/db/client";
import { createAuth } from "../../lib/auth/auth";
import { createUserAccount } from "../../lib/auth/users";
import { findFreePort } from "../../lib/embedded/ports";
import { buildIsStale, runBuild } from "../demo/build";
import { startNext, waitForHttp } from "../demo/next-server";
import { measure, type Measurement } from "./measure";
import { chromiumLaunchOptions } from "../../e2e/chromium";
import { untilPresent } from "./browser-wait";

/**
 * The health page of the real, built app, in Debian's Chromium, showing a target with thousands of
 * tables: time until the table's first rows are on screen, rows in the DOM (virtualisation), frame
 * times while scrolling to the end, re-sorting, and the polled API answer (full and 304).
 */

export async function measureHealthPageRender(options: {
  controlUrl: string;
  targetUrl: string;
  targetId: string;
  db: ControlDb;
  runs: number;
  secret: string;
  log: (m: string) => void;
}): Promise<Measurement[]> {
  const { log, runs } = options;
  const root = process.cwd();
  if (buildIsStale(root)) {
    log("building the app (next build, about a minute)…");
    await runBuild(root, log);
  }
  const port = await findFreePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const email = "bench-viewer@example.com";
  const password = "bench-password-1234";
  await createUserAccount(
    createAuth({ db: options.db, secret: options.secret, baseUrl: baseURL }),
    options.db,
    null,
    {
      email,
      name: "Bench viewer",
      role: "viewer",
      password,
    },
  );
  const app = startNext(root, port, "127.0.0.1", {
    DATABASE_URL: options.controlUrl,
    BETTER_AUTH_SECRET: options.secret,
    APP_URL: baseURL,
    TARGET_IDS: options.targetId,
    [`TARGET_${options.targetId.toUpperCase()}_READ_ONLY_URL`]: options.targetUrl,
    SAMPLE_INTERVAL_SECONDS: "3600",
  });
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    ...chromiumLaunchOptions,
  });
  try {
    await waitForHttp(`${baseURL}/api/health`, app.child);
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    const signIn = await context.request.post("/api/auth/sign-in/email", {
      data: { email, password },
      headers: { origin: baseURL },
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const page = await context.newPage();
    const url = `/targets/${options.targetId}/health`;
    const firstRow = page.locator('[data-testid^="health-row-"]').first();
    await page.goto(url);
    await firstRow.waitFor(); // warm-up: compiles nothing (a production build), fills the server caches

    let html = 0;
    const load = await measure("health page in Chromium: navigation → first rows shown", runs, async () => {
      await page.goto(url, { waitUntil: "commit" });
      await untilPresent(page, '[data-testid^="health-row-"]');
      html = await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
        return nav?.decodedBodySize ?? 0;
      });
    });
    const domRows = await page.locator('[data-testid^="health-row-"]').count();
    const total = await page.evaluate(() =>
      document.querySelector('[role="table"]')?.getAttribute("aria-rowcount"),
    );

    const scroll = await page.evaluate(async () => {
      const el = document.querySelector<HTMLElement>('[data-testid="health-rows"]')!;
      const frames: number[] = [];
      let last = performance.now();
      while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
        el.scrollTop += 600;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      frames.sort((a, b) => a - b);
      return {
        frames: frames.length,
        p50: frames[Math.floor(frames.length / 2)] ?? 0,
        p95: frames[Math.floor(frames.length * 0.95)] ?? 0,
        max: frames.at(-1) ?? 0,
      };
    });

    const sort = await measure("re-sort 5,000 rows by name (click → next frame)", runs, async () => {
      await page.evaluate(async () => {
        const button = [...document.querySelectorAll<HTMLButtonElement>('[role="columnheader"] button')].find(
          (b) => b.textContent?.startsWith("Table"),
        )!;
        button.click();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));
      });
    });

    let bytes = 0;
    let etag = "";
    const api = await measure("GET /api/v1/targets/{id}/health (full answer)", runs, async () => {
      const response = await context.request.get(`/api/v1/targets/${options.targetId}/health`);
      bytes = (await response.body()).length;
      etag = response.headers()["etag"] ?? "";
    });
    const notModified = await measure("  same, unchanged since last poll (304)", runs, async () => {
      const response = await context.request.get(`/api/v1/targets/${options.targetId}/health`, {
        headers: { "if-none-match": etag },
      });
      if (response.status() !== 304) throw new Error(`expected 304, got ${response.status()}`);
    });
    await context.close();
    return [
      {
        ...load,
        note: `HTML ${(html / 1e6).toFixed(1)} MB; ${domRows} row elements in the DOM for ${total ? Number(total) - 1 : "?"} tables`,
      },
      {
        label: "scroll the whole table (600 px per frame)",
        runs: 1,
        medianMs: scroll.p50,
        minMs: null,
        note: `${scroll.frames} frames; frame time p50 ${scroll.p50.toFixed(1)} ms, p95 ${scroll.p95.toFixed(1)} ms, max ${scroll.max.toFixed(1)} ms`,
      },
      sort,
      { ...api, note: `${(bytes / 1e6).toFixed(1)} MB JSON` },
      notModified,
    ];
  } finally {
    await browser.close();
    await app.stop();
    log(`app stopped (${path.basename(root)})`);
  }
}
