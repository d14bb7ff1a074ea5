/// <reference lib="webworker" />
import { computeLayout, type LayoutEngineName } from "./layout-engine";
import type { LayoutInput } from "./fast-layout";

/**
 * The graph's layout runs here, off the main thread, so panning, typing and the list view stay
 * responsive while a big schema is laid out.
 */

export interface LayoutRequest {
  id: number;
  input: LayoutInput;
  engine?: LayoutEngineName;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

async function handle(event: MessageEvent<LayoutRequest>) {
  const { id, input, engine } = event.data;
  try {
    const result = await computeLayout(input, engine);
    scope.postMessage({ id, ...result });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  } finally {
    // elk.bundled.js installs its own `onmessage` when it is first loaded inside a worker: take ours back.
    scope.onmessage = handle;
  }
}
scope.onmessage = handle;
