"use client";

import { layoutWorker } from "./layout-worker";

// Started when the browser first runs this module: while the page's shell hydrates.
if (typeof window !== "undefined") layoutWorker();

/**
 * Rendered by the graph page outside its Suspense boundary, so that its module runs with the
 * page's shell and starts the layout worker then (see layout-worker.ts for why that matters).
 */
export function LayoutWorkerStart() {
  return null;
}
