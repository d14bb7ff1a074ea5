import type { TableHealth } from "./types";

/**
 * Gives every partitioned parent the sums of its partitions (rows, tuples, counters, size), the
 * newest activity among them, and names each partition's parent. Sub-partitioned trees are summed
 * level by level. A parent's rows are exact only when every partition's are. Pure; mutates and
 * returns the given tables in their order.
 */
export function rollUpPartitions(
  items: Array<{ health: TableHealth; parentOid: number | null }>,
): TableHealth[] {
  const byOid = new Map(items.map((x) => [x.health.oid, x.health]));
  const children = new Map<number, TableHealth[]>();
  for (const { health, parentOid } of items) {
    if (parentOid === null) continue;
    const parent = byOid.get(parentOid);
    if (parent) health.partitionOf = parent.name;
    const list = children.get(parentOid) ?? [];
    list.push(health);
    children.set(parentOid, list);
  }
  const done = new Set<number>();
  const visit = (t: TableHealth, depth: number) => {
    if (t.kind !== "partitioned" || done.has(t.oid) || depth > 64) return;
    done.add(t.oid);
    const parts = children.get(t.oid) ?? [];
    for (const p of parts) visit(p, depth + 1);
    const sum = (f: (p: TableHealth) => number) => parts.reduce((acc, p) => acc + f(p), 0);
    t.rows = sum((p) => p.rows);
    t.rowsExact = parts.every((p) => p.rowsExact);
    t.rowsSource = "partitions";
    t.liveTuples = sum((p) => p.liveTuples);
    t.deadTuples = sum((p) => p.deadTuples);
    t.insertedTuples = sum((p) => p.insertedTuples);
    t.updatedTuples = sum((p) => p.updatedTuples);
    t.deletedTuples = sum((p) => p.deletedTuples);
    t.sizeBytes = sum((p) => p.sizeBytes);
    t.sizeExact = parts.every((p) => p.sizeExact === true);
    const newest = parts
      .filter((p) => p.lastActivityAt !== null)
      .sort((a, b) => (a.lastActivityAt! < b.lastActivityAt! ? 1 : -1))[0];
    t.lastActivityAt = newest?.lastActivityAt ?? null;
    t.lastActivityColumn = newest?.lastActivityColumn ?? null;
  };
  for (const { health } of items) visit(health, 0);
  return items.map((x) => x.health);
}
