import fs from "node:fs/promises";
import path from "node:path";

/** A backup or restore refused or failed for a reason the administrator can act on (message shown). */
export class BackupError extends Error {}

export interface RestoreResult {
  /** The backup's database was older than the code and has been migrated. */
  migrated: boolean;
}

/** What a backup file holds, from its first bytes. */
export function backupKind(head: Buffer): "postgres" | "embedded" | "unknown" {
  if (head.subarray(0, 5).toString("latin1") === "PGDMP") return "postgres"; // pg_dump's custom format
  if (head[0] === 0x1f && head[1] === 0x8b) return "embedded"; // gzip: PGlite's dump of its folder
  return "unknown";
}

/** Writes beside the destination and renames, so a failed backup never leaves a half file in its place. */
export async function writeAtomically(file: string, content: Buffer): Promise<void> {
  const partial = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.partial`);
  try {
    await fs.writeFile(partial, content, { mode: 0o600 });
    await fs.rename(partial, file);
  } finally {
    await fs.rm(partial, { force: true });
  }
}
