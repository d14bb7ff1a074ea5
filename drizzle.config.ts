import { defineConfig } from "drizzle-kit";

// Generates reviewed SQL migrations into drizzle/ from the schema in code. Migrations are applied by
// the app at start-up (instrumentation.ts) and by `npm run db:migrate`; never `drizzle-kit push`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./drizzle",
});
