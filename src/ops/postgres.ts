import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { openDatabase, redactUrl } from "../db/database.ts";
import { BackupError, type RestoreResult } from "./files.ts";
import { codeMigrationLevel, compareLevel, newerMessage } from "./migration-level.ts";

// PostgreSQL's backup is pg_dump's custom format (a consistent snapshot taken while Waymark runs); its
// restore is pg_restore into an empty database, in one transaction. Not `pg_restore --clean`: dropping
// pg-boss's partitioned job tables' inherited constraints one by one fails (three errors, exit 1)
// although the data comes back. Over an existing database (--force), the schemas are dropped whole
// first, so the restore is always into an empty database and exits 0 only when all of it is in.

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The connection for the client tools: the password goes in their environment, not on the command line. */
function connection(url: string): { uri: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { uri: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString("utf8");
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString("utf8");
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT")
        reject(
          new BackupError(
            `${tool} was not found on PATH. Install PostgreSQL's client tools (e.g. the postgresql-client ` +
              "package), of the server's major version or newer, and try again.",
          ),
        );
      else reject(error);
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: Error) => {
    throw new BackupError(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${error.message}`);
  });
  try {
    return String((await client.query("show server_version")).rows[0]?.server_version ?? "unknown");
  } finally {
    await client.end();
  }
}

async function toolFailed(tool: string, run: Run, url: string): Promise<BackupError> {
  const detail = run.stderr.trim();
  if (/server version mismatch|unsupported version/i.test(detail)) {
    const toolVersion = (await runTool(tool, ["--version"], process.env)).stdout.trim();
    return new BackupError(
      `${toolVersion} cannot work with this server (PostgreSQL ${await serverVersion(url)}): install the ` +
        `client tools of the server's major version or newer, or put them first on PATH.\n${detail}`,
    );
  }
  return new BackupError(`${tool} failed (exit ${run.code}):\n${detail}`);
}

/** `pg_dump --format=custom` of the whole database into `outFile` (written beside it, then renamed). */
export async function backupPostgres(url: string, outFile: string): Promise<void> {
  await serverVersion(url); // a clear message when the server cannot be reached
  const { uri, env } = connection(url);
  const partial = path.join(path.dirname(path.resolve(outFile)), `.${path.basename(outFile)}.partial`);
  try {
    const run = await runTool("pg_dump", ["--format=custom", `--file=${partial}`, `--dbname=${uri}`], env);
    if (run.code !== 0) throw await toolFailed("pg_dump", run, url);
    await fs.chmod(partial, 0o600);
    await fs.rename(partial, outFile);
  } finally {
    await fs.rm(partial, { force: true });
  }
}

/** The latest migration timestamp recorded in a pg_dump file, read without restoring it. */
async function backupMigrationLevel(file: string): Promise<number | null> {
  const run = await runTool(
    "pg_restore",
    ["--data-only", "--schema=drizzle", "--table=__drizzle_migrations", "--file=-", file],
    process.env,
  );
  if (run.code !== 0) throw new BackupError(`pg_restore could not read ${file}:\n${run.stderr.trim()}`);
  // The table's rows come as a COPY block: id, hash, created_at, tab-separated, ended by "\.".
  const block = /^COPY drizzle\.__drizzle_migrations \(([^)]*)\) FROM stdin;\n([\s\S]*?)^\\\.$/m.exec(
    run.stdout,
  );
  if (!block?.[1] || block[2] === undefined) return null;
  const column = block[1]
    .split(",")
    .map((c) => c.trim())
    .indexOf("created_at");
  const stamps = block[2]
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => Number(line.split("\t")[column]));
  return stamps.length === 0 ? null : Math.max(...stamps);
}

async function userSchemas(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `select nspname as name from pg_namespace
      where nspname not like 'pg\\_%' and nspname <> 'information_schema' order by 1`,
  );
  return result.rows.map((r) => r.name);
}

async function isEmptyDatabase(client: pg.Client): Promise<boolean> {
  const result = await client.query<{ n: string }>(
    `select count(*)::text as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'`,
  );
  return result.rows[0]?.n === "0";
}

/**
 * Restores a pg_dump file into the database at `url`: refused over a database that holds anything
 * unless `force` (then its schemas are dropped first), refused when the backup's migrations are newer
 * than the code's, and migrated when they are older.
 */
export async function restorePostgres(
  file: string,
  url: string,
  options: { force: boolean },
): Promise<RestoreResult> {
  const level = { code: codeMigrationLevel(), database: await backupMigrationLevel(file) };
  const verdict = compareLevel(level);
  if (verdict === "newer") throw new BackupError(newerMessage(level));

  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: Error) => {
    throw new BackupError(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${error.message}`);
  });
  try {
    if (!(await isEmptyDatabase(client))) {
      if (!options.force)
        throw new BackupError(
          `The database ${redactUrl(url)} is not empty. Restoring would replace what it holds: give ` +
            "--force to overwrite it, or restore into a new, empty database. Nothing was changed.",
        );
      // Every schema of ours goes whole (public is made again, empty), in one transaction.
      await client.query("begin");
      for (const schema of await userSchemas(client))
        await client.query(`drop schema ${pg.escapeIdentifier(schema)} cascade`);
      await client.query("create schema public");
      await client.query("commit");
    }
  } finally {
    await client.end();
  }

  const { uri, env } = connection(url);
  const run = await runTool(
    "pg_restore",
    ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", `--dbname=${uri}`, file],
    env,
  );
  if (run.code !== 0) throw await toolFailed("pg_restore", run, url);
  if (verdict === "older") {
    const database = await openDatabase({ kind: "postgres", url, poolSize: 2 }); // migrates on open
    await database.close();
  }
  return { migrated: verdict === "older" };
}
