import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionLeads, actions, memberships, users } from "../../src/db/schema.ts";
import { fundingAllocations, spendReturns } from "../../src/db/schema-funding.ts";
import { addDays, quarterOf, ukDateOf } from "../../src/domain/periods.ts";
import { systemActor } from "../../src/services/actor.ts";
import { ValidationError } from "../../src/services/errors.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// Issue 14, funding: a contribution-funded stream and its parts, allocations refused past what a year
// holds (also when two arrive at once), the variance explanation rule, spend reported in the partner's
// quarterly update, and the coordinator's import.

const today = () => ukDateOf(new Date());
const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split("-");
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};
const idFrom = (location: unknown, pattern: RegExp) => Number(pattern.exec(String(location))?.[1]);

describe.each(testDatabaseKinds())("funding streams, allocations and spend (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let police: TestClient;
  let other: TestClient;
  let viewer: TestClient;
  let pid: number;
  let policeActionId: number;
  const db = () => t.database.db;
  const system = () => systemActor("test", pid);

  /** A stream added through the coordinator's form; its id. */
  async function addStream(name: string, year: number, extra: Record<string, string> = {}) {
    await admin.get("/p/ashvale/funding/new");
    const response = await admin.post("/p/ashvale/funding/new", {
      name,
      kind: "pooled_budget",
      funderOrganisationId: "",
      funderName: "Four bodies of the region",
      firstYearStart: String(year),
      lastYearStart: String(year),
      ...extra,
    });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    return idFrom(response.headers.location, /\/funding\/(\d+)$/);
  }

  async function addContribution(streamId: number, year: number, amount: string, contributor: string) {
    await admin.get(`/p/ashvale/funding/${streamId}/contributions/new`);
    const response = await admin.post(`/p/ashvale/funding/${streamId}/contributions/new`, {
      contributorOrganisationId: "",
      contributorName: contributor,
      yearStart: String(year),
      amount,
      received: "no",
    });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
  }

  async function allocate(streamId: number, year: number, amount: string, actionId: number) {
    await admin.get(`/p/ashvale/funding/${streamId}/allocations/new`);
    return admin.post(`/p/ashvale/funding/${streamId}/allocations/new`, {
      yearStart: String(year),
      targetKind: "action",
      actionId: String(actionId),
      amount,
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = new TestClient(t.app);
    police = new TestClient(t.app);
    other = new TestClient(t.app);
    viewer = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    await police.signIn(demoUser("editor", "police").email);
    await other.signIn(demoUser("editor", "specialist").email);
    await viewer.signIn(demoUser("viewer").email);
    const [row] = await db()
      .select({ pid: memberships.partnershipId, orgId: memberships.organisationId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, demoUser("editor", "police").email));
    pid = row!.pid;
    // An action Marston Police leads and the specialist service does not.
    const [otherOrg] = await db()
      .select({ id: memberships.organisationId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, demoUser("editor", "specialist").email));
    const led = await db().select().from(actionLeads).where(eq(actionLeads.partnershipId, pid));
    policeActionId = led.find(
      (l) =>
        l.organisationId === row!.orgId &&
        !led.some((o) => o.actionId === l.actionId && o.organisationId === otherOrg!.id),
    )!.actionId;
  });
  afterAll(async () => t?.close());

  it("computes a contribution-funded stream's total and shows its parts", async () => {
    const streamId = await addStream("Regional project pot", 2026, {
      decisionReference: "Decision 2021-00270503",
    });
    for (const [amount, who] of [
      ["£8,000", "Northshire County Council"],
      ["8000", "Eastvale Council"],
      ["£8,000.00", "Westmoor Council"],
      ["£10,500", "Police and Crime Commissioner"],
    ] as const) {
      await addContribution(streamId, 2026, amount, who);
    }
    const page = await viewer.get(`/p/ashvale/funding/${streamId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("£34,500 = 3 × £8,000 + £10,500");
    expect(page.body).toContain("Decision 2021-00270503");
    const list = await viewer.get("/p/ashvale/funding");
    expect(list.body).toMatch(/Regional project pot[\s\S]*£34,500/);
    // A typed total is impossible: a fraction of a penny is refused at the form.
    await admin.get(`/p/ashvale/funding/${streamId}/contributions/new`);
    const bad = await admin.post(`/p/ashvale/funding/${streamId}/contributions/new`, {
      contributorName: "Somebody",
      yearStart: "2026",
      amount: "£1.005",
      received: "no",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("whole pence");
  });

  it("refuses an allocation past what the stream holds for the year, with the amounts in the message", async () => {
    const streamId = await addStream("Allocation test pot", 2026);
    for (const amount of ["8000", "8000", "8000", "10500"])
      await addContribution(streamId, 2026, amount, "A body");
    expect((await allocate(streamId, 2026, "30000", policeActionId)).statusCode).toBe(303);
    const refused = await allocate(streamId, 2026, "6000", policeActionId);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      "This would allocate £36,000 of £34,500: £1,500 more than the stream holds for 2026/27",
    );
    expect((await allocate(streamId, 2026, "4500", policeActionId)).statusCode).toBe(303);
    const rows = await db()
      .select()
      .from(fundingAllocations)
      .where(eq(fundingAllocations.streamId, streamId));
    expect(rows.map((r) => r.amountPence).sort()).toEqual([3_000_000, 450_000]);
  });

  it("refuses to cut a year's contributions below what is allocated from it", async () => {
    const streamId = await addStream("Shrinking pot", 2026);
    await addContribution(streamId, 2026, "10000", "A body");
    expect((await allocate(streamId, 2026, "9000", policeActionId)).statusCode).toBe(303);
    const contribution = (await t.services.funding.stream(system(), streamId)).years[0]!.contributions[0]!;
    const url = `/p/ashvale/contributions/${contribution.id}/edit`;
    await admin.get(url);
    const refused = await admin.post(url, {
      contributorName: "A body",
      yearStart: "2026",
      amount: "8000",
      received: "no",
      version: String(contribution.version),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("The stream would hold £8,000 but £9,000 of it is allocated");
    const fine = await admin.post(url, {
      contributorName: "A body",
      yearStart: "2026",
      amount: "9000",
      received: "yes",
      ...dateFields("receivedOn", "2026-05-01"),
      version: String(contribution.version),
    });
    expect(fine.statusCode).toBe(303);
    expect((await t.services.funding.stream(system(), streamId)).years[0]!.receivedPence).toBe(900_000);
  });

  it("lets only one of two allocations made at once take the last of a year's money", async () => {
    const streamId = await addStream("Concurrent pot", 2026);
    await addContribution(streamId, 2026, "20000", "A body");
    const input = {
      yearStart: 2026,
      amountPence: 1_500_000,
      notes: "",
      target: { kind: "action" as const, actionId: policeActionId },
    };
    const results = await Promise.allSettled([
      t.services.fundingAllocations.create(system(), streamId, input),
      t.services.fundingAllocations.create(system(), streamId, input),
      t.services.fundingAllocations.create(system(), streamId, input),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    }
    const rows = await db()
      .select()
      .from(fundingAllocations)
      .where(eq(fundingAllocations.streamId, streamId));
    expect(rows).toHaveLength(1);
  });

  it("needs an explanation when a quarter's variance passes the partnership's threshold", async () => {
    const streamId = await addStream("Variance pot", 2026);
    await addContribution(streamId, 2026, "100000", "A body");
    const created = await allocate(streamId, 2026, "100000", policeActionId);
    const [allocation] = await db()
      .select()
      .from(fundingAllocations)
      .where(eq(fundingAllocations.streamId, streamId));
    expect(created.statusCode).toBe(303);
    const url = `/p/ashvale/allocations/${allocation!.id}/spend`;
    const figures = {
      quarter: "1",
      budget: "100000",
      committed: "5000",
      actual: "20000",
      forecast: "112000",
      explanation: "",
    };
    await admin.get(url);
    const refused = await admin.post(url, { ...figures, version: "" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Explain the variance");
    // 12% is under a 15% threshold: no explanation needed.
    await admin.get("/p/ashvale/funding/settings");
    expect(
      (await admin.post("/p/ashvale/funding/settings", { percent: "15", pence: "", version: "" })).statusCode,
    ).toBe(303);
    await admin.get(url);
    expect((await admin.post(url, { ...figures, version: "" })).statusCode).toBe(303);
    // …but £12,000 passes a £10,000 amount threshold, whichever comes first.
    await admin.get("/p/ashvale/funding/settings");
    const settingsPage = await admin.get("/p/ashvale/funding/settings");
    const settingsVersion = /name="version" value="(\d*)"/.exec(settingsPage.body)?.[1] ?? "";
    expect(
      (
        await admin.post("/p/ashvale/funding/settings", {
          percent: "15",
          pence: "10000",
          version: settingsVersion,
        })
      ).statusCode,
    ).toBe(303);
    const page = await admin.get(`${url}?quarter=1`);
    const version = /name="version" value="(\d*)"/.exec(page.body)?.[1] ?? "";
    expect((await admin.post(url, { ...figures, version, forecast: "113000" })).statusCode).toBe(400);
    const explained = await admin.post(url, {
      ...figures,
      version,
      forecast: "113000",
      explanation: "A second refuge worker from October",
    });
    expect(explained.statusCode).toBe(303);
    const [row] = await db().select().from(spendReturns).where(eq(spendReturns.allocationId, allocation!.id));
    expect(row).toMatchObject({
      forecastPence: 11_300_000,
      source: "coordinator",
      explanation: "A second refuge worker from October",
    });
    const show = await admin.get(`/p/ashvale/allocations/${allocation!.id}`);
    expect(show.body).toContain("+£13,000");
    expect(show.body).toContain("+13%");
    // Editors of another organisation and viewers do not see an allocation's spend.
    expect((await other.get(`/p/ashvale/allocations/${allocation!.id}`)).statusCode).toBe(403);
    expect((await viewer.get(`/p/ashvale/allocations/${allocation!.id}`)).statusCode).toBe(403);
    expect((await police.get(`/p/ashvale/allocations/${allocation!.id}`)).statusCode).toBe(200);
    await admin.post("/p/ashvale/funding/settings", {
      percent: "10",
      pence: "",
      version: String(Number(settingsVersion) + 1),
    });
  });

  it("takes the lead organisation's spend in its quarterly update and shows it on the review", async () => {
    const periodStart = addDays(today(), -90);
    const year = quarterOf(periodStart).startYear;
    const streamId = await addStream("Update pot", year);
    await addContribution(streamId, year, "50000", "A body");
    expect((await allocate(streamId, year, "40000", policeActionId)).statusCode).toBe(303);
    const [allocation] = await db()
      .select()
      .from(fundingAllocations)
      .where(eq(fundingAllocations.streamId, streamId));
    const [action] = await db().select().from(actions).where(eq(actions.id, policeActionId));
    const planId = action!.actionPlanId;
    await admin.get("/p/ashvale/rounds/new");
    const opened = await admin.post("/p/ashvale/rounds/new", {
      actionPlanId: String(planId),
      name: "Funding test round",
      ...dateFields("periodStart", periodStart),
      ...dateFields("periodEnd", addDays(today(), -1)),
      ...dateFields("deadline", addDays(today(), 14)),
      graceDays: "5",
      reminderDaysBefore: "7",
      actionIds: [String(policeActionId)],
    });
    expect(opened.statusCode).toBe(303);
    const roundId = idFrom(opened.headers.location, /\/rounds\/(\d+)$/);
    const formUrl = `/p/ashvale/rounds/${roundId}/actions/${policeActionId}/update`;
    const form = await police.get(formUrl);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="spend-${allocation!.id}-forecast"`);
    // The specialist service's editor cannot open or post it.
    expect((await other.get(formUrl)).statusCode).toBe(403);
    const prefix = `spend-${allocation!.id}-`;
    const base = {
      version: "",
      rating: "green",
      narrative: "On track",
      remedy: "",
      toNote: "",
      evidenceLinks: "",
      intent: "submit",
    };
    const missing = await police.post(formUrl, {
      ...base,
      [`${prefix}actual`]: "9000",
      [`${prefix}forecast`]: "30000",
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("Explain the variance");
    expect(
      await db().select().from(spendReturns).where(eq(spendReturns.allocationId, allocation!.id)),
    ).toHaveLength(0);
    const saved = await police.post(formUrl, {
      ...base,
      [`${prefix}committed`]: "£2,000",
      [`${prefix}actual`]: "£9,000.50",
      [`${prefix}forecast`]: "£30,000",
      [`${prefix}explanation`]: "The post was vacant for the first quarter",
    });
    expect(saved.statusCode, saved.body.slice(0, 3000)).toBe(303);
    const [spend] = await db()
      .select()
      .from(spendReturns)
      .where(eq(spendReturns.allocationId, allocation!.id));
    expect(spend).toMatchObject({
      source: "update",
      quarter: quarterOf(periodStart).quarter,
      yearStart: year,
      budgetPence: 4_000_000,
      actualPence: 900_050,
      forecastPence: 3_000_000,
    });
    expect(spend!.updateId).not.toBeNull();
    const review = await admin.get(`/p/ashvale/updates/${spend!.updateId}`);
    expect(review.body).toContain("The post was vacant for the first quarter");
    expect(review.body).toContain("£9,000.50");
  });

  it("imports a quarter from a sheet with a preview and clear row errors", async () => {
    const streamId = await addStream("Import pot", 2026);
    await addContribution(streamId, 2026, "60000", "A body");
    expect((await allocate(streamId, 2026, "60000", policeActionId)).statusCode).toBe(303);
    const [allocation] = await db()
      .select()
      .from(fundingAllocations)
      .where(eq(fundingAllocations.streamId, streamId));
    const csv = [
      "Allocation,Quarter,Budget,Committed,Actual,Forecast,Explanation",
      `A${allocation!.id},Q2 2026/27,"£60,000",£1000,"£25,000.25","£60,000",`,
      `A${allocation!.id},Q3 2026/27,"£60,000",,£40000,£80000,`,
      `A999999,Q2 2026/27,1,1,1,1,`,
      `A${allocation!.id},Q9,1,1,1,1,`,
    ].join("\n");
    await admin.get("/p/ashvale/funding/spend/import");
    const preview = await admin.post("/p/ashvale/funding/spend/import", { csv });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("1 row ready to import");
    expect(preview.body).toContain("Explain the variance");
    expect(preview.body).toContain("No allocation matches");
    expect(preview.body).toContain("The quarter must be written like Q2 2025/26");
    const rows = /name="rows" value="([^"]+)"/.exec(preview.body)![1]!.replace(/&quot;/g, '"');
    const confirmed = await admin.post("/p/ashvale/funding/spend/import/confirm", { rows });
    expect(confirmed.statusCode).toBe(303);
    const written = await db()
      .select()
      .from(spendReturns)
      .where(and(eq(spendReturns.allocationId, allocation!.id)));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ quarter: 2, actualPence: 2_500_025, source: "import" });
    // The same from an Excel workbook: numbers as numbers, the allocation named by what it pays for.
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Spend");
    sheet.addRow([
      "Allocation reference",
      "Quarter",
      "Budget",
      "Committed",
      "Actual",
      "Forecast",
      "Explanation",
    ]);
    sheet.addRow([`A${allocation!.id}`, "Q3 2026/27", 60000, 0, 41000.5, 58000, ""]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    await admin.get("/p/ashvale/funding/spend/import");
    const fromExcel = await admin.postMultipart(
      "/p/ashvale/funding/spend/import",
      {},
      { filename: "spend.xlsx", content: xlsx },
    );
    expect(fromExcel.statusCode).toBe(200);
    expect(fromExcel.body).toContain("1 row ready to import");
    expect(fromExcel.body).toContain("£41,000.50");
    const excelRows = /name="rows" value="([^"]+)"/.exec(fromExcel.body)![1]!.replace(/&quot;/g, '"');
    expect(
      (await admin.post("/p/ashvale/funding/spend/import/confirm", { rows: excelRows })).statusCode,
    ).toBe(303);
    const [q3] = await db()
      .select()
      .from(spendReturns)
      .where(and(eq(spendReturns.allocationId, allocation!.id), eq(spendReturns.quarter, 3)));
    expect(q3).toMatchObject({ actualPence: 4_100_050, forecastPence: 5_800_000, source: "import" });
    // Nobody but the coordinator may import.
    expect((await police.post("/p/ashvale/funding/spend/import/confirm", { rows })).statusCode).toBe(403);
  });
});
