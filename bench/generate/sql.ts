// Small helpers for writing the generator's SQL. The generator inlines its own constant texts as SQL
// literals (they are ours, not user input) so each statement is self-contained; only the password hash
// and the derived ratings (steps/ratings.ts) travel as parameters.
import type { Database } from "../../src/db/database.ts";
import type { Model } from "./model.ts";
import type { BenchScale } from "./scale.ts";

/** A text literal: 'it''s'. */
export function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A text[] literal. */
export function textArray(items: readonly string[]): string {
  return `(ARRAY[${items.map(lit).join(", ")}]::text[])`;
}

/** What every step needs: where to write, how much, and the arithmetic of ids. */
export interface StepContext {
  database: Database;
  scale: BenchScale;
  model: Model;
  passwordHash: string;
}

/** One table's set-based insert (or a follow-up statement), timed and counted by generate.ts. */
export interface Step {
  /** The table the step fills; its row count is printed after the step. */
  table: string;
  run(context: StepContext): Promise<void>;
}

/** A step that runs one statement built from the context. */
export function statement(table: string, build: (context: StepContext) => string): Step {
  return {
    table,
    async run(context) {
      await context.database.execute(build(context));
    },
  };
}
