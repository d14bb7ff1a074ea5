import path from "node:path";
import { readDemoInfo } from "./demo";
import { expect, test } from "./fixtures";
import { HealthPage } from "./pages/health-page";

/**
 * Live table health on the demo incident. The demo's sampler runs every 2 s in e2e
 * (SAMPLE_INTERVAL_SECONDS in playwright.config.ts), the page polls, nothing here reloads.
 */

const TARGET = "breakco-prod";

function demoPid(): number {
  const pid = (readDemoInfo() as { pid?: number }).pid;
  if (!pid) throw new Error("demo.json has no pid (outage drill unavailable)");
  return pid;
}

test.describe("live table health", () => {
  test("shows the cascade: Talent and Deal WIPED, User INTACT at 2 rows, Campaign MISSING, and the banner", async ({
    pageAs,
  }) => {
    const page = await pageAs("viewer");
    const health = new HealthPage(page, TARGET);
    await health.goto();
    await expect(health.live()).toBeVisible();

    await expect(page.getByTestId("health-headline")).toContainText("WIPED");
    for (const name of ["public.Talent", "public.Deal", "public.ExternalSocialProfile"]) {
      const row = await health.row(name);
      await expect(row).toHaveAttribute("data-status", "WIPED");
      await expect(row.getByTestId("rows-now")).toHaveText("0");
    }
    // User kept its two accounts, as in the report: INTACT at 2 rows.
    const user = await health.row("public.User");
    await expect(user).toHaveAttribute("data-status", "INTACT");
    await expect(user.getByTestId("rows-now")).toHaveText("2");
    // The app's schema expects Campaign; its migration was rolled back.
    const campaign = await health.row("public.Campaign");
    await expect(campaign).toHaveAttribute("data-status", "MISSING");
    await expect(page.getByTestId("migrations")).toContainText("add_campaign");

    // The detection shows on every page, not only here.
    await page.goto("/");
    const banner = page.getByTestId("detection-banner");
    await expect(banner).toContainText(`on ${TARGET}`);
    await expect(banner).toContainText(/\d+ tables lost rows since \d\d:\d\d:\d\d UTC/);
    await banner.getByRole("link", { name: "Review tables" }).click();
    await expect(page).toHaveURL(new RegExp(`/targets/${TARGET}/health$`));
  });

  test("stopping the target shows UNREACHABLE without a reload; the rest keeps working; it comes back by itself", async ({
    pageAs,
  }) => {
    test.setTimeout(120_000);
    const page = await pageAs("responder");
    const health = new HealthPage(page, TARGET);
    await health.goto();
    await expect(health.live()).toBeVisible();
    // Live: the page keeps polling (the reading time moves on without a reload).
    const firstSeen = await page.getByTestId("health-live").locator("time").first().getAttribute("datetime");
    await expect
      .poll(() => page.getByTestId("health-live").locator("time").first().getAttribute("datetime"), {
        timeout: 20_000,
      })
      .not.toBe(firstSeen);

    const other = await pageAs("viewer");
    const pid = demoPid();
    process.kill(pid, "SIGUSR1");
    try {
      await expect(health.unreachable()).toBeVisible({ timeout: 30_000 });
      await expect(health.unreachable()).toContainText("UNREACHABLE");
      await expect(page.getByTestId("health-error")).not.toContainText("postgres://");
      const talent = await health.row("public.Talent");
      await expect(talent).toHaveAttribute("data-status", "UNKNOWN");
      await expect(talent).toContainText("was WIPED");

      // Other pages still answer, and say the target is unreachable.
      await other.goto("/incidents");
      await expect(other.getByRole("heading", { name: "Incidents" })).toBeVisible();
      // Home is server-rendered and target status is cached for a few seconds: reload until it says so.
      await expect(async () => {
        await other.goto("/");
        await expect(other.getByTestId(`target-${TARGET}`)).toContainText("UNREACHABLE", { timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
    } finally {
      process.kill(pid, "SIGUSR2");
    }

    // Back without a reload: the health page, and home (it asks again every 5 s while a target is down).
    await expect(health.unreachable()).toBeHidden({ timeout: 45_000 });
    await expect(health.live()).toBeVisible();
    await expect(await health.row("public.Talent")).toHaveAttribute("data-status", "WIPED");
    await expect(other.getByTestId(`target-${TARGET}`)).toContainText("Reachable", { timeout: 30_000 });
  });

  test("screenshot of the health page at 1280×800", async ({ pageAs }) => {
    const page = await pageAs("responder");
    await page.setViewportSize({ width: 1280, height: 800 });
    const health = new HealthPage(page, TARGET);
    await health.goto();
    await expect(health.live()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("health-rows").getByRole("row").first()).toHaveAttribute(
      "data-status",
      "WIPED",
    );
    const dirs = [
      "test-results/screenshots",
      ...(process.env.UPDATE_SCREENSHOTS ? ["docs/screenshots"] : []),
    ];
    for (const dir of dirs) await page.screenshot({ path: path.join(dir, "health.png") });
  });
});
