import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "../support/database.ts";
import { expectLibreOfficeOpens } from "../support/libreoffice.ts";
import {
  addSubmittedPartnerships,
  buildCompareFixture,
  type CompareFixture,
  DRAFT_MARKER,
} from "./region-compare-fixture.ts";

// Issue 15, "Comparison: side-by-side": only the region's partnerships that share their
// self-assessments appear; drafts never (not even their content); a moderated criterion shows the
// agreed level with the self-assessed one beside it; the theme filter; Word and Excel hold the
// page's cells. The world is region-compare-fixture.ts.

/** The text of an HTML fragment, tags dropped and spaces squeezed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

/** The comparison table's rows as [criterion, ...cells] in words. */
function tableRows(body: string): string[][] {
  const table = /<table class="govuk-table app-comparison"[\s\S]*?<\/table>/.exec(body)?.[0] ?? "";
  return [...table.matchAll(/<tr class="govuk-table__row" id="row-criterion-\d+">([\s\S]*?)<\/tr>/g)].map(
    (row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => text(cell[1]!)),
  );
}

function headers(body: string): string[] {
  const head = /<thead[\s\S]*?<\/thead>/.exec(body)?.[0] ?? "";
  return [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((h) => text(h[1]!));
}

describe.each(testDatabaseKinds())("the region's comparison (%s)", (kind) => {
  let f: CompareFixture;
  let url: string;
  beforeAll(async () => {
    f = await buildCompareFixture(kind);
    url = `/r/${f.slug}/comparison`;
  });
  afterAll(async () => f?.t.close());

  it("shows only the region's partnerships that share self-assessments, and never a draft", async () => {
    const page = await f.viewer.get(url);
    expect(page.statusCode).toBe(200);
    expect(headers(page.body)).toEqual([
      "Criterion",
      "Ashvale Domestic Abuse Partnership",
      "Kestrel Vale Partnership",
      "Larkfield Partnership",
      "Spread across the region",
    ]);
    expect(page.body).not.toContain("Fenwick");
    expect(page.body).not.toContain("Southmoor quality standard");
    expect(page.body).toContain("Marshby Partnership does not share its self-assessments");
    expect(page.body).not.toContain(DRAFT_MARKER);
    const rows = tableRows(page.body);
    expect(rows).toHaveLength(3);
    // Larkfield's draft rates 1.1 "Met": the region sees "Not submitted" and no link.
    expect(rows[0]![3]).toBe("Not submitted");
    expect(page.body).not.toMatch(/assessments\/\d+#criterion-\d+[^>]*>[^<]*<span[^>]*> for 1\.1, Larkfield/);
  });

  it("shows a moderated criterion's agreed level with the self-assessment beside it, and the spread", async () => {
    const page = await f.lead.get(`${url}?standard=${f.standardId}&cycle=${f.cycleId}`);
    const [first, second, third] = tableRows(page.body);
    expect(first![0]).toBe("1.1 The board owns the strategy");
    expect(first![1]).toBe(
      "Partly met (self-assessed) 2 pieces of evidence for 1.1, Ashvale Domestic Abuse Partnership",
    );
    expect(first![2]).toContain("Met (agreed; self-assessed Partly met) 0 pieces of evidence");
    expect(first![4]).toBe("1 Met, 1 Partly met, 1 not submitted");
    expect(second![2]).toContain("Met (self-assessed)");
    expect(second![4]).toBe("2 Met, 1 not submitted");
    expect(third![1]).toContain("Not rated");
    expect(third![4]).toBe("2 not rated, 1 not submitted");
    // Links go to the region's page of the self-assessment, at the criterion.
    expect(page.body).toContain(
      `/r/${f.slug}/assessments/${f.assessments.ashvale}#criterion-${f.criteria[0]}`,
    );
    // Ratings are tags with words and a class per scale position.
    expect(page.body).toMatch(/govuk-tag govuk-tag--green app-level--3">\s*Met/);
    expect(page.body).toMatch(/govuk-tag govuk-tag--yellow app-level--2">\s*Partly met/);
    expect(page.body).toMatch(
      /<caption class="govuk-table__caption[^"]*">North Marston quality standard, 2025 to 2027/,
    );
    expect(page.body).toMatch(/class="app-table-wrapper" tabindex="0" role="region"/);
  });

  it("filters by theme", async () => {
    const page = await f.viewer.get(
      `${url}?standard=${f.standardId}&cycle=${f.cycleId}&theme=${f.themes[1]}`,
    );
    expect(page.statusCode).toBe(200);
    const rows = tableRows(page.body);
    expect(rows.map((r) => r[0])).toEqual(["2.1 Victims reach an Idva within a week"]);
    expect(page.body).toContain("Filtered by theme 2 Support for victims");
    const both = await f.viewer.get(
      `${url}?standard=${f.standardId}&theme=${f.themes[0]}&theme=${f.themes[1]}`,
    );
    expect(tableRows(both.body)).toHaveLength(3);
  });

  it("answers 404 for another region's standard, cycle or theme, and for junk ids", async () => {
    for (const query of [
      `?standard=${f.standardB}`,
      `?cycle=${f.cycleB}`,
      `?standard=${f.standardId}&theme=999999`,
      "?standard=abc",
      "?cycle=0",
    ]) {
      expect((await f.viewer.get(`${url}${query}`)).statusCode, query).toBe(404);
      expect((await f.viewer.get(`${url}.xlsx${query}`)).statusCode, query).toBe(404);
    }
    expect((await f.viewer.get(`/r/${f.regionB}/comparison`)).statusCode).toBe(404);
  });

  it("gives the same cells in Word and Excel, and LibreOffice opens both", async () => {
    const query = `?standard=${f.standardId}&cycle=${f.cycleId}`;
    const page = await f.viewer.get(`${url}${query}`);
    const rows = tableRows(page.body);
    const excel = await f.viewer.get(`${url}.xlsx${query}`);
    expect(excel.statusCode).toBe(200);
    expect(excel.headers["content-disposition"]).toContain(`${f.slug}-comparison-`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(excel.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Comparison")!;
    const values: string[][] = [];
    sheet.eachRow((row) => {
      values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
    });
    const headerAt = values.findIndex((r) => r[0] === "Theme");
    expect(values[headerAt]).toEqual([
      "Theme",
      "Criterion",
      "Ashvale Domestic Abuse Partnership",
      "Kestrel Vale Partnership",
      "Larkfield Partnership",
      "Spread across the region",
    ]);
    const dataRows = values.slice(headerAt + 1).filter((r) => r.length > 1);
    expect(dataRows).toHaveLength(3);
    const squeeze = (s: string) => s.replace(/\s+/g, " ").trim();
    for (const [i, row] of dataRows.entries()) {
      expect(squeeze(row[1]!)).toBe(rows[i]![0]);
      expect(row[5]).toBe(rows[i]![4]);
      // The page's cell, without the link's words for screen readers, is the file's cell.
      for (const col of [2, 3, 4])
        expect(squeeze(row[col]!)).toBe(rows[i]![col - 1]!.replace(/ for \d\.\d, .*$/, ""));
    }
    expect(dataRows[0]![3]).toContain("Met (agreed; self-assessed Partly met)");
    expect(values.flat().join(" ")).not.toContain(DRAFT_MARKER);

    const word = await f.viewer.get(`${url}.docx${query}`);
    expect(word.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(word.rawPayload)).file("word/document.xml")!.async("string");
    const wordText = xml.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    for (const row of rows) for (const cell of [row[0]!, row[4]!]) expect(wordText).toContain(cell);
    expect(wordText).toContain("Met (agreed; self-assessed Partly met)");
    expect(wordText).toContain("Kestrel Vale Partnership");
    expect(wordText).not.toContain("Marshby");
    if (kind === "pglite")
      expectLibreOfficeOpens({
        "comparison.docx": word.rawPayload,
        "comparison-sheet.xlsx": excel.rawPayload,
      });
  });
  it("sends as many statements for twice the partnerships (set-based reads, no query per partnership)", async () => {
    const pages = [url, `${url}.xlsx`, `/r/${f.slug}/report`];
    const count = async (page: string) => {
      const start = f.t.database.queryCount();
      expect((await f.viewer.get(page)).statusCode).toBe(200);
      return f.t.database.queryCount() - start;
    };
    // Warm up first: the first request of a session does once-only work (loading writers, the session).
    for (const page of pages) await count(page);
    const before: Array<readonly [string, number]> = [];
    for (const page of pages) before.push([page, await count(page)]);
    await addSubmittedPartnerships(f, 4);
    for (const [page, queries] of before) expect(await count(page), page).toBe(queries);
  });
});

describe.each(testDatabaseKinds())("the regional report (%s)", (kind) => {
  let f: CompareFixture;
  let url: string;
  beforeAll(async () => {
    f = await buildCompareFixture(kind);
    url = `/r/${f.slug}/report`;
  });
  afterAll(async () => f?.t.close());

  it("lists the region's partnerships with what each shares, and the standard's results", async () => {
    const page = await f.viewer.get(url);
    expect(page.statusCode).toBe(200);
    const words = text(page.body);
    expect(words).toContain("Marshby Partnership");
    expect(words).toContain("Results against the region's standards");
    expect(words).toContain("Met (agreed; self-assessed Partly met)");
    expect(words).toContain("1 Met, 1 Partly met, 1 not submitted");
    expect(words).not.toContain("Fenwick");
    expect(page.body).not.toContain(DRAFT_MARKER);
    // Spend and governance come from the region's figures.
    expect(words).toContain("Spend and capacity");
    expect(words).toContain("The region's allocations, spend and forecast by financial year");
    expect(words).toContain("Each partnership's chain of boards");
  });

  it("as at a date, leaves out a later submission and a later moderation", async () => {
    // Kestrel Vale submitted on 1 October 2025 and was moderated on 1 December; Ashvale submitted on 10 November.
    const october = text((await f.viewer.get(`${url}?asAt=2025-10-15`)).body);
    expect(october).toContain("As at 15 October 2025");
    expect(october).toContain("Partly met (self-assessed)");
    expect(october).not.toContain("agreed;");
    expect(october).toContain("1 Partly met, 2 not submitted");
    const november = text((await f.viewer.get(`${url}?asAt=2025-11-20`)).body);
    expect(november).toContain("2 Partly met, 1 not submitted");
    expect(november).not.toContain("agreed;");
    const before = text((await f.viewer.get(`${url}?asAt=2025-03-01`)).body);
    expect(before).toContain("No cycle of a published standard had opened by this date.");
  });

  it("refuses a date that is not real, or in the future, with the error linked to the field", async () => {
    for (const asAt of ["2025-02-30", "soon", "2999-01-01"]) {
      const page = await f.viewer.get(`${url}?asAt=${asAt}`);
      expect(page.statusCode, asAt).toBe(400);
      expect(page.body).toContain('href="#asAt"');
    }
  });

  it("gives Word and Excel that hold the same results, and LibreOffice opens both", async () => {
    const excel = await f.viewer.get(`${url}.xlsx?asAt=2025-10-15`);
    expect(excel.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(excel.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => cells.push(...(row.values as unknown[]).map((v) => String(v ?? "")))),
    );
    const all = cells.join(" | ");
    expect(all).toContain("1 Partly met, 2 not submitted");
    expect(all).toContain("Marshby Partnership");
    expect(all).not.toContain("agreed;");
    const word = await f.viewer.get(`${url}.docx?asAt=2025-10-15`);
    expect(word.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(word.rawPayload)).file("word/document.xml")!.async("string");
    expect(xml.replace(/<[^>]+>/g, " ")).toContain("1 Partly met, 2 not submitted");
    if (kind === "pglite")
      expectLibreOfficeOpens({ "report.docx": word.rawPayload, "report-sheet.xlsx": excel.rawPayload });
  });
});
