import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute("viewer", async ({ principal }) => ({
  id: principal.userId,
  email: principal.email,
  name: principal.name,
  role: principal.role,
  authenticatedBy: principal.via,
}));
