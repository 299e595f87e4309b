import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionLeads,
  actionPlans,
  actions,
  auditLog,
  commitments,
  indicatorDefinitionNotes,
  indicators,
  mailOutbox,
  memberships,
  partnerships,
  ratingOverrides,
  redactions,
  rounds,
  updates,
  users,
} from "../../src/db/schema.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import { buildReport } from "../../src/reports/build.ts";
import { renderReport } from "../../src/reports/export.ts";
import type { ReportFormat } from "../../src/reports/model.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { openRoundThroughForm } from "../support/rounds.ts";
import { everyStoredRow, refusal, reportText } from "./stored-text.ts";

// The proof that a redaction removes a passage from everything Waymark stores: an update written,
// changed, returned with a comment quoting it, resubmitted and accepted, and reported on "as at" an
// earlier date; then the passage is redacted and every row of every table is read as text.

const PASSAGE = "Jane Smith, born 14/02/1988, of 12 Acacia Road";
const REASON = "Names a victim and gives her date of birth and address";

const today = () => ukDateOf(new Date());

const FORMATS: ReportFormat[] = ["html", "docx", "xlsx", "csv"];

describe.each(testDatabaseKinds())("redaction (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let police: TestClient;
  let partnershipId: number;
  let strategyId: number;
  let roundId: number;
  let actionId: number;
  let updateId: number;
  const asAt = addDays(today(), -5);

  const formUrl = () => `/p/ashvale/rounds/${roundId}/actions/${actionId}/update`;
  async function save(fields: Record<string, string>) {
    const page = await police.get(formUrl());
    const version = /name="version" value="(\d*)"/.exec(page.body)?.[1] ?? "";
    // The writer wrongly states that the text identifies nobody: the way a passage gets past the
    // personal-data guard, and what redaction is for.
    const response = await police.post(formUrl(), {
      version,
      rating: "amber",
      remedy: "More staff",
      identifiesNobody: "yes",
      ...fields,
    });
    expect(response.statusCode).toBe(303);
  }
  const currentVersion = async () =>
    String((await t.database.db.select().from(updates).where(eq(updates.id, updateId)))[0]?.version);

  async function reportsAsAt(): Promise<Record<ReportFormat, string>> {
    const actor = systemActor("test", partnershipId);
    const doc = await buildReport(t.database.db, actor, { kind: "strategy-review", strategyId, asAt });
    const out = {} as Record<ReportFormat, string>;
    for (const format of FORMATS) out[format] = await reportText(await renderReport(doc, format));
    return out;
  }

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const db = t.database.db;
    admin = new TestClient(t.app);
    police = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    await police.signIn(demoUser("editor", "police").email);
    const [plan] = await db.select().from(actionPlans).orderBy(desc(actionPlans.startsOn)).limit(1);
    partnershipId = plan!.partnershipId;
    strategyId = plan!.strategyId;
    const [policeOrg] = await db
      .select({ id: memberships.organisationId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, demoUser("editor", "police").email));
    const [led] = await db
      .select({ id: actions.id })
      .from(actions)
      .innerJoin(actionLeads, eq(actionLeads.actionId, actions.id))
      .where(and(eq(actions.actionPlanId, plan!.id), eq(actionLeads.organisationId, policeOrg!.id)))
      .orderBy(actions.id)
      .limit(1);
    actionId = led!.id;
    roundId = await openRoundThroughForm(admin, {
      actionPlanId: plan!.id,
      actionIds: [actionId],
      name: "Redaction round",
    });

    // Written, changed, submitted, returned with a comment quoting it, resubmitted, accepted.
    await save({ intent: "draft", narrative: `First draft. ${PASSAGE} was referred to the IDVA service.` });
    await save({ intent: "draft", narrative: `We referred ${PASSAGE} to the IDVA service in May.` });
    await save({ intent: "submit", narrative: `We referred ${PASSAGE} to the IDVA service in May.` });
    updateId = (await t.database.db.select().from(updates).where(eq(updates.roundId, roundId)))[0]!.id;
    await admin.get(`/p/ashvale/updates/${updateId}`);
    const returned = await admin.post(`/p/ashvale/updates/${updateId}/return`, {
      version: await currentVersion(),
      comment: `Please do not name anyone: take out "${PASSAGE}" and say how many were referred.`,
      identifiesNobody: "yes",
    });
    expect(returned.statusCode).toBe(303);
    await save({ intent: "submit", narrative: `We referred ${PASSAGE} and 11 others to the IDVA service.` });
    await admin.get(`/p/ashvale/updates/${updateId}`);
    const accepted = await admin.post(`/p/ashvale/updates/${updateId}/accept`, {
      version: await currentVersion(),
    });
    expect(accepted.statusCode).toBe(303);
    // The round and the acceptance happened before the report's as-at date.
    await db.update(rounds).set({ openedAt: sql`now() - interval '20 days'` }).where(eq(rounds.id, roundId));
    await db
      .update(updates)
      .set({ acceptedAt: sql`now() - interval '10 days'` })
      .where(eq(updates.id, updateId));
  });
  afterAll(async () => t?.close());

  it("holds the passage in the update, its history, the e-mail and the reports before it is redacted", async () => {
    const holding = new Set(
      (await everyStoredRow(t)).filter((r) => r.text.includes(PASSAGE)).map((r) => r.table),
    );
    expect([...holding]).toEqual(
      expect.arrayContaining(['"public"."updates"', '"public"."audit_log"', '"public"."mail_outbox"']),
    );
    const reports = await reportsAsAt();
    for (const format of FORMATS) expect(reports[format], format).toContain(PASSAGE);
  });

  it("refuses a passage that is not in the chosen field, linked to the field, and changes nothing", async () => {
    const versionBefore = (
      await t.database.db.select().from(partnerships).where(eq(partnerships.id, partnershipId))
    )[0]?.dataVersion;
    await admin.get(`/p/ashvale/updates/${updateId}/redact`);
    const response = await admin.post(`/p/ashvale/updates/${updateId}/redact`, {
      field: "toNote",
      passage: PASSAGE,
      reason: REASON,
      step: "confirm",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#passage"');
    expect(response.body).toContain("The passage is not in the field you chose");
    const repeated = await admin.post(`/p/ashvale/updates/${updateId}/redact`, {
      field: "narrative",
      passage: PASSAGE,
      reason: `Names ${PASSAGE}`,
      step: "confirm",
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.body).toContain('href="#reason"');
    const versionAfter = (
      await t.database.db.select().from(partnerships).where(eq(partnerships.id, partnershipId))
    )[0]?.dataVersion;
    expect(versionAfter).toBe(versionBefore);
    expect(await t.database.db.select().from(redactions)).toEqual([]);
  });

  it("asks for confirmation, then redacts the passage from every table and every report as at the earlier date", async () => {
    const form = await admin.get(`/p/ashvale/updates/${updateId}/redact`);
    expect(form.statusCode).toBe(200);
    const check = await admin.post(`/p/ashvale/updates/${updateId}/redact`, {
      field: "narrative",
      passage: PASSAGE,
      reason: REASON,
    });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain("This cannot be undone");
    expect(
      (await t.database.db.select().from(updates).where(eq(updates.id, updateId)))[0]?.narrative,
    ).toContain(PASSAGE);
    const versionBefore = (
      await t.database.db.select().from(partnerships).where(eq(partnerships.id, partnershipId))
    )[0]!.dataVersion;

    const done = await admin.post(`/p/ashvale/updates/${updateId}/redact`, {
      field: "narrative",
      passage: PASSAGE,
      reason: REASON,
      step: "confirm",
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/p/ashvale/updates/${updateId}`);

    const rows = await everyStoredRow(t);
    expect(rows.filter((r) => r.text.includes(PASSAGE))).toEqual([]);
    // Nor any distinctive piece of it.
    expect(rows.filter((r) => r.text.includes("Acacia Road") || r.text.includes("14/02/1988"))).toEqual([]);

    const [update] = await t.database.db.select().from(updates).where(eq(updates.id, updateId));
    expect(update?.narrative).toBe("We referred [redacted] and 11 others to the IDVA service.");
    const history = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "update"), eq(auditLog.entityId, String(updateId))));
    const historyText = JSON.stringify(history.map((h) => [h.before, h.after]));
    expect(historyText).toContain("First draft. [redacted] was referred");
    expect(historyText).toContain('take out \\"[redacted]\\"');
    const [mail] = await t.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.kind, "update-returned"));
    expect(mail?.textBody).toContain('take out "[redacted]"');

    const reports = await reportsAsAt();
    for (const format of FORMATS) {
      expect(reports[format], format).not.toContain(PASSAGE);
      expect(reports[format], format).toContain("[redacted]");
    }

    // Who, when, why, record and field are kept; the data version moved so cached pages go.
    const [redaction] = await t.database.db.select().from(redactions);
    expect(redaction).toMatchObject({
      partnershipId,
      actor: demoUser("admin").email,
      entityType: "update",
      entityId: String(updateId),
      field: "narrative",
      reason: REASON,
    });
    const [entry] = history.filter((h) => h.action === "redaction");
    expect(entry?.after).toMatchObject({ reason: REASON, field: "What has happened", recordId: updateId });
    const versionAfter = (
      await t.database.db.select().from(partnerships).where(eq(partnerships.id, partnershipId))
    )[0]!.dataVersion;
    expect(versionAfter).toBeGreaterThan(versionBefore);

    const page = await admin.get(`/p/ashvale/updates/${updateId}`);
    expect(page.body).toContain("Passage redacted");
    expect(page.body).toContain("[redacted]");
    expect(page.body).not.toContain(PASSAGE);
  });

  it("redacts a passage from a rating override's reason and the audit entries holding it", async () => {
    const db = t.database.db;
    const [commitment] = await db
      .select()
      .from(commitments)
      .where(eq(commitments.partnershipId, partnershipId))
      .limit(1);
    const actor = await t.services.auth.memberActor(
      (
        await db
          .select()
          .from(users)
          .where(eq(users.email, demoUser("admin").email))
      )[0]!.id,
      "ashvale",
    );
    const earlier = await t.services.ratings.override(actor!, commitment!.id, {
      rating: "amber",
      reason: "Mr Adebayo's complaint is being looked into",
      identifiesNobody: true,
    });
    const override = await t.services.ratings.override(actor!, commitment!.id, {
      rating: "red",
      reason: "Mr Adebayo's complaint shows referrals are not followed up",
      identifiesNobody: true,
    });
    await admin.get(`/p/ashvale/commitments/${commitment!.id}`);
    const form = await admin.get(`/p/ashvale/overrides/${override.id}/redact`);
    expect(form.statusCode).toBe(200);
    const redact = (id: number) =>
      admin.post(`/p/ashvale/overrides/${id}/redact`, {
        field: "reason",
        passage: "Mr Adebayo's complaint",
        reason: "Names a complainant",
        step: "confirm",
      });
    const done = await redact(override.id);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/p/ashvale/commitments/${commitment!.id}`);
    const [row] = await db.select().from(ratingOverrides).where(eq(ratingOverrides.id, override.id));
    expect(row?.reason).toBe("[redacted] shows referrals are not followed up");
    // The earlier override still says it, and the coordinator is told where.
    const page = await admin.get(`/p/ashvale/commitments/${commitment!.id}`);
    expect(page.body).toContain("Other records hold the same words");
    expect(page.body).toContain(`a rating override of commitment ${commitment!.id}`);
    expect((await everyStoredRow(t)).filter((r) => r.text.includes("Adebayo")).map((r) => r.table)).toEqual([
      '"public"."rating_overrides"',
    ]);
    expect((await redact(earlier.id)).statusCode).toBe(303);
    expect((await everyStoredRow(t)).filter((r) => r.text.includes("Adebayo"))).toEqual([]);
  });

  it("redacts a passage from a key statistic's definition note: another kind of record, the same steps", async () => {
    const db = t.database.db;
    const [indicator] = await db
      .select()
      .from(indicators)
      .where(eq(indicators.partnershipId, partnershipId))
      .limit(1);
    const note = await t.services.indicators.addNote(systemActor("test", partnershipId), indicator!.id, {
      changedOn: "2024-04-01",
      note: "Counted differently after DS Priya Kaur's review",
      identifiesNobody: true,
    });
    await admin.get(`/p/ashvale/indicator-notes/${note.id}/redact`);
    const done = await admin.post(`/p/ashvale/indicator-notes/${note.id}/redact`, {
      field: "note",
      passage: "DS Priya Kaur's review",
      reason: "Names an officer",
      step: "confirm",
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/p/ashvale/indicators/${indicator!.id}`);
    const [row] = await db
      .select()
      .from(indicatorDefinitionNotes)
      .where(eq(indicatorDefinitionNotes.id, note.id));
    expect(row?.note).toBe("Counted differently after [redacted]");
    expect((await everyStoredRow(t)).filter((r) => r.text.includes("Priya Kaur"))).toEqual([]);
  });

  it("keeps the audit log append-only outside a redaction, enforced by the database", async () => {
    const refused = /append-only/;
    await expect(t.database.execute("delete from audit_log")).rejects.toThrow(refused);
    await expect(t.database.execute("update audit_log set actor = 'x'")).rejects.toThrow(refused);
    await expect(t.database.execute("truncate audit_log")).rejects.toThrow(refused);
    await expect(t.database.execute("update redactions set reason = 'x'")).rejects.toThrow(refused);
    await expect(t.database.execute("delete from redactions")).rejects.toThrow(refused);
    const [existing] = await t.database.db.select().from(redactions).limit(1);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.partnershipId, partnershipId))
      .limit(1);
    const rewrite = sql`update audit_log set after = '{"note": "[redacted]"}'::jsonb where id = ${entry!.id}`;
    // Naming a redaction made by another transaction is not enough.
    expect(
      await refusal(
        t.database.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('waymark.redaction_id', ${String(existing!.id)}, true)`);
          await tx.execute(rewrite);
        }),
      ),
    ).toMatch(/UPDATE is allowed only inside a redaction/);
    // Inside a redaction: who, what and when stay as they were, and the new JSON must say [redacted].
    const insideRedaction = (statement: ReturnType<typeof sql>) =>
      t.database.db.transaction(async (tx) => {
        const [r] = await tx
          .insert(redactions)
          .values({
            partnershipId,
            actor: "test",
            entityType: "update",
            entityId: "1",
            field: "narrative",
            reason: "test",
          })
          .returning();
        await tx.execute(sql`select set_config('waymark.redaction_id', ${String(r!.id)}, true)`);
        await tx.execute(statement);
        throw new Error("rolled back");
      });
    expect(
      await refusal(insideRedaction(sql`update audit_log set actor = 'x' where id = ${entry!.id}`)),
    ).toMatch(/may not change who, what or when/);
    expect(
      await refusal(
        insideRedaction(
          sql`update audit_log set after = '{"note": "changed"}'::jsonb where id = ${entry!.id}`,
        ),
      ),
    ).toMatch(/only replaces a passage/);
    expect(await refusal(insideRedaction(sql`delete from audit_log where id = ${entry!.id}`))).toMatch(
      /DELETE is not allowed/,
    );
    // The one rewrite allowed: the same entry, its JSON now saying [redacted] (rolled back here).
    expect(await refusal(insideRedaction(rewrite))).toMatch(/^rolled back/);
    // The setting ends with its transaction.
    await expect(
      t.database.execute(`update audit_log set after = '{"note": "[redacted]"}'::jsonb`),
    ).rejects.toThrow(refused);
  });
});
