import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";

// A new embedded database costs PGlite's initdb — about 5 seconds of CPU, most of a first start —
// and then every migration. Instead, a new data folder is filled by copying a template: an empty,
// migrated database folder, made once per machine for this PGlite version and set of migrations,
// and kept in node_modules/.cache/waymark (where the stylesheet's build stamp lives too). The copy
// is a cleanly shut down PostgreSQL folder — the same thing a backup of DATA_DIR is — so opening it
// is an ordinary start. A new migration or PGlite version makes a new template; anything going wrong
// here (say, a read-only node_modules) falls back to initdb in the data folder as before.
//
// The template also holds pg-boss's empty schema (its own construction SQL, what pg-boss runs when it
// first starts on a database), which saves most of a second on a first start on the embedded database.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CACHE_DIR = path.join(ROOT, "node_modules/.cache/waymark");

/** What a template depends on: PGlite's and pg-boss's versions and every migration file. */
function templateKey(migrationsFolder: string): string {
  const hash = createHash("sha256");
  for (const pkg of ["@electric-sql/pglite", "pg-boss"]) {
    const manifest = path.join(ROOT, "node_modules", pkg, "package.json");
    hash.update(`${pkg}@${JSON.parse(fs.readFileSync(manifest, "utf8")).version as string}`);
  }
  const files = [
    ...fs
      .readdirSync(migrationsFolder)
      .filter((name) => name.endsWith(".sql"))
      .sort(),
    "meta/_journal.json",
  ];
  for (const name of files) hash.update(name).update(fs.readFileSync(path.join(migrationsFolder, name)));
  return hash.digest("hex").slice(0, 16);
}

function isEmptyOrMissing(folder: string): boolean {
  try {
    return fs.readdirSync(folder).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
}

/** pg-boss's schema, as pg-boss creates it on a database that has none (through the same adapter). */
async function installPgBossSchema(client: PGlite, location: string): Promise<void> {
  const [{ default: PgBoss }, { pgBossDatabase }, { pgliteDatabase }] = await Promise.all([
    import("pg-boss"),
    import("../notify/scheduler.ts"),
    import("./database.ts"),
  ]);
  await pgBossDatabase(pgliteDatabase(client, location)).executeSql(PgBoss.getConstructionPlans());
}

/** Makes the template folder (initdb and migrations) unless it is there; returns its path. */
async function ensureTemplate(migrationsFolder: string): Promise<string> {
  const template = path.join(CACHE_DIR, `pglite-${templateKey(migrationsFolder)}`);
  if (fs.existsSync(path.join(template, "PG_VERSION"))) return template;
  // Made beside it and renamed into place, so a template that exists is always complete; two
  // processes making one at once each make their own, and the second rename loses harmlessly.
  const building = `${template}.${process.pid}.tmp`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  try {
    const client = await PGlite.create(building);
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
      await installPgBossSchema(client, building);
    } finally {
      await client.close();
    }
    fs.renameSync(building, template);
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    if (!fs.existsSync(path.join(template, "PG_VERSION"))) throw error;
  }
  removeOutdated(path.basename(template));
  return template;
}

/** Templates for other versions, and half-made ones older than an hour (a build that crashed). */
function removeOutdated(current: string): void {
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (!name.startsWith("pglite-") || name === current) continue;
    const folder = path.join(CACHE_DIR, name);
    try {
      if (name.endsWith(".tmp") && Date.now() - fs.statSync(folder).mtimeMs < 60 * 60 * 1000) continue;
      fs.rmSync(folder, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

/**
 * Fills a new (missing or empty) PGlite folder from the template; true when it did. Called with the
 * data folder's lock held. On any failure the folder is left empty, for PGlite's own initdb.
 */
export async function fillFromTemplate(folder: string, migrationsFolder: string): Promise<boolean> {
  if (!isEmptyOrMissing(folder)) return false;
  try {
    const template = await ensureTemplate(migrationsFolder);
    fs.cpSync(template, folder, { recursive: true, mode: fs.constants.COPYFILE_FICLONE });
    return true;
  } catch {
    fs.rmSync(folder, { recursive: true, force: true });
    return false;
  }
}
