// Scheduled work with pg-boss 10: the reminder scan (REMINDER_SCAN_CRON, every 15 minutes by default,
// and once at start) and a delivery sweep every minute that retries mails which failed or were left
// claimed by an instance that stopped. pg-boss keeps its tables in the `pgboss` schema of our own
// database, on PostgreSQL and on the embedded PGlite alike, through one adapter (pgBossDatabase).
//
// Several instances may run this at once: pg-boss's cron takes an advisory-locked timestamp so each
// schedule fires once a minute across all instances, and the queues are "singleton" (one active job
// at a time). The jobs themselves are safe to repeat: the outbox dedupe key and the delivery claim
// make reminders exactly-once whatever the scheduler does.

import { type SQL, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Database } from "../db/database.ts";

export const REMINDER_SCAN_QUEUE = "waymark-reminder-scan";
export const MAIL_DELIVERY_QUEUE = "waymark-mail-delivery";
const DELIVERY_CRON = "* * * * *";
const TIME_ZONE = "Europe/London";

// ── The database adapter ─────────────────────────────────────────────────────────────────────────

/**
 * Splits SQL text into statements at semicolons outside quotes, comments and dollar-quoted bodies
 * (pg-boss creates plpgsql functions whose bodies hold semicolons). Empty statements are dropped.
 */
export function splitSqlStatements(text: string): string[] {
  const statements: string[] = [];
  const push = (statement: string) => {
    const trimmed = statement.trim();
    if (trimmed !== "") statements.push(trimmed);
  };
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "'" || c === '"') {
      // A quote inside is written twice ('it''s'), which this loop reads as two quoted runs.
      const end = text.indexOf(c, i + 1);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === "-" && next === "-") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === "$" && !/[\w$]/.test(text[i - 1] ?? " ")) {
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i))?.[0];
      if (tag) {
        const end = text.indexOf(tag, i + tag.length);
        i = end < 0 ? text.length : end + tag.length;
        continue;
      }
    }
    if (c === ";") {
      push(text.slice(start, i));
      start = i + 1;
    }
    i += 1;
  }
  push(text.slice(start));
  return statements;
}

/** pg-boss wraps schema changes and maintenance as "BEGIN; …; COMMIT;" in one string (plans.locked). */
const TRANSACTION_BLOCK = /^\s*BEGIN\s*;([\s\S]*?);?\s*COMMIT\s*;?\s*$/i;

type Rows = Record<string, unknown>[];

/**
 * pg-boss's own advisory lock (plans.advisoryLock for the schema "pgboss"), the one it takes around
 * schema changes and maintenance.
 */
const PGBOSS_LOCK =
  "SELECT pg_advisory_xact_lock(('x' || encode(sha224((current_database() || '.pgboss.pgboss')::bytea), 'hex'))::bit(64)::bigint)";

/**
 * `SELECT pgboss.create_queue($1, $2)`: it inserts the queue and attaches a partition to the job
 * table. Two instances creating queues at the same time deadlock on PostgreSQL (each holds a row of
 * pgboss.queue and waits for the lock the other's foreign key needs), so queues are created one at a
 * time under pg-boss's advisory lock.
 */
const CREATE_QUEUE = /^\s*SELECT\s+\w+\.create_queue\(/i;

/** A statement with $1, $2 … placeholders as a Drizzle query, so it can run inside a transaction. */
function withParameters(text: string, values: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${values[Number(match[1]) - 1] ?? null}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

export interface PgBossDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Rows }>;
  /** Refuses new statements (they return no rows) and waits for those running. */
  drain(): Promise<void>;
}

/** Drizzle wraps driver errors ("Failed query: …"); pg-boss recognises races by the driver's message. */
function driverError(error: unknown): unknown {
  return error instanceof Error && error.message.startsWith("Failed query:") && error.cause instanceof Error
    ? error.cause
    : error;
}

/**
 * pg-boss's `db` option on our database, whichever kind it is:
 * - a statement with parameters → Database.execute (one statement, extended protocol: PGlite's
 *   `query` and pg's `pool.query` both take it);
 * - a "BEGIN; …; COMMIT;" block (schema creation, migrations, maintenance under
 *   pg_advisory_xact_lock) → its statements one by one in a Drizzle transaction. WHY: PGlite's
 *   `query` takes one statement, and its `exec` would leave the single shared connection inside an
 *   aborted transaction if a statement failed; Drizzle's transaction holds PGlite's transaction lock
 *   for the whole block and rolls back on failure, and on PostgreSQL runs it on one pooled client;
 * - `create_queue` → under pg-boss's advisory lock (see CREATE_QUEUE);
 * - any other statement → Database.execute.
 * Advisory locks work on PGlite as on PostgreSQL (with one connection they are always granted).
 */
export function pgBossDatabase(database: Database): PgBossDatabase {
  let draining = false;
  const running = new Set<Promise<unknown>>();
  async function run(text: string, values: unknown[]): Promise<{ rows: Rows }> {
    if (CREATE_QUEUE.test(text)) {
      return database.db.transaction(async (tx) => {
        await tx.execute(sql.raw(PGBOSS_LOCK));
        const result = (await tx.execute(withParameters(text, values))) as unknown as { rows?: Rows };
        return { rows: result.rows ?? [] };
      });
    }
    const block = values.length === 0 ? TRANSACTION_BLOCK.exec(text) : null;
    if (!block) return database.execute(text, values);
    const statements = splitSqlStatements(block[1] ?? "");
    return database.db.transaction(async (tx) => {
      let rows: Rows = [];
      for (const statement of statements) {
        const result = (await tx.execute(sql.raw(statement))) as unknown as { rows?: Rows };
        rows = result.rows ?? [];
      }
      return { rows };
    });
  }
  return {
    async executeSql(text, values = []) {
      if (draining) return { rows: [] };
      const pending = run(text, values);
      running.add(pending);
      try {
        return await pending;
      } catch (error) {
        throw driverError(error);
      } finally {
        running.delete(pending);
      }
    },
    async drain() {
      draining = true;
      await Promise.allSettled([...running]);
    },
  };
}

// ── The scheduler ────────────────────────────────────────────────────────────────────────────────

export interface ScheduledJobs {
  /** Queues the reminders due today — rounds' and contracts' — and starts their delivery. */
  scanReminders(): Promise<unknown>;
  /** Sends what the outbox holds, if SMTP or GOV.UK Notify is configured (and asks Notify what it delivered). */
  deliverMail(): Promise<unknown>;
}

/** Fastify's (pino's) logger fits. */
export interface SchedulerLog {
  info(message: string): void;
  warn(details: object, message: string): void;
}

export interface SchedulerOptions {
  /** Cron expression (Europe/London) of the reminder scan. */
  scanCron: string;
  /** Queue a scan as soon as the scheduler starts (default true). */
  scanOnStart?: boolean;
  log?: SchedulerLog;
  /** pg-boss's timings; tests shorten them. */
  timing?: {
    /** How often each worker looks for a job (default 10 s). */
    pollingIntervalSeconds?: number;
    /** How often an instance checks the cron schedules (pg-boss default 30 s). */
    cronMonitorIntervalSeconds?: number;
    /** How often cron-made jobs are moved onto their queue (pg-boss default 5 s). */
    cronWorkerIntervalSeconds?: number;
  };
  /** How long stop() waits for a running job to finish (default 10 s). */
  stopTimeoutMs?: number;
}

export interface Scheduler {
  start(): Promise<void>;
  /** Stops pg-boss, waits for running jobs, and lets go of the database; safe to call twice. */
  stop(): Promise<void>;
  readonly running: boolean;
}

const quietLog: SchedulerLog = { info: () => undefined, warn: () => undefined };

export function createScheduler(
  database: Database,
  jobs: ScheduledJobs,
  options: SchedulerOptions,
): Scheduler {
  const log = options.log ?? quietLog;
  const timing = options.timing ?? {};
  let boss: PgBoss | undefined;
  let adapter: PgBossDatabase | undefined;
  let stopping: Promise<void> | undefined;
  let stopped = false;
  const handlers = new Set<Promise<unknown>>();

  /** Runs a job's work unless stopping; remembered so stop() can wait for it. */
  function handle(name: string, work: () => Promise<unknown>) {
    return async () => {
      if (stopped || stopping) return;
      const pending = work();
      handlers.add(pending);
      try {
        await pending;
      } catch (error) {
        log.warn({ err: error, job: name }, `scheduled job ${name} failed`);
        throw error;
      } finally {
        handlers.delete(pending);
      }
    };
  }

  return {
    get running() {
      return boss !== undefined && !stopping;
    },
    async start() {
      if (boss || stopped) return;
      // Loaded here rather than at import: the command line and tests import this module without
      // ever starting the scheduler. Checked again after loading, as stop() may have come meanwhile.
      const { default: PgBossClass } = await import("pg-boss");
      if (boss || stopped) return;
      adapter = pgBossDatabase(database);
      const instance = new PgBossClass({
        db: adapter as PgBoss.Db,
        schedule: true,
        supervise: true,
        migrate: true,
        ...(timing.cronMonitorIntervalSeconds
          ? { cronMonitorIntervalSeconds: timing.cronMonitorIntervalSeconds }
          : {}),
        ...(timing.cronWorkerIntervalSeconds
          ? { cronWorkerIntervalSeconds: timing.cronWorkerIntervalSeconds }
          : {}),
      });
      // An EventEmitter without an "error" listener would throw; pg-boss reports polling trouble here.
      instance.on("error", (error) => log.warn({ err: error }, "pg-boss reported an error"));
      boss = instance;
      await instance.start();
      const queue = { policy: "singleton" as const, retryLimit: 1, expireInSeconds: 10 * 60 };
      await instance.createQueue(REMINDER_SCAN_QUEUE, { name: REMINDER_SCAN_QUEUE, ...queue });
      await instance.createQueue(MAIL_DELIVERY_QUEUE, { name: MAIL_DELIVERY_QUEUE, ...queue, retryLimit: 0 });
      await instance.schedule(REMINDER_SCAN_QUEUE, options.scanCron, {}, { tz: TIME_ZONE });
      await instance.schedule(MAIL_DELIVERY_QUEUE, DELIVERY_CRON, {}, { tz: TIME_ZONE });
      const work = { pollingIntervalSeconds: timing.pollingIntervalSeconds ?? 10, batchSize: 1 };
      await instance.work(
        REMINDER_SCAN_QUEUE,
        work,
        handle(REMINDER_SCAN_QUEUE, () => jobs.scanReminders()),
      );
      await instance.work(
        MAIL_DELIVERY_QUEUE,
        work,
        handle(MAIL_DELIVERY_QUEUE, () => jobs.deliverMail()),
      );
      if (options.scanOnStart ?? true) {
        // Throttled to one a minute across instances, so a rolling restart does not scan N times.
        await instance.send(REMINDER_SCAN_QUEUE, {}, { singletonKey: "on-start", singletonSeconds: 60 });
      }
      log.info(`Scheduled jobs are running (reminder scan: ${options.scanCron}, ${TIME_ZONE})`);
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        const instance = boss;
        if (!instance) return;
        const timeout = options.stopTimeoutMs ?? 10_000;
        // Graceful: pg-boss stops fetching, then waits (up to the timeout) for jobs being worked.
        await instance.stop({ graceful: true, wait: true, timeout }).catch((error: unknown) => {
          log.warn({ err: error }, "pg-boss did not stop cleanly");
        });
        await Promise.race([
          Promise.allSettled([...handlers]),
          new Promise((resolve) => setTimeout(resolve, timeout).unref()),
        ]);
        // Workers still finishing a poll get no rows from here on, so the database can close.
        await adapter?.drain();
      })();
      return stopping;
    },
  };
}
