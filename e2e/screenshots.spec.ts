import path from "node:path";
import { expect, test } from "./fixtures";

/**
 * Screenshots of the main pages, to look at after a change. `UPDATE_SCREENSHOTS=1 npm run test:e2e`
 * also refreshes the README's copies in docs/screenshots/.
 */
const dirs = ["test-results/screenshots", ...(process.env.UPDATE_SCREENSHOTS ? ["docs/screenshots"] : [])];

async function shoot(page: import("@playwright/test").Page, name: string) {
  for (const dir of dirs) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

test("screenshots: sign-in, home, home on a phone", async ({ page, pageAs }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await shoot(page, "sign-in");

  const responder = await pageAs("responder");
  await responder.setViewportSize({ width: 1280, height: 720 });
  await responder.goto("/");
  await expect(responder.getByTestId("target-breakco-prod")).toContainText("Reachable");
  await shoot(responder, "home");

  await responder.setViewportSize({ width: 390, height: 844 });
  await responder.goto("/");
  await expect(responder.getByTestId("target-card-breakco-prod")).toContainText("Reachable");
  await shoot(responder, "home-phone");
});
