import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicators, observations } from "../../src/db/schema.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { expectLibreOfficeOpens } from "../support/libreoffice.ts";
import { createRegionFiguresFixture, type RegionFiguresFixture } from "./region-figures-fixture.ts";

// Issue 15, "Regional report … statistics, as at a date": the report's key statistics are the
// region's statistics page's published figures (each partnership's own suppression, primary and
// secondary), only for the partnerships that share them, only figures known on the report's day;
// on the page, in Word (with the charts as pictures) and in Excel (numbers as numbers). The world is
// region-figures-fixture.ts: Brookfield shares (threshold 5), Carrow shares nothing, Farland is
// another region's.

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();

/** The report page's statistics section, in words. */
function statisticsOf(body: string): string {
  const section = /<section[^>]*id="statistics"[\s\S]*?<\/section>/.exec(body)?.[0];
  if (!section) throw new Error("the report has no statistics section");
  return text(section);
}

async function sheetRows(payload: Uint8Array, name: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(testDatabaseKinds())("the regional report's key statistics (%s)", (kind) => {
  let f: RegionFiguresFixture;
  let url: string;
  beforeAll(async () => {
    f = await createRegionFiguresFixture(kind);
    url = `/r/${f.regionSlug}/report`;
  }, 60_000);
  afterAll(async () => f?.t.close());

  it("shows each shared indicator's published figures side by side, suppression applied", async () => {
    const page = await f.regional.get(url);
    expect(page.statusCode).toBe(200);
    const stats = statisticsOf(page.body);
    expect(stats).toContain("Outreach referrals accepted");
    expect(stats).toContain("Brookfield DA Partnership 31.7% suppressed");
    expect(stats).toContain("England (comparator) no data 28.4%");
    // A total and its parts: 3 is "fewer than 5" and the smallest other part is hidden too.
    expect(stats).toMatch(/Refuge bed spaces for men .*Brookfield DA Partnership fewer than 5/);
    expect(stats).toMatch(/Refuge bed spaces for women .*Brookfield DA Partnership suppressed/);
    expect(stats).toContain("Brookfield DA Partnership 1,720");
    for (const hidden of ["1,717", "1717"]) expect(page.body).not.toContain(hidden);
    // Matched by template across Ashvale and Brookfield (named as the first partnership names it);
    // charted as a picture with words.
    expect(stats).toMatch(/Marac repeat cases .*Brookfield DA Partnership 31\.7%/);
    expect(stats).not.toContain("Brookfield's name");
    expect(page.body).toMatch(/<img src="data:image\/svg\+xml[^"]*" alt="Chart of /);
    // Carrow shares nothing: named once, its figures absent; Farland is never there.
    expect(stats).toContain("Not shared with the region, so not included: Carrow DA Partnership.");
    expect(stats.match(/Carrow/g)).toHaveLength(1);
    for (const hidden of ["Carrow unshared statistic", "5,151", "5151", "Farland", "4,242"])
      expect(page.body).not.toContain(hidden);
  });

  it("as at a date, holds only the figures for periods ended and entered by then", async () => {
    // Brookfield's 2024/25 figure entered on 20 May 2025; its 2025/26 figures after the day asked.
    const [accepted] = await f.db
      .select({ id: indicators.id })
      .from(indicators)
      .where(
        and(
          eq(indicators.partnershipId, f.ids.brookfield),
          eq(indicators.name, "Outreach referrals accepted"),
        ),
      );
    await f.db
      .update(observations)
      .set({ createdAt: new Date("2025-05-20T10:00:00Z") })
      .where(and(eq(observations.indicatorId, accepted!.id), eq(observations.periodStart, "2024-04-01")));
    const june = statisticsOf((await f.regional.get(`${url}?asAt=2025-06-30`)).body);
    expect(june).toContain("Outreach referrals accepted");
    expect(june).toContain("Brookfield DA Partnership 31.7%");
    expect(june).not.toContain("2025/26");
    expect(june).not.toContain("Refuge bed spaces");
    const before = statisticsOf((await f.regional.get(`${url}?asAt=2025-05-19`)).body);
    expect(before).not.toContain("Outreach referrals accepted");
  });

  it("puts the statistics in Excel as numbers and in Word with the charts; LibreOffice opens both", async () => {
    const excel = await f.regional.get(`${url}.xlsx`);
    expect(excel.statusCode).toBe(200);
    const rows = await sheetRows(excel.rawPayload, "Statistics");
    expect(rows[0]).toEqual(["Indicator", "Measure", "Area", "Period", "Figure"]);
    const figure = (indicator: string, area: string, period: string) =>
      rows.find((r) => r[0] === indicator && r[2] === area && r[3] === period)?.[4];
    expect(figure("Outreach referrals accepted", "Brookfield DA Partnership", "2024/25")).toBe(31.7);
    expect(figure("Outreach referrals accepted", "Brookfield DA Partnership", "2025/26")).toBe("suppressed");
    expect(figure("Refuge bed spaces", "Brookfield DA Partnership", "2025/26")).toBe(1720);
    expect(figure("Refuge bed spaces for men", "Brookfield DA Partnership", "2025/26")).toBe("fewer than 5");
    expect(figure("Refuge bed spaces for women", "Brookfield DA Partnership", "2025/26")).toBe("suppressed");
    const all = JSON.stringify(rows);
    for (const hidden of ["1717", "Carrow", "Farland", "5151"]) expect(all).not.toContain(hidden);
    // The front sheet names the region as a region.
    const about = await sheetRows(excel.rawPayload, "About this report");
    expect(about).toContainEqual(["Region", expect.any(String)]);
    expect(about.map((r) => r[0])).not.toContain("Partnership");

    const word = await f.regional.get(`${url}.docx`);
    expect(word.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(word.rawPayload);
    const xml = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, " ");
    expect(xml).toContain("Key statistics");
    expect(xml).toContain("Outreach referrals accepted");
    expect(xml).toContain("fewer than 5");
    expect(xml).not.toContain("1,717");
    expect(xml).not.toContain("Carrow unshared statistic");
    expect(Object.keys(zip.files).some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    if (kind === "pglite")
      expectLibreOfficeOpens({
        "region-report.docx": word.rawPayload,
        "region-report-sheet.xlsx": excel.rawPayload,
      });
  });

  it("counts commitment ratings only for partnerships sharing them, and only in a report as at today", async () => {
    const page = await f.regional.get(url);
    const section = /<section[^>]*id="commitment-ratings"[\s\S]*?<\/section>/.exec(page.body)?.[0];
    expect(section).toBeDefined();
    expect(text(section!)).toContain("Brookfield DA Partnership");
    expect(text(section!)).toMatch(/Not shared with the region, so not included: Carrow DA Partnership/);
    const excel = await f.regional.get(`${url}.xlsx`);
    const rows = await sheetRows(excel.rawPayload, "Commitment ratings");
    expect(rows[0]).toEqual([
      "Partnership",
      "Strategy",
      "Red",
      "Amber",
      "Green",
      "Grey",
      "Complete",
      "Commitments",
    ]);
    const brookfield = rows.find((r) => r[0] === "Brookfield DA Partnership");
    expect(brookfield?.slice(2).every((v) => typeof v === "number")).toBe(true);
    expect(rows.some((r) => r[0] === "Carrow DA Partnership")).toBe(false);
    // An earlier day: the counts would be today's, so the report says why there are none.
    const past = await f.regional.get(`${url}?asAt=2025-01-31`);
    const pastSection = /<section[^>]*id="commitment-ratings"[\s\S]*?<\/section>/.exec(past.body)?.[0];
    expect(text(pastSection!)).toContain("shown in a report as at today only");
    expect(text(pastSection!)).not.toContain("Brookfield DA Partnership");
  });
});
