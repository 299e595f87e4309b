import { and, asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema.ts";
import { contractMilestones, contracts, safeAccommodationReturns } from "../../src/db/schema-funding.ts";
import { PART4_FIELDS } from "../../src/domain/funding/part4-return.ts";
import { DEFAULT_PROCUREMENT_MILESTONES } from "../../src/domain/funding/vocabulary.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import { returnYears } from "../../src/services/funding/part4-service.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { expectLibreOfficeOpens } from "../support/libreoffice.ts";

// The contract register and the Part 4 return through the web, on both databases: what the
// coordinator enters is what is stored (pence, dates, the milestone list in order), what a viewer may
// read, and the Excel return as held and as published.

const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split("-");
  return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! };
};

describe.each(testDatabaseKinds())("contract register and Part 4 return (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let viewer: TestClient;
  const today = ukDateOf(new Date());
  const db = () => t.database.db;
  let contractId: number;

  beforeAll(async () => {
    t = await createTestApp({ kind, config: { pageCache: false } });
    admin = new TestClient(t.app);
    viewer = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    await viewer.signIn(demoUser("viewer").email);
  });
  afterAll(async () => t?.close());

  const milestonesOf = (id: number) =>
    db()
      .select()
      .from(contractMilestones)
      .where(eq(contractMilestones.contractId, id))
      .orderBy(asc(contractMilestones.position));

  it("adds a contract in procurement with the usual milestones, its value in whole pence", async () => {
    await admin.get("/p/ashvale/contracts/new");
    const response = await admin.post("/p/ashvale/contracts/new", {
      service: "New refuge service",
      providerName: "Haven Housing",
      stage: "plan",
      procurement: "yes",
      annualValue: "£8,000.50",
      ...dateFields("startsOn", addDays(today, 100)),
      ...dateFields("endsOn", addDays(today, 300)),
      ...dateFields("extensionDecisionDueOn", addDays(today, 150)),
      reminderMonths: "6, 12, 6",
    });
    expect(response.statusCode).toBe(303);
    contractId = Number(response.headers.location?.toString().split("/").at(-1));
    const [row] = await db().select().from(contracts).where(eq(contracts.id, contractId));
    expect(row).toMatchObject({
      service: "New refuge service",
      annualValuePence: 800050,
      reminderMonths: [12, 6],
    });
    expect((await milestonesOf(contractId)).map((m) => m.name)).toEqual([...DEFAULT_PROCUREMENT_MILESTONES]);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "contract"), eq(auditLog.entityId, String(contractId))));
    expect(audits.map((a) => a.action)).toEqual(["contract.create"]);
  });

  it("refuses dates out of order and a contract without a provider, keeping what was typed", async () => {
    await admin.get("/p/ashvale/contracts/new");
    const response = await admin.post("/p/ashvale/contracts/new", {
      service: "Backwards service",
      stage: "do",
      procurement: "no",
      annualValue: "12.345",
      ...dateFields("startsOn", "2026-04-01"),
      ...dateFields("endsOn", "2025-04-01"),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#annualValue"');
    expect(response.body).toContain("Backwards service");
    const again = await admin.post("/p/ashvale/contracts/new", {
      service: "Backwards service",
      stage: "do",
      procurement: "no",
      ...dateFields("startsOn", "2026-04-01"),
      ...dateFields("endsOn", "2025-04-01"),
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("The end date must be after the start date");
    expect(again.body).toContain("Select the provider, or enter its name");
    expect(await db().select().from(contracts).where(eq(contracts.service, "Backwards service"))).toEqual([]);
  });

  it("refuses notes that identify a person unless the coordinator states they do not", async () => {
    const edit = await admin.get(`/p/ashvale/contracts/${contractId}/edit`);
    expect(edit.statusCode).toBe(200);
    const [row] = await db().select().from(contracts).where(eq(contracts.id, contractId));
    const body = {
      service: "New refuge service",
      providerName: "Haven Housing",
      stage: "plan",
      annualValue: "8000.50",
      notes: "Call Mrs Smith on 07700 900123",
      ...dateFields("startsOn", row!.startsOn!),
      ...dateFields("endsOn", row!.endsOn!),
      ...dateFields("extensionDecisionDueOn", row!.extensionDecisionDueOn!),
      reminderMonths: "12, 6",
      version: String(row!.version),
    };
    const refused = await admin.post(`/p/ashvale/contracts/${contractId}/edit`, body);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("This text identifies nobody");
    const saved = await admin.post(`/p/ashvale/contracts/${contractId}/edit`, {
      ...body,
      identifiesNobody: "yes",
    });
    expect(saved.statusCode).toBe(303);
    const stale = await admin.post(`/p/ashvale/contracts/${contractId}/edit`, {
      ...body,
      identifiesNobody: "yes",
    });
    expect(stale.statusCode).toBe(409);
  });

  it("edits the milestone list: rename, dates, move, remove, add", async () => {
    const before = await milestonesOf(contractId);
    const [contract] = await db().select().from(contracts).where(eq(contracts.id, contractId));
    await admin.get(`/p/ashvale/contracts/${contractId}/milestones`);
    const form: Record<string, string> = { version: String(contract!.version) };
    before.forEach((m, i) => {
      form[`milestone-${i}-id`] = String(m.id);
      form[`milestone-${i}-name`] = m.name;
    });
    form["milestone-0-name"] = "Needs assessment and engagement";
    Object.assign(form, dateFields("milestone-0-plannedOn", addDays(today, -40)));
    Object.assign(form, dateFields("milestone-0-actualOn", addDays(today, -38)));
    Object.assign(form, dateFields("milestone-2-plannedOn", addDays(today, -3)));
    Object.assign(form, dateFields("milestone-3-plannedOn", addDays(today, 12)));
    form["milestone-1-remove"] = "yes";
    form[`milestone-${before.length}-name`] = "Cabinet approval";
    Object.assign(form, dateFields(`milestone-${before.length}-plannedOn`, addDays(today, 200)));
    form.move = "up-3";
    const moved = await admin.post(`/p/ashvale/contracts/${contractId}/milestones`, form);
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe(`/p/ashvale/contracts/${contractId}/milestones`);
    const after = await milestonesOf(contractId);
    expect(after.map((m) => m.name)).toEqual([
      "Needs assessment and engagement",
      before[3]!.name,
      before[2]!.name,
      ...before.slice(4).map((m) => m.name),
      "Cabinet approval",
    ]);
    expect(after.map((m) => m.position)).toEqual(after.map((_, i) => i));
    const page = await viewer.get(`/p/ashvale/contracts/${contractId}`);
    expect(page.statusCode).toBe(200);
    const tagOf = (name: string) => {
      const at = page.body.indexOf(`>${name}</h3>`);
      return /govuk-tag--\w+">\s*([^<]+?)\s*</.exec(page.body.slice(at))?.[1];
    };
    expect(tagOf("Needs assessment and engagement")).toBe("Done");
    expect(tagOf(before[2]!.name)).toBe("Overdue");
    expect(tagOf(before[3]!.name)).toBe("Due soon");
    expect(tagOf("Cabinet approval")).toBe("Planned");
    expect(page.body).toContain("Overdue: its planned date has passed and it has no actual date.");
    // Viewers read; they cannot change.
    expect(page.body).not.toContain("Change milestones");
  });

  it("refuses a stale milestone list and another contract's milestone", async () => {
    const list = await milestonesOf(contractId);
    const stale = await admin.post(`/p/ashvale/contracts/${contractId}/milestones`, {
      version: "1",
      "milestone-0-id": String(list[0]!.id),
      "milestone-0-name": "Stale",
    });
    expect(stale.statusCode).toBe(409);
    const [contract] = await db().select().from(contracts).where(eq(contracts.id, contractId));
    const foreign = await admin.post(`/p/ashvale/contracts/${contractId}/milestones`, {
      version: String(contract!.version),
      "milestone-0-id": "999999",
      "milestone-0-name": "Not ours",
    });
    expect(foreign.statusCode).toBe(404);
    expect((await milestonesOf(contractId)).map((m) => m.name)).toEqual(list.map((m) => m.name));
  });

  it("filters the register by stage and by ending within 12 months, and shows reminders in force", async () => {
    await admin.get("/p/ashvale/contracts/new");
    await admin.post("/p/ashvale/contracts/new", {
      service: "Long outreach contract",
      providerName: "Outreach Ltd",
      stage: "review",
      procurement: "no",
      ...dateFields("endsOn", addDays(today, 800)),
    });
    const all = await viewer.get("/p/ashvale/contracts");
    expect(all.body).toContain("Long outreach contract");
    expect(all.body).toContain("New refuge service");
    // Ends in 300 days: the 12-month reminder is in force; the extension decision in 150 days: 6 months.
    expect(all.body).toContain("Contract ends within 12 months");
    expect(all.body).toContain("Extension decision due within 6 months");
    // The table is filtered; "Needs attention" above it lists every contract with a reminder.
    const table = async (query: string) => {
      const body = (await viewer.get(`/p/ashvale/contracts${query}`)).body;
      return body.slice(body.indexOf("<table"));
    };
    const ending = await table("?ending=12");
    expect(ending).toContain("New refuge service");
    expect(ending).not.toContain("Long outreach contract");
    const review = await table("?stage=review");
    expect(review).toContain("Long outreach contract");
    expect(review).not.toContain("New refuge service");
    expect((await viewer.get("/p/ashvale/contracts?stage=%3Cscript%3E")).statusCode).toBe(200);
  });

  describe("the Part 4 return", () => {
    const year = returnYears()[1]!;
    const url = `/p/ashvale/safe-accommodation/${year}`;
    const full = () =>
      Object.fromEntries(
        PART4_FIELDS.map((f) => [f.key, PART4_FIELDS.some((p) => p.partOf === f.key) ? "100" : "12"]),
      );

    it("keeps a partial draft, but marks complete only with every mandatory measure", async () => {
      await admin.get(url);
      const draft = await admin.post(url, { women: "212", men: "3", status: "draft", version: "" });
      expect(draft.statusCode).toBe(303);
      const [row] = await db()
        .select()
        .from(safeAccommodationReturns)
        .where(eq(safeAccommodationReturns.yearStart, year));
      expect(row?.counts.women).toBe(212);
      expect(row?.counts.children).toBeNull();
      expect(row?.submittedAt).toBeNull();
      await admin.get(url);
      const incomplete = await admin.post(url, {
        women: "212",
        men: "3",
        status: "complete",
        version: String(row!.version),
      });
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.body).toContain('href="#children"');
      const bad = await admin.post(url, {
        ...full(),
        women: "2.5",
        status: "draft",
        version: String(row!.version),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain("Women supported must be a whole number");
      const complete = await admin.post(url, {
        ...full(),
        men: "3",
        status: "complete",
        version: String(row!.version),
      });
      expect(complete.statusCode).toBe(303);
      const [after] = await db()
        .select()
        .from(safeAccommodationReturns)
        .where(eq(safeAccommodationReturns.yearStart, year));
      expect(after?.submittedAt).not.toBeNull();
      expect(after?.counts.men).toBe(3);
    });

    it("is the coordinator's only, and has no year before Part 4", async () => {
      expect((await viewer.get(url)).statusCode).toBe(403);
      expect((await viewer.get("/p/ashvale/safe-accommodation")).statusCode).toBe(403);
      expect((await admin.get("/p/ashvale/safe-accommodation/2019")).statusCode).toBe(404);
      expect((await admin.get("/p/ashvale/safe-accommodation/twenty")).statusCode).toBe(404);
    });

    async function workbook(query: string) {
      const response = await admin.get(`${url}/return.xlsx${query}`);
      expect(response.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet("Return")!;
      const byMeasure = new Map<string, unknown>();
      sheet.eachRow((row, n) => {
        if (n > 1) byMeasure.set(String(row.getCell(2).value), row.getCell(4).value);
      });
      return { response, byMeasure, sheet };
    }

    it("exports every measure to Excel as held, and suppresses small counts of people when published", async () => {
      const held = await workbook("");
      expect(held.response.headers["content-disposition"]).toContain(".xlsx");
      expect(held.byMeasure.size).toBe(PART4_FIELDS.length);
      expect(held.byMeasure.get("Men supported")).toBe(3);
      expect(held.byMeasure.get("Women supported")).toBe(12);
      const published = await workbook("?published=yes");
      expect(published.response.headers["content-disposition"]).toContain("published");
      expect(published.byMeasure.get("Men supported")).toBe("fewer than 5");
      expect(published.byMeasure.get("Women supported")).toBe(12);
      expect(published.byMeasure.get("Refuge: bed spaces")).toBe(12);
    });

    it.runIf(kind === "pglite")(
      "LibreOffice opens the Excel return",
      async () => {
        expectLibreOfficeOpens({
          "part4.xlsx": (await admin.get(`${url}/return.xlsx?published=yes`)).rawPayload,
        });
      },
      240_000,
    );
  });
});
