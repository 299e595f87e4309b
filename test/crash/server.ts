// The real server as an administrator's supervisor runs it: `node --import tsx src/cli.ts serve` (the
// process itself, not a tsx wrapper, so SIGKILL reaches the server), always on the same port and data
// folder or database; timed from spawn to the first 200 from GET /sign-in.

import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { cleanEnv, ROOT, sleep, trackProcess } from "../../bench/lib/server.ts";

export interface CrashServer {
  readonly pid: number;
  /** Milliseconds from spawn to the first 200. */
  readonly readyMs: number;
  /** CPU time the server process had used by then (user + system, ms): what the start costs on an idle machine. */
  readonly readyCpuMs: number;
  /** The machine's 1-minute load average at that moment (the machine may be shared). */
  readonly loadAverage: number;
  output(): string;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM; resolves with the exit code (SIGKILL after 20 s). */
  stop(): Promise<number | null>;
}

/** User + system CPU time of a process so far, in ms (/proc/<pid>/stat fields 14 and 15, in clock ticks). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export async function startServer(
  env: Record<string, string>,
  port: number,
  timeoutMs = 90_000,
): Promise<CrashServer> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "serve"], {
    cwd: ROOT,
    env: cleanEnv({ LOG_LEVEL: "warn", ...env, PORT: String(port), HOST: "127.0.0.1" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  if (child.pid === undefined) throw new Error("could not start the server process");
  const pid = child.pid;
  const untrack = trackProcess(() => child.kill("SIGKILL"));
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  let readyMs = Number.NaN;
  let readyCpuMs = Number.NaN;
  const deadline = started + timeoutMs;
  while (performance.now() < deadline) {
    if (gone()) {
      untrack();
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`,
      );
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/sign-in`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        readyMs = performance.now() - started;
        readyCpuMs = cpuMs(pid);
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  const server: CrashServer = {
    pid,
    readyMs,
    readyCpuMs,
    loadAverage: os.loadavg()[0] ?? Number.NaN,
    output: () => output,
    async kill() {
      child.kill("SIGKILL");
      await exited(child);
      untrack();
    },
    async stop() {
      if (!gone()) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited(child);
      clearTimeout(timer);
      untrack();
      return child.exitCode;
    },
  };
  if (Number.isNaN(readyMs)) {
    await server.kill();
    throw new Error(`the server did not answer 200 within ${timeoutMs} ms:\n${output}`);
  }
  return server;
}
