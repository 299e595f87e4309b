import { defineConfig } from "drizzle-kit";

// Migrations are generated from src/db/schema.ts (and schema-board-papers.ts) with `npm run db:generate`, committed, and never
// edited once they have landed. Hand-written SQL (triggers) goes in `drizzle-kit generate --custom`.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/db/schema.ts", "./src/db/schema-board-papers.ts"],
  out: "./drizzle",
  casing: "snake_case",
});
