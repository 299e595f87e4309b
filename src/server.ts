import type { PGlite } from "@electric-sql/pglite";
import type { FastifyInstance } from "fastify";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/database.ts";
import type { Scheduler } from "./notify/scheduler.ts";
import { type SnapshotSocket, startSnapshotSocket } from "./ops/snapshot-socket.ts";
import type { Services } from "./services/index.ts";

// What start-up needs after the database is open is imported when it starts, so that loading it (the
// services, Fastify and every route, the templates' engine, pg-boss) overlaps with opening the database
// rather than coming before it: together they are most of a start.
const demoModules = () =>
  Promise.all([import("./demo/ashvale.ts"), import("./demo/load.ts"), import("./demo/load-region.ts")]);
const serverModules = () =>
  Promise.all([import("./services/index.ts"), import("./web/app.ts"), import("./notify/scheduler.ts")]);

export function databaseTargetFor(config: Config) {
  return config.databaseUrl
    ? ({ kind: "postgres", url: config.databaseUrl } as const)
    : ({ kind: "pglite", dataDir: config.dataDir } as const);
}

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  services: Services;
  url: string;
  stop(): Promise<void>;
}

/** Builds the browser assets when something is missing or out of date (before any process listens). */
export async function ensureAssets(): Promise<void> {
  const { assetsAreBuilt, buildAssets } = await import("../scripts/build-assets.ts");
  if (!assetsAreBuilt()) await buildAssets();
}

/** Loads the demo partnership if it is not there (never in production) and prints its sign-ins. */
export async function prepareDemo(
  database: Database,
  config: Config,
  print: (line: string) => void,
): Promise<void> {
  if (config.isProduction) {
    print("Demo data is never loaded in production (NODE_ENV=production); starting without it.");
    return;
  }
  const [{ ashvale }, { DEMO_PASSWORD, loadDemoPartnership }, { loadDemoRegion }] = await demoModules();
  const result = await loadDemoPartnership(database.db, ashvale);
  // The North Marston region: three smaller partnerships beside Ashvale and the region's own sign-ins.
  const region = await loadDemoRegion(database.db);
  print(
    result.loaded
      ? `Loaded the demo partnership "${ashvale.name}".`
      : `Demo partnership "${ashvale.name}" is ready.`,
  );
  print(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
  for (const s of [...result.signIns, ...region.signIns])
    print(`  ${s.email.padEnd(36)} ${s.role.padEnd(7)} ${s.purpose}`);
  print(
    config.twoFactor.requiredForAdmins
      ? "Coordinators must set up two-factor sign-in (an authenticator app) when they first sign in."
      : "Two-factor sign-in is optional here (TWO_FACTOR_FOR_ADMINS=required makes coordinators use it, as production does).",
  );
}

export interface StartOptions {
  /** Load the demo partnership if it is not there (never in production). */
  demo: boolean;
  print?: (line: string) => void;
  /** Check the browser assets and build them if needed (default true; cluster workers leave it to the primary). */
  assets?: boolean;
}

/** Opens the database, loads the demo partnership when asked (never in production), and listens. */
export async function startServer(
  config: Config,
  options: StartOptions = { demo: false },
): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const modules = serverModules();
  modules.catch(() => undefined); // awaited below; if the database fails to open, that is the error
  if (options.demo && !config.isProduction) demoModules().catch(() => undefined); // awaited in prepareDemo
  if (options.assets ?? true) await ensureAssets();
  const database = await openDatabase(databaseTargetFor(config));
  let loaded: Awaited<typeof modules>;
  try {
    loaded = await modules;
  } catch (error) {
    await database.close();
    throw error;
  }
  const [{ createServices }, { createApp }, { createScheduler }] = loaded;
  const services = createServices(database, config);
  if (options.demo) {
    try {
      await prepareDemo(database, config, print);
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  let app: FastifyInstance;
  let snapshots: SnapshotSocket | undefined;
  try {
    app = await createApp({ services });
    await app.listen({ port: config.port, host: config.host });
    // `waymark backup` asks the running server for the embedded database's snapshot (it owns the folder).
    if (!config.databaseUrl && "pglite" in database)
      snapshots = await startSnapshotSocket(config.dataDir, database.pglite as PGlite, print);
  } catch (error) {
    await database.close();
    throw error;
  }
  // Scheduled jobs (reminder scans, mail retries) with pg-boss, on PostgreSQL and on the embedded
  // database alike; stopped first in stop() so nothing runs on a closing database.
  let scheduler: Scheduler | undefined;
  if (config.scheduledJobs) {
    scheduler = createScheduler(
      database,
      {
        scanReminders: () => services.mail.scanAllReminders(),
        // Then what GOV.UK Notify made of the mails it accepted (nothing to ask with SMTP).
        deliverMail: async () => ({
          delivery: await services.mail.deliverNow(),
          checks: await services.mail.checkDeliveries(),
        }),
      },
      { scanCron: config.reminderScanCron, log: app.log },
    );
    try {
      await scheduler.start();
    } catch (error) {
      await scheduler.stop();
      await snapshots?.close();
      await app.close();
      await database.close();
      throw error;
    }
  }
  if (!services.mail.smtpConfigured) {
    print(
      "E-mail is not set up (NOTIFY_API_KEY or SMTP_URL): mails wait in each partnership's outbox (Outbox, for coordinators).",
    );
  }
  if (config.isProduction && config.trustProxy === false) {
    // Behind a TLS-terminating proxy, Waymark would see plain HTTP and withhold its Secure cookie.
    print(
      "TRUST_PROXY is off: every client address is the connection's own. Behind a proxy or load balancer, set TRUST_PROXY (e.g. 1).",
    );
  }
  const sweep = setInterval(
    () => {
      services.auth.sessionStore
        .purgeExpired()
        .catch((error) => app.log.warn({ err: error }, "session purge failed"));
    },
    10 * 60 * 1000,
  );
  sweep.unref();

  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  print(
    `Waymark is running at ${url} (database: ${database.kind === "pglite" ? `embedded, ${database.location}` : database.location})`,
  );
  let stopping: Promise<void> | undefined;
  return {
    app,
    database,
    services,
    url,
    stop() {
      stopping ??= (async () => {
        clearInterval(sweep);
        await snapshots?.close();
        await scheduler?.stop();
        await app.close();
        await services.mail.close();
        await database.close();
      })();
      return stopping;
    },
  };
}

/** Stops cleanly on SIGINT/SIGTERM: finish in-flight requests, close the database, release the lock. */
export function stopOnSignals(server: RunningServer, print: (line: string) => void = console.log): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    // A cluster worker can get both: SIGINT from the terminal (Ctrl-C reaches the whole process group)
    // and SIGTERM from the primary. Each listener is `once`, so the same signal again still ends the
    // process at once (Node's default), as a second Ctrl-C should.
    if (stopping) return;
    stopping = true;
    print(`Received ${signal}; shutting down.`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", handler);
  process.once("SIGTERM", handler);
}
