import fs from "node:fs";
import path from "node:path";
import { MIGRATIONS_FOLDER } from "../db/database.ts";

// A restored database is as new as the migrations it has run. Drizzle records each one it applies in
// drizzle.__drizzle_migrations with the migration's timestamp (the journal's `when`), and applies those
// whose timestamp is later than the last recorded: so the latest recorded timestamp is its level.

export interface MigrationLevel {
  /** The latest migration the code knows, and its timestamp. */
  code: { tag: string; when: number };
  /** The latest migration timestamp recorded in the database; null when it has none. */
  database: number | null;
}

export type LevelVerdict = "same" | "older" | "newer";

export function codeMigrationLevel(folder = MIGRATIONS_FOLDER): { tag: string; when: number } {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  const latest = journal.entries.reduce((a, b) => (b.when > a.when ? b : a));
  return { tag: latest.tag, when: latest.when };
}

export function compareLevel(level: MigrationLevel): LevelVerdict {
  if (level.database === null || level.database < level.code.when) return "older";
  return level.database > level.code.when ? "newer" : "same";
}

export function newerMessage(level: MigrationLevel): string {
  return (
    `This backup was made by a newer Waymark: its database has migrations this version does not know ` +
    `(its latest is from ${new Date(level.database ?? 0).toISOString()}; this version's latest, ` +
    `${level.code.tag}, is from ${new Date(level.code.when).toISOString()}). ` +
    "Restore it with that version of Waymark or a later one. Nothing was changed."
  );
}

/** The latest migration timestamp in a database that has run migrations (null if it has none). */
export async function databaseMigrationLevel(
  execute: (text: string) => Promise<{ rows: Record<string, unknown>[] }>,
): Promise<number | null> {
  const exists = await execute("select to_regclass('drizzle.__drizzle_migrations') is not null as present");
  if (exists.rows[0]?.present !== true) return null;
  const latest = await execute("select max(created_at)::text as latest from drizzle.__drizzle_migrations");
  const value = latest.rows[0]?.latest;
  return value === null || value === undefined ? null : Number(value);
}
