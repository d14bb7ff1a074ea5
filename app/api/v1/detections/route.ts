import { apiRoute } from "@/lib/api/route";
import { loadOpenDetections } from "@/lib/health/store-server";

/** GET /api/v1/detections — data-loss detections still going on that nobody has acknowledged or dismissed. */
export const GET = apiRoute("viewer", async () => ({ detections: await loadOpenDetections() }));
