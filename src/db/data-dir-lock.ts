import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// One process per embedded data folder: PGlite takes no lock of its own, and two processes writing one
// folder would corrupt it. The lock is a file made with O_EXCL that names its owner — process id, the
// process's start time and the machine — so that after a crash (`kill -9`, a power cut) the next start
// can see at once that the owner is gone and take the lock over, rather than waiting for it to go
// stale. A process id can be reused after a reboot or in a new container, so a live pid only counts as
// the owner when its start time matches too. Where the start time cannot be read (no /proc), the owner
// refreshes the file's modification time every few seconds, and a lock not refreshed for 10 s is stale.

export interface DataDirLock {
  release(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another Waymark process is already using the data folder ${dataDir}.\n` +
        "The embedded database can be opened by one process at a time; a second one would corrupt it.\n" +
        "Stop the other process first, or start this one with a different DATA_DIR. " +
        "A lock left by a process that has stopped (even by kill -9) is taken over at the next start.",
    );
    this.name = "DataDirInUseError";
  }
}

export const LOCK_FILE = "waymark.lock";
const HEARTBEAT_MS = 2_000;
const STALE_AFTER_MS = 10_000;

export interface LockOwner {
  pid: number;
  /** The process's start time as the kernel counts it (/proc/<pid>/stat field 22), when readable. */
  startTime: string | null;
  host: string;
  since: string;
}

/** A process's start time in clock ticks since boot, from /proc on Linux; null elsewhere or if gone. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may contain spaces: count from after it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the process that wrote `owner` is still running (on this machine, or, elsewhere, recently). */
export function ownerIsAlive(owner: LockOwner, lockMtimeMs: number, now = Date.now()): boolean {
  const heartbeatFresh = now - lockMtimeMs < STALE_AFTER_MS;
  // Another machine (a shared folder): its processes are out of sight, so only the heartbeat tells.
  if (owner.host !== os.hostname()) return heartbeatFresh;
  if (!processExists(owner.pid)) return false;
  const startTime = processStartTime(owner.pid);
  if (owner.startTime !== null && startTime !== null) return owner.startTime === startTime;
  return heartbeatFresh;
}

function readOwner(lockPath: string): { owner: LockOwner; mtimeMs: number } | "missing" | "unreadable" {
  try {
    const text = fs.readFileSync(lockPath, "utf8");
    const mtimeMs = fs.statSync(lockPath).mtimeMs;
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string") return "unreadable";
    return {
      owner: {
        pid: parsed.pid,
        startTime: typeof parsed.startTime === "string" ? parsed.startTime : null,
        host: parsed.host,
        since: String(parsed.since ?? ""),
      },
      mtimeMs,
    };
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : "unreadable";
  }
}

function tryCreate(lockPath: string, owner: LockOwner): boolean {
  // Written to a private file first and linked into place, so nobody ever reads a half-written lock.
  const temporary = `${lockPath}.${process.pid}.${Date.now()}`;
  fs.writeFileSync(temporary, `${JSON.stringify(owner)}\n`, { mode: 0o644 });
  try {
    fs.linkSync(temporary, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function isOurs(lockPath: string, owner: LockOwner): boolean {
  const found = readOwner(lockPath);
  return (
    typeof found === "object" &&
    found.owner.pid === owner.pid &&
    found.owner.since === owner.since &&
    found.owner.host === owner.host
  );
}

/**
 * Takes the exclusive lock on the data folder (resolved through symlinks, so two names for one folder
 * are one lock), taking over a lock whose owner has stopped; refuses with DataDirInUseError while the
 * owner runs.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const folder = fs.realpathSync(dataDir);
  const lockPath = path.join(folder, LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    host: os.hostname(),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(lockPath, owner)) break;
    const found = readOwner(lockPath);
    if (found === "missing") continue; // released between our two looks: try again
    // A lock file that cannot be read was half-written by an old version or a full disk: only stale
    // when old, so a lock being written this instant is not taken.
    const alive =
      found === "unreadable"
        ? Date.now() - (fs.statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? 0) < STALE_AFTER_MS
        : ownerIsAlive(found.owner, found.mtimeMs);
    if (alive || attempt >= 3) throw new DataDirInUseError(dataDir);
    // Stale: move it aside under a name of our own, so that of two processes taking it over at once
    // only one removes it; the other finds the new owner's lock next time round.
    const aside = `${lockPath}.stale.${process.pid}`;
    try {
      fs.renameSync(lockPath, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      continue;
    }
    const moved = readOwner(aside);
    if (typeof moved === "object" && found !== "unreadable" && moved.owner.since !== found.owner.since) {
      // Between our look and our rename another process took the lock over: that was its fresh
      // lock. Put it back and leave the folder to it.
      try {
        fs.linkSync(aside, lockPath);
      } finally {
        fs.rmSync(aside, { force: true });
      }
      throw new DataDirInUseError(dataDir);
    }
    fs.rmSync(aside, { force: true });
  }

  const heartbeat = setInterval(() => {
    if (!isOurs(lockPath, owner)) {
      // Someone removed or took our lock: another process may now be writing, so stopping is the only
      // safe move.
      console.error(`Lost the lock on ${dataDir} (${lockPath}). Stopping to protect the data.`);
      process.exit(70);
    }
    const now = new Date();
    try {
      fs.utimesSync(lockPath, now, now);
    } catch {
      // Checked again next time round.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      if (isOurs(lockPath, owner)) fs.rmSync(lockPath, { force: true });
    },
  };
}
