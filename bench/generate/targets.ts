// Where the generator writes: databases on the bench's PostgreSQL server, dropped and created afresh,
// and the embedded database's folder, deleted and created afresh.
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type Database, openDatabase, redactUrl } from "../../src/db/database.ts";
import { BENCH_SERVER_URL, benchDatabaseUrl, PGLITE_SINGLE_DIR } from "../config.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** An identifier for SQL: the bench's database names are plain, but quote them anyway. */
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function onServer(statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await client.connect().catch((error: Error) => {
    throw new Error(
      `Cannot connect to the bench's PostgreSQL at ${redactUrl(BENCH_SERVER_URL)}: ${error.message}`,
    );
  });
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Drops and creates the database, migrated. While loading, commits need not wait for the disk (a crash
 * would only mean generating again) and foreign-key triggers do not fire (they would triple the time of
 * the big inserts; steps/finish.ts checks every key afterwards). Both are set on the database, because
 * the pool's connections are several; finishPostgres puts them back for the benchmark. The second
 * needs a superuser: without one, the load simply keeps its foreign-key triggers.
 */
export async function recreatePostgres(name: string): Promise<Database> {
  await onServer([
    `drop database if exists ${quoted(name)} with (force)`,
    `create database ${quoted(name)}`,
    `alter database ${quoted(name)} set synchronous_commit = off`,
  ]);
  // Migrations first, with triggers as usual; then the setting, for the generator's new connections.
  const migrated = await openDatabase({ kind: "postgres", url: benchDatabaseUrl(name), poolSize: 1 });
  await migrated.close();
  await onServer([`alter database ${quoted(name)} set session_replication_role = replica`]).catch(
    (error: Error) => console.warn(`  loading with foreign-key triggers (${error.message})`),
  );
  return openDatabase({ kind: "postgres", url: benchDatabaseUrl(name), poolSize: 2 });
}

export async function finishPostgres(name: string): Promise<void> {
  await onServer([
    `alter database ${quoted(name)} reset synchronous_commit`,
    `alter database ${quoted(name)} reset session_replication_role`,
  ]);
}

/** The embedded database's folder, resolved from the repository root whatever the working directory. */
export const pgliteDir = path.resolve(REPO_ROOT, PGLITE_SINGLE_DIR);

export async function recreatePglite(): Promise<Database> {
  await fs.rm(pgliteDir, { recursive: true, force: true });
  return openDatabase({ kind: "pglite", dataDir: pgliteDir });
}
