import type { ReferentialAction } from "../introspect/types";
import { closureOf, type CascadeClosure, type ClosureEntry } from "./closure";
import { tableIndex, type FkGraph } from "./graph";

/**
 * What a delete from one table can do, at table level (the row-level answer is blast-radius.ts):
 * which tables lose rows through CASCADE, which children get columns set to NULL / their default,
 * and which FKs (RESTRICT / NO ACTION) can make the whole delete fail — at every level of the
 * cascade, not only the root's direct children.
 */
export interface DeleteEffects {
  table: string;
  /** Tables that can lose rows, with depth (the root's closure). */
  cascades: ClosureEntry[];
  /** Children whose FK columns are set to NULL or to their default. */
  setNullOrDefault: SetEffect[];
  /** FKs that can block the delete. */
  blockers: Blocker[];
}

interface FiredFk {
  foreignKey: string;
  /** Table holding the FK (its rows are changed or block). */
  child: string;
  /** Table whose deleted rows fire the FK: the root or a table in its closure. */
  from: string;
  /** Depth of `from` in the cascade: 0 for the root itself. */
  level: number;
}

export interface SetEffect extends FiredFk {
  action: Extract<ReferentialAction, "SET NULL" | "SET DEFAULT">;
  columns: string[];
  /** Set columns declared NOT NULL: a SET NULL there makes the delete fail instead. */
  notNullColumns: string[];
}

export interface Blocker extends FiredFk {
  action: Extract<ReferentialAction, "RESTRICT" | "NO ACTION">;
  /** DEFERRABLE INITIALLY DEFERRED NO ACTION: checked at commit, not at the statement. */
  checkedAtCommit: boolean;
  /**
   * The child itself loses rows in this delete (it is the root or in its closure). The delete can still fail: RESTRICT (and a
   * non-deferred NO ACTION) may be checked before the cascade reaches the referencing rows.
   */
  childInCascade: boolean;
}

export function deleteEffects(graph: FkGraph, closure: CascadeClosure, table: string): DeleteEffects {
  const root = tableIndex(graph, table);
  const cascades = closureOf(closure, graph, table);
  const levels = new Map<number, number>([[root, 0]]);
  for (const entry of cascades) {
    const v = graph.indexOf.get(entry.table)!;
    if (!levels.has(v)) levels.set(v, entry.depth);
  }

  // Each FK once, fired from the shallowest table that reaches it.
  const firstFired = new Map<number, { from: number; level: number }>();
  for (const [v, level] of [...levels].sort((a, b) => a[1] - b[1] || a[0] - b[0])) {
    for (const k of graph.firedBy[v]!) if (!firstFired.has(k)) firstFired.set(k, { from: v, level });
  }

  const setNullOrDefault: SetEffect[] = [];
  const blockers: Blocker[] = [];
  for (const [k, { from, level }] of firstFired) {
    const fk = graph.foreignKeys[k]!;
    const fired: FiredFk = { foreignKey: fk.name, child: fk.child, from: graph.names[from]!, level };
    if (fk.onDelete === "SET NULL" || fk.onDelete === "SET DEFAULT") {
      const columns = fk.onDeleteSetColumns ?? fk.childColumns;
      const childTable = graph.tables[graph.childOf[k]!]!;
      const notNullColumns =
        fk.onDelete === "SET NULL"
          ? columns.filter((c) => childTable.columns.find((col) => col.name === c)?.nullable === false)
          : [];
      setNullOrDefault.push({ ...fired, action: fk.onDelete, columns, notNullColumns });
    } else if (fk.onDelete === "RESTRICT" || fk.onDelete === "NO ACTION") {
      blockers.push({
        ...fired,
        action: fk.onDelete,
        checkedAtCommit: fk.onDelete === "NO ACTION" && fk.deferrable && fk.initiallyDeferred,
        childInCascade: graph.landsOn[k]!.some((t) => levels.has(t)),
      });
    }
  }
  const byLevel = (a: FiredFk, b: FiredFk) =>
    a.level - b.level || compare(a.child, b.child) || compare(a.foreignKey, b.foreignKey);
  return {
    table,
    cascades,
    setNullOrDefault: setNullOrDefault.sort(byLevel),
    blockers: blockers.sort(byLevel),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
