import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** A fresh database in the test run's PostgreSQL server, dropped by `drop()`. */
export interface ScratchDatabase {
  url: string;
  name: string;
  /** A client connected as superuser to the scratch database (for fixtures). */
  admin: pg.Client;
  drop(): Promise<void>;
}

export function serverUrl(database = "postgres"): string {
  const url = new URL(inject("pgUrl"));
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createScratchDatabase(prefix = "t"): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`.toLowerCase();
  const server = new pg.Client({ connectionString: serverUrl() });
  await server.connect();
  await server.query(`create database "${name}"`);
  await server.end();
  const url = serverUrl(name);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  return {
    url,
    name,
    admin,
    async drop() {
      await admin.end().catch(() => {});
      const s = new pg.Client({ connectionString: serverUrl() });
      await s.connect();
      await s.query(`drop database if exists "${name}" with (force)`);
      await s.end();
    },
  };
}
