// `npm start` to the first page, on the embedded database, as someone trying Waymark does it: a fresh
// DATA_DIR (initdb, migrations, the demo partnership), then a restart on the same folder.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { cleanEnv, freePort, ROOT, sleep, trackProcess, waitForStatus } from "./server.ts";

export interface StartTiming {
  /** Seconds from spawning `npm start` to GET /sign-in answering 200. */
  seconds: number;
  /** When the server printed its milestones, in seconds from the spawn. */
  milestones: { label: string; seconds: number }[];
}

export interface StartupResult {
  firstStart: StartTiming;
  restart: StartTiming;
}

const READY = "start-up message printed";

/** Lines the server prints on the way up (src/server.ts), and what they mark. */
const MILESTONES: [RegExp, string][] = [
  [/^> waymark@/, "npm ran the script"],
  [/^(Loaded the demo partnership|Demo partnership .* is ready)/, "database open and migrated, demo loaded"],
  [/^Waymark is running at/, READY],
];

/** The processes of a process group: pid → parent pid. */
function groupMembers(pgid: number): Map<number, number> {
  const members = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = (readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
      if (Number(fields[2]) === pgid) members.set(Number(entry), Number(fields[1]));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

/**
 * Stops `npm start` the way its server expects: SIGTERM to the server process alone (the group's leaf).
 * Signalling the whole group would reach the server twice (directly and relayed by tsx), and a second
 * signal after its handler has run ends it before it releases the data folder's lock.
 */
function terminateLeaf(pgid: number): void {
  const members = groupMembers(pgid);
  const parents = new Set(members.values());
  const leaves = [...members.keys()].filter((pid) => !parents.has(pid));
  for (const pid of leaves.length > 0 ? leaves : [pgid]) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One `npm start` in its own process group; answers the seconds to the first page, then stops it. */
async function timeStart(dataDir: string): Promise<StartTiming> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: ROOT,
    env: cleanEnv({ PORT: String(port), DATA_DIR: dataDir }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const milestones: StartTiming["milestones"] = [];
  const keep = (chunk: Buffer) => {
    const seconds = (performance.now() - started) / 1000;
    for (const line of chunk.toString("utf8").split("\n")) {
      const hit = MILESTONES.find(([pattern]) => pattern.test(line.trim()));
      if (hit && !milestones.some((m) => m.label === hit[1])) milestones.push({ label: hit[1], seconds });
    }
    output = (output + chunk.toString("utf8")).slice(-10_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error("could not run npm start");
  const untrack = trackProcess(() => groupAlive(pgid) && process.kill(-pgid, "SIGTERM"));
  try {
    await waitForStatus(`http://127.0.0.1:${port}/sign-in`, {
      intervalMs: 25,
      timeoutMs: 120_000,
      exited: () => (child.exitCode !== null ? `exit ${child.exitCode}\n${output}` : null),
    });
    const seconds = (performance.now() - started) / 1000;
    // Let it finish starting (the scheduler starts after the first page can be served): a SIGTERM
    // before the server's own signal handling is in place would leave the folder's lock behind.
    const settled = Date.now() + 60_000;
    while (!milestones.some((m) => m.label === READY) && child.exitCode === null && Date.now() < settled)
      await sleep(50);
    return { seconds, milestones };
  } finally {
    // npm, tsx and the server: the whole group started above, and only it.
    if (groupAlive(pgid)) terminateLeaf(pgid);
    const deadline = Date.now() + 20_000;
    while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
    if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
    untrack();
    if (existsSync(path.join(dataDir, "waymark.lock")))
      console.warn(
        `    the server left its lock on ${dataDir} behind; its last output:\n${output.split("\n").slice(-12).join("\n")}`,
      );
  }
}

export async function measureStartup(log: (line: string) => void): Promise<StartupResult> {
  const dataDir = path.join(ROOT, "tmp", `bench-startup-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(dataDir), { recursive: true });
  try {
    const show = (t: StartTiming) =>
      `${t.seconds.toFixed(2)} s (${t.milestones.map((m) => `${m.label} ${m.seconds.toFixed(2)} s`).join(", ")})`;
    const firstStart = await timeStart(dataDir);
    log(`    first start (empty folder: database, migrations, demo)  ${show(firstStart)}`);
    const restart = await timeStart(dataDir);
    log(`    restart on the same folder                               ${show(restart)}`);
    return { firstStart, restart };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
