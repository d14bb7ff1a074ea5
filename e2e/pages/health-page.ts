import { expect, type Locator, type Page } from "@playwright/test";

/** The live health page of one target. */
export class HealthPage {
  constructor(
    readonly page: Page,
    readonly targetId: string,
  ) {}

  async goto() {
    await this.page.goto(`/targets/${this.targetId}/health`);
    await expect(this.page.getByTestId("health-summary")).toBeVisible();
  }

  search(): Locator {
    return this.page.getByRole("searchbox", { name: "Search tables" });
  }

  /** The row of "schema.table", after narrowing the (virtualised) list to it by search. */
  async row(name: string): Promise<Locator> {
    await this.search().fill(name.slice(name.indexOf(".") + 1));
    const row = this.page.getByTestId(`health-row-${name}`);
    await expect(row).toBeVisible();
    return row;
  }

  unreachable(): Locator {
    return this.page.getByTestId("health-unreachable");
  }

  live(): Locator {
    return this.page.getByTestId("health-live");
  }
}
