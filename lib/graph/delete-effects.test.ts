import { describe, expect, it } from "vitest";
import { catalogOf } from "./catalog-builder";
import { computeCascadeClosure } from "./closure";
import { deleteEffects } from "./delete-effects";
import { buildGraph } from "./graph";

describe("deleteEffects", () => {
  const graph = buildGraph(
    catalogOf(
      [
        "p.user",
        "p.talent",
        "p.deal",
        { name: "p.invoice", notNull: ["deal_id"] },
        "p.note",
        "p.alias",
        "p.audit",
        "p.review",
        "p.archive",
      ],
      [
        { child: "p.talent", parent: "p.user", onDelete: "CASCADE", name: "talent_user" },
        { child: "p.deal", parent: "p.talent", onDelete: "CASCADE", name: "deal_talent" },
        { child: "p.alias", parent: "p.user", onDelete: "SET DEFAULT", name: "alias_user" },
        { child: "p.note", parent: "p.talent", onDelete: "SET NULL", name: "note_talent" },
        {
          child: "p.invoice",
          parent: "p.deal",
          onDelete: "SET NULL",
          name: "invoice_deal",
          onDeleteSetColumns: ["deal_id"],
        },
        { child: "p.audit", parent: "p.user", onDelete: "RESTRICT", name: "audit_user" },
        {
          child: "p.review",
          parent: "p.deal",
          onDelete: "NO ACTION",
          name: "review_deal",
          deferrable: true,
          initiallyDeferred: true,
        },
        // a NO ACTION child that the cascade itself also deletes from
        {
          child: "p.deal",
          parent: "p.user",
          onDelete: "NO ACTION",
          name: "deal_owner",
          childColumns: ["owner_id"],
        },
        { child: "p.archive", parent: "p.note", onDelete: "RESTRICT", name: "archive_note" },
      ],
    ),
  );
  const closure = computeCascadeClosure(graph);

  it("lists SET NULL / SET DEFAULT children and blockers at every level of the cascade", () => {
    const effects = deleteEffects(graph, closure, "p.user");
    expect(effects.cascades).toEqual([
      { table: "p.talent", depth: 1 },
      { table: "p.deal", depth: 2 },
    ]);
    expect(effects.setNullOrDefault).toEqual([
      {
        foreignKey: "alias_user",
        child: "p.alias",
        from: "p.user",
        level: 0,
        action: "SET DEFAULT",
        columns: ["user_id"],
        notNullColumns: [],
      },
      {
        foreignKey: "note_talent",
        child: "p.note",
        from: "p.talent",
        level: 1,
        action: "SET NULL",
        columns: ["talent_id"],
        notNullColumns: [],
      },
      {
        foreignKey: "invoice_deal",
        child: "p.invoice",
        from: "p.deal",
        level: 2,
        action: "SET NULL",
        columns: ["deal_id"],
        notNullColumns: ["deal_id"],
      },
    ]);
    expect(effects.blockers).toEqual([
      {
        foreignKey: "audit_user",
        child: "p.audit",
        from: "p.user",
        level: 0,
        action: "RESTRICT",
        checkedAtCommit: false,
        childInCascade: false,
      },
      {
        foreignKey: "deal_owner",
        child: "p.deal",
        from: "p.user",
        level: 0,
        action: "NO ACTION",
        checkedAtCommit: false,
        childInCascade: true,
      },
      {
        foreignKey: "review_deal",
        child: "p.review",
        from: "p.deal",
        level: 2,
        action: "NO ACTION",
        checkedAtCommit: true,
        childInCascade: false,
      },
    ]);
  });

  it("does not follow SET NULL children: their own children are untouched", () => {
    const effects = deleteEffects(graph, closure, "p.user");
    expect(effects.blockers.map((b) => b.foreignKey)).not.toContain("archive_note");
    expect(deleteEffects(graph, closure, "p.note").blockers.map((b) => b.foreignKey)).toEqual([
      "archive_note",
    ]);
  });
});
