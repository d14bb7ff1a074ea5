import { loadOpenDetections } from "@/lib/health/store-server";
import type { OpenDetectionView } from "@/lib/health/store-view-types";
import { DetectionBannerLive } from "./detection-banner-live";

/**
 * The data-loss banner on every dashboard page. Rendered on the server with the open detections,
 * then kept current in the browser. Never breaks a page: if the control plane cannot answer, the
 * banner is simply absent.
 */
export async function DetectionBanner() {
  let initial: OpenDetectionView[] = [];
  try {
    initial = await loadOpenDetections();
  } catch (error) {
    console.error(
      "[detection-banner] cannot load detections:",
      error instanceof Error ? error.message : error,
    );
  }
  return <DetectionBannerLive initial={initial} />;
}
