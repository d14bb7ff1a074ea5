import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./env";
import { redactUrl } from "./targets-config";

const base = {
  DATABASE_URL: "postgres://u:p@localhost/control",
  BETTER_AUTH_SECRET: "x".repeat(32),
};

describe("parseConfig", () => {
  it("reads targets from prefixed variables", () => {
    const config = parseConfig({
      ...base,
      TARGET_IDS: "breakco-prod",
      TARGET_BREAKCO_PROD_NAME: "Breakco production",
      TARGET_BREAKCO_PROD_READ_ONLY_URL: "postgres://ro:secret@db/app",
      TARGET_BREAKCO_PROD_RECOVERY_SOURCES: "pitr=postgres://a@b/c;staging=postgresql://d@e/f",
      TARGET_BREAKCO_PROD_EXPECTED_TABLES: "public.Campaign, public.User",
    });
    expect(config.targets).toEqual([
      {
        id: "breakco-prod",
        name: "Breakco production",
        readOnlyUrl: "postgres://ro:secret@db/app",
        privilegedUrl: null,
        recoverySources: [
          { name: "pitr", url: "postgres://a@b/c" },
          { name: "staging", url: "postgresql://d@e/f" },
        ],
        expectedTables: ["public.Campaign", "public.User"],
        criticalTables: [],
      },
    ]);
    expect(config.sampleIntervalSeconds).toBe(15);
  });

  it("lists every problem at once, without echoing secrets", () => {
    try {
      parseConfig({
        BETTER_AUTH_SECRET: "short",
        TARGET_IDS: "Bad_Id,ok",
        TARGET_OK_READ_ONLY_URL: "mysql://x",
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringContaining("DATABASE_URL is required"),
          expect.stringContaining("at least 32"),
          expect.stringContaining('"Bad_Id" is not a valid id'),
          "TARGET_OK_READ_ONLY_URL must be a postgres:// URL",
        ]),
      );
      expect((error as Error).message).not.toContain("short");
    }
  });
});

describe("redactUrl", () => {
  it("hides the password and query", () => {
    expect(redactUrl("postgres://ro:s3cret@db:5432/app?sslmode=require")).toBe(
      "postgres://ro:***@db:5432/app",
    );
    expect(redactUrl("nonsense")).toBe("(invalid URL)");
  });
});
