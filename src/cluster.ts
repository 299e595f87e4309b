import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import type { Config } from "./config.ts";

// `waymark serve --workers N`: N processes serving on one port with node's cluster module, on
// PostgreSQL only. The primary does what must happen once — build the assets, migrate, load the demo —
// then forks the workers, each a complete Waymark (startServer) sharing the listening socket (the
// primary hands new connections to the workers in turn). Workers keep no state of their own: sessions
// and every cache key live in the database, as with several instances behind a load balancer.
//
// The embedded database (PGlite) is one process's memory plus a folder locked to that process, so it
// cannot be shared between workers: more than one worker on it is refused with a clear message.

/** Set in each worker's environment: which worker it is (1…N; a replacement keeps the number). */
const SLOT_VARIABLE = "WAYMARK_WORKER";
const READY = "waymark:ready";
/** More workers than this is a mistake (each keeps up to 10 PostgreSQL connections). */
export const MAX_WORKERS = 64;

export class WorkersRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkersRefused";
  }
}

/** `--workers`: a whole number from 1 to MAX_WORKERS, or "auto" for one per CPU core. */
export function parseWorkers(value: string): number {
  const text = value.trim().toLowerCase();
  if (text === "auto") return Math.min(MAX_WORKERS, Math.max(1, os.availableParallelism()));
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new WorkersRefused(`--workers must be a whole number from 1 to ${MAX_WORKERS}, or auto`);
  }
  return n;
}

/** True in a process forked by startCluster. */
export function isClusterWorker(): boolean {
  return cluster.isWorker && process.env[SLOT_VARIABLE] !== undefined;
}

/**
 * Waits before starting a replacement for a worker that stopped: 1 s, then doubling for each stop in a
 * row up to 30 s, so a worker that cannot start does not spin; `failures` counts from 1.
 */
export function restartDelayMs(failures: number, first = 1000, max = 30_000): number {
  return Math.min(max, first * 2 ** Math.max(0, Math.min(failures - 1, 20)));
}

/** A worker that ran this long before stopping is not counted as failing in a row. */
const STABLE_AFTER_MS = 60_000;
/** How long the primary waits for workers to finish when stopping (each gives itself 10 s). */
const STOP_TIMEOUT_MS = 15_000;

/** In a worker: a complete Waymark on the shared port; tells the primary when it is listening. */
export async function serveAsWorker(config: Config): Promise<void> {
  // The primary has built the assets, migrated and loaded the demo; it also prints for everyone.
  const { startServer, stopOnSignals } = await import("./server.ts");
  const server = await startServer(config, { demo: false, assets: false, print: () => undefined });
  stopOnSignals(server, () => undefined);
  process.send?.({ type: READY, url: server.url });
}

export interface ClusterOptions {
  workers: number;
  demo: boolean;
  print?: (line: string) => void;
  /** First and longest wait before restarting a worker that stopped (tests shorten them). */
  restartDelay?: { firstMs: number; maxMs: number };
}

export interface RunningCluster {
  url: string;
  /** Process ids of the workers running now. */
  pids(): number[];
  /** Asks every worker to stop (SIGTERM) and waits; resolves to the exit code for the primary. */
  stop(): Promise<number>;
}

interface Slot {
  number: number;
  worker: Worker | undefined;
  startedAt: number;
  ready: boolean;
  /** Stops in a row, for the back-off. */
  failures: number;
  restartTimer: NodeJS.Timeout | undefined;
}

function isReadyMessage(message: unknown): message is { type: typeof READY; url: string } {
  return (
    typeof message === "object" &&
    message !== null &&
    (message as { type?: unknown }).type === READY &&
    typeof (message as { url?: unknown }).url === "string"
  );
}

/** In the primary: prepares the database once, forks the workers and resolves when all are listening. */
export async function startCluster(config: Config, options: ClusterOptions): Promise<RunningCluster> {
  const print = options.print ?? ((line: string) => console.log(line));
  const { firstMs, maxMs } = options.restartDelay ?? { firstMs: 1000, maxMs: 30_000 };
  if (!config.databaseUrl) {
    throw new WorkersRefused(
      `Waymark cannot serve with ${options.workers} worker processes on the embedded database: it can ` +
        "be used by one process only. Set DATABASE_URL to use PostgreSQL, or start without --workers.",
    );
  }

  const [{ openDatabase }, { databaseTargetFor, ensureAssets, prepareDemo }] = await Promise.all([
    import("./db/database.ts"),
    import("./server.ts"),
  ]);
  await ensureAssets();
  const database = await openDatabase(databaseTargetFor(config)); // migrates, under an advisory lock
  try {
    if (options.demo) await prepareDemo(database, config, print);
  } finally {
    await database.close();
  }

  // Workers run this same command line (process.argv, with the same loader flags) and find
  // WAYMARK_WORKER set.
  cluster.setupPrimary({ exec: process.argv[1], args: process.argv.slice(2), execArgv: process.execArgv });
  const slots: Slot[] = Array.from({ length: options.workers }, (_, i) => ({
    number: i + 1,
    worker: undefined,
    startedAt: 0,
    ready: false,
    failures: 0,
    restartTimer: undefined,
  }));
  let url = "";
  let started = false;
  let stopping: Promise<number> | undefined;
  let onStarted: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const allStarted = new Promise<void>((resolve, reject) => {
    onStarted = { resolve, reject };
  });

  function fork(slot: Slot): void {
    slot.restartTimer = undefined;
    slot.ready = false;
    slot.startedAt = Date.now();
    const worker = cluster.fork({
      [SLOT_VARIABLE]: String(slot.number),
      // Scheduled jobs (reminder scans, mail retries) run in worker 1 only. pg-boss would keep N
      // copies correct — it coordinates through PostgreSQL, so each job runs once — but every copy
      // polls its queues and checks the cron schedule, which is N times the database traffic for
      // nothing. A replacement for worker 1 takes them over; other instances may run them too.
      ...(slot.number > 1 ? { SCHEDULED_JOBS: "off" } : {}),
    });
    slot.worker = worker;
    worker.on("message", (message: unknown) => {
      if (!isReadyMessage(message) || slot.worker !== worker) return;
      slot.ready = true;
      url = message.url;
      if (!started && slots.every((s) => s.ready)) {
        started = true;
        onStarted?.resolve();
      } else if (started) {
        print(`Worker ${slot.number} is serving again (process ${worker.process.pid}).`);
      }
    });
    worker.on("exit", (code, signal) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      slot.ready = false;
      if (stopping) return;
      const how = signal ? `was ended by ${signal}` : `exited with code ${code}`;
      if (!started) {
        // Like a single process that cannot start (port in use, database unreachable): give up.
        onStarted?.reject(
          new WorkersRefused(`Worker ${slot.number} ${how} while starting; see its message above.`),
        );
        return;
      }
      if (Date.now() - slot.startedAt >= STABLE_AFTER_MS) slot.failures = 0;
      slot.failures += 1;
      const delay = restartDelayMs(slot.failures, firstMs, maxMs);
      print(
        `Worker ${slot.number} (process ${worker.process.pid}) ${how}; starting another in ` +
          `${delay >= 1000 ? `${Math.round(delay / 100) / 10} s` : `${delay} ms`}.`,
      );
      slot.restartTimer = setTimeout(() => fork(slot), delay);
    });
  }

  function stop(): Promise<number> {
    stopping ??= (async () => {
      for (const slot of slots) clearTimeout(slot.restartTimer);
      const running = slots.flatMap((s) => (s.worker ? [s.worker] : []));
      const results = await Promise.all(
        running.map(
          (worker) =>
            new Promise<boolean>((resolve) => {
              if (worker.isDead()) {
                resolve(true);
                return;
              }
              const timer = setTimeout(() => {
                worker.process.kill("SIGKILL");
                resolve(false);
              }, STOP_TIMEOUT_MS);
              worker.once("exit", (code, signal) => {
                clearTimeout(timer);
                // A worker still starting has no handler yet and is simply ended by the signal.
                resolve(code === 0 || signal === "SIGTERM");
              });
              worker.process.kill("SIGTERM");
            }),
        ),
      );
      return results.every(Boolean) ? 0 : 1;
    })();
    return stopping;
  }

  for (const slot of slots) fork(slot);
  try {
    await allStarted;
  } catch (error) {
    await stop();
    throw error;
  }
  if (!config.smtpUrl && !config.notify) {
    print(
      "E-mail is not set up (NOTIFY_API_KEY or SMTP_URL): mails wait in each partnership's outbox (Outbox, for coordinators).",
    );
  }
  print(
    `Waymark is running at ${url} with ${options.workers} worker processes (database: ${database.location})`,
  );
  return {
    url,
    pids: () => slots.flatMap((s) => (s.worker?.process.pid ? [s.worker.process.pid] : [])),
    stop,
  };
}

/** Stops every worker on SIGINT/SIGTERM, then exits (non-zero if one had to be killed). */
export function stopClusterOnSignals(running: RunningCluster, print: (line: string) => void = console.log) {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    print(`Received ${signal}; stopping the workers.`);
    running.stop().then(
      (code) => process.exit(code),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
}
