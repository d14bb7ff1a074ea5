/**
 * The demo target: the database `npm run demo` monitors. It mirrors the incident report's Prisma app
 * (User → Talent ON DELETE CASCADE and ~28 tables hanging off Talent), fills it with deterministic data,
 * takes a physical base backup, and replays the incident.
 */
export { buildDemoTarget, databaseUrl, type BuildDemoTargetOptions, type DemoTargetInfo } from "./build";
export { takeBaseBackup, type BaseBackup, type BaseBackupOptions } from "./backup";
export { RECREATED_USERS, replayIncident, SURVIVING_EMAILS, type ReplayedIncident } from "./incident";
export { demoTargetSettings } from "./settings";
export { PRIVILEGED_ROLE, READ_ONLY_ROLE } from "./roles";
export { ROLLED_BACK_MIGRATION_SUFFIX } from "./migrations";
export { DEMO_CRITICAL_TABLES, DEMO_EXPECTED_TABLES, DEMO_TABLE_NAMES } from "./schema-tables";
export { DEMO_FOREIGN_KEYS } from "./schema-constraints";
