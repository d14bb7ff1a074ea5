import { expect, test } from "@playwright/test";
import { account, readDemoInfo, storageStatePath } from "./demo";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test.describe("JSON API", () => {
  test("answers with a bearer token from demo.json", async ({ request }) => {
    const responder = account("responder");
    const me = await request.get("/api/v1/me", { headers: bearer(responder.apiToken) });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({
      email: responder.email,
      role: "responder",
      authenticatedBy: "token",
    });
  });

  test("refuses without a token, with a bad one, and says so in JSON", async ({ request }) => {
    for (const headers of [{}, bearer("ir_not-a-real-token"), { authorization: "Basic abc" }]) {
      const response = await request.get("/api/v1/me", { headers });
      expect(response.status()).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
    }
  });

  test("lists targets with reachability and version, never a connection string", async ({ request }) => {
    const response = await request.get("/api/v1/targets", { headers: bearer(account("viewer").apiToken) });
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.targets).toEqual([
      expect.objectContaining({
        id: "breakco-prod",
        reachable: true,
        serverVersion: expect.stringMatching(/^\d+/),
      }),
    ]);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/postgres(ql)?:\/\//);
    const demo = readDemoInfo();
    expect(text).not.toContain(new URL(demo.targets[0]!.readOnlyUrl).password);
  });

  test("a viewer calling admin endpoints directly gets 403 and nothing changes", async ({
    request,
    playwright,
    baseURL,
  }) => {
    const admin = bearer(account("admin").apiToken);
    const before = await (await request.get("/api/v1/users", { headers: admin })).json();
    const tokensBefore = await (await request.get("/api/v1/tokens", { headers: admin })).json();

    const viewerToken = bearer(account("viewer").apiToken);
    const attempts = [
      request.post("/api/v1/users", {
        headers: viewerToken,
        data: { email: "intruder@example.com", role: "admin", password: "intruder-password" },
      }),
      request.patch(`/api/v1/users/${before.users[0].id}`, {
        headers: viewerToken,
        data: { role: "viewer" },
      }),
      request.post("/api/v1/tokens", {
        headers: viewerToken,
        data: { name: "x", role: "admin", userId: before.users[0].id },
      }),
      request.get("/api/v1/users", { headers: viewerToken }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status()).toBe(403);
      expect((await response.json()).error.code).toBe("FORBIDDEN");
    }

    // The same with the viewer's session cookie instead of a token.
    const viewerSession = await playwright.request.newContext({
      baseURL,
      storageState: storageStatePath("viewer"),
      extraHTTPHeaders: { origin: baseURL! },
    });
    const viaCookie = await viewerSession.post("/api/v1/users", {
      data: { email: "intruder2@example.com", role: "admin", password: "intruder-password" },
    });
    expect(viaCookie.status()).toBe(403);
    await viewerSession.dispose();

    expect(await (await request.get("/api/v1/users", { headers: admin })).json()).toEqual(before);
    expect(await (await request.get("/api/v1/tokens", { headers: admin })).json()).toEqual(tokensBefore);
  });

  test("rejects a malformed body with 400 and field errors", async ({ request }) => {
    const response = await request.post("/api/v1/users", {
      headers: bearer(account("admin").apiToken),
      data: { email: "not-an-email", role: "superuser", password: "short" },
    });
    expect(response.status()).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(["email", "password", "role"]);
  });
});
