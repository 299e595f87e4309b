import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, partnerships } from "../../src/db/schema.ts";
import { deliverPending } from "../../src/notify/delivery.ts";
import { createNotifyTransport } from "../../src/notify/notify-transport.ts";
import { enqueueMail, type OutgoingMail } from "../../src/notify/outbox.ts";
import { systemActor } from "../../src/services/actor.ts";
import { inTransaction } from "../../src/services/unit-of-work.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { startSmtpServer, type TestSmtpServer } from "./mail-helpers.ts";
import {
  type FakeNotify,
  NOTIFY_ERRORS,
  SERVICE_ID,
  startFakeNotify,
  TEMPLATE_ID,
} from "./notify-helpers.ts";

// Every mail through GOV.UK Notify — a stand-in for its API on loopback, never the real service:
// sent once (also by two deliverers at once, and after an instance stopped mid-send), 429 and 500
// tried again with backoff, 400 and 403 given up at once with Notify's message on the Outbox page,
// Notify's delivery status read back; and SMTP still used without NOTIFY_API_KEY.

function mail(partnershipId: number, key: string, to = "partner@example.org"): OutgoingMail {
  return {
    partnershipId,
    dedupeKey: key,
    kind: "test",
    to,
    subject: `Test ${key}`,
    text: `Hello,\n\nThis is ${key}.\nSecond line.\n\nhttps://waymark.example/p/ashvale/your-updates\n`,
  };
}

describe.each(testDatabaseKinds())("mail through GOV.UK Notify (%s)", (kind) => {
  let t: TestApp;
  let notify: FakeNotify;
  let ashvaleId: number;

  const row = async (key: string) => {
    const [found] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.dedupeKey, key));
    return found!;
  };
  const acceptedFor = (key: string) =>
    notify.accepted.filter((n) => n.personalisation.subject === `Test ${key}`);
  const coordinator = async () => {
    const client = new TestClient(t.app);
    await client.signIn(demoUser("admin").email);
    return client;
  };

  beforeAll(async () => {
    notify = await startFakeNotify();
    t = await createTestApp({
      kind,
      config: { notify: notify.settings(), baseUrl: "https://waymark.example" },
    });
    const [p] = await t.database.db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
    ashvaleId = p!.id;
    // Whatever the demo queued goes first, so each test sees only its own mails.
    await t.services.mail.deliverNow();
  });
  afterAll(async () => {
    await t?.close();
    await notify?.close();
  });

  it("sends a committed mail once, as the template's subject and body, referenced by its outbox id", async () => {
    await inTransaction(t.database.db, systemActor("test", ashvaleId), async (work) => {
      await enqueueMail(work.tx, [mail(ashvaleId, "notify:1")]);
      work.afterCommit(() => t.services.mail.deliverSoon());
    });
    await t.services.mail.flush();
    await t.services.mail.deliverNow();
    const [sent, ...more] = acceptedFor("notify:1");
    expect(more).toHaveLength(0);
    const stored = await row("notify:1");
    expect(sent!.email_address).toBe("partner@example.org");
    expect(sent!.template_id).toBe(TEMPLATE_ID);
    expect(sent!.personalisation.body).toContain("This is notify:1.\nSecond line.");
    expect(sent!.reference).toBe(`outbox-${stored.id}@waymark.example`);
    expect(notify.authFailures).toEqual([]);
    expect(stored).toMatchObject({ sentVia: "notify", notifyId: sent!.id, attempts: 1, lastError: null });
    expect(stored.sentAt).not.toBeNull();

    const client = await coordinator();
    const list = (await client.get("/p/ashvale/outbox")).body;
    expect(list).toContain("Emails are sent through GOV.UK Notify.");
    expect(list).not.toContain("Email sending is not set up");
    const page = (await client.get(`/p/ashvale/outbox/${stored.id}`)).body;
    expect(page).toContain("Accepted by GOV.UK Notify");
    expect(page).toContain(sent!.id);
  });

  it("sends each mail once when two deliverers run at the same time", async () => {
    await enqueueMail(
      t.database.db,
      Array.from({ length: 12 }, (_, i) => mail(ashvaleId, `pair:${i}`, `pair${i}@example.org`)),
    );
    const transport = () => createNotifyTransport(notify.settings());
    const options = { from: t.config.mailFrom, batchSize: 3 };
    const [one, two] = await Promise.all([
      deliverPending(t.database, transport(), options),
      deliverPending(t.database, transport(), options),
    ]);
    expect(one.sent + two.sent).toBe(12);
    const references = notify.accepted
      .filter((n) => n.email_address.startsWith("pair"))
      .map((n) => n.reference);
    expect(references).toHaveLength(12);
    expect(new Set(references).size).toBe(12);
  });

  it("recognises a mail Notify took before its instance stopped, and does not send it again", async () => {
    await enqueueMail(t.database.db, [mail(ashvaleId, "crash:1")]);
    const before = await row("crash:1");
    // The instance claimed it and Notify accepted it; the instance died before writing sent_at.
    const receipt = await createNotifyTransport(notify.settings()).sendMail({
      from: t.config.mailFrom,
      to: before.toAddress,
      subject: before.subject,
      text: before.textBody,
      reference: `outbox-${before.id}@waymark.example`,
    });
    await t.database.execute(
      "update mail_outbox set claimed_at = now() - interval '10 minutes', attempts = 1 where dedupe_key = 'crash:1'",
    );
    expect((await t.services.mail.deliverNow()).sent).toBe(1);
    expect(acceptedFor("crash:1")).toHaveLength(1);
    const after = await row("crash:1");
    expect(after.notifyId).toBe(receipt.notifyId);
    expect(after.sentAt).not.toBeNull();
    expect(after.attempts).toBe(2);
  });

  it("tries again after a rate limit (429) and a server error (500), with backoff, then sends once", async () => {
    notify.nextAnswers.push(NOTIFY_ERRORS.rateLimit);
    await enqueueMail(t.database.db, [mail(ashvaleId, "limit:1")]);
    expect(await t.services.mail.deliverNow()).toEqual({ claimed: 1, sent: 0, failed: 1 });
    let stored = await row("limit:1");
    expect(stored.lastError).toBe(
      "GOV.UK Notify answered 429: RateLimitError: Exceeded rate limit for key type TEAM of 3000 requests per 60 seconds",
    );
    expect(stored.claimedAt).toBeNull();
    expect(stored.failedAt).toBeNull();
    const wait = (stored.retryAt!.getTime() - Date.now()) / 1000;
    expect(wait).toBeGreaterThan(20);
    expect(wait).toBeLessThanOrEqual(31);
    const client = await coordinator();
    expect((await client.get(`/p/ashvale/outbox/${stored.id}`)).body).toContain(
      "Not sent yet, will try again: GOV.UK Notify answered 429: RateLimitError",
    );
    // Not before the backoff has passed, however often delivery runs.
    expect((await t.services.mail.deliverNow()).claimed).toBe(0);
    const ageRetry = () =>
      t.database.execute(
        "update mail_outbox set retry_at = now() - interval '1 second' where dedupe_key = 'limit:1'",
      );
    notify.nextAnswers.push(NOTIFY_ERRORS.internal);
    await ageRetry();
    expect((await t.services.mail.deliverNow()).failed).toBe(1);
    stored = await row("limit:1");
    expect(stored.lastError).toBe("GOV.UK Notify answered 500: Exception: Internal server error");
    expect((stored.retryAt!.getTime() - Date.now()) / 1000).toBeGreaterThan(100);
    await ageRetry();
    expect((await t.services.mail.deliverNow()).sent).toBe(1);
    expect(acceptedFor("limit:1")).toHaveLength(1);
    stored = await row("limit:1");
    expect(stored).toMatchObject({ attempts: 3, lastError: null, retryAt: null, sentVia: "notify" });
  });

  it("gives up at once on Notify's 400, keeping its message for the Outbox page", async () => {
    notify.refuse.set("outsider@example.org", NOTIFY_ERRORS.teamOnly);
    await enqueueMail(t.database.db, [mail(ashvaleId, "team:1", "outsider@example.org")]);
    expect((await t.services.mail.deliverNow()).failed).toBe(1);
    const stored = await row("team:1");
    expect(stored.failedAt).not.toBeNull();
    expect(stored.attempts).toBe(1);
    expect(stored.lastError).toBe(
      "GOV.UK Notify answered 400: BadRequestError: Can't send to this recipient using a team-only API key",
    );
    await t.database.execute(
      "update mail_outbox set claimed_at = now() - interval '1 hour' where dedupe_key = 'team:1'",
    );
    expect((await t.services.mail.deliverNow()).claimed).toBe(0);
    const client = await coordinator();
    const shown = "Failed: GOV.UK Notify answered 400: BadRequestError: Can&#39;t send to this recipient";
    expect((await client.get("/p/ashvale/outbox")).body).toContain(shown);
    expect((await client.get(`/p/ashvale/outbox/${stored.id}`)).body).toContain(shown);
  });

  it("gives up at once on 403 (a key Notify does not know), without the key or token in the message", async () => {
    await enqueueMail(t.database.db, [mail(ashvaleId, "key:1")]);
    const wrongKey = `waymark_live-${SERVICE_ID}-00000000-0000-4000-8000-000000000000`;
    const transport = createNotifyTransport(notify.settings({ apiKey: wrongKey }));
    const result = await deliverPending(t.database, transport, { from: t.config.mailFrom });
    expect(result.failed).toBe(1);
    const stored = await row("key:1");
    expect(stored.failedAt).not.toBeNull();
    expect(stored.lastError).toBe(
      "GOV.UK Notify answered 403: AuthError: Invalid token: signature, api token not found",
    );
    expect(stored.lastError).not.toContain("Bearer");
    notify.authFailures.splice(0);
  });

  it("shows what Notify made of each mail once the delivery sweep has asked", async () => {
    await enqueueMail(t.database.db, [
      mail(ashvaleId, "status:ok"),
      mail(ashvaleId, "status:bad", "gone@example.org"),
    ]);
    await t.services.mail.deliverNow();
    const [ok] = acceptedFor("status:ok");
    const [bad] = acceptedFor("status:bad");
    ok!.status = "delivered";
    bad!.status = "permanent-failure";
    const checked = await t.services.mail.checkDeliveries();
    expect(checked.changed).toBeGreaterThanOrEqual(2);
    expect((await row("status:ok")).deliveryStatus).toBe("delivered");
    expect((await row("status:bad")).deliveryStatus).toBe("permanent-failure");
    // Settled mails are not asked about again.
    const asked = notify.requests.length;
    await t.database.execute(
      "update mail_outbox set delivery_checked_at = now() - interval '1 hour' where dedupe_key like 'status:%'",
    );
    await t.services.mail.checkDeliveries();
    expect(notify.requests.slice(asked).filter((r) => r.includes(ok!.id) || r.includes(bad!.id))).toEqual([]);
    const client = await coordinator();
    const list = (await client.get("/p/ashvale/outbox")).body;
    expect(list).toContain("Delivered");
    expect(list).toContain(
      "Not delivered: Notify&#39;s provider says the email address is wrong (permanent failure)",
    );
    const page = (await client.get(`/p/ashvale/outbox/${(await row("status:ok")).id}`)).body;
    expect(page).toContain("Delivery checked");
    expect(page).toContain("GOV.UK Notify");
  });
});

describe.each(testDatabaseKinds())("SMTP without NOTIFY_API_KEY (%s)", (kind) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let notify: FakeNotify;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    notify = await startFakeNotify();
    t = await createTestApp({ kind, config: { smtpUrl: smtp.url } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await notify?.close();
  });

  it("sends by SMTP and never asks Notify", async () => {
    expect(t.config.notify).toBeUndefined();
    expect(t.services.mail.sendingVia).toBe("smtp");
    const [p] = await t.database.db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
    await enqueueMail(t.database.db, [mail(p!.id, "smtp-only:1")]);
    await t.services.mail.deliverNow();
    await smtp.waitFor(1);
    expect(smtp.messages.some((m) => m.subject === "Test smtp-only:1")).toBe(true);
    const rows = await t.database.db
      .select()
      .from(mailOutbox)
      .where(like(mailOutbox.dedupeKey, "smtp-only:%"));
    expect(rows[0]).toMatchObject({ sentVia: "smtp", notifyId: null });
    expect(await t.services.mail.checkDeliveries()).toEqual({ checked: 0, changed: 0 });
    expect(notify.requests).toEqual([]);
  });
});
