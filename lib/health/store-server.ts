import "server-only";
import { getConfig } from "../config/env";
import { getDb } from "../db/client";
import { getTarget, listTargets } from "../targets/registry";
import { listDetections } from "./detections";
import {
  getTargetHealth,
  toDetectionView,
  type OpenDetectionView,
  type TargetHealthView,
} from "./store-view";

/** The server's entry points to health data: configuration and the control-plane client wired in. */

/** Throws NOT_FOUND for an unknown target. */
export async function loadTargetHealth(targetId: string): Promise<TargetHealthView> {
  const target = getTarget(targetId);
  return getTargetHealth(getDb(), target, { intervalSeconds: getConfig().sampleIntervalSeconds });
}

/** Detections nobody has acknowledged or dismissed yet and that are still going on, on any configured target. */
export async function loadOpenDetections(): Promise<OpenDetectionView[]> {
  const names = new Map(listTargets().map((t) => [t.id, t.name]));
  const rows = await listDetections(getDb(), { openOnly: true, limit: 20 });
  return rows
    .filter((d) => names.has(d.targetId))
    .map((d) => ({ ...toDetectionView(d), targetId: d.targetId, targetName: names.get(d.targetId)! }));
}
