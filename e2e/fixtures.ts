import { test as base, type Page } from "@playwright/test";
import { storageStatePath } from "./demo";

type Role = "viewer" | "responder" | "approver" | "admin";

/** `pageAs("viewer")` opens a page signed in as that demo account (cookies from global setup). */
export const test = base.extend<{ pageAs: (role: Role) => Promise<Page> }>({
  pageAs: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (role) => {
      const context = await browser.newContext({ storageState: storageStatePath(role) });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect } from "@playwright/test";
