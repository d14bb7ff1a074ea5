/**
 * Which column tells when a table last changed. Pure.
 *
 * "updated"-like names win over "created"-like ones (a table that is only ever inserted into still
 * shows its last insert). Names are compared case-insensitively with underscores removed, so
 * `updatedAt`, `updated_at` and `UPDATED_AT` all match.
 */

const UPDATED_LIKE = [
  "updatedat",
  "updatedon",
  "updatedtime",
  "updatetime",
  "modifiedat",
  "modifiedon",
  "lastmodified",
  "lastmodifiedat",
  "lastupdated",
  "lastupdatedat",
  "changedat",
  "updated",
  "modified",
];

const CREATED_LIKE = ["createdat", "createdon", "insertedat", "createdtime", "created", "inserted"];

const RANKED = [...UPDATED_LIKE, ...CREATED_LIKE];

export type ActivityColumnType = "timestamptz" | "timestamp" | "date";

function normalise(name: string): string {
  return name.toLowerCase().replaceAll("_", "");
}

/** Rank of a column name as an activity column (lower is better), or -1 when it is not one. */
export function activityColumnRank(name: string): number {
  return RANKED.indexOf(normalise(name));
}

/** Maps a formatted type (`timestamp(3) without time zone`, `timestamptz`, `date`) to what we can read. */
export function activityColumnType(formattedType: string): ActivityColumnType | null {
  const t = formattedType.toLowerCase();
  if (t.endsWith("]")) return null; // an array of times
  if (t === "date") return "date";
  if (
    t.startsWith("timestamptz") ||
    (t.startsWith("timestamp") && t.includes("with time zone") && !t.includes("without"))
  )
    return "timestamptz";
  if (t.startsWith("timestamp")) return "timestamp";
  return null;
}

/** Column names worth probing, best first. */
export function activityColumnCandidates(columns: ReadonlyArray<{ name: string; type: string }>): string[] {
  return columns
    .filter((c) => activityColumnRank(c.name) >= 0 && activityColumnType(c.type) !== null)
    .sort((a, b) => activityColumnRank(a.name) - activityColumnRank(b.name))
    .map((c) => c.name);
}

/**
 * SQL for the newest value of `column` (already quoted) as timestamptz. A `timestamp without time
 * zone` is read as UTC, which is what ORMs such as Prisma store in it.
 */
export function activityMaxSql(quotedColumn: string, type: ActivityColumnType, from?: string): string {
  const max = from ? `(select max(${quotedColumn}) from ${from})` : `max(${quotedColumn})`;
  if (type === "timestamptz") return max;
  if (type === "timestamp") return `(${max} at time zone 'UTC')`;
  return `(${max}::timestamp at time zone 'UTC')`;
}
