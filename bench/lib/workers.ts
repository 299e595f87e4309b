// `waymark serve --workers 2` against one worker, on the national PostgreSQL database: the same signed-in
// pages under the same load, each page on the one-worker server and at once on the two-worker server,
// so whatever else the machine is doing weighs on both alike. Both servers run throughout (an idle
// server costs next to nothing with scheduled jobs off). The load generator runs in the bench's own
// process: on a two-core machine it cannot be pinned apart without taking a core from the workers,
// so it shares the cores with them, and the ratio is a floor on what two workers give.

import os from "node:os";
import { coordinatorEmail } from "../config.ts";
import { signIn } from "./http.ts";
import type { MeasuredIds } from "./ids.ts";
import type { LoadSettings } from "./load.ts";
import { measurePages, type PageFigure, type PageSpec, pagesOf } from "./pages.ts";
import type { BenchServer } from "./server.ts";

export const WORKERS_TARGET = 1.6;
/** Signed-in pages whose answers are small enough that the server, not loopback, is what is measured. */
const WORKER_PAGES = ["home", "strategy", "plan", "round"];

export interface WorkersResult {
  cores: number;
  pages: { one: PageFigure; two: PageFigure }[];
}

export function workerPages(ids: MeasuredIds): PageSpec[] {
  return pagesOf(ids).filter((p) => WORKER_PAGES.includes(p.key));
}

export async function compareWorkers(
  servers: { one: BenchServer; two: BenchServer },
  cookies: { one: string; two: string },
  ids: MeasuredIds,
  load: LoadSettings,
  cores: number,
  log: (line: string) => void,
): Promise<WorkersResult> {
  const result: WorkersResult = { cores, pages: [] };
  for (const page of workerPages(ids)) {
    const [one] = await measurePages(servers.one.url, cookies.one, [page], load, (l) =>
      log(`${l}, 1 worker`),
    );
    const [two] = await measurePages(servers.two.url, cookies.two, [page], load, (l) =>
      log(`${l}, 2 workers`),
    );
    if (one && two) result.pages.push({ one, two });
  }
  return result;
}

/** Starts a one-worker and a two-worker server on the same database, compares them, stops both. */
export async function runWorkers(
  start: (serveArgs: string[]) => Promise<BenchServer>,
  stop: (server: BenchServer) => Promise<void>,
  ids: MeasuredIds,
  password: string,
  load: LoadSettings,
  log: (line: string) => void,
): Promise<WorkersResult> {
  log("\nserve --workers 2 against one worker (national database)");
  const one = await start([]);
  try {
    const two = await start(["--workers", "2"]);
    try {
      const email = coordinatorEmail(ids.slug);
      const cookies = {
        one: (await signIn(one.url, email, password)).header(),
        two: (await signIn(two.url, email, password)).header(),
      };
      return await compareWorkers({ one, two }, cookies, ids, load, os.cpus().length, log);
    } finally {
      await stop(two);
    }
  } finally {
    await stop(one);
  }
}

export function workersVerdicts(result: WorkersResult) {
  return result.pages.map(({ one, two }) => {
    const ratio = two.rps / one.rps;
    return {
      target: `${one.label}: req/s with \`serve --workers 2\` ≥ ${WORKERS_TARGET}× one worker (PostgreSQL)`,
      figure: `${two.rps.toFixed(0)} vs ${one.rps.toFixed(0)} req/s = ${ratio.toFixed(2)}×`,
      met: ratio >= WORKERS_TARGET,
    };
  });
}

export function workersSection(result: WorkersResult): string {
  const rows = result.pages.map(({ one, two }) =>
    [
      one.label,
      `${one.p50.toFixed(2)} / ${one.p99.toFixed(2)} / ${one.rps.toFixed(0)}`,
      `${two.p50.toFixed(2)} / ${two.p99.toFixed(2)} / ${two.rps.toFixed(0)}`,
      `${(two.rps / one.rps).toFixed(2)}×`,
    ].join(" | "),
  );
  return [
    "## Workers",
    "",
    `\`waymark serve --workers 2\` against one worker on the national database, ${result.cores} cores; the load ` +
      "generator shares the cores (it cannot be pinned apart on two cores without taking one from the workers).",
    "",
    "| page | 1 worker: p50 ms / p99 ms / req/s | 2 workers: p50 ms / p99 ms / req/s | 2 ÷ 1 |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r} |`),
  ].join("\n");
}
