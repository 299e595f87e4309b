// A Waymark server in its own process, so the load generator never shares its event loop: started
// with a chosen environment, polled until it answers, measured through /proc, stopped with SIGTERM.

import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Settings of the caller's environment that would change which database the server opens. */
const INHERITED_OUT = ["DATABASE_URL", "DATA_DIR", "PORT", "HOST", "NODE_ENV", "BASE_URL", "PAGE_CACHE"];

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_OUT) delete env[name];
  return { ...env, ...extra };
}

/** A free loopback port (asked of the kernel, then released for the server to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Stops every process the bench started and has not stopped yet; for Ctrl-C. */
const running = new Set<() => void>();
export function trackProcess(kill: () => void): () => void {
  running.add(kill);
  return () => running.delete(kill);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    for (const kill of running) kill();
    process.exit(130);
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `url` until it answers `status`; fails early when `exited()` says the process is gone. */
export async function waitForStatus(
  url: string,
  options: { status?: number; timeoutMs?: number; intervalMs?: number; exited?: () => string | null } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  const wanted = options.status ?? 200;
  let last = "no answer";
  while (Date.now() < deadline) {
    const gone = options.exited?.();
    if (gone) throw new Error(`the server exited before answering ${url}: ${gone}`);
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status === wanted) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(options.intervalMs ?? 100);
  }
  throw new Error(`${url} did not answer ${wanted} in time (last: ${last})`);
}

export interface Memory {
  /** Resident set now, in MiB. */
  rssMb: number;
  /** Peak resident set ("high water mark"), in MiB. */
  hwmMb: number;
}

export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024 };
}

/** Waits for a child to exit; after `ms`, kills it. */
function exitOf(child: ChildProcess, ms: number, kill: () => void): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(kill, ms);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

export interface BenchServer {
  readonly pid: number;
  readonly url: string;
  /** What the server printed (stdout and stderr), for diagnosing a failure. */
  output(): string;
  memory(): Memory;
  /** SIGTERM, then SIGKILL after 20 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface ServerOptions {
  /** Environment on top of the caller's (minus database settings): DATABASE_URL, … */
  env: Record<string, string>;
  /** Write a V8 CPU profile of the server into this folder (node --cpu-prof). */
  cpuProfileDir?: string;
  /** Polled until it answers 200. */
  readyPath?: string;
  /** After `serve`, e.g. ["--workers", "2"]. */
  serveArgs?: string[];
}

/** `node --import tsx src/cli.ts serve` on a free port, with LOG_LEVEL=warn and no scheduled jobs. */
export async function startBenchServer(options: ServerOptions): Promise<BenchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    ...(options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    "--import",
    "tsx",
    "src/cli.ts",
    "serve",
    ...(options.serveArgs ?? []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: cleanEnv({
      LOG_LEVEL: "warn",
      SCHEDULED_JOBS: "off",
      ...options.env,
      PORT: String(port),
      HOST: "127.0.0.1",
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-Number(process.env.BENCH_SERVER_LOG_CHARS ?? 20_000));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start the server process");
  const exited = () =>
    child.exitCode !== null || child.signalCode !== null
      ? `exit ${child.exitCode ?? child.signalCode}\n${output}`
      : null;

  const untrack = trackProcess(() => child.kill("SIGTERM"));
  const server: BenchServer = {
    pid,
    url,
    output: () => output,
    memory: () => memoryOf(pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const code = await exitOf(child, 20_000, () => child.kill("SIGKILL"));
      untrack();
      return code;
    },
  };
  try {
    await waitForStatus(`${url}${options.readyPath ?? "/sign-in"}`, { exited });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
