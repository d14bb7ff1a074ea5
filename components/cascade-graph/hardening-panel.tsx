"use client";

import { useMemo, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/auth/action";
import type { HardeningMigration } from "@/lib/graph/hardening";
import { Button } from "@/components/ui/button";
import { shortName, type DeleteEffectsView, type GraphModel } from "./model";

export type GenerateHardening = (input: {
  targetId: string;
  foreignKeys: { child: string; name: string }[];
  softDelete: boolean;
  lockTimeout: string;
}) => Promise<ActionResult<HardeningMigration>>;

type Tab = "sql" | "prisma" | "drizzle";

/**
 * A cascade from a hub table can fire hundreds of FKs; the list shows the first ones (the root's own
 * CASCADEs, ticked by default, come first) and the rest on request. Every ticked FK stays listed.
 */
const LISTED_AT_FIRST = 30;

/**
 * Hardening generator for the selected table's cascade: tick the FKs to turn into ON DELETE
 * RESTRICT and get the migration (SQL with minimal locking, Prisma and drizzle edits). It only
 * writes text: nothing runs against the target from here.
 */
export function HardeningPanel({
  targetId,
  model,
  effects,
  generate,
}: {
  targetId: string;
  model: GraphModel;
  effects: DeleteEffectsView;
  generate: GenerateHardening;
}) {
  const candidates = useMemo(
    () =>
      [...effects.fired]
        .map((i) => ({ i, fk: model.foreignKeys[i]! }))
        .filter(
          ({ fk }) =>
            fk.onDelete === "CASCADE" || fk.onDelete === "SET NULL" || fk.onDelete === "SET DEFAULT",
        )
        .sort(
          (a, b) =>
            Number(b.fk.parent === effects.root) - Number(a.fk.parent === effects.root) ||
            Number(b.fk.onDelete === "CASCADE") - Number(a.fk.onDelete === "CASCADE") ||
            (a.fk.child < b.fk.child ? -1 : a.fk.child > b.fk.child ? 1 : 0),
        ),
    [effects, model],
  );
  const [selected, setSelected] = useState<Set<number>>(
    () =>
      new Set(
        candidates
          .filter(({ fk }) => fk.parent === effects.root && fk.onDelete === "CASCADE")
          .map(({ i }) => i),
      ),
  );
  const [softDelete, setSoftDelete] = useState(false);
  const [migration, setMigration] = useState<HardeningMigration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("sql");
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const [showAll, setShowAll] = useState(false);

  if (candidates.length === 0) {
    return (
      <p className="text-slate-600">
        No CASCADE or SET NULL foreign key is fired by this delete: nothing to harden.
      </p>
    );
  }

  const listed = showAll
    ? candidates
    : candidates.filter(({ i }, n) => n < LISTED_AT_FIRST || selected.has(i));
  const text = migration ? migration[tab] : "";
  const submit = () =>
    startTransition(async () => {
      setError(null);
      setCopied(false);
      const result = await generate({
        targetId,
        foreignKeys: [...selected].map((i) => ({
          child: model.foreignKeys[i]!.child,
          name: model.foreignKeys[i]!.name,
        })),
        softDelete,
        lockTimeout: "5s",
      });
      if (result.ok) setMigration(result.data);
      else setError(result.message);
    });

  return (
    <div className="space-y-2" data-testid="hardening-panel">
      <p className="text-xs text-slate-600">
        Turn these into <strong>ON DELETE RESTRICT</strong>: a delete that would cascade then fails instead.
      </p>
      <fieldset className="max-h-40 space-y-0.5 overflow-auto">
        <legend className="sr-only">Foreign keys to harden</legend>
        {listed.map(({ i, fk }) => (
          <label key={i} className="flex items-start gap-2 text-[13px]">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={selected.has(i)}
              onChange={(e) =>
                setSelected((s) => {
                  const next = new Set(s);
                  if (e.target.checked) next.add(i);
                  else next.delete(i);
                  return next;
                })
              }
            />
            <span>
              <code>{shortName(fk.child)}</code>.{fk.childColumns.join(", ")} →{" "}
              <code>{shortName(fk.parent)}</code>{" "}
              <span className={fk.onDelete === "CASCADE" ? "font-semibold text-red-700" : "text-amber-700"}>
                {fk.onDelete}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {listed.length < candidates.length ? (
        <button
          type="button"
          className="text-xs font-medium text-slate-700 underline underline-offset-2 hover:text-slate-950"
          onClick={() => setShowAll(true)}
        >
          Show all {candidates.length} foreign keys ({candidates.length - listed.length} more)
        </button>
      ) : null}
      <label className="flex items-center gap-2 text-[13px]">
        <input type="checkbox" checked={softDelete} onChange={(e) => setSoftDelete(e.target.checked)} />
        Also add a nullable <code>deletedAt</code> column to the parent tables (soft delete)
      </label>
      <Button type="button" variant="secondary" disabled={selected.size === 0 || pending} onClick={submit}>
        {pending
          ? "Generating…"
          : `Generate migration for ${selected.size} foreign key${selected.size === 1 ? "" : "s"}`}
      </Button>
      {error ? (
        <p className="text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      {migration ? (
        <div className="space-y-1.5">
          <p className="text-xs text-slate-600">
            Nothing has run. Review it, run it in a quiet moment — or, with the restore issue, propose it as a
            plan.
          </p>
          <div role="tablist" aria-label="Migration format" className="flex gap-1">
            {(["sql", "prisma", "drizzle"] as const).map((t) => (
              <button
                key={t}
                role="tab"
                type="button"
                aria-selected={tab === t}
                onClick={() => setTab(t)}
                className={`rounded px-2 py-0.5 text-xs font-medium ${tab === t ? "bg-slate-900 text-white" : "bg-slate-100 text-slate-700"}`}
              >
                {t === "sql" ? "SQL" : t === "prisma" ? "Prisma" : "drizzle"}
              </button>
            ))}
          </div>
          <pre
            role="tabpanel"
            className="max-h-64 overflow-auto rounded bg-slate-900 p-2 text-[11px] leading-snug text-slate-100"
            data-testid="hardening-text"
          >
            {text}
          </pre>
          <div className="flex gap-2">
            <Button
              type="button"
              variant="secondary"
              onClick={() =>
                void navigator.clipboard.writeText(text).then(
                  () => setCopied(true),
                  () => setError("The browser refused to copy; select the text instead."),
                )
              }
            >
              {copied ? "Copied" : "Copy"}
            </Button>
            <a
              className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
              href={`data:application/sql;charset=utf-8,${encodeURIComponent(migration.sql)}`}
              download={migration.fileName}
            >
              Download .sql
            </a>
          </div>
        </div>
      ) : null}
    </div>
  );
}
