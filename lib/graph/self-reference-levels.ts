/**
 * Orders the rows of a self-referencing table for insertion, level by level: level 0 holds rows
 * whose parent key is null or points outside the given rows (it must already exist), level 1 the
 * rows referencing level 0, and so on. Rows caught in a reference cycle among themselves cannot be
 * levelled; they are returned in `cyclic` (insert them with the FK columns NULL, or deferred). Pure.
 */
export interface RowLevels<T> {
  levels: T[][];
  cyclic: T[];
}

export function selfReferenceLevels<T>(
  rows: T[],
  keyOf: (row: T) => string,
  parentKeyOf: (row: T) => string | null,
): RowLevels<T> {
  const byKey = new Map<string, number>();
  rows.forEach((row, i) => byKey.set(keyOf(row), i));
  const children: number[][] = rows.map(() => []);
  const levelOf = new Int32Array(rows.length).fill(-1);
  let frontier: number[] = [];
  rows.forEach((row, i) => {
    const parentKey = parentKeyOf(row);
    const parent = parentKey === null ? undefined : byKey.get(parentKey);
    if (parent === undefined || parent === i) frontier.push(i);
    else children[parent]!.push(i);
  });
  const levels: T[][] = [];
  while (frontier.length > 0) {
    const level = levels.length;
    levels.push(frontier.map((i) => rows[i]!));
    const next: number[] = [];
    for (const i of frontier) {
      levelOf[i] = level;
      for (const c of children[i]!) next.push(c);
    }
    frontier = next;
  }
  return { levels, cyclic: rows.filter((_, i) => levelOf[i] === -1) };
}
