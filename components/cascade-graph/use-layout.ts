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

/** Lays out `input` (memoize it) in a Web Worker; re-runs when it changes. The latest request wins. */
export function useLayout(input: LayoutInput): LayoutState {
  const [state, setState] = useState<LayoutState>({
    positions: null,
    engine: null,
    ms: null,
    where: null,
    error: null,
  });
  const workerRef = useRef<Worker | null | undefined>(undefined);
  const seq = useRef(0);

  useEffect(() => {
    return () => {
      workerRef.current?.terminate();
      workerRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    const id = ++seq.current;
    const current = input;
    if (workerRef.current === undefined) {
      try {
        workerRef.current = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
      } catch {
        workerRef.current = null;
      }
    }
    const worker = workerRef.current;
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
