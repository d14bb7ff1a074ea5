import pg from "pg";
import { expect, test } from "@playwright/test";
import { readDemoInfo } from "./demo";

/** The demo target is the incident report's database after the cascade: checked with real SQL. */
test.describe("demo incident", () => {
  test("Talent is wiped, the two users were re-created, Campaign is missing, and the baseline remembers what was there", async () => {
    const demo = readDemoInfo();
    const target = new pg.Client({ connectionString: demo.targets[0]!.readOnlyUrl });
    await target.connect();
    try {
      const counts = await target.query<{ talent: string; users: string; deal: string }>(
        `select (select count(*) from "Talent") as talent, (select count(*) from "User") as users, (select count(*) from "Deal") as deal`,
      );
      expect(counts.rows[0]).toEqual({ talent: "0", users: "2", deal: "0" });
      const emails = await target.query<{ email: string; role: string }>(
        `select email, role from "User" order by email`,
      );
      expect(emails.rows).toEqual([
        { email: "admin@thebreakco.com", role: "ADMIN" },
        { email: "lila@thebreakco.com", role: "SUPERADMIN" },
      ]);
      const campaign = await target.query(`select to_regclass('public."Campaign"') as t`);
      expect(campaign.rows[0].t).toBeNull();
      // The read-only role really cannot write.
      await expect(target.query(`delete from "User"`)).rejects.toThrow();
    } finally {
      await target.end();
    }

    const control = new pg.Client({ connectionString: demo.controlPlane.url });
    await control.connect();
    try {
      const baseline = await control.query<{ tables: { name: string; rows: number }[]; sampled_at: Date }>(
        `select s.reading->'tables' as tables, s.sampled_at from baselines b join health_samples s on s.id = b.sample_id
          where b.target_id = 'breakco-prod' order by b.pinned_at desc limit 1`,
      );
      const tables = baseline.rows[0]!.tables;
      const rows = (name: string) => tables.find((t) => t.name === name)?.rows;
      expect(rows("public.Talent")).toBeGreaterThan(0);
      expect(rows("public.Deal")).toBeGreaterThan(0);
      // The report's story: both accounts were deleted (the cascade wiped everything below) and re-created.
      expect(rows("public.User")).toBe(2);
      expect(tables.reduce((sum, t) => sum + t.rows, 0)).toBeGreaterThanOrEqual(100_000);
      expect(baseline.rows[0]!.sampled_at.getTime()).toBeLessThan(new Date(demo.incidentAt).getTime());
    } finally {
      await control.end();
    }
  });
});
