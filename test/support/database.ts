import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type Database, openDatabase, pgliteDatabase } from "../../src/db/database.ts";

// Integration tests run on the embedded database always, and on PostgreSQL too when
// TEST_DATABASE_URL is set (CI sets it to the machine's local server). Each test file gets its own
// fresh database, so tests never depend on each other or need a wipe.

export type TestDatabaseKind = "pglite" | "postgres";

export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

let template: Promise<Blob> | undefined;

/** A migrated PGlite, copied from a per-worker template: initdb and migrations run once, not per test. */
async function freshPglite(): Promise<Database> {
  template ??= (async () => {
    const migrated = await openDatabase({ kind: "memory" });
    const dump = await (migrated as Database & { pglite: PGlite }).pglite.dumpDataDir("none");
    await migrated.close();
    return dump;
  })();
  const client = await PGlite.create({ loadDataDir: await template });
  return pgliteDatabase(client, "memory");
}

/** A new, empty, migrated PostgreSQL database on the test server, dropped when closed. */
async function freshPostgres(): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `waymark_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 5 });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    // Connections just closed by the pool can take a moment to leave the server; wait for them
    // rather than forcing them out (which would surface as errors in the closing clients).
    for (let attempt = 0; ; attempt++) {
      try {
        await dropper.query(`drop database if exists ${name}${attempt >= 20 ? " with (force)" : ""}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await dropper.end();
  };
  return database;
}

export function openTestDatabase(kind: TestDatabaseKind = "pglite"): Promise<Database> {
  return kind === "postgres" ? freshPostgres() : freshPglite();
}
