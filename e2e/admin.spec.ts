import { expect, test } from "./fixtures";
import { account } from "./demo";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test.describe("admin", () => {
  test("an admin creates a user and changes its role; it lands in the list", async ({ pageAs, request }) => {
    const page = await pageAs("admin");
    await page.goto("/admin");
    const email = `new-responder-${Date.now()}@example.com`;
    const form = page.getByRole("form", { name: "Create user" });
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption("responder");
    await form.getByLabel("Initial password").fill("a-strong-password");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("status")).toHaveText(`Created ${email}.`);
    await page.getByLabel(`Role of ${email}`).selectOption("approver");
    await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("approver");

    const users = (
      await (await request.get("/api/v1/users", { headers: bearer(account("admin").apiToken) })).json()
    ).users;
    expect(users).toContainEqual(expect.objectContaining({ email, role: "approver", disabled: false }));
  });

  test("a viewer sees no admin page, and invoking the admin server action directly is refused", async ({
    pageAs,
    request,
    baseURL,
  }) => {
    // Learn the server action's id the way an attacker could: from a real admin request.
    const adminPage = await pageAs("admin");
    await adminPage.goto("/admin");
    const actionRequest = adminPage.waitForRequest(
      (r) => r.method() === "POST" && !!r.headers()["next-action"],
    );
    const form = adminPage.getByRole("form", { name: "Create user" });
    await form.getByLabel("Email").fill(`probe-${Date.now()}@example.com`);
    await form.getByLabel("Initial password").fill("a-strong-password");
    await form.getByRole("button", { name: "Create user" }).click();
    const actionId = (await actionRequest).headers()["next-action"]!;

    const viewerPage = await pageAs("viewer");
    await viewerPage.goto("/admin");
    await expect(viewerPage.getByText("You need the admin role")).toBeVisible();
    await expect(viewerPage.getByRole("form", { name: "Create user" })).toHaveCount(0);

    const before = (
      await (await request.get("/api/v1/users", { headers: bearer(account("admin").apiToken) })).json()
    ).users;
    const intruder = `intruder-${Date.now()}@example.com`;
    const response = await viewerPage.request.post("/admin", {
      headers: {
        "next-action": actionId,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: baseURL!,
      },
      data: JSON.stringify([{ email: intruder, role: "admin", password: "intruder-password" }]),
    });
    expect(await response.text()).toContain("FORBIDDEN");
    const after = (
      await (await request.get("/api/v1/users", { headers: bearer(account("admin").apiToken) })).json()
    ).users;
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain(intruder);
  });
});
