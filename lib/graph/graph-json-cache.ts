import { graphJson, type GraphJson } from "../cli/commands/graph";
import { AppError } from "../errors";
import { introspect } from "../introspect/introspect";
import type { Catalog } from "../introspect/types";
import { describeConnectionError } from "../targets/errors";
import { getReadOnlyPool, getTarget } from "../targets/registry";
import { compactGraph } from "./compact-graph";
import { dangerReport, type DangerReport } from "./danger-report";

/**
 * The web app's view of a target's cascade graph: the introspected catalog, cached per target for a
 * short time so that the graph page, its API and the blast-radius explorer do not each read
 * pg_catalog again (a big schema takes a few hundred ms to introspect). An entry is good for
 * CATALOG_TTL_MS after it was read, or after the health sampler last checked it against the
 * schema's fingerprint (adoptTargetCatalog), which it does every interval. Server side only: it
 * uses the target registry's read-only pool. Nothing here is state that matters — a replica
 * without the cache reads the catalog again.
 */

export const CATALOG_TTL_MS = 30_000;

interface Entry {
  /** When the catalog was known to match the schema: read, or fingerprint-checked by the sampler. */
  at: number;
  catalog: Promise<Catalog>;
}

interface Derived {
  json?: GraphJson;
  compactBody?: string;
  danger?: DangerReport;
}

// On globalThis, not in module scope: Next.js bundles the instrumentation hook (where the sampler
// hands catalogs over) apart from the routes, each with its own copy of this module.
const globalForCache = globalThis as unknown as {
  incidentRoomCatalogs?: Map<string, Entry>;
  incidentRoomCatalogsDerived?: WeakMap<Catalog, Derived>;
};
const derived = (globalForCache.incidentRoomCatalogsDerived ??= new WeakMap());

/**
 * The catalog of a configured target, with when it was last known to match the schema (read, or
 * checked by the sampler); TARGET_UNREACHABLE (503) when it cannot be read.
 */
export async function getTargetCatalog(targetId: string): Promise<{ catalog: Catalog; checkedAt: Date }> {
  getTarget(targetId); // NOT_FOUND for an unknown id, before any connection
  const cache = (globalForCache.incidentRoomCatalogs ??= new Map());
  let entry = cache.get(targetId);
  if (!entry || Date.now() - entry.at > CATALOG_TTL_MS) {
    const at = Date.now();
    const catalog = readCatalog(targetId);
    entry = { at, catalog };
    cache.set(targetId, entry);
    // A failure is not cached: the next request tries again.
    catalog.catch(() => {
      if (cache.get(targetId) === entry) cache.delete(targetId);
    });
  }
  return { catalog: await entry.catalog, checkedAt: new Date(entry.at) };
}

/**
 * Starts reading a reachable target's catalog in the background, if it is not cached: the target's
 * pages call it, so that a responder who goes on to the cascade graph (or the blast-radius API)
 * finds it read — on a 5,000-table schema that is 0.5–1 s off the graph's first visit. At most one
 * read per target per CATALOG_TTL_MS, shared with every other caller; failures are left to them.
 */
export function warmTargetCatalog(targetId: string): void {
  getTargetCatalog(targetId).then(
    ({ catalog }) => prepareInBackground(targetId, catalog),
    () => {},
  );
}

/**
 * Takes a catalog the health sampler has just checked against the schema's fingerprint (see
 * lib/introspect/fingerprint.ts): with the sampler running, the graph never reads the catalog
 * itself, so a first visit to a 5,000-table graph does not wait 0.5–1 s for it.
 */
export function adoptTargetCatalog(targetId: string, catalog: Catalog, checkedAt: Date): void {
  const at = checkedAt.getTime();
  const cache = (globalForCache.incidentRoomCatalogs ??= new Map());
  const entry = cache.get(targetId);
  if (entry && entry.at > at) return; // a read that started later is already cached
  cache.set(targetId, { at, catalog: Promise.resolve(catalog) });
  prepareInBackground(targetId, catalog);
}

/**
 * Computes what the graph page and its API derive from a catalog (0.1–0.2 s for 5,000 tables on a
 * cold server) once the request in progress is served, so that the first visit after a new
 * catalog does not wait for it. Memoised per catalog: a no-op when already done.
 */
function prepareInBackground(targetId: string, catalog: Catalog) {
  setImmediate(() => {
    try {
      cachedCompactGraphBody(catalog);
      cachedDangerReport(catalog, getTarget(targetId).criticalTables);
    } catch {
      // A target removed meanwhile, or a bug that the page's own request will report.
    }
  });
}

async function readCatalog(targetId: string): Promise<Catalog> {
  let client;
  try {
    client = await getReadOnlyPool(targetId).connect();
  } catch (error) {
    throw new AppError(
      "TARGET_UNREACHABLE",
      `Target "${targetId}" is unreachable: ${describeConnectionError(error)}`,
    );
  }
  try {
    return await introspect(client);
  } catch (error) {
    throw new AppError(
      "TARGET_UNREACHABLE",
      `Could not read the catalog of "${targetId}": ${describeConnectionError(error)}`,
    );
  } finally {
    client.release();
  }
}

/** `incident-room graph --json` for the cached catalog (computed once per catalog). */
export function cachedGraphJson(catalog: Catalog): GraphJson {
  let memo = derived.get(catalog);
  if (!memo) derived.set(catalog, (memo = {}));
  return (memo.json ??= graphJson(catalog));
}

/** The graph page's compact graph (lib/graph/compact-graph.ts) as JSON text (serialized once per catalog). */
export function cachedCompactGraphBody(catalog: Catalog): string {
  let memo = derived.get(catalog);
  if (!memo) derived.set(catalog, (memo = {}));
  return (memo.compactBody ??= JSON.stringify(compactGraph(cachedGraphJson(catalog))));
}

/**
 * The danger report with the target's configured critical tables (computed once per catalog: a
 * target's critical tables come from the environment, fixed for the life of the server).
 */
export function cachedDangerReport(catalog: Catalog, criticalTables: string[]): DangerReport {
  let memo = derived.get(catalog);
  if (!memo) derived.set(catalog, (memo = {}));
  return (memo.danger ??= dangerReport(catalog, { criticalTables }));
}

/** Drops a target's cached catalog (e.g. after a hardening migration ran). */
export function forgetTargetCatalog(targetId: string) {
  globalForCache.incidentRoomCatalogs?.delete(targetId);
}
