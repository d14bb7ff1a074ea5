/** API addresses the graph page reads; shared by the server page (to preload them) and the client hooks. */

export const graphDataUrl = (targetId: string) =>
  `/api/v1/targets/${encodeURIComponent(targetId)}/graph?format=compact`;

export const healthDataUrl = (targetId: string) =>
  `/api/v1/targets/${encodeURIComponent(targetId)}/health?view=statuses`;
