/** Shapes stored beside a health sample in the control plane. Pure data. */

export interface MigrationEntry {
  name: string;
  /** ISO: when it finished (applied), was rolled back, or started (failed). */
  at: string | null;
}

/** What the target app's migration table says (Prisma's `_prisma_migrations`, drizzle's `__drizzle_migrations`). */
export interface MigrationHistory {
  tool: "prisma" | "drizzle";
  /** "schema.table" of the migration table. */
  table: string;
  applied: number;
  latestApplied: MigrationEntry | null;
  /** Prisma: marked rolled back (`prisma migrate resolve --rolled-back`). Newest first. */
  rolledBack: MigrationEntry[];
  /** Prisma: started, never finished, not rolled back. Newest first. */
  failed: MigrationEntry[];
  /** Relation names that rolled-back or failed migrations' error logs mention (e.g. "Campaign"). */
  relationsInErrors: string[];
}

export interface SampleMeta {
  migrations: MigrationHistory[];
  /** Duration of the pass (introspection included), ms. */
  elapsedMs: number;
  exactCounts: number;
  /** Index max() lookups of last activity, and tables whose last activity was carried over from the previous sample (absent in older samples). */
  activityLookups?: number;
  activityCarried?: number;
  /** Tables another session held exclusively, so neither counted nor looked up (absent in older samples). */
  lockedTables?: number;
  /** Replica that took the sample. */
  sampler: string;
}
