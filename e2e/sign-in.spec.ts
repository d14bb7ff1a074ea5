import { expect, test } from "@playwright/test";
import { readDemoInfo } from "./demo";
import { SignInPage } from "./pages/sign-in-page";

test.describe("sign-in", () => {
  test("every printed demo account signs in and lands on home with its role", async ({ browser }) => {
    for (const account of readDemoInfo().accounts) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const signIn = new SignInPage(page);
      await signIn.goto();
      await signIn.signIn(account.email, account.password);
      await expect(page.getByRole("heading", { name: "Home" })).toBeVisible();
      await expect(page.getByTestId("signed-in-as")).toHaveText(account.email);
      await expect(page.getByRole("banner").getByText(account.role, { exact: true })).toBeVisible();
      await context.close();
    }
  });

  test("a wrong password gets the same message as an unknown email", async ({ page }) => {
    const signIn = new SignInPage(page);
    const viewer = readDemoInfo().accounts.find((a) => a.role === "viewer")!;
    await signIn.goto();
    await signIn.signIn(viewer.email, "definitely-not-the-password");
    await expect(signIn.error()).toBeVisible();
    const wrongPassword = await signIn.error().textContent();
    await signIn.goto();
    await signIn.signIn("nobody-here@example.com", "definitely-not-the-password");
    await expect(signIn.error()).toBeVisible();
    expect(await signIn.error().textContent()).toBe(wrongPassword);
    expect(wrongPassword).toBe("Wrong email or password.");
  });

  test("pages send visitors without a session to sign-in, and back after", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin/);
    const admin = readDemoInfo().accounts.find((a) => a.role === "admin")!;
    await new SignInPage(page).signIn(admin.email, admin.password);
    await expect(page.getByRole("heading", { name: "Admin" })).toBeVisible();
  });

  test("sign out ends the session: pages send the browser back to sign-in", async ({ page }) => {
    const viewer = readDemoInfo().accounts.find((a) => a.role === "viewer")!;
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(viewer.email, viewer.password);
    await expect(page.getByRole("heading", { name: "Home" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin/);
  });
});
