import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "../../src/db/schema.ts";
import {
  createScheduler,
  MAIL_DELIVERY_QUEUE,
  REMINDER_SCAN_QUEUE,
  type Scheduler,
  type SchedulerOptions,
} from "../../src/notify/scheduler.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import {
  buildNorthby,
  eventually,
  type Fixture,
  insertRound,
  startSmtpServer,
  type TestSmtpServer,
  ukDay,
} from "./mail-helpers.ts";

// pg-boss really runs here, on the embedded database and on PostgreSQL: it installs its schema,
// its cron fires the reminder scan, the scan's mails go out over SMTP, and stopping it lets the
// database close. Two instances at once, and a restart, send nothing twice.

describe.each(testDatabaseKinds())("scheduled reminders with pg-boss (%s)", (kind) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let f: Fixture;
  let roundId: number;
  const warnings: string[] = [];

  function scheduler(options: Partial<SchedulerOptions> = {}): Scheduler {
    return createScheduler(
      t.database,
      {
        scanReminders: () => t.services.mail.scanReminders(),
        deliverMail: () => t.services.mail.deliverNow(),
      },
      {
        scanCron: "* * * * *",
        scanOnStart: false,
        timing: { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 },
        stopTimeoutMs: 5000,
        log: {
          info: () => undefined,
          warn: (details, message) =>
            warnings.push(`${message}: ${String((details as { err?: unknown }).err)}`),
        },
        ...options,
      },
    );
  }

  async function jobs(queue: string) {
    const { rows } = await t.database.execute(
      "select state, singleton_key from pgboss.job where name = $1 order by created_on",
      [queue],
    );
    return rows as { state: string; singleton_key: string | null }[];
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      kind,
      demo: false,
      config: { smtpUrl: smtp.url, baseUrl: "https://waymark.example" },
    });
    f = await buildNorthby(t.services);
    // Due today (the real UK date): the scan the cron starts sends "due today" to three editors.
    roundId = await insertRound(t.database.db, f, {
      name: "Scheduled round",
      deadline: ukDay(0),
      graceDays: 2,
      openedAt: new Date(Date.now() - 10 * 24 * 3600 * 1000),
      actionIds: [f.actions.a, f.actions.ab],
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("installs pg-boss, runs the scan on its cron in two instances at once, and sends each mail once", async () => {
    const one = scheduler();
    const two = scheduler();
    await Promise.all([one.start(), two.start()]);
    try {
      expect(one.running && two.running).toBe(true);
      const { rows: version } = await t.database.execute("select version from pgboss.version");
      expect(Number(version[0]?.version)).toBeGreaterThan(0);
      const { rows: schedules } = await t.database.execute(
        "select name, cron, timezone from pgboss.schedule order by name",
      );
      expect(schedules).toEqual([
        { name: MAIL_DELIVERY_QUEUE, cron: "* * * * *", timezone: "Europe/London" },
        { name: REMINDER_SCAN_QUEUE, cron: "* * * * *", timezone: "Europe/London" },
      ]);
      await smtp.waitFor(3, 45_000);
      await eventually(
        async () => (await jobs(REMINDER_SCAN_QUEUE)).some((j) => j.state === "completed"),
        30_000,
        "a completed scan job",
      );
      // Let the cron fire again in both instances: still one mail per person.
      await new Promise((r) => setTimeout(r, 2500));
    } finally {
      const started = Date.now();
      await Promise.all([one.stop(), two.stop()]);
      expect(Date.now() - started).toBeLessThan(15_000);
    }
    expect(one.running || two.running).toBe(false);
    expect(smtp.messages.map((m) => m.recipients[0]).sort()).toEqual(
      [f.editors.a1, f.editors.a2, f.editors.b].sort(),
    );
    expect(smtp.messages.every((m) => m.subject === "Scheduled round updates are due today")).toBe(true);
    const rows = await t.database.db
      .select()
      .from(mailOutbox)
      .where(like(mailOutbox.dedupeKey, `round:${roundId}:%`));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
    expect(warnings).toEqual([]);
  });

  it("scans once when it starts again, and sends nothing twice after a restart", async () => {
    const restarted = scheduler({ scanCron: "0 3 1 1 *", scanOnStart: true });
    await restarted.start();
    try {
      await eventually(
        async () =>
          (await jobs(REMINDER_SCAN_QUEUE)).some(
            (j) => j.singleton_key === "on-start" && j.state === "completed",
          ),
        30_000,
        "the scan queued at start",
      );
    } finally {
      await restarted.stop();
    }
    await t.services.mail.flush();
    expect(smtp.messages).toHaveLength(3);
    const { rows } = await t.database.execute("select cron from pgboss.schedule where name = $1", [
      REMINDER_SCAN_QUEUE,
    ]);
    expect(rows[0]?.cron).toBe("0 3 1 1 *");
    expect(warnings).toEqual([]);
  });

  it("stops cleanly when stopped twice or never started", async () => {
    const idle = scheduler();
    await idle.stop();
    await idle.stop();
    await idle.start();
    expect(idle.running).toBe(false);
  });
});
