import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_WORKERS, parseWorkers, restartDelayMs } from "../../src/cluster.ts";
import type { Database } from "../../src/db/database.ts";
import { openTestDatabase } from "../support/database.ts";

// `waymark serve --workers N`: real processes, as an operator runs them.

const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "bin/waymark.js");
const adminUrl = process.env.TEST_DATABASE_URL;

// vitest puts Vite's own variables (BASE_URL="/", MODE…) into process.env; a real shell has none.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["BASE_URL", "MODE", "DEV", "PROD", "SSR", "TEST_DATABASE_URL"].includes(k),
  ),
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The processes whose parent is `pid` and that run Waymark (tsx may also have an esbuild helper). */
function waymarkChildren(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (parent === pid && command.includes("waymark.js")) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found.sort((x, y) => x - y);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A GET on a connection of its own, so the primary hands each request to the next worker. */
function getStatus(port: number, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: url, agent: false }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      })
      .on("error", reject);
  });
}

async function until<T>(what: string, check: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Serve {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function serve(args: string[], env: Record<string, string>): Serve {
  const child = spawn(process.execPath, [bin, "serve", ...args], {
    env: { ...cleanEnv, ...env },
    cwd: root,
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe("--workers", () => {
  it("is a whole number from 1, or auto for one per CPU core", () => {
    expect(parseWorkers("1")).toBe(1);
    expect(parseWorkers(" 4 ")).toBe(4);
    expect(parseWorkers("auto")).toBe(Math.min(MAX_WORKERS, os.availableParallelism()));
    for (const bad of ["0", "-1", "1.5", "two", "", String(MAX_WORKERS + 1)]) {
      expect(() => parseWorkers(bad)).toThrow(/whole number/);
    }
  });

  it("waits longer before each restart of a worker that keeps stopping, up to a limit", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => restartDelayMs(n))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it("is refused on the embedded database, with a clear message, before anything starts", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-workers-"));
    try {
      const refused = serve(["--workers", "2"], { DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0" });
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain(
        "Waymark cannot serve with 2 worker processes on the embedded database: it can be used by one " +
          "process only. Set DATABASE_URL to use PostgreSQL, or start without --workers.",
      );
      expect(refused.output()).not.toContain("Waymark is running");
      expect(fs.readdirSync(dataDir)).toEqual([]);
      const invalid = serve(["--workers", "0"], { DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0" });
      expect(await invalid.exited).toBe(1);
      expect(invalid.output()).toContain("--workers must be a whole number from 1");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.runIf(adminUrl)("serve --workers 2 on PostgreSQL", () => {
  let database: Database;
  let server: Serve;
  let port: number;
  let workers: number[];

  beforeAll(async () => {
    database = await openTestDatabase("postgres");
    const name = String((await database.execute("select current_database() as name")).rows[0]?.name);
    const url = new URL(adminUrl ?? "");
    url.pathname = `/${name}`;
    port = await freePort();
    server = serve(["--workers", "2", "--demo"], {
      DATABASE_URL: url.toString(),
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "development",
      // Request logs carry the process id of the worker that answered.
      LOG_LEVEL: "info",
    });
    await until("Waymark is running", () => {
      if (server.child.exitCode !== null) throw new Error(`serve exited:\n${server.output()}`);
      return server.output().includes("Waymark is running");
    });
    workers = waymarkChildren(server.child.pid ?? 0);
  }, 180_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGKILL");
      await server.exited;
    }
    await database?.close();
  });

  it("prepares the database once, then prints one line when both workers listen", () => {
    const output = server.output();
    expect(workers).toHaveLength(2);
    expect(count(output, "Waymark is running")).toBe(1);
    expect(output).toContain(`Waymark is running at http://localhost:${port} with 2 worker processes`);
    expect(count(output, "Loaded the demo partnership")).toBe(1);
    expect(count(output, "Demo sign-ins")).toBe(1);
    // Scheduled jobs run in worker 1 only.
    expect(count(output, "Scheduled jobs are running")).toBe(1);
  });

  it("answers from both workers on one port", async () => {
    const before = server.output().length;
    for (let i = 0; i < 12; i++) expect(await getStatus(port, `/health?probe=${i}`)).toBe(200);
    const answeredBy = await until("the request logs", () => {
      const pids = new Set<number>();
      let seen = 0;
      for (const line of server.output().slice(before).split("\n")) {
        let entry: { pid?: number; req?: { url?: string } };
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue; // not a log line, or not complete yet
        }
        if (entry.req?.url?.startsWith("/health?probe=") && entry.pid) {
          pids.add(entry.pid);
          seen++;
        }
      }
      return seen === 12 && pids;
    });
    expect([...answeredBy].sort((x, y) => x - y)).toEqual(workers);
  });

  it("starts another worker when one dies, after a pause", async () => {
    const [victim, survivor] = workers as [number, number];
    process.kill(victim, "SIGKILL");
    await until("a replacement", () => server.output().includes("is serving again"));
    expect(server.output()).toMatch(
      new RegExp(`Worker \\d \\(process ${victim}\\) was ended by SIGKILL; starting another in 1 s\\.`),
    );
    workers = waymarkChildren(server.child.pid ?? 0);
    expect(workers).toHaveLength(2);
    expect(workers).toContain(survivor);
    expect(workers).not.toContain(victim);
    expect(await getStatus(port, "/health")).toBe(200);
  });

  it("stops every worker on SIGTERM and exits 0", async () => {
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("Received SIGTERM; stopping the workers.");
    for (const pid of workers) expect(alive(pid)).toBe(false);
  });
});
