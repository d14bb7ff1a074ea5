import { z } from "zod";
import { parseTargets, type TargetConfig } from "./targets-config";

/**
 * The validated server configuration. Read once per process; a bad environment fails start-up with
 * every problem listed, so an operator fixes them in one go.
 */

export interface AppConfig {
  databaseUrl: string;
  authSecret: string;
  appUrl: string;
  targets: TargetConfig[];
  sampleIntervalSeconds: number;
}

const schema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required (the control-plane PostgreSQL database)" })
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "DATABASE_URL must be a postgres:// URL"),
  BETTER_AUTH_SECRET: z
    .string({ error: "BETTER_AUTH_SECRET is required (32+ random characters; e.g. `openssl rand -hex 32`)" })
    .min(32, "BETTER_AUTH_SECRET must be at least 32 characters"),
  APP_URL: z.url("APP_URL must be a URL like https://incidents.example.com").default("http://localhost:3000"),
  SAMPLE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join("\n  - ")}\nSee .env.example and the README.`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => issue.message));
  const { targets, errors } = parseTargets(env);
  problems.push(...errors);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    authSecret: parsed.data.BETTER_AUTH_SECRET,
    appUrl: parsed.data.APP_URL,
    targets,
    sampleIntervalSeconds: parsed.data.SAMPLE_INTERVAL_SECONDS,
  };
}

let cached: AppConfig | undefined;

export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
