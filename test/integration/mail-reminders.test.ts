import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, rounds } from "../../src/db/schema.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import {
  buildNorthby,
  type Fixture,
  insertRound,
  insertUpdate,
  type ReceivedMail,
  startSmtpServer,
  type TestSmtpServer,
  ukDay,
} from "./mail-helpers.ts";

// The reminder scan end to end: rounds and updates in a real database, the scan on chosen days, the
// mails delivered through nodemailer to a real SMTP server in-process. Recipients, subjects, links,
// and that nothing is sent twice however often the scan runs.

const BASE_URL = "https://waymark.example";

describe.each(testDatabaseKinds())("reminder e-mails (%s)", (kind) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let f: Fixture;
  let roundId: number;

  const received = (subjectStart: string): ReceivedMail[] =>
    smtp.messages.filter((m) => m.subject.startsWith(subjectStart));
  const recipientsOf = (mails: ReceivedMail[]) => mails.flatMap((m) => m.recipients).sort();

  /** Scans on `day`, then waits for the after-commit delivery to finish. */
  async function scan(day: string) {
    const result = await t.services.mail.scanReminders(day);
    await t.services.mail.flush();
    return result;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      kind,
      demo: false,
      config: { smtpUrl: smtp.url, baseUrl: BASE_URL, mailFrom: "Waymark <waymark@northby.example>" },
    });
    f = await buildNorthby(t.services);
    // Q2 updates due Wednesday 15 October 2025, 3 days' grace, reminder 7 days before.
    roundId = await insertRound(t.database.db, f, {
      name: "Q2 2025/26",
      deadline: "2025-10-15",
      graceDays: 3,
      reminderDaysBefore: 7,
      openedAt: new Date("2025-10-01T09:00:00Z"),
      actionIds: [f.actions.a, f.actions.ab, f.actions.c, f.actions.closed],
    });
    // The council has submitted; the joint police/refuge action is only a draft.
    await insertUpdate(t.database.db, f, roundId, f.actions.c, "submitted");
    await insertUpdate(t.database.db, f, roundId, f.actions.ab, "draft");
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("sends nothing before the reminder date", async () => {
    const result = await scan("2025-10-07");
    expect(result.queued).toEqual({ before: 0, deadline: 0, "late-summary": 0 });
    expect(smtp.messages).toHaveLength(0);
  });

  it("reminds the editors of organisations that owe updates, 7 days before the deadline", async () => {
    const result = await scan("2025-10-08");
    expect(result.queued.before).toBe(3);
    await smtp.waitFor(3);
    const mails = received("Reminder:");
    expect(recipientsOf(mails)).toEqual([f.editors.a1, f.editors.a2, f.editors.b].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe("Reminder: Q2 2025/26 updates are due on Wednesday 15 October 2025");
      expect(mail.from).toContain("waymark@northby.example");
      expect(mail.text).toContain(`${BASE_URL}/p/northby/your-updates`);
      expect(mail.text).toContain("The deadline is Wednesday 15 October 2025.");
      expect(mail.text).not.toContain(f.labels.c);
      expect(mail.text).not.toContain(f.labels.closed);
    }
    const police = mails.find((m) => m.recipients.includes(f.editors.a1))!;
    expect(police.text).toContain("Northby Police still needs to send 2 updates for Q2 2025/26");
    expect(police.text).toContain(`* ${f.labels.a}`);
    expect(police.text).toContain(`* ${f.labels.ab}`);
    const refuge = mails.find((m) => m.recipients.includes(f.editors.b))!;
    expect(refuge.text).toContain("Northby Refuge still needs to send 1 update for Q2 2025/26");
    expect(refuge.text).toContain(`* ${f.labels.ab}`);
    expect(refuge.text).not.toContain(f.labels.a);
  });

  it("does not send a reminder twice: scanning again, the next day, and twice at once", async () => {
    const again = await scan("2025-10-08");
    const nextDay = await scan("2025-10-09");
    const together = await Promise.all([scan("2025-10-10"), scan("2025-10-10")]);
    for (const result of [again, nextDay, ...together]) expect(result.queued.before).toBe(0);
    await t.services.mail.deliverNow();
    expect(smtp.messages).toHaveLength(3);
    const sent = await t.database.db
      .select()
      .from(mailOutbox)
      .where(like(mailOutbox.dedupeKey, `round:${roundId}:%`));
    expect(sent).toHaveLength(3);
    expect(sent.every((m) => m.sentAt !== null && m.attempts === 1 && m.lastError === null)).toBe(true);
  });

  it("says the updates are due today on the deadline, once, even when two scans run at once", async () => {
    const results = await Promise.all([scan("2025-10-15"), scan("2025-10-15")]);
    expect(results.reduce((n, r) => n + r.queued.deadline, 0)).toBe(3);
    await smtp.waitFor(6);
    const mails = received("Q2 2025/26 updates are due today");
    expect(recipientsOf(mails)).toEqual([f.editors.a1, f.editors.a2, f.editors.b].sort());
    for (const mail of mails) {
      expect(mail.text).toContain("Today, Wednesday 15 October 2025, is the deadline");
      expect(mail.text).toContain(`${BASE_URL}/p/northby/your-updates`);
    }
    expect(smtp.messages).toHaveLength(6);
  });

  it("does not chase anyone during the grace period", async () => {
    for (const day of ["2025-10-16", "2025-10-17", "2025-10-18"]) {
      const result = await scan(day);
      expect(result.queued).toEqual({ before: 0, deadline: 0, "late-summary": 0 });
    }
    expect(smtp.messages).toHaveLength(6);
  });

  it("sends the coordinators one summary of who is late after the grace period", async () => {
    const result = await scan("2025-10-19");
    expect(result.queued["late-summary"]).toBe(2);
    await smtp.waitFor(8);
    const mails = received("Q2 2025/26: 2 organisations have not sent all their updates");
    expect(recipientsOf(mails)).toEqual([...f.admins].sort());
    for (const mail of mails) {
      expect(mail.text).toContain("The grace period ended on Saturday 18 October 2025.");
      expect(mail.text).toContain("Northby Police (2 updates missing):");
      expect(mail.text).toContain("Northby Refuge (1 update missing):");
      expect(mail.text).not.toContain("Northby Council (");
      expect(mail.text).toContain(`${BASE_URL}/p/northby/rounds/${roundId}`);
    }
    const later = await scan("2025-10-25");
    expect(later.queued["late-summary"]).toBe(0);
    expect(smtp.messages).toHaveLength(8);
  });

  it("reminds again about an extended deadline, and never about a closed round", async () => {
    await t.database.db
      .update(rounds)
      .set({ deadline: "2025-10-29", graceDays: 0 })
      .where(eq(rounds.id, roundId));
    const before = await scan("2025-10-22");
    expect(before.queued.before).toBe(3);
    await smtp.waitFor(11);
    expect(received("Reminder: Q2 2025/26 updates are due on Wednesday 29 October 2025")).toHaveLength(3);
    await t.database.db.update(rounds).set({ status: "closed" }).where(eq(rounds.id, roundId));
    const closed = await scan("2025-10-29");
    expect(closed.queued).toEqual({ before: 0, deadline: 0, "late-summary": 0 });
    expect(smtp.messages).toHaveLength(11);
  });

  it("delivers the round-opened mails the round service queues", async () => {
    const g = await buildNorthby(t.services, "southby");
    const opened = await t.services.rounds.open(systemActor("test", g.partnershipId), {
      actionPlanId: g.planId,
      name: "Q3 2025/26",
      periodStart: "2025-10-01",
      periodEnd: "2025-12-31",
      deadline: ukDay(30),
      graceDays: 2,
      reminderDaysBefore: 7,
      actionIds: [g.actions.a, g.actions.ab],
    });
    expect(opened.mailsQueued).toBe(3);
    const count = smtp.messages.length;
    await t.services.mail.deliverNow();
    await smtp.waitFor(count + 3);
    const mails = smtp.messages.slice(count);
    expect(recipientsOf(mails)).toEqual([g.editors.a1, g.editors.a2, g.editors.b].sort());
    for (const mail of mails) expect(mail.text).toContain(`${BASE_URL}/p/southby/your-updates`);
    // Opened today: no "deadline approaching" reminder is due yet.
    const result = await scan(ukDay(0));
    expect(result.queued.before).toBe(0);
  });
});
