import { eq, like } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, partnerships } from "../../src/db/schema.ts";
import { deliverPending, type MailTransport } from "../../src/notify/delivery.ts";
import { enqueueMail, type OutgoingMail } from "../../src/notify/outbox.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createMailService } from "../../src/services/mail-service.ts";
import { inTransaction } from "../../src/services/unit-of-work.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { startSmtpServer, type TestSmtpServer } from "./mail-helpers.ts";

// Delivery of the outbox through a real SMTP server: only committed mails, each once even with two
// deliverers at the same time, failures kept and retried, and — without SMTP — the coordinator's
// outbox pages.

function mail(partnershipId: number | null, key: string, to = "partner@example.org"): OutgoingMail {
  return {
    partnershipId,
    dedupeKey: key,
    kind: "test",
    to,
    subject: `Test ${key}`,
    text: `Hello,\n\nThis is ${key}.\nSecond line.\n\nhttps://waymark.example/p/ashvale/your-updates\n`,
  };
}

describe.each(testDatabaseKinds())("mail delivery over SMTP (%s)", (kind) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let ashvaleId: number;

  const outbox = (prefix: string) =>
    t.database.db
      .select()
      .from(mailOutbox)
      .where(like(mailOutbox.dedupeKey, `${prefix}%`));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ kind, config: { smtpUrl: smtp.url } });
    const [p] = await t.database.db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
    ashvaleId = p!.id;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("sends a mail queued in a transaction after it commits, with From, To, Subject and body", async () => {
    await inTransaction(t.database.db, systemActor("test", ashvaleId), async (work) => {
      await enqueueMail(work.tx, [mail(ashvaleId, "commit:1")]);
      work.afterCommit(() => t.services.mail.deliverSoon());
    });
    await t.services.mail.flush();
    await smtp.waitFor(1);
    const [received] = smtp.messages.splice(0);
    expect(received!.recipients).toEqual(["partner@example.org"]);
    expect(received!.to).toBe("partner@example.org");
    expect(received!.subject).toBe("Test commit:1");
    expect(received!.from).toContain(t.config.mailFrom.replace(/.*</, "").replace(">", ""));
    expect(received!.text).toContain("This is commit:1.\nSecond line.");
    expect(received!.headers.get("message-id")).toMatch(/^<outbox-\d+@localhost>$/);
    const [row] = await outbox("commit:1");
    expect(row!.sentAt).not.toBeNull();
    expect(row!.attempts).toBe(1);
  });

  it("never sends a mail queued in a transaction that rolls back", async () => {
    await expect(
      inTransaction(t.database.db, systemActor("test", ashvaleId), async (work) => {
        await enqueueMail(work.tx, [mail(ashvaleId, "rollback:1")]);
        work.afterCommit(() => t.services.mail.deliverSoon());
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await t.services.mail.flush();
    const result = await t.services.mail.deliverNow();
    expect(result.claimed).toBe(0);
    expect(await outbox("rollback:")).toHaveLength(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it("queues a mail once per key, however often it is queued", async () => {
    const first = await enqueueMail(t.database.db, [mail(ashvaleId, "once:1"), mail(ashvaleId, "once:1")]);
    const second = await enqueueMail(t.database.db, [mail(ashvaleId, "once:1")]);
    expect(first + second).toBe(1);
    await t.services.mail.deliverNow();
    await t.services.mail.deliverNow();
    expect(smtp.messages.splice(0)).toHaveLength(1);
  });

  it("sends each mail once when two deliverers run at the same time", async () => {
    const mails = Array.from({ length: 40 }, (_, i) => mail(ashvaleId, `pair:${i}`, `p${i}@example.org`));
    await enqueueMail(t.database.db, mails);
    const transport = () => nodemailer.createTransport(smtp.url);
    const [one, two] = await Promise.all([
      deliverPending(t.database, transport(), { from: t.config.mailFrom, batchSize: 5 }),
      deliverPending(t.database, transport(), { from: t.config.mailFrom, batchSize: 5 }),
    ]);
    expect(one.sent + two.sent).toBe(40);
    expect(one.claimed + two.claimed).toBe(40);
    await smtp.waitFor(40);
    const received = smtp.messages.splice(0);
    expect(received).toHaveLength(40);
    const ids = received.map((m) => m.headers.get("x-waymark-mail-id"));
    expect(new Set(ids).size).toBe(40);
    expect(new Set(received.flatMap((m) => m.recipients)).size).toBe(40);
    const rows = await outbox("pair:");
    expect(rows.every((r) => r.sentAt !== null && r.attempts === 1)).toBe(true);
  });

  it("keeps a failure, retries after the claim goes stale, and gives up after 5 attempts", async () => {
    await enqueueMail(t.database.db, [mail(ashvaleId, "fail:1", "nobody@example.org")]);
    smtp.refuse.add("nobody@example.org");
    const transport = nodemailer.createTransport(smtp.url);
    const options = { from: t.config.mailFrom };
    const first = await deliverPending(t.database, transport, options);
    expect(first).toEqual({ claimed: 1, sent: 0, failed: 1 });
    let [row] = await outbox("fail:1");
    expect(row!.lastError).toMatch(/550|Mailbox unavailable/);
    expect(row!.attempts).toBe(1);
    expect(row!.sentAt).toBeNull();
    // Tried again only once the claim is stale (5 minutes), not by every delivery run.
    expect((await deliverPending(t.database, transport, options)).claimed).toBe(0);
    // Age the claim past the 5 minutes rather than asking for 0 seconds: the embedded database's clock
    // can return the same now() for two statements in one millisecond, and a claim is stale only when
    // strictly older.
    const ageClaim = () =>
      t.database.execute(
        "update mail_outbox set claimed_at = claimed_at - interval '6 minutes' where dedupe_key = 'fail:1'",
      );
    for (let attempt = 2; attempt <= 5; attempt++) {
      await ageClaim();
      expect((await deliverPending(t.database, transport, options)).failed).toBe(1);
    }
    await ageClaim();
    expect((await deliverPending(t.database, transport, options)).claimed).toBe(0);
    [row] = await outbox("fail:1");
    expect(row!.attempts).toBe(5);
    const listed = (await t.services.mail.listOutbox(systemActor("test", ashvaleId))).find(
      (m) => m.id === row!.id,
    );
    expect(listed!.status.kind).toBe("failed");
    expect(listed!.status.text).toMatch(/^Failed: /);
    expect(smtp.messages).toHaveLength(0);
    smtp.refuse.clear();
  });

  it("takes over a mail claimed by an instance that stopped before sending it", async () => {
    await enqueueMail(t.database.db, [mail(ashvaleId, "stale:1")]);
    await t.database.execute(
      "update mail_outbox set claimed_at = now() - interval '10 minutes', attempts = 1 where dedupe_key = 'stale:1'",
    );
    const result = await t.services.mail.deliverNow();
    expect(result.sent).toBe(1);
    await smtp.waitFor(1);
    expect(smtp.messages.splice(0).map((m) => m.subject)).toEqual(["Test stale:1"]);
  });

  it("reports a transport that throws, without losing the mail", async () => {
    const failing: MailTransport = {
      sendMail: async () => {
        throw new Error("connection refused");
      },
    };
    const errors: unknown[] = [];
    const service = createMailService(t.database, t.config, {
      transport: failing,
      reportError: (e) => errors.push(e),
    });
    await enqueueMail(t.database.db, [mail(ashvaleId, "throw:1")]);
    service.deliverSoon();
    await service.flush();
    const [row] = await outbox("throw:1");
    expect(row!.lastError).toBe("connection refused");
    expect(row!.sentAt).toBeNull();
    await service.close();
  });
});

describe.each(testDatabaseKinds())("the outbox without SMTP (%s)", (kind) => {
  let t: TestApp;
  let ashvaleId: number;
  let mailId: number;
  const admin = () => new TestClient(t.app);

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const [p] = await t.database.db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
    ashvaleId = p!.id;
    await enqueueMail(t.database.db, [
      {
        partnershipId: ashvaleId,
        dedupeKey: "round:999:reminder:user:1",
        kind: "reminder-deadline-approaching",
        to: "police@ashvale.example",
        subject: "Reminder: Q2 2025/26 updates are due on Wednesday 15 October 2025",
        text: "Hello Mark Ellison,\n\nMarston Police still needs to send 2 updates.\n\nSend your updates:\nhttps://waymark.example/p/ashvale/your-updates\n",
      },
      mail(ashvaleId, "later:1"),
      mail(null, "system:1"),
    ]);
    const [row] = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.dedupeKey, "round:999:reminder:user:1"));
    mailId = row!.id;
  });
  afterAll(async () => t?.close());

  it("sends nothing and keeps the mails waiting", async () => {
    expect(t.services.mail.smtpConfigured).toBe(false);
    expect(await t.services.mail.deliverNow()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    const rows = await t.database.db.select().from(mailOutbox);
    expect(rows.every((r) => r.sentAt === null && r.attempts === 0 && r.claimedAt === null)).toBe(true);
  });

  it("lists the partnership's mails for the coordinator, newest first, with their status", async () => {
    const client = admin();
    await client.signIn(demoUser("admin").email);
    const response = await client.get("/p/ashvale/outbox");
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1 class="govuk-heading-l">Outbox</h1>');
    expect(html).toContain("Email sending is not set up");
    expect(html).toContain("Reminder: Q2 2025/26 updates are due on Wednesday 15 October 2025");
    expect(html).toContain("police@ashvale.example");
    expect(html).toContain("Deadline approaching");
    expect(html).toContain("Waiting (SMTP not configured)");
    expect(html).not.toContain("Test system:1");
    expect(html.indexOf("Test later:1")).toBeLessThan(html.indexOf("Reminder: Q2 2025/26"));
    expect(html).toContain(`href="/p/ashvale/outbox/${mailId}"`);
    // The outbox sits under Manage in the navigation, and the Manage page links to it.
    expect(html).toMatch(
      /<a class="govuk-service-navigation__link" href="\/p\/ashvale\/manage" aria-current="true">/,
    );
    expect((await client.get("/p/ashvale/manage")).body).toContain('href="/p/ashvale/outbox"');
  });

  it("shows one mail's text", async () => {
    const client = admin();
    await client.signIn(demoUser("admin").email);
    const response = await client.get(`/p/ashvale/outbox/${mailId}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Hello Mark Ellison,");
    expect(response.body).toContain("Send your updates:<br>https://waymark.example/p/ashvale/your-updates");
    expect(response.body).toContain("Waiting (SMTP not configured)");
    expect((await client.get("/p/ashvale/outbox/99999")).statusCode).toBe(404);
    expect((await client.get("/p/ashvale/outbox/abc")).statusCode).toBe(404);
  });

  it("is for coordinators only", async () => {
    const client = admin();
    await client.signIn(demoUser("editor", "police").email);
    expect((await client.get("/p/ashvale/outbox")).statusCode).toBe(403);
    expect((await client.get(`/p/ashvale/outbox/${mailId}`)).statusCode).toBe(403);
    const page = await client.get("/p/ashvale");
    expect(page.body).not.toContain('href="/p/ashvale/outbox"');
    expect(page.body).not.toContain('href="/p/ashvale/manage"');
    expect((await client.get("/p/ashvale/manage")).statusCode).toBe(403);
  });
});
