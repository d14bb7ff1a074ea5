import { createHash } from "node:crypto";

/**
 * A realistic `_prisma_migrations` history for the demo app: applied migrations spread over the
 * months before the anchor, and `…_add_campaign` the day before it, which failed and was marked
 * rolled back (`prisma migrate resolve --rolled-back`): the report's "Campaign table doesn't exist
 * (migration incomplete?)". Pure.
 */

export interface PrismaMigrationRow {
  id: string;
  checksum: string;
  finishedAt: Date | null;
  migrationName: string;
  logs: string | null;
  rolledBackAt: Date | null;
  startedAt: Date;
  appliedStepsCount: number;
}

export const ROLLED_BACK_MIGRATION_SUFFIX = "add_campaign";

/** [name, days before the anchor, statements in migration.sql] */
const HISTORY: Array<[string, number, number]> = [
  ["init", 182, 9],
  ["add_talent", 176, 12],
  ["add_brands_and_deals", 160, 17],
  ["add_deal_deliverables", 141, 7],
  ["add_finance", 122, 21],
  ["add_external_social_profiles", 98, 11],
  ["add_creator_tasks_and_goals", 77, 8],
  ["add_messaging_and_meetings", 55, 14],
  ["add_activity_log", 34, 4],
  ["talent_primary_assignment", 19, 3],
  ["deal_parent_and_renewals", 8, 3],
];

const DAY = 86_400_000;

function migrationTimestamp(at: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return (
    `${at.getUTCFullYear()}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}` +
    `${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}`
  );
}

/** A UUID (version 4 layout) derived from `seed`, so the history is the same for the same anchor. */
function uuidFrom(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  const variant = ((parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function prismaMigrationHistory(anchor: Date): PrismaMigrationRow[] {
  const rows: PrismaMigrationRow[] = HISTORY.map(([slug, daysAgo, steps], i) => {
    // Written on a developer machine at midday, deployed an hour and a bit later.
    const written = new Date(Math.floor((anchor.getTime() - daysAgo * DAY) / DAY) * DAY + 12 * 3_600_000);
    const name = `${migrationTimestamp(written)}_${slug}`;
    const startedAt = new Date(written.getTime() + 3_600_000 + i * 97_000);
    return {
      id: uuidFrom(name),
      checksum: createHash("sha256").update(`-- ${name}\n`).digest("hex"),
      finishedAt: new Date(startedAt.getTime() + 180 + steps * 37),
      migrationName: name,
      logs: null,
      rolledBackAt: null,
      startedAt,
      appliedStepsCount: 1,
    };
  });
  const written = new Date(Math.floor((anchor.getTime() - DAY) / DAY) * DAY + 12 * 3_600_000);
  const name = `${migrationTimestamp(written)}_${ROLLED_BACK_MIGRATION_SUFFIX}`;
  const startedAt = new Date(written.getTime() + 2 * 3_600_000);
  rows.push({
    id: uuidFrom(name),
    checksum: createHash("sha256").update(`-- ${name}\n`).digest("hex"),
    finishedAt: null,
    migrationName: name,
    logs:
      `A migration failed to apply. New migrations cannot be applied before the error is recovered from. ` +
      `Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n` +
      `Migration name: ${name}\n\nDatabase error code: 23502\n\nDatabase error:\n` +
      `ERROR: column "brandId" of relation "Campaign" contains null values\n`,
    rolledBackAt: new Date(startedAt.getTime() + 25 * 60_000),
    startedAt,
    appliedStepsCount: 0,
  });
  return rows;
}

/** One parameterised INSERT for the whole history. */
export function prismaMigrationsInsert(rows: PrismaMigrationRow[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const base = values.length;
    values.push(
      row.id,
      row.checksum,
      row.finishedAt,
      row.migrationName,
      row.logs,
      row.rolledBackAt,
      row.startedAt,
      row.appliedStepsCount,
    );
    return `(${Array.from({ length: 8 }, (_, i) => `$${base + i + 1}`).join(", ")})`;
  });
  return {
    text:
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) ` +
      `VALUES ${tuples.join(", ")}`,
    values,
  };
}
