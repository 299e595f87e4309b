import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { loadConfig } from "../config.ts";
import { BackupError, backupKind } from "./files.ts";

// `waymark backup` and `waymark restore`: on PostgreSQL (DATABASE_URL) through pg_dump and pg_restore,
// on the embedded database (DATA_DIR) through PGlite's own dump of its folder (snapshot-socket.ts).

export function addBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("write a consistent backup of the database to a file, while Waymark runs")
    .requiredOption("--out <file>", "the backup file to write")
    .action(async (options: { out: string }) => {
      const config = loadConfig();
      if (config.databaseUrl) {
        const { backupPostgres } = await import("./postgres.ts");
        await backupPostgres(config.databaseUrl, options.out);
        console.log(`Wrote ${options.out}: pg_dump (custom format) of the PostgreSQL database.`);
      } else {
        const { backupEmbedded } = await import("./embedded.ts");
        const how = await backupEmbedded(config.dataDir, options.out);
        console.log(
          `Wrote ${options.out}: a snapshot of the embedded database in ${config.dataDir}` +
            (how === "server" ? ", taken by the running server." : " (no server was running)."),
        );
      }
    });

  program
    .command("restore")
    .description("restore a backup into an empty data folder or database, then check its migrations")
    .argument("<file>", "a file written by waymark backup")
    .option("--force", "overwrite a data folder or database that already holds data")
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadConfig();
      const content = await readFile(file).catch((error: Error) => {
        throw new BackupError(`Cannot read ${file}: ${error.message}`);
      });
      const kind = backupKind(content);
      const force = options.force === true;
      let migrated: boolean;
      if (kind === "unknown") throw new BackupError(`${file} is not a Waymark backup.`);
      if (config.databaseUrl) {
        if (kind !== "postgres")
          throw new BackupError(
            `${file} is a backup of the embedded database; DATABASE_URL is set. Unset it to restore into DATA_DIR.`,
          );
        const { restorePostgres } = await import("./postgres.ts");
        ({ migrated } = await restorePostgres(file, config.databaseUrl, { force }));
      } else {
        if (kind !== "embedded")
          throw new BackupError(
            `${file} is a PostgreSQL backup (pg_dump); set DATABASE_URL to the database to restore it into.`,
          );
        const { restoreEmbedded } = await import("./embedded.ts");
        ({ migrated } = await restoreEmbedded(content, config.dataDir, { force }));
      }
      console.log(
        `Restored ${file}${migrated ? "; its database was older than this version and has been migrated" : ""}.`,
      );
    });
}
