import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock } from "../db/data-dir-lock.ts";
import { migrateToLatest, pgliteDatabase } from "../db/database.ts";
import { BackupError, type RestoreResult, writeAtomically } from "./files.ts";
import { codeMigrationLevel, compareLevel, databaseMigrationLevel, newerMessage } from "./migration-level.ts";
import { requestSnapshot, snapshotPglite } from "./snapshot-socket.ts";

// The embedded database's backup is PGlite's own dump of its data folder (a gzipped tar of a cleanly
// written PostgreSQL folder); its restore unpacks one into DATA_DIR/pglite.

/** The folder inside DATA_DIR that PGlite keeps its database in (database.ts opens the same). */
export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

function isEmptyOrMissing(folder: string): boolean {
  try {
    return fs.readdirSync(folder).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
}

/**
 * Writes a snapshot of the embedded database to `outFile`: asked of the running server when there is
 * one, otherwise taken here with the folder's lock held (so no server can start meanwhile).
 */
export async function backupEmbedded(dataDir: string, outFile: string): Promise<"server" | "folder"> {
  if (isEmptyOrMissing(pgliteFolder(dataDir)))
    throw new BackupError(`There is no embedded database in ${dataDir} to back up.`);
  const fromServer = await requestSnapshot(dataDir);
  if (fromServer !== "no-server") {
    await writeAtomically(outFile, fromServer);
    return "server";
  }
  const lock = await acquireDataDirLock(dataDir);
  try {
    const client = await PGlite.create(pgliteFolder(dataDir));
    try {
      await writeAtomically(outFile, await snapshotPglite(client));
    } finally {
      await client.close();
    }
  } finally {
    await lock.release();
  }
  return "folder";
}

/**
 * Restores a snapshot into DATA_DIR: into an empty folder, or over a database only with `force`. The
 * snapshot is unpacked beside the database and checked (it opens; its migration level is not newer
 * than the code's, and is brought up to date when older) before it replaces anything.
 */
export async function restoreEmbedded(
  file: Buffer,
  dataDir: string,
  options: { force: boolean },
): Promise<RestoreResult> {
  const target = pgliteFolder(dataDir);
  if (!options.force && !isEmptyOrMissing(target))
    throw new BackupError(
      `The data folder ${dataDir} already holds a database. Restoring would replace it: ` +
        "give --force to overwrite it, or choose an empty DATA_DIR. Nothing was changed.",
    );
  fs.mkdirSync(dataDir, { recursive: true });
  // Held throughout: a running server (or another restore) on this folder is refused with the lock's message.
  const lock = await acquireDataDirLock(dataDir);
  const staging = `${target}.restoring`;
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    const client = await PGlite.create(staging, { loadDataDir: new Blob([new Uint8Array(file)]) });
    const database = pgliteDatabase(client, staging);
    let migrated = false;
    try {
      const level = { code: codeMigrationLevel(), database: await databaseMigrationLevel(database.execute) };
      const verdict = compareLevel(level);
      if (verdict === "newer") throw new BackupError(newerMessage(level));
      if (verdict === "older") {
        await migrateToLatest(database);
        migrated = true;
      }
    } finally {
      await database.close();
    }
    const replaced = `${target}.replaced`;
    fs.rmSync(replaced, { recursive: true, force: true });
    if (fs.existsSync(target)) fs.renameSync(target, replaced);
    fs.renameSync(staging, target);
    fs.rmSync(replaced, { recursive: true, force: true });
    return { migrated };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    await lock.release();
  }
}
