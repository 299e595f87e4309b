// `npm run test:crash`: crash recovery, proven on the real server (outside `npm test`, bounded: 20
// loops per database and a deadline). Each loop: coordinators signed in over loopback add actions, the
// server is killed with SIGKILL while their requests are in flight, and is started again on the same
// data folder or database; the restart must answer within 5 s, every acknowledged write must be there
// and nothing half-written. The figures go into bench/RESULTS.md's notes.
//
//   npm run test:crash                        both databases (PostgreSQL: TEST_DATABASE_URL or the local one)
//   npm run test:crash -- --db embedded       one of them (embedded | postgres)
//   npm run test:crash -- --loops 5 --clients 4 --no-results

import { randomBytes, randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeMachine } from "../../bench/lib/machine.ts";
import { freePort, sleep } from "../../bench/lib/server.ts";
import type { DatabaseTarget } from "../../src/db/database.ts";
import { ashvale } from "../../src/demo/ashvale.ts";
import { DEMO_PASSWORD } from "../../src/demo/load.ts";
import { ensureAssets } from "../../src/server.ts";
import { prepare, scratchPostgres, verify } from "./database.ts";
import {
  type KindSummary,
  passed,
  printSummary,
  type Restart,
  renderCrash,
  writeCrashNotes,
} from "./results.ts";
import { type CrashServer, startServer } from "./server.ts";
import { addAction, type Client, pageShows, refreshCsrf, signInClient, type Write } from "./writers.ts";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const LOOPS = Number(option("loops", "20"));
const CLIENTS = Number(option("clients", "4"));
const KINDS = option("db", "both") === "both" ? ["embedded", "postgres"] : [option("db", "both")];
const DEADLINE = Date.now() + Number(option("max-minutes", "20")) * 60_000;
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const COORDINATOR = ashvale.users.find((u) => u.role === "admin")?.email ?? "coordinator@ashvale.example";

/** Writes until `killAfter` acknowledgements, then kills the server with requests in flight. */
async function writeAndKill(
  server: CrashServer,
  clients: Client[],
  target: Parameters<typeof addAction>[1],
  prefix: string,
  loop: number,
  writes: Write[],
  problems: string[],
): Promise<number> {
  const killAfter = randomInt(3, 40);
  let stop = false;
  let acks = 0;
  let inFlight = 0;
  const workers = clients.map(async (client, c) => {
    for (let n = 0; !stop; n++) {
      inFlight++;
      const write = await addAction(client, target, `${prefix} L${loop} C${c} N${n}`, loop);
      inFlight--;
      writes.push(write);
      if (write.outcome === "acknowledged") acks++;
      else {
        if (write.outcome === "refused") problems.push(`loop ${loop}: a write was refused (${write.detail})`);
        return;
      }
    }
  });
  const timeout = Date.now() + 30_000;
  while (acks < killAfter && Date.now() < timeout && problems.length === 0) await sleep(2);
  stop = true; // no new request starts; those in flight are cut off by the kill
  const cutOff = inFlight;
  await server.kill();
  await Promise.all(workers);
  if (cutOff === 0) problems.push(`loop ${loop}: no request was in flight at the kill`);
  return cutOff;
}

async function crashRun(kind: "embedded" | "postgres"): Promise<KindSummary> {
  const began = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-crash-"));
  const scratch = kind === "postgres" ? await scratchPostgres(ADMIN_URL) : undefined;
  const dataDir = path.join(work, "data");
  const dbTarget: DatabaseTarget = scratch
    ? { kind: "postgres", url: scratch.url, poolSize: 2 }
    : { kind: "pglite", dataDir };
  const env: Record<string, string> = scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: dataDir };
  const port = await freePort();
  const prefix = `crash ${randomBytes(4).toString("hex")}`;
  const writes: Write[] = [];
  const problems: string[] = [];
  const restarts: Restart[] = [];
  const inFlightAtKill: number[] = [];
  let pagesChecked = 0;
  let server: CrashServer | undefined;
  try {
    const target = await prepare(dbTarget, `http://127.0.0.1:${port}`);
    server = await startServer(env, port);
    const firstStart: Restart = { ms: server.readyMs, cpuMs: server.readyCpuMs, load: server.loadAverage };
    const clients: Client[] = [];
    for (let c = 0; c < CLIENTS; c++) clients.push(await signInClient(target, COORDINATOR, DEMO_PASSWORD));
    let loops = 0;
    for (let loop = 1; loop <= LOOPS && Date.now() < DEADLINE && problems.length === 0; loop++) {
      const before = writes.length;
      inFlightAtKill.push(await writeAndKill(server, clients, target, prefix, loop, writes, problems));
      loops = loop;
      server = await startServer(env, port);
      restarts.push({ ms: server.readyMs, cpuMs: server.readyCpuMs, load: server.loadAverage });
      // Sessions are rows: the clients stay signed in across the crash; their forms' tokens too.
      for (const client of clients) await refreshCsrf(client, target);
      for (const write of writes.slice(before)) {
        if (write.outcome !== "acknowledged") continue;
        pagesChecked++;
        if (!(await pageShows(clients[0] as Client, target, write)))
          problems.push(`loop ${loop}: acknowledged "${write.text}" is not on its page after the restart`);
      }
      const acked = writes.slice(before).filter((w) => w.outcome === "acknowledged").length;
      console.log(
        `${kind} loop ${loop}: ${acked} acknowledged, ${inFlightAtKill.at(-1)} in flight at kill -9, ` +
          `restart ${server.readyMs.toFixed(0)} ms (${server.readyCpuMs.toFixed(0)} ms CPU, load ${server.loadAverage.toFixed(1)})`,
      );
    }
    if (loops < LOOPS && problems.length === 0) problems.push(`stopped at the deadline after ${loops} loops`);
    const code = await server.stop();
    server = undefined;
    if (code !== 0) problems.push(`the last server stopped with exit code ${code}`);
    const verdict = await verify(dbTarget, prefix, writes);
    return {
      kind,
      loops,
      clients: CLIENTS,
      restarts,
      firstStart,
      inFlightAtKill,
      pagesChecked,
      verdict,
      problems,
      seconds: (Date.now() - began) / 1000,
    };
  } finally {
    if (server) await server.kill();
    await scratch?.drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const summaries: KindSummary[] = [];
  const started = new Date();
  await ensureAssets(); // built once here, so no start below pays for it
  const machine = await describeMachine(KINDS.includes("postgres") ? ADMIN_URL : undefined);
  for (const kind of KINDS) {
    if (kind !== "embedded" && kind !== "postgres") throw new Error(`--db is embedded, postgres or both`);
    summaries.push(await crashRun(kind));
  }
  printSummary(summaries);
  if (!process.argv.includes("--no-results")) {
    writeCrashNotes(renderCrash(summaries, machine, started));
    console.log("Wrote the crash test's figures into bench/RESULTS.md (notes).");
  }
  process.exit(summaries.every(passed) ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
