import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ashvaleFunding } from "../../src/demo/ashvale-funding.ts";
import { demoCalendar } from "../../src/demo/calendar.ts";
import { financialYear, formatFinancialYear, ukDateOf } from "../../src/domain/periods.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { expectLibreOfficeOpens } from "../support/libreoffice.ts";
import { docxParts, workbook } from "./reports-fixture.ts";

// The money reports on the demo (issue 14): the "Use of funding" report as page, Word, Excel and
// CSV, with what each role may see; the commissioning timeline; the board pack's funding section.

const TODAY = ukDateOf(new Date());
const YEAR = demoCalendar(TODAY).liveQuarter.startYear;
const FY = formatFinancialYear(financialYear(YEAR));

describe.each(testDatabaseKinds())("the money reports (%s)", (kind) => {
  let t: TestApp;
  const clients = new Map<string, TestClient>();
  async function as(role: "admin" | "editor" | "viewer", org?: string) {
    const key = `${role}:${org ?? ""}`;
    const existing = clients.get(key);
    if (existing) return existing;
    const client = new TestClient(t.app);
    await client.signIn(demoUser(role, org).email);
    clients.set(key, client);
    return client;
  }
  const url = (query = "") => `/p/ashvale/reports/use-of-funding?year=${YEAR}${query}`;

  beforeAll(async () => {
    t = await createTestApp({ kind, demoToday: TODAY });
  });
  afterAll(async () => t?.close());

  it("shows the coordinator every stream and allocation, the pooled pot with its parts", async () => {
    const page = await (await as("admin")).get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Use of funding ${FY}`);
    expect(page.body).toContain("£34,500 = 3 × £8,000 + £10,500");
    expect(page.body).toContain("Allocations and spend");
    expect(page.body).toContain("Open six dispersed safe accommodation units");
    expect(page.body).toContain("refurbishment started late");
    expect(page.body).toContain("By lead organisation");
    expect(page.body).toContain("Not yet received");
  });

  it("shows an editor the totals and only the allocations their organisation leads", async () => {
    const police = await (await as("editor", "police")).get(url());
    expect(police.statusCode).toBe(200);
    expect(police.body).toContain("the allocations listed are those your organisation leads");
    expect(police.body).toContain("Widen MATAC to take on serial stalking perpetrators");
    // Led by the housing association and Housing Options, not the police: in the totals only.
    expect(police.body).not.toContain("refurbishment started late");
    expect(police.body).toContain("£34,500");
  });

  it("shows a viewer the totals only", async () => {
    const page = await (await as("viewer")).get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("This report shows totals");
    expect(page.body).not.toContain("Allocations and spend");
    expect(page.body).toContain("By commitment");
  });

  it("refuses a year or format that is not offered, on the reports page (400)", async () => {
    const admin = await as("admin");
    const bad = await admin.get("/p/ashvale/reports/use-of-funding?year=1999");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#fundingYear"');
    expect((await admin.get(url("&format=pdf"))).statusCode).toBe(400);
    const reports = await admin.get("/p/ashvale/reports");
    expect(reports.body).toContain("Money and commissioning");
    expect(reports.body).toContain("/reports/commissioning-timeline");
  });

  it("downloads Word, Excel and CSV with the same figures", async () => {
    const admin = await as("admin");
    const docx = await admin.get(url("&format=docx"));
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-disposition"]).toContain(".docx");
    const parts = await docxParts(docx.rawPayload);
    expect(parts.document).toContain("Use of funding");
    expect(parts.document).toContain("£34,500 = 3 × £8,000 + £10,500");

    const xlsx = await admin.get(url("&format=xlsx"));
    const wb = await workbook(xlsx.rawPayload);
    const sheet = wb.getWorksheet("Funding streams")!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const held = header.indexOf("Held");
    const pot = sheet
      .getSheetValues()
      .find(
        (row) => Array.isArray(row) && String(row[1] ?? "").startsWith("North Marston regional pot"),
      ) as unknown[];
    // A number formatted as pounds, exactly the pot's total.
    expect(pot[held]).toBe(34_500);
    expect(sheet.getRow(2).getCell(held).numFmt).toContain("£");

    const csv = await admin.get(url("&format=csv"));
    const lines = csv.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toContain("Funding stream,Pays for,Commitment,Lead,Allocated");
    // Exact decimals, and every allocation of the year on its own line.
    expect(lines.some((l) => l.includes("96000.00"))).toBe(true);
    const storyYear = Math.max(...ashvaleFunding.allocations.map((a) => a.yearStart));
    expect(lines.filter((l) => l.trim() !== "").length - 1).toBe(
      ashvaleFunding.allocations.filter((a) => a.yearStart === storyYear).length,
    );
  });

  it("gives the commissioning timeline with milestone statuses, as a page and in Word", async () => {
    const viewer = await as("viewer");
    const page = await viewer.get("/p/ashvale/reports/commissioning-timeline");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Community domestic abuse support service (new model)");
    expect(page.body).toMatch(/Overdue \(\d+ days? ago\)/);
    expect(page.body).toContain("Extension decision due");
    const docx = await viewer.get("/p/ashvale/reports/commissioning-timeline?format=docx");
    expect(docx.statusCode).toBe(200);
    expect((await docxParts(docx.rawPayload)).document).toContain("Tender published");
  });

  it("adds a Funding and spend section to the board pack", async () => {
    const page = await (await as("viewer")).get("/p/ashvale/reports/strategy-review?format=html");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="funding-and-spend"');
    expect(page.body).toContain("the extension decision is due");
    expect(page.body).toContain("is overdue");
  });

  it.runIf(kind === "pglite")(
    "LibreOffice opens the Word and Excel files",
    async () => {
      const admin = await as("admin");
      const files = {
        "use-of-funding.docx": await admin.get(url("&format=docx")),
        "use-of-funding-sheets.xlsx": await admin.get(url("&format=xlsx")),
        "commissioning-timeline.docx": await admin.get(
          "/p/ashvale/reports/commissioning-timeline?format=docx",
        ),
      };
      const keep = process.env.WAYMARK_KEEP_PDF;
      expectLibreOfficeOpens(
        Object.fromEntries(Object.entries(files).map(([name, response]) => [name, response.rawPayload])),
        keep ? { keep: { stem: "use-of-funding", to: keep } } : {},
      );
    },
    240_000,
  );
});
