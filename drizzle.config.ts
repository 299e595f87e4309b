import { defineConfig } from "drizzle-kit";

// Migrations are generated from src/db/schema.ts (and the other schema-*.ts files) with `npm run db:generate`, committed, and never
// edited once they have landed. Hand-written SQL (triggers) goes in `drizzle-kit generate --custom`.
export default defineConfig({
  dialect: "postgresql",
  schema: [
    "./src/db/schema.ts",
    "./src/db/schema-board-papers.ts",
    "./src/db/schema-governance.ts",
    "./src/db/schema-funding.ts",
    "./src/db/schema-region.ts",
    "./src/db/schema-two-factor.ts",
    "./src/db/schema-publication.ts",
  ],
  out: "./drizzle",
  casing: "snake_case",
});
