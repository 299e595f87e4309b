import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "../../src/db/schema.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { buildNorthby, type Fixture, startSmtpServer, type TestSmtpServer } from "./mail-helpers.ts";

// Contract reminders end to end: contracts in a real database, the scan on chosen days, the mails
// delivered through nodemailer to a real SMTP server in-process. Each coordinator gets one mail per
// contract, reason and threshold, however often the scan runs; nothing before the day, nothing after.

const BASE_URL = "https://waymark.example";

describe.each(testDatabaseKinds())("contract reminder e-mails (%s)", (kind) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let f: Fixture;
  let contractId: number;

  async function scan(day: string) {
    const result = await t.services.mail.scanAllReminders(day);
    await t.services.mail.flush();
    return result.contracts;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({
      kind,
      demo: false,
      config: { smtpUrl: smtp.url, baseUrl: BASE_URL, mailFrom: "Waymark <waymark@northby.example>" },
    });
    f = await buildNorthby(t.services);
    const actor = systemActor("test", f.partnershipId);
    const contract = await t.services.commissioning.create(
      actor,
      {
        service: "Specialist support service",
        reference: "",
        providerOrganisationId: null,
        providerName: "Lanternway",
        fundingStreamId: null,
        stage: "do",
        annualValuePence: 42_000_000,
        startsOn: "2024-04-01",
        endsOn: "2027-03-31",
        latestEndOn: "2029-03-31",
        extensionDecisionDueOn: "2026-09-30",
        reminderMonths: [12, 6],
        notes: "",
      },
      { procurement: false },
    );
    contractId = contract.id;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("sends nothing before the first reminder day", async () => {
    expect((await scan("2025-09-29")).queued).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it("tells each coordinator 12 months before the extension decision, once however often it scans", async () => {
    expect((await scan("2025-09-30")).queued).toBe(2);
    await smtp.waitFor(2);
    expect(smtp.messages.flatMap((m) => m.recipients).sort()).toEqual([...f.admins].sort());
    const [mail] = smtp.messages;
    expect(mail?.subject).toBe(
      "Specialist support service: the extension decision is due on Wednesday 30 September 2026",
    );
    expect(mail?.text).toContain("within 12 months");
    expect(mail?.text).toContain(`${BASE_URL}/p/${f.slug}/contracts/${contractId}`);
    expect((await scan("2025-09-30")).queued).toBe(0);
    expect((await scan("2025-12-01")).queued).toBe(0);
    expect(smtp.messages).toHaveLength(2);
  });

  it("sends the end reminder at 12 months and both 6-month reminders later, each once", async () => {
    // 30 March 2026: the decision's 6-month day; 31 March 2026: the end's 12-month day.
    expect((await scan("2026-03-30")).queued).toBe(2);
    expect((await scan("2026-03-31")).queued).toBe(2);
    expect((await scan("2026-09-30")).queued).toBe(2);
    expect((await scan("2026-09-30")).queued).toBe(0);
    await smtp.waitFor(8);
    const ends = smtp.messages.filter((m) =>
      m.subject.includes("the contract ends on Wednesday 31 March 2027"),
    );
    expect(ends).toHaveLength(4);
    expect(ends[0]?.text).toContain("It can be extended to Saturday 31 March 2029.");
    const keys = (
      await t.database.db.select().from(mailOutbox).where(like(mailOutbox.dedupeKey, "contract:%"))
    )
      .map((m) => m.dedupeKey.replace(/:user:\d+$/, ""))
      .sort();
    expect([...new Set(keys)]).toEqual([
      `contract:${contractId}:contract-end:2027-03-31:12m`,
      `contract:${contractId}:contract-end:2027-03-31:6m`,
      `contract:${contractId}:extension-decision:2026-09-30:12m`,
      `contract:${contractId}:extension-decision:2026-09-30:6m`,
    ]);
  });

  it("sends nothing after the date, and again when the date moves", async () => {
    expect((await scan("2027-04-01")).queued).toBe(0);
    const actor = systemActor("test", f.partnershipId);
    const current = await t.services.commissioning.get(actor, contractId);
    await t.services.commissioning.update(actor, contractId, current.version, {
      ...current,
      endsOn: "2028-03-31",
      extensionDecisionDueOn: null,
    });
    // The extended contract's end is a new date: its reminder in force goes out once.
    expect((await scan("2027-04-01")).queued).toBe(2);
    expect((await scan("2027-04-02")).queued).toBe(0);
  });
});
