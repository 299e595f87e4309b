import fs from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";

export interface DataDirLock {
  release(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another Waymark process is already using the data folder ${dataDir}.\n` +
        "The embedded database can be opened by one process at a time; a second one would corrupt it.\n" +
        "Stop the other process first, or start this one with a different DATA_DIR. " +
        "If no other process is running, the lock is released by itself within 10 seconds.",
    );
    this.name = "DataDirInUseError";
  }
}

/**
 * Takes an exclusive lock on the data folder (a lock directory refreshed every few seconds, so a
 * crashed process's lock goes stale and is taken over rather than blocking forever).
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const target = path.join(dataDir, "waymark.lock-target");
  if (!fs.existsSync(target))
    fs.writeFileSync(target, "Waymark holds a lock on this folder while running.\n");
  try {
    const release = await lockfile.lock(target, {
      stale: 10_000,
      update: 2_000,
      retries: 0,
      realpath: false,
      onCompromised: (error) => {
        // Losing the lock means another process may now be writing: stopping is the only safe move.
        console.error(`Lost the lock on ${dataDir}: ${error.message}. Stopping to protect the data.`);
        process.exit(70);
      },
    });
    return { release: () => release().catch(() => undefined) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirInUseError(dataDir);
    throw error;
  }
}
