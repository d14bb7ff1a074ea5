"use client";

import { useEffect, useMemo, useState } from "react";
import type { LayoutInput, Positions } from "./fast-layout";
import { computeLayout, type LayoutEngineName } from "./layout-engine";
import { layoutWorker, nextLayoutRequestId } from "./layout-worker";

export interface LayoutState {
  positions: Positions | null;
  engine: LayoutEngineName | null;
  ms: number | null;
  /** "worker" normally; "main-thread" where Web Workers are unavailable. */
  where: "worker" | "main-thread" | null;
  error: string | null;
}

interface WorkerAnswer {
  id: number;
  positions?: Positions;
  engine?: LayoutEngineName;
  ms?: number;
  error?: string;
}

/** A layout asked for: its answer once it is in (null until then). */
interface LayoutRequest {
  answer: LayoutState | null;
  done: Promise<LayoutState>;
}

const EMPTY: LayoutState = { positions: null, engine: null, ms: null, where: null, error: null };

function inWorker(worker: Worker, input: LayoutInput): Promise<LayoutState> {
  const id = nextLayoutRequestId();
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent<WorkerAnswer>) => {
      if (event.data.id !== id) return;
      worker.removeEventListener("message", onMessage);
      const { positions, engine, ms, error } = event.data;
      resolve(
        error || !positions
          ? { ...EMPTY, error: error ?? "layout failed" }
          : { positions, engine: engine ?? null, ms: ms ?? null, where: "worker", error: null },
      );
    };
    worker.addEventListener("message", onMessage);
    worker.postMessage({ id, input });
  });
}

function onMainThread(input: LayoutInput): Promise<LayoutState> {
  return computeLayout(input).then(
    (result) => ({ ...result, where: "main-thread" as const, error: null }),
    (error: unknown) => ({ ...EMPTY, error: error instanceof Error ? error.message : String(error) }),
  );
}

/** One request per input object: asking again for the same (memoized) input shares it. */
const requests = new WeakMap<LayoutInput, LayoutRequest>();
function requestLayout(input: LayoutInput): LayoutRequest {
  const known = requests.get(input);
  if (known) return known;
  const worker = layoutWorker();
  performance.mark("graph:layout-asked");
  const request: LayoutRequest = {
    answer: null,
    done: (worker ? inWorker(worker, input) : onMainThread(input)).then((answer) => {
      request.answer = answer;
      return answer;
    }),
  };
  requests.set(input, request);
  return request;
}

/** A failed layout keeps the positions shown before it, with the error. */
const after = (shown: LayoutState, answer: LayoutState): LayoutState =>
  answer.positions ? answer : { ...shown, error: answer.error };

/**
 * Lays out `input` (memoize it) in a Web Worker; re-runs when it changes. The latest input wins;
 * until its layout is in, the previous positions stay.
 *
 * The layout is asked for while this renders, not in an effect after the commit: the worker
 * then lays out while React finishes the render and commits it (on the 1,000-table graph's first
 * visit that render and commit took 0.2–0.4 s in traces), and an answer that is already in shows in the same render.
 * Asking is idempotent per input object, so a render React throws away costs nothing more.
 */
export function useLayout(input: LayoutInput): LayoutState {
  const request = useMemo(() => requestLayout(input), [input]);
  const [shown, setShown] = useState<LayoutState>(EMPTY);
  useEffect(() => {
    let current = true;
    void request.done.then((answer) => {
      if (current) setShown((s) => after(s, answer));
    });
    return () => {
      current = false;
    };
  }, [request]);
  return request.answer && request.answer.positions !== shown.positions
    ? after(shown, request.answer)
    : shown;
}
