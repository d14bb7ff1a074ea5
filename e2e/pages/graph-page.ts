import { expect, type Page } from "@playwright/test";

/** The cascade graph page of a target. */
export class GraphPage {
  constructor(private readonly page: Page) {}

  async goto(targetId: string, table?: string) {
    await this.page.goto(`/targets/${targetId}/graph${table ? `?table=${encodeURIComponent(table)}` : ""}`);
    await this.waitReady();
  }

  async waitReady() {
    await expect(this.page.getByTestId("graph-canvas")).toHaveAttribute("data-ready", "true");
  }

  node(table: string) {
    return this.page.locator(`[data-testid="graph-node"][data-table="${table}"]`);
  }

  async selectBySearch(table: string) {
    const search = this.page.getByTestId("graph-search");
    await search.fill(table);
    await search.press("Enter");
  }

  /** The tables listed under "Cascade paths", with their depth. */
  async cascadePaths(): Promise<Record<string, number>> {
    const items = this.page.getByTestId("cascade-path");
    const result: Record<string, number> = {};
    for (const item of await items.all()) {
      result[(await item.getAttribute("data-table"))!] = Number(await item.getAttribute("data-depth"));
    }
    return result;
  }

  async blastJson(): Promise<Record<string, unknown>> {
    const text = await this.page.getByTestId("blast-json").textContent({ timeout: 15_000 });
    return JSON.parse(text ?? "null") as Record<string, unknown>;
  }
}
