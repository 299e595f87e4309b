import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  acquireDataDirLock,
  DataDirInUseError,
  LOCK_FILE,
  processStartTime,
} from "../../src/db/data-dir-lock.ts";

// The data folder's lock: taken over at once from a process that has gone, refused while its owner
// lives, whatever name the folder is reached by.

const folders: string[] = [];
function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-lock-"));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** A pid that has certainly ended: a child that ran and was reaped. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

function writeLock(folder: string, owner: object, ageMs = 0): void {
  const file = path.join(folder, LOCK_FILE);
  fs.writeFileSync(file, JSON.stringify(owner));
  const when = new Date(Date.now() - ageMs);
  fs.utimesSync(file, when, when);
}

describe("the data folder's lock", () => {
  it("takes over at once a lock whose process no longer exists", async () => {
    const folder = tempFolder();
    writeLock(folder, { pid: deadPid(), startTime: "1", host: os.hostname(), since: "earlier" });
    const started = Date.now();
    const lock = await acquireDataDirLock(folder);
    expect(Date.now() - started).toBeLessThan(1000);
    const owner = JSON.parse(fs.readFileSync(path.join(folder, LOCK_FILE), "utf8"));
    expect(owner.pid).toBe(process.pid);
    await lock.release();
    expect(fs.existsSync(path.join(folder, LOCK_FILE))).toBe(false);
  });

  it("takes over a lock whose pid now belongs to a different process (another start time)", async () => {
    const folder = tempFolder();
    // Our own pid, but a start time that is not ours: the owner was an earlier process with this pid.
    writeLock(folder, { pid: process.pid, startTime: "12345", host: os.hostname(), since: "earlier" });
    expect(processStartTime(process.pid)).not.toBe("12345");
    const lock = await acquireDataDirLock(folder);
    await lock.release();
  });

  it("refuses while the owner lives, with the clear message", async () => {
    const folder = tempFolder();
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => child.once("spawn", resolve));
      const pid = child.pid as number;
      writeLock(folder, { pid, startTime: processStartTime(pid), host: os.hostname(), since: "now" }, 60_000);
      const attempt = acquireDataDirLock(folder);
      await expect(attempt).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(attempt).rejects.toThrow(/already using the data folder/);
      // The living owner's lock is left as it was.
      expect(JSON.parse(fs.readFileSync(path.join(folder, LOCK_FILE), "utf8")).pid).toBe(pid);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("refuses a second lock in the same process, and through a symlink to the folder", async () => {
    const folder = tempFolder();
    const link = path.join(tempFolder(), "link-to-data");
    fs.symlinkSync(folder, link);
    const lock = await acquireDataDirLock(folder);
    try {
      await expect(acquireDataDirLock(folder)).rejects.toBeInstanceOf(DataDirInUseError);
      await expect(acquireDataDirLock(link)).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await lock.release();
    }
    const again = await acquireDataDirLock(link);
    await again.release();
  });

  it("takes over after kill -9 of a process holding it", async () => {
    const folder = tempFolder();
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("${path.resolve("src/db/data-dir-lock.ts")}").then(async (m) => { await m.acquireDataDirLock(${JSON.stringify(folder)}); console.log("locked"); setInterval(() => {}, 1000); })`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
      holder.once("exit", () => reject(new Error("the holder stopped before locking")));
    });
    await expect(acquireDataDirLock(folder)).rejects.toBeInstanceOf(DataDirInUseError);
    const exited = new Promise((resolve) => holder.once("exit", resolve));
    holder.kill("SIGKILL");
    await exited;
    const started = Date.now();
    const lock = await acquireDataDirLock(folder);
    expect(Date.now() - started).toBeLessThan(1000);
    await lock.release();
  }, 30_000);
});
