import "server-only";
import { desc } from "drizzle-orm";
import { getDb } from "../db/client";
import { incidents } from "../db/schema";

export async function listIncidents(limit = 50) {
  return getDb().select().from(incidents).orderBy(desc(incidents.openedAt)).limit(limit);
}
