import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.ts";
import { fillFromTemplate } from "./pglite-template.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Where the data lives, for messages: a folder, "memory" or a redacted URL. */
  location: string;
  /** Runs a raw SQL statement with parameters; used by pg-boss and health checks. */
  execute(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** How many statements this process has sent so far (Drizzle and raw); tests count queries per page. */
  queryCount(): number;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string }
  | { kind: "memory" }
  | { kind: "postgres"; url: string; poolSize?: number };

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../drizzle");

/** Drizzle options with a logger that only counts statements (cheap; nothing is formatted). */
const drizzleOptions = { schema, casing: "snake_case" as const };
function drizzleOptionsCounting(counter: { n: number }) {
  return { ...drizzleOptions, logger: { logQuery: () => void counter.n++ } };
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const database = target.kind === "postgres" ? await openPostgres(target) : await openPglite(target);
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function openPglite(target: { kind: "pglite"; dataDir: string } | { kind: "memory" }) {
  let lock: DataDirLock | undefined;
  let client: PGlite;
  if (target.kind === "pglite") {
    fs.mkdirSync(target.dataDir, { recursive: true });
    // PGlite takes no lock of its own; two processes on one folder would corrupt it.
    lock = await acquireDataDirLock(target.dataDir);
    try {
      const folder = path.join(target.dataDir, "pglite");
      await fillFromTemplate(folder, MIGRATIONS_FOLDER); // a new folder: copied, not initdb (~5 s)
      client = await PGlite.create(folder);
    } catch (error) {
      await lock.release();
      throw error;
    }
  } else {
    client = await PGlite.create();
  }
  return pgliteDatabase(client, target.kind === "pglite" ? target.dataDir : "memory", () =>
    lock ? lock.release() : Promise.resolve(),
  );
}

/** Wraps an open PGlite as a Database; `release` runs after it closes (the data folder's lock). */
export function pgliteDatabase(
  client: PGlite,
  location: string,
  release: () => Promise<void> = () => Promise.resolve(),
): Database & { pglite: PGlite } {
  const counter = { n: 0 };
  const db = drizzlePglite({ client, ...drizzleOptionsCounting(counter) }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: "pglite",
    pglite: client,
    location,
    async execute(text, values) {
      counter.n++;
      const result = await client.query<Record<string, unknown>>(text, values as unknown[]);
      return { rows: result.rows };
    },
    queryCount: () => counter.n,
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
      await release();
    },
  };
}

async function openPostgres(target: { kind: "postgres"; url: string; poolSize?: number }) {
  const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
  let closing = false;
  // An idle connection can be cut by the server (restart, failover, an administrator). The pool drops
  // it and opens another when needed; without a listener the error would crash the process.
  pool.on("error", (error) => {
    if (!closing) console.warn(`PostgreSQL closed an idle connection: ${error.message}`);
  });
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect().catch(async (error: Error) => {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(target.url)}: ${error.message}`);
  });
  probe.release();
  const counter = { n: 0 };
  const db = drizzlePg({ client: pool, ...drizzleOptionsCounting(counter) }) as unknown as Db;
  let closed = false;
  const database: Database & { pool: pg.Pool } = {
    db,
    kind: "postgres",
    pool,
    location: redactUrl(target.url),
    async execute(text, values) {
      counter.n++;
      const result = await pool.query(text, values);
      return { rows: result.rows };
    },
    queryCount: () => counter.n,
    async close() {
      if (closed) return;
      closed = true;
      closing = true;
      await pool.end();
    },
  };
  return database;
}

/** Applies committed migrations in order; on PostgreSQL under an advisory lock so instances queue. */
export async function migrateToLatest(database: Database): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
    return;
  }
  const pool = (database as Database & { pool: pg.Pool }).pool;
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(7061727)");
    await migratePg(drizzlePg({ client, ...drizzleOptions }), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.query("select pg_advisory_unlock(7061727)").catch(() => undefined);
    client.release();
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
