import { z } from "zod";

/**
 * Targets come from environment variables, one group per target:
 *   TARGET_IDS=breakco-prod,staging
 *   TARGET_BREAKCO_PROD_NAME="Breakco production"
 *   TARGET_BREAKCO_PROD_READ_ONLY_URL=postgres://incident_room_ro:…@host/db      (required)
 *   TARGET_BREAKCO_PROD_PRIVILEGED_URL=postgres://incident_room_restore:…@host/db (optional)
 *   TARGET_BREAKCO_PROD_RECOVERY_SOURCES="pitr=postgres://…;staging=postgres://…" (optional)
 *   TARGET_BREAKCO_PROD_EXPECTED_TABLES="public.Campaign,public.User"            (optional)
 *   TARGET_BREAKCO_PROD_CRITICAL_TABLES="public.Talent,public.Deal"              (optional)
 * Pure: takes the environment as an argument.
 */

export interface RecoverySourceConfig {
  name: string;
  url: string;
}

export interface TargetConfig {
  id: string;
  name: string;
  readOnlyUrl: string;
  privilegedUrl: string | null;
  recoverySources: RecoverySourceConfig[];
  expectedTables: string[];
  criticalTables: string[];
}

const targetIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "target ids use lowercase letters, digits and dashes");

const postgresUrlSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === "postgres:" || url.protocol === "postgresql:";
  } catch {
    return false;
  }
}, "must be a postgres:// or postgresql:// URL");

export function targetEnvPrefix(id: string): string {
  return `TARGET_${id.toUpperCase().replaceAll("-", "_")}_`;
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseTargets(env: Record<string, string | undefined>): {
  targets: TargetConfig[];
  errors: string[];
} {
  const errors: string[] = [];
  const targets: TargetConfig[] = [];
  const ids = list(env.TARGET_IDS);
  const seen = new Set<string>();
  for (const id of ids) {
    if (!targetIdSchema.safeParse(id).success) {
      errors.push(`TARGET_IDS: "${id}" is not a valid id (lowercase letters, digits and dashes)`);
      continue;
    }
    if (seen.has(id)) {
      errors.push(`TARGET_IDS: "${id}" is listed twice`);
      continue;
    }
    seen.add(id);
    const prefix = targetEnvPrefix(id);
    const readOnlyUrl = env[`${prefix}READ_ONLY_URL`];
    if (!readOnlyUrl) {
      errors.push(`${prefix}READ_ONLY_URL is required for target "${id}"`);
      continue;
    }
    if (!postgresUrlSchema.safeParse(readOnlyUrl).success) {
      errors.push(`${prefix}READ_ONLY_URL must be a postgres:// URL`);
      continue;
    }
    const privilegedUrl = env[`${prefix}PRIVILEGED_URL`] || null;
    if (privilegedUrl && !postgresUrlSchema.safeParse(privilegedUrl).success) {
      errors.push(`${prefix}PRIVILEGED_URL must be a postgres:// URL`);
      continue;
    }
    const recoverySources: RecoverySourceConfig[] = [];
    for (const entry of (env[`${prefix}RECOVERY_SOURCES`] ?? "").split(";").filter((s) => s.trim())) {
      const eq = entry.indexOf("=");
      const name = entry.slice(0, eq).trim();
      const url = entry.slice(eq + 1).trim();
      if (eq <= 0 || !postgresUrlSchema.safeParse(url).success) {
        errors.push(`${prefix}RECOVERY_SOURCES: each entry is name=postgres://… separated by ";"`);
        continue;
      }
      recoverySources.push({ name, url });
    }
    targets.push({
      id,
      name: env[`${prefix}NAME`]?.trim() || id,
      readOnlyUrl,
      privilegedUrl,
      recoverySources,
      expectedTables: list(env[`${prefix}EXPECTED_TABLES`]),
      criticalTables: list(env[`${prefix}CRITICAL_TABLES`]),
    });
  }
  return { targets, errors };
}

/** "postgres://user:secret@host:5432/db?x" → "postgres://user:***@host:5432/db". Never shows a password. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    const user = url.username ? `${url.username}${url.password ? ":***" : ""}@` : "";
    return `${url.protocol}//${user}${url.host}${url.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}
