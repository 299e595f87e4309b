import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "../../src/db/schema.ts";
import {
  agendaItems,
  decisions,
  meetingActions,
  meetingPackReceipts,
  meetingPacks,
} from "../../src/db/schema-governance.ts";
import { bumpDataVersion, createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { expectLibreOfficeOpens } from "../support/libreoffice.ts";
import { type PackFixture, seedPackFixture } from "./governance-packs-fixture.ts";
import { startSmtpServer, type TestSmtpServer } from "./mail-helpers.ts";
import { docxParts } from "./reports-fixture.ts";

// Meeting packs end to end: the draft built from the agenda, publishing (frozen page and Word file,
// byte for byte, whatever changes afterwards), versions with reasons, the e-mail to the board's
// members once per version (through a real SMTP server), and receipts of who opened which version.

describe.each(testDatabaseKinds())("meeting packs (%s)", (kind) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let f: PackFixture;
  const admin = () => new TestClient(t.app);
  let coordinator: TestClient;
  let member: TestClient;
  let deputy: TestClient;
  let editor: TestClient;
  const p = "/p/ashvale";

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ kind, demoProgress: true, config: { smtpUrl: smtp.url } });
    f = await seedPackFixture(t.database.db, "ashvale", {
      holderEmail: "hwb.member@ashvale.example",
      deputyEmail: "steering.member@ashvale.example",
    });
    await bumpDataVersion(t.database, f.partnershipId);
    coordinator = admin();
    await coordinator.signIn(demoUser("admin").email);
    member = new TestClient(t.app);
    await member.signIn("hwb.member@ashvale.example");
    deputy = new TestClient(t.app);
    await deputy.signIn("steering.member@ashvale.example");
    editor = new TestClient(t.app);
    await editor.signIn(demoUser("editor", "police").email);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  let firstPackId = 0;

  it("shows the coordinator the draft built from the agenda, the last meeting and each item", async () => {
    const page = await coordinator.get(`${p}/meetings/${f.meetingId}/pack`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    // The cover and the agenda: numbered, nested, with purposes, presenters and times.
    expect(html).toContain("Pack as at");
    expect(html).toContain("County Hall, Committee Room 2");
    expect(html).toMatch(/>1\.1<\/td>\s*<td[^>]*>Declarations of interest/);
    expect(html).toContain("14:10 (30 minutes)");
    expect(html).toContain("Presented by Partnership coordinator");
    // The last meeting: attendance with the quorum, its decision and its action's status now.
    expect(html).toContain("Quorate: 2 of 2 voting seats present (quorum 2)");
    expect(html).toContain("Inspector Deputy");
    expect(html).toContain("Agree the refreshed governance");
    expect(html).toMatch(/Bring the refuge capacity review[\s\S]{0,600}In progress/);
    // The strategy review as at today, with its context item, and the commitment's rating.
    expect(html).toContain("2 Strategy review:");
    expect(html).toContain("Statutory guidance");
    expect(html).toContain("Victims and Prisoners Act");
    expect(html).toMatch(/Rating:<\/strong> (Red|Amber|Green|Complete|Not yet started)/);
    expect(html).toContain("Publish pack");
    // Only the coordinator sees the draft.
    expect((await member.get(`${p}/meetings/${f.meetingId}/pack`)).statusCode).toBe(403);
    expect((await editor.get(`${p}/meetings/${f.meetingId}/pack`)).statusCode).toBe(403);
  });

  it("publishes version 1, e-mails the seat holder and the deputy once each, and freezes it", async () => {
    await coordinator.get(`${p}/meetings/${f.meetingId}/pack`);
    const published = await coordinator.post(`${p}/meetings/${f.meetingId}/pack/publish`, {
      reason: "",
      seenVersions: "0",
    });
    expect(published.statusCode).toBe(303);
    const [row] = await t.database.db
      .select()
      .from(meetingPacks)
      .where(eq(meetingPacks.meetingId, f.meetingId));
    expect(row!.packVersion).toBe(1);
    firstPackId = row!.id;
    expect(published.headers.location).toBe(`${p}/packs/${row!.id}`);

    const queued = await t.database.db
      .select()
      .from(mailOutbox)
      .where(like(mailOutbox.dedupeKey, `meeting-pack:${row!.id}:%`));
    expect(queued.map((m) => m.toAddress).sort()).toEqual([
      "hwb.member@ashvale.example",
      "steering.member@ashvale.example",
    ]);
    await t.services.mail.flush();
    await smtp.waitFor(2);
    const received = smtp.messages.splice(0);
    expect(received.map((m) => m.to).sort()).toEqual([
      "hwb.member@ashvale.example",
      "steering.member@ashvale.example",
    ]);
    expect(received[0]!.subject).toContain("is ready");
    expect(received[0]!.text).toContain(`/p/ashvale/packs/${row!.id}`);

    // The frozen page and Word file, then the data changes, then the same bytes again.
    const before = await member.get(`${p}/packs/${row!.id}`);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain(row!.html);
    expect(before.body).toContain("Version 1 of 1");
    const wordBefore = await member.get(`${p}/packs/${row!.id}/pack.docx`);
    expect(wordBefore.statusCode).toBe(200);
    expect(wordBefore.headers["content-type"]).toContain("wordprocessingml");
    expect(Buffer.compare(wordBefore.rawPayload, row!.docx)).toBe(0);

    const db = t.database.db;
    await db
      .update(agendaItems)
      .set({ title: "Renamed after publishing" })
      .where(eq(agendaItems.meetingId, f.meetingId));
    await db
      .update(decisions)
      .set({ decision: "Rewritten decision", status: "withdrawn" })
      .where(eq(decisions.id, f.decisionId));
    await db.update(meetingActions).set({ status: "done" }).where(eq(meetingActions.id, f.meetingActionId));
    await bumpDataVersion(t.database, f.partnershipId);

    const after = await member.get(`${p}/packs/${row!.id}`);
    const frozen = (body: string) => body.slice(body.indexOf('id="pack"'), body.lastIndexOf("</main>"));
    expect(frozen(after.body)).toBe(frozen(before.body));
    expect(after.body).not.toContain("Renamed after publishing");
    expect(after.body).toContain("Agree the refreshed governance");
    const wordAfter = await member.get(`${p}/packs/${row!.id}/pack.docx`);
    expect(Buffer.compare(wordAfter.rawPayload, wordBefore.rawPayload)).toBe(0);
    // The draft, by contrast, is live.
    const draft = await coordinator.get(`${p}/meetings/${f.meetingId}/pack`);
    expect(draft.body).toContain("Renamed after publishing");
    expect(draft.body).toContain("Rewritten decision");
  });

  it("asks for a reason before version 2, then shows members which version they have", async () => {
    await coordinator.get(`${p}/meetings/${f.meetingId}/pack`);
    const refused = await coordinator.post(`${p}/meetings/${f.meetingId}/pack/publish`, {
      reason: "",
      seenVersions: "1",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Enter why this version replaces the last one");
    expect(refused.body).toContain('href="#reason"');
    // A stale page (it saw no version) is told that one was published meanwhile.
    const stale = await coordinator.post(`${p}/meetings/${f.meetingId}/pack/publish`, {
      reason: "Late paper",
      seenVersions: "0",
    });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain("Version 1 was published while you were looking");

    const ok = await coordinator.post(`${p}/meetings/${f.meetingId}/pack/publish`, {
      reason: "The decision was withdrawn",
      seenVersions: "1",
    });
    expect(ok.statusCode).toBe(303);
    const rows = await t.database.db
      .select()
      .from(meetingPacks)
      .where(eq(meetingPacks.meetingId, f.meetingId));
    expect(rows.map((r) => r.packVersion).sort()).toEqual([1, 2]);
    const second = rows.find((r) => r.packVersion === 2)!;
    expect(second.html).toContain("Renamed after publishing");
    const page = await member.get(`${p}/packs/${second.id}`);
    expect(page.body).toContain("Version 2 of 2</strong>, published");
    expect(page.body).toContain(": The decision was withdrawn");
    expect(page.body).toContain(`href="${p}/packs/${firstPackId}"`);
    const old = await member.get(`${p}/packs/${firstPackId}`);
    expect(old.body).toContain("This is not the latest version");
    // Each version mails each member once; publishing is not repeated by a retry of the mail.
    await t.services.mail.flush();
    await smtp.waitFor(2);
    const mails = smtp.messages.splice(0);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).toContain("version 2");
    expect(mails[0]!.text).toContain("Why: The decision was withdrawn");
    await t.services.mail.flush();
    expect(smtp.messages).toHaveLength(0);
  });

  it("refuses a reason that may identify someone, offering 'This text identifies nobody', and publishes nothing", async () => {
    const count = async () =>
      (await t.database.db.select().from(meetingPacks).where(eq(meetingPacks.meetingId, f.meetingId))).length;
    const before = await count();
    await coordinator.get(`${p}/meetings/${f.meetingId}/pack`);
    const refused = await coordinator.post(`${p}/meetings/${f.meetingId}/pack/publish`, {
      reason: "Jane Smith (DOB 14/02/1988) of 12 Acacia Road asked for a correction",
      seenVersions: String(before),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("govuk-error-summary");
    expect(refused.body).toContain("This text identifies nobody");
    expect(refused.body).toContain("Jane Smith (DOB 14/02/1988)");
    expect(await count()).toBe(before);
  });

  it("records who opened which version, once, and shows the coordinator", async () => {
    const db = t.database.db;
    const before = await db
      .select()
      .from(meetingPackReceipts)
      .where(eq(meetingPackReceipts.packId, firstPackId));
    expect(before.map((r) => r.userId)).toEqual([f.holderUserId]);
    await member.get(`${p}/packs/${firstPackId}`);
    await deputy.get(`${p}/packs/${firstPackId}/pack.docx`);
    const after = await db
      .select()
      .from(meetingPackReceipts)
      .where(eq(meetingPackReceipts.packId, firstPackId));
    expect(after.map((r) => r.userId).sort()).toEqual([f.holderUserId, f.deputyUserId].sort());
    expect(after.find((r) => r.userId === f.holderUserId)!.firstOpenedAt).toEqual(before[0]!.firstOpenedAt);
    // The coordinator who published it looking at it is not a receipt.
    await coordinator.get(`${p}/packs/${firstPackId}`);
    expect(
      (await db.select().from(meetingPackReceipts).where(eq(meetingPackReceipts.packId, firstPackId))).length,
    ).toBe(2);
    const draft = await coordinator.get(`${p}/meetings/${f.meetingId}/pack`);
    expect(draft.body).toMatch(
      /id="version-1"[\s\S]*Cllr Peter Haines[\s\S]*Leila Hussain[\s\S]*id="version-2"/,
    );
  });

  it("shows a board member their boards' latest pack, and the coordinator the packs due", async () => {
    const home = await member.get(`${p}`);
    const latest = (
      await t.database.db.select().from(meetingPacks).where(eq(meetingPacks.meetingId, f.meetingId))
    ).sort((a, b) => b.packVersion - a.packVersion)[0]!;
    expect(home.body).toMatch(new RegExp(`id="latest-packs"[\\s\\S]*href="${p}/packs/${latest.id}"`));
    expect(home.body).toContain(`Version ${latest.packVersion}, published`);
    expect(home.body).not.toContain('id="packs-due"');
    // A meeting in three days whose pack (due a week before) is not published: late.
    const soon = await seedPackFixture(t.database.db, "ashvale", { daysAhead: 3 });
    await bumpDataVersion(t.database, f.partnershipId);
    const coordinatorHome = await coordinator.get(`${p}`);
    const dueTable = coordinatorHome.body.slice(coordinatorHome.body.indexOf('id="packs-due"'));
    expect(dueTable).toMatch(new RegExp(`meetings/${soon.meetingId}/pack"[\\s\\S]{0,400}Late`));
    // The published meeting is no longer due.
    expect(dueTable).not.toContain(`meetings/${f.meetingId}/pack"`);
  });

  it("publishes a Word file with the pack's headings, which LibreOffice opens", async () => {
    const [row] = await t.database.db.select().from(meetingPacks).where(eq(meetingPacks.id, firstPackId));
    const word = await docxParts(row!.docx);
    expect(word.document).toContain('w:pStyle w:val="Title"');
    for (const text of [
      "Pack as at",
      "Agenda",
      "Declarations of interest",
      "The last meeting",
      "Strategy review",
    ])
      expect(word.document).toContain(text);
    if (kind !== "pglite") return;
    expectLibreOfficeOpens({ "pack.docx": row!.docx });
  }, 240_000);

  it("answers 404 for a pack or meeting that does not exist or is not the partnership's", async () => {
    expect((await member.get(`${p}/packs/999999`)).statusCode).toBe(404);
    expect((await member.get(`${p}/packs/999999/pack.docx`)).statusCode).toBe(404);
    expect((await coordinator.get(`${p}/meetings/999999/pack`)).statusCode).toBe(404);
  });
});
