import type { Catalog, ReferentialAction, TableKind } from "../introspect/types";
import { closureByName, computeCascadeClosure } from "./closure";
import { buildGraph } from "./graph";

/**
 * The stable JSON of a cascade graph: what `incident-room graph --json` prints and what
 * `GET /api/v1/targets/{id}/graph` answers (issue 3, "JSON shapes"). Pure.
 */
export interface GraphJsonTable {
  name: string;
  kind: TableKind;
  partitionOf: string | null;
  primaryKey: string[];
  estimatedRows: number;
}

export interface GraphJsonForeignKey {
  name: string;
  child: string;
  childColumns: string[];
  parent: string;
  parentColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  deferrable: boolean;
  validated: boolean;
  indexed: boolean;
}

export interface GraphJson {
  tables: GraphJsonTable[];
  foreignKeys: GraphJsonForeignKey[];
  /** Every table → the tables its deletes can cascade into, by depth then name. */
  cascadeClosure: Record<string, string[]>;
}

/** Tables and FKs only: what the graph page needs (it computes closures itself, per selection). */
export type GraphJsonWithoutClosure = Omit<GraphJson, "cascadeClosure">;

export function graphJsonWithoutClosure(catalog: Catalog): GraphJsonWithoutClosure {
  return {
    tables: catalog.tables.map((t) => ({
      name: t.name,
      kind: t.kind,
      partitionOf: t.partitionOf,
      primaryKey: t.primaryKey,
      estimatedRows: t.estimatedRows,
    })),
    foreignKeys: catalog.foreignKeys.map((k) => ({
      name: k.name,
      child: k.child,
      childColumns: k.childColumns,
      parent: k.parent,
      parentColumns: k.parentColumns,
      onDelete: k.onDelete,
      onUpdate: k.onUpdate,
      deferrable: k.deferrable,
      validated: k.validated,
      indexed: k.indexed,
    })),
  };
}

export function graphJson(catalog: Catalog): GraphJson {
  const graph = buildGraph(catalog);
  return {
    ...graphJsonWithoutClosure(catalog),
    cascadeClosure: closureByName(computeCascadeClosure(graph)),
  };
}
