import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, commitments, indicators, partnerships, updates } from "../../src/db/schema.ts";
import { ukDateOf } from "../../src/domain/periods.ts";
import { runPrivacyScan } from "../../src/services/privacy/scan-command.ts";
import { bumpDataVersion, createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The personal-data guard end to end: the passage a partner really pasted into a narrative.
const PASTED =
  "Jane Smith (DOB 14/02/1988, NHS no. 943 476 5919) of 12 Acacia Road… her son Tom (date of birth 03/06/2017)";

describe.each(testDatabaseKinds())("the personal-data guard (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let police: TestClient;
  let formUrl: string;
  let partnershipId: number;

  const auditCount = async () => Number((await t.database.db.select({ n: count() }).from(auditLog))[0]?.n);
  const dataVersion = async () =>
    (await t.database.db.select().from(partnerships).where(eq(partnerships.id, partnershipId)))[0]
      ?.dataVersion;
  const scanLines = async () => {
    const lines: string[] = [];
    await runPrivacyScan(t.services, "ashvale", (line) => lines.push(line));
    return lines;
  };
  const versionOnForm = async () =>
    /name="version" value="(\d*)"/.exec((await police.get(formUrl)).body)?.[1] ?? "";

  beforeAll(async () => {
    // The demo moved to today, so its live round is open and can be submitted to.
    t = await createTestApp({ kind, demoProgress: true, demoToday: ukDateOf(new Date()) });
    admin = new TestClient(t.app);
    police = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    await police.signIn(demoUser("editor", "police").email);
    partnershipId = (
      await t.database.db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"))
    )[0]!.id;
    // An action the police owe an update on that they can still edit.
    const owed = await police.get("/p/ashvale/your-updates");
    const links = [...owed.body.matchAll(/href="(\/p\/ashvale\/rounds\/\d+\/actions\/\d+\/update)"/g)].map(
      (m) => m[1]!,
    );
    for (const link of links) {
      if ((await police.get(link)).body.includes('id="update-form"')) {
        formUrl = link;
        break;
      }
    }
    expect(formUrl).toBeDefined();
  });
  afterAll(() => t.close());

  it("finds nothing in the demo's stored text", async () => {
    expect(await t.services.privacy.scan(null)).toEqual([]);
    expect(await scanLines()).toEqual(["No stored text was found that may identify a person."]);
  });

  it("refuses the pasted passage with the error summary linked to the narrative, and saves nothing", async () => {
    const [, roundId, actionId] = /rounds\/(\d+)\/actions\/(\d+)/.exec(formUrl)!.map(Number);
    const before = await t.database.db
      .select()
      .from(updates)
      .where(and(eq(updates.roundId, roundId!), eq(updates.actionId, actionId!)));
    const audits = await auditCount();
    const version = await dataVersion();
    const form = await police.get(formUrl);
    expect(form.body).not.toContain("This text identifies nobody");

    const response = await police.post(formUrl, {
      version: /name="version" value="(\d*)"/.exec(form.body)?.[1] ?? "",
      rating: "green",
      narrative: PASTED,
      intent: "submit",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("govuk-error-summary");
    expect(response.body).toContain(
      '<a href="#narrative">This may identify a person: a date of birth, 14/02/1988; an NHS number, 943 476 5919; ' +
        "a home address, 12 Acacia Road; a first name next to a family word, her son Tom; a date of birth, 03/06/2017. " +
        "Remove them, or confirm below that it identifies nobody</a>",
    );
    // What was typed is kept, and the override is offered now.
    expect(response.body).toContain("Jane Smith (DOB 14/02/1988");
    expect(response.body).toContain("This text identifies nobody");

    const after = await t.database.db
      .select()
      .from(updates)
      .where(and(eq(updates.roundId, roundId!), eq(updates.actionId, actionId!)));
    expect(after).toEqual(before);
    expect(await auditCount()).toBe(audits);
    expect(await dataVersion()).toBe(version);
  });

  it("checks every free-text field of the update, each with its own message", async () => {
    const response = await police.post(formUrl, {
      version: await versionOnForm(),
      rating: "amber",
      narrative: "Training reached 40 officers.",
      remedy: "Call Mrs Smith on 07700 900123",
      toNote: "Email jane.smith88@gmail.com",
      evidenceLinks: "https://example.org/report?nino=AB123456C",
      intent: "draft",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(
      '<a href="#remedy">This may identify a person: a title with a surname, Mrs Smith; a phone number, 07700 900123',
    );
    expect(response.body).toContain(
      '<a href="#toNote">This may identify a person: a personal e-mail address',
    );
    expect(response.body).toContain(
      '<a href="#evidenceLinks">This may identify a person: a National Insurance',
    );
    expect(response.body).not.toContain('href="#narrative"');
  });

  it("saves when the writer states the text identifies nobody, auditing the kinds found and never the text", async () => {
    const audits = await auditCount();
    const response = await police.post(formUrl, {
      version: await versionOnForm(),
      rating: "green",
      narrative: PASTED,
      intent: "submit",
      identifiesNobody: "yes",
    });
    expect(response.statusCode).toBe(303);
    expect(await auditCount()).toBe(audits + 2);
    const [acknowledged] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "privacy.acknowledged"));
    expect(acknowledged).toMatchObject({
      partnershipId,
      entityType: "update",
      after: {
        fields: { narrative: ["dateOfBirth", "nhsNumber", "homeAddress", "nameWithFamilyWord"] },
        kinds: ["dateOfBirth", "nhsNumber", "homeAddress", "nameWithFamilyWord"],
      },
    });
    const written = JSON.stringify(acknowledged);
    for (const detail of ["Jane", "14/02/1988", "943 476 5919", "Acacia", "Tom"]) {
      expect(written).not.toContain(detail);
    }
  });

  it("marks the update on the coordinator's review page before acceptance", async () => {
    const [row] = await t.database.db.select().from(updates).where(eq(updates.narrative, PASTED));
    expect(row?.status).toBe("submitted");
    const page = await admin.get(`/p/ashvale/updates/${row!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("govuk-warning-text");
    expect(page.body).toContain(
      "This update may identify a person: a date of birth, an NHS number, a home address and a first name next to a family word in what has happened.",
    );
  });

  it("lists the passage in the scan by record, field and kind, with a masked excerpt only", async () => {
    const [row] = await t.database.db.select().from(updates).where(eq(updates.narrative, PASTED));
    const kinds = ["dateOfBirth", "nhsNumber", "homeAddress", "nameWithFamilyWord"];
    const found = await t.services.privacy.scan(partnershipId);
    // The live update, and the audit entry of its submission, which copies the passage.
    expect(found).toEqual([
      expect.objectContaining({
        partnership: "ashvale",
        record: expect.stringMatching(/^update \d+ \(.+, submitted\)$/),
        entityType: "update",
        entityId: row!.id,
        field: "narrative",
        kinds,
        excerpt: "••/••/••••",
      }),
      expect.objectContaining({
        record: expect.stringMatching(
          new RegExp(`^audit entry \\d+ \\(update.submit of update ${row!.id}, after\\)$`),
        ),
        entityType: "audit_log",
        field: "narrative",
        kinds,
      }),
    ]);
    const lines = await scanLines();
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe("partnership\trecord\tfield\twhat may identify a person\texcerpt");
    expect(lines[1]).toBe(
      `ashvale\t${found[0]!.record}\tnarrative\ta date of birth, an NHS number, a home address and a first name next to a family word\t••/••/••••`,
    );
    expect(lines.join("\n")).not.toContain("14/02/1988");
    expect(lines[3]).toBe(
      "2 passages may identify a person. Ask the writer to remove the details, or have the coordinator redact them.",
    );
  });

  it("checks the coordinator's return comment, override reason and definition note too", async () => {
    const [row] = await t.database.db.select().from(updates).where(eq(updates.narrative, PASTED));
    const audits = await auditCount();
    await admin.get(`/p/ashvale/updates/${row!.id}`);
    const returned = await admin.post(`/p/ashvale/updates/${row!.id}/return`, {
      version: String(row!.version),
      comment: "Please remove Mrs Smith's details",
    });
    expect(returned.statusCode).toBe(400);
    expect(returned.body).toContain(
      '<a href="#comment">This may identify a person: a title with a surname, Mrs Smith',
    );
    expect(returned.body).toContain("This text identifies nobody");

    const [commitment] = await t.database.db
      .select()
      .from(commitments)
      .where(eq(commitments.partnershipId, partnershipId))
      .limit(1);
    await admin.get(`/p/ashvale/commitments/${commitment!.id}/rating`);
    const overridden = await admin.post(`/p/ashvale/commitments/${commitment!.id}/rating`, {
      rating: "amber",
      reason: "Her partner Dave withdrew from the programme",
    });
    expect(overridden.statusCode).toBe(400);
    expect(overridden.body).toContain(
      '<a href="#reason">This may identify a person: a first name next to a family word',
    );
    expect(await auditCount()).toBe(audits);

    const ok = await admin.post(`/p/ashvale/commitments/${commitment!.id}/rating`, {
      rating: "amber",
      reason: "Her partner Dave withdrew from the programme",
      identifiesNobody: "yes",
    });
    expect(ok.statusCode).toBe(303);
    expect(await auditCount()).toBe(audits + 2);
    const found = await t.services.privacy.scan(partnershipId);
    expect(found.map((f) => [f.entityType, f.field])).toContainEqual(["rating_override", "reason"]);
    const [indicator] = await t.database.db
      .select()
      .from(indicators)
      .where(eq(indicators.partnershipId, partnershipId))
      .limit(1);
    await admin.get(`/p/ashvale/indicators/${indicator!.id}/notes/new`);
    const note = await admin.post(`/p/ashvale/indicators/${indicator!.id}/notes`, {
      "changedOn-day": "1",
      "changedOn-month": "4",
      "changedOn-year": "2025",
      note: "Definition agreed with Mr Jones",
    });
    expect(note.statusCode).toBe(400);
    expect(note.body).toContain(
      '<a href="#note">This may identify a person: a title with a surname, Mr Jones',
    );
    expect(await auditCount()).toBe(audits + 2);
  });

  it("scans in four queries however much text is held", async () => {
    const start = t.database.queryCount();
    await t.services.privacy.scan(null);
    expect(t.database.queryCount() - start).toBe(4);
  });

  it("scans text held from before the guard, such as a return comment", async () => {
    const [row] = await t.database.db.select().from(updates).where(eq(updates.narrative, PASTED));
    await t.database.db
      .update(updates)
      .set({ reviewComment: "Ring her on 07700 900123" })
      .where(eq(updates.id, row!.id));
    await bumpDataVersion(t.database, partnershipId);
    const found = await t.services.privacy.scan(null);
    expect(found).toContainEqual(
      expect.objectContaining({ entityId: row!.id, field: "reviewComment", kinds: ["phoneNumber"] }),
    );
  });
});
