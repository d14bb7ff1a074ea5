"use client";

import { useImperativeHandle, useLayoutEffect, useRef, type Ref } from "react";
import { drawOverview, type OverviewScene } from "./overview";
import type { Viewport } from "./viewport-culling";

export interface OverviewHandle {
  /** Redraws for a viewport React Flow is passing through (called on every move, no re-render). */
  draw(viewport: Viewport): void;
}

/**
 * A big graph zoomed out below OVERVIEW_ZOOM, drawn on a canvas inside React Flow's pane (see
 * overview.ts). It takes no pointer events: pans, zooms and clicks go to React Flow's pane.
 */
export function OverviewLayer({
  scene,
  viewport,
  size,
  ref,
}: {
  scene: OverviewScene;
  viewport: Viewport;
  size: { width: number; height: number };
  ref: Ref<OverviewHandle>;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef(viewport);
  const draw = (next: Viewport) => {
    last.current = next;
    const element = canvas.current;
    const ctx = element?.getContext("2d");
    if (!element || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawOverview(ctx, scene, next, size);
  };
  useImperativeHandle(ref, () => ({ draw }));
  // After every render: a new settled viewport from React state, or else a new scene (selection,
  // statuses) or size at the last viewport seen (a move may have gone past the settled one).
  const settled = useRef<Viewport | null>(null);
  useLayoutEffect(() => {
    if (settled.current !== viewport) {
      settled.current = viewport;
      draw(viewport);
    } else {
      draw(last.current);
    }
  });
  const ratio = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
  return (
    <canvas
      ref={canvas}
      aria-hidden
      data-testid="graph-overview"
      width={Math.round(size.width * ratio)}
      height={Math.round(size.height * ratio)}
      className="pointer-events-none absolute left-0 top-0 z-[3]"
      style={{ width: size.width, height: size.height }}
    />
  );
}
