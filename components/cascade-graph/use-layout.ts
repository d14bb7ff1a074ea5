"use client";

import { useEffect, useRef, useState } from "react";
import type { LayoutInput, Positions } from "./fast-layout";
import { computeLayout, type LayoutEngineName } from "./layout-engine";

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

/**
 * The worker starts as soon as this module loads in the browser, in parallel with hydration, so
 * that it is booted (elkjs included) by the time the first layout is asked for. One per tab.
 */
let sharedWorker: Worker | null | undefined;
/** Request ids are unique per tab: every canvas shares the worker. */
let nextRequestId = 1;
function layoutWorker(): Worker | null {
  if (sharedWorker === undefined) {
    try {
      sharedWorker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    } catch {
      sharedWorker = null;
    }
  }
  return sharedWorker;
}
if (typeof window !== "undefined") layoutWorker();

/** Lays out `input` (memoize it) in a Web Worker; re-runs when it changes. The latest request wins. */
export function useLayout(input: LayoutInput): LayoutState {
  const [state, setState] = useState<LayoutState>({
    positions: null,
    engine: null,
    ms: null,
    where: null,
    error: null,
  });
  const seq = useRef(0);

  useEffect(() => {
    const id = nextRequestId++;
    seq.current = id;
    const current = input;
    const worker = layoutWorker();
    if (!worker) {
      computeLayout(current).then(
        (result) => {
          if (id === seq.current) setState({ ...result, where: "main-thread", error: null });
        },
        (error: unknown) => {
          if (id === seq.current)
            setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
        },
      );
      return;
    }
    const onMessage = (event: MessageEvent<WorkerAnswer>) => {
      if (event.data.id !== id || id !== seq.current) return;
      if (event.data.error || !event.data.positions) {
        setState((s) => ({ ...s, error: event.data.error ?? "layout failed" }));
      } else {
        setState({
          positions: event.data.positions,
          engine: event.data.engine ?? null,
          ms: event.data.ms ?? null,
          where: "worker",
          error: null,
        });
      }
    };
    worker.addEventListener("message", onMessage);
    worker.postMessage({ id, input: current });
    return () => worker.removeEventListener("message", onMessage);
  }, [input]);

  return state;
}
