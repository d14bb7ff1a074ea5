import { mkdirSync } from "node:fs";
import path from "node:path";
import { request, type FullConfig } from "@playwright/test";
import { readDemoInfo, storageStatePath } from "./demo";

/** Signs each demo account in once through the API and keeps its cookies for tests that are not about sign-in. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]!.use.baseURL!;
  const demo = readDemoInfo();
  for (const account of demo.accounts) {
    const context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
    const response = await context.post("/api/auth/sign-in/email", {
      data: { email: account.email, password: account.password },
    });
    if (!response.ok())
      throw new Error(`sign-in as ${account.email} failed: ${response.status()} ${await response.text()}`);
    const file = storageStatePath(account.role);
    mkdirSync(path.dirname(file), { recursive: true });
    await context.storageState({ path: file });
    await context.dispose();
  }
}
