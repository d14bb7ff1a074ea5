/**
 * The tab's one layout worker (layout.worker.ts), shared by every graph canvas, and started early.
 *
 * A module worker takes messages only once its scripts have loaded and run, and the page learns
 * that on its main thread: started when the graph's own code first runs, the worker was ready
 * only after React's first render of the graph (0.2–0.4 s of busy main thread on 1,000 tables),
 * so the first layout waited for that render to end before it could even begin. The graph page
 * therefore starts it while the page hydrates (LayoutWorkerStart), long before any layout.
 */

let sharedWorker: Worker | null | undefined;
let lastRequestId = 0;

/** The shared worker, started on first call; null where Web Workers are unavailable. */
export function layoutWorker(): Worker | null {
  if (sharedWorker === undefined) {
    try {
      sharedWorker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    } catch {
      sharedWorker = null;
    }
  }
  return sharedWorker;
}

/** Request ids are unique per tab: every canvas shares the worker. */
export function nextLayoutRequestId(): number {
  lastRequestId += 1;
  return lastRequestId;
}
