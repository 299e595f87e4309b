import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions } from "../../src/db/schema.ts";
import { fundingAllocations, spendReturns } from "../../src/db/schema-funding.ts";
import { addDays, quarterOf, ukDateOf } from "../../src/domain/periods.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { createFundingFixture, dateFields, type FundingFixture, idFrom } from "./funding-fixture.ts";

// Issue 14, quarterly spend: the variance explanation rule and its threshold, spend reported in the
// partner's quarterly update, and the coordinator's import from a sheet.

const today = () => ukDateOf(new Date());

describe.each(testDatabaseKinds())("quarterly spend (%s)", (kind) => {
  let f: FundingFixture;
  beforeAll(async () => {
    f = await createFundingFixture(kind);
  });
  afterAll(async () => f?.t.close());

  it("needs an explanation when a quarter's variance passes the partnership's threshold", async () => {
    const streamId = await f.addStream("Variance pot", 2026);
    await f.addContribution(streamId, 2026, "100000", "A body");
    const created = await f.allocate(streamId, 2026, "100000");
    const [allocation] = await f
      .db()
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
    await f.admin.get(url);
    const refused = await f.admin.post(url, { ...figures, version: "" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Explain the variance");
    // 12% is under a 15% threshold: no explanation needed.
    // The demo may already hold the partnership's settings: send the version the form shows.
    const firstSettings = await f.admin.get("/p/ashvale/funding/settings");
    const firstVersion = /name="version" value="(\d*)"/.exec(firstSettings.body)?.[1] ?? "";
    expect(
      (await f.admin.post("/p/ashvale/funding/settings", { percent: "15", pence: "", version: firstVersion }))
        .statusCode,
    ).toBe(303);
    await f.admin.get(url);
    expect((await f.admin.post(url, { ...figures, version: "" })).statusCode).toBe(303);
    // …but £12,000 passes a £10,000 amount threshold, whichever comes first.
    await f.admin.get("/p/ashvale/funding/settings");
    const settingsPage = await f.admin.get("/p/ashvale/funding/settings");
    const settingsVersion = /name="version" value="(\d*)"/.exec(settingsPage.body)?.[1] ?? "";
    expect(
      (
        await f.admin.post("/p/ashvale/funding/settings", {
          percent: "15",
          pence: "10000",
          version: settingsVersion,
        })
      ).statusCode,
    ).toBe(303);
    const page = await f.admin.get(`${url}?quarter=1`);
    const version = /name="version" value="(\d*)"/.exec(page.body)?.[1] ?? "";
    expect((await f.admin.post(url, { ...figures, version, forecast: "113000" })).statusCode).toBe(400);
    const explained = await f.admin.post(url, {
      ...figures,
      version,
      forecast: "113000",
      explanation: "A second refuge worker from October",
    });
    expect(explained.statusCode).toBe(303);
    const [row] = await f
      .db()
      .select()
      .from(spendReturns)
      .where(eq(spendReturns.allocationId, allocation!.id));
    expect(row).toMatchObject({
      forecastPence: 11_300_000,
      source: "coordinator",
      explanation: "A second refuge worker from October",
    });
    const show = await f.admin.get(`/p/ashvale/allocations/${allocation!.id}`);
    expect(show.body).toContain("+£13,000");
    expect(show.body).toContain("+13%");
    // Editors of another organisation and viewers do not see an allocation's spend.
    expect((await f.other.get(`/p/ashvale/allocations/${allocation!.id}`)).statusCode).toBe(403);
    expect((await f.viewer.get(`/p/ashvale/allocations/${allocation!.id}`)).statusCode).toBe(403);
    expect((await f.police.get(`/p/ashvale/allocations/${allocation!.id}`)).statusCode).toBe(200);
    await f.admin.post("/p/ashvale/funding/settings", {
      percent: "10",
      pence: "",
      version: String(Number(settingsVersion) + 1),
    });
  });

  it("takes the lead organisation's spend in its quarterly update and shows it on the review", async () => {
    const periodStart = addDays(today(), -90);
    const year = quarterOf(periodStart).startYear;
    const streamId = await f.addStream("Update pot", year);
    await f.addContribution(streamId, year, "50000", "A body");
    expect((await f.allocate(streamId, year, "40000")).statusCode).toBe(303);
    const [allocation] = await f
      .db()
      .select()
      .from(fundingAllocations)
      .where(eq(fundingAllocations.streamId, streamId));
    const [action] = await f.db().select().from(actions).where(eq(actions.id, f.policeActionId));
    const planId = action!.actionPlanId;
    await f.admin.get("/p/ashvale/rounds/new");
    const opened = await f.admin.post("/p/ashvale/rounds/new", {
      actionPlanId: String(planId),
      name: "Funding test round",
      ...dateFields("periodStart", periodStart),
      ...dateFields("periodEnd", addDays(today(), -1)),
      ...dateFields("deadline", addDays(today(), 14)),
      graceDays: "5",
      reminderDaysBefore: "7",
      actionIds: [String(f.policeActionId)],
    });
    expect(opened.statusCode).toBe(303);
    const roundId = idFrom(opened.headers.location, /\/rounds\/(\d+)$/);
    const formUrl = `/p/ashvale/rounds/${roundId}/actions/${f.policeActionId}/update`;
    const form = await f.police.get(formUrl);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="spend-${allocation!.id}-forecast"`);
    // The specialist service's editor cannot open or post it.
    expect((await f.other.get(formUrl)).statusCode).toBe(403);
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
    const missing = await f.police.post(formUrl, {
      ...base,
      [`${prefix}actual`]: "9000",
      [`${prefix}forecast`]: "30000",
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("Explain the variance");
    expect(
      await f.db().select().from(spendReturns).where(eq(spendReturns.allocationId, allocation!.id)),
    ).toHaveLength(0);
    const saved = await f.police.post(formUrl, {
      ...base,
      [`${prefix}committed`]: "£2,000",
      [`${prefix}actual`]: "£9,000.50",
      [`${prefix}forecast`]: "£30,000",
      [`${prefix}explanation`]: "The post was vacant for the first quarter",
    });
    expect(saved.statusCode, saved.body.slice(0, 3000)).toBe(303);
    const [spend] = await f
      .db()
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
    const review = await f.admin.get(`/p/ashvale/updates/${spend!.updateId}`);
    expect(review.body).toContain("The post was vacant for the first quarter");
    expect(review.body).toContain("£9,000.50");
    // The stream's page: the allocation's own spend for the lead organisation, the totals for everyone.
    const asOther = await f.other.get(`/p/ashvale/funding/${streamId}`);
    expect(asOther.body).toContain("For the lead organisation");
    expect(asOther.body).not.toContain(`/allocations/${allocation!.id}"`);
    const asLead = await f.police.get(`/p/ashvale/funding/${streamId}`);
    expect(asLead.body).not.toContain("For the lead organisation");
    expect(asLead.body).toContain(`/allocations/${allocation!.id}"`);
  });

  it("imports a quarter from a sheet with a preview and clear row errors", async () => {
    const streamId = await f.addStream("Import pot", 2026);
    await f.addContribution(streamId, 2026, "60000", "A body");
    expect((await f.allocate(streamId, 2026, "60000")).statusCode).toBe(303);
    const [allocation] = await f
      .db()
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
    await f.admin.get("/p/ashvale/funding/spend/import");
    const preview = await f.admin.post("/p/ashvale/funding/spend/import", { csv });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("1 row ready to import");
    expect(preview.body).toContain("Explain the variance");
    expect(preview.body).toContain("No allocation matches");
    expect(preview.body).toContain("The quarter must be written like Q2 2025/26");
    const rows = /name="rows" value="([^"]+)"/.exec(preview.body)![1]!.replace(/&quot;/g, '"');
    const confirmed = await f.admin.post("/p/ashvale/funding/spend/import/confirm", { rows });
    expect(confirmed.statusCode).toBe(303);
    const written = await f
      .db()
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
    await f.admin.get("/p/ashvale/funding/spend/import");
    const fromExcel = await f.admin.postMultipart(
      "/p/ashvale/funding/spend/import",
      {},
      { filename: "spend.xlsx", content: xlsx },
    );
    expect(fromExcel.statusCode).toBe(200);
    expect(fromExcel.body).toContain("1 row ready to import");
    expect(fromExcel.body).toContain("£41,000.50");
    const excelRows = /name="rows" value="([^"]+)"/.exec(fromExcel.body)![1]!.replace(/&quot;/g, '"');
    expect(
      (await f.admin.post("/p/ashvale/funding/spend/import/confirm", { rows: excelRows })).statusCode,
    ).toBe(303);
    const [q3] = await f
      .db()
      .select()
      .from(spendReturns)
      .where(and(eq(spendReturns.allocationId, allocation!.id), eq(spendReturns.quarter, 3)));
    expect(q3).toMatchObject({ actualPence: 4_100_050, forecastPence: 5_800_000, source: "import" });
    // Nobody but the coordinator may import.
    expect((await f.police.post("/p/ashvale/funding/spend/import/confirm", { rows })).statusCode).toBe(403);
  });
});
