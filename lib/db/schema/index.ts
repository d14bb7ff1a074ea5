export * from "./auth";
export * from "./api-tokens";
export * from "./audit-events";
export * from "./incidents";
export * from "./health-samples";
export * from "./detections";
export * from "./job-leases";
