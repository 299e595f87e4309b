import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partnerships } from "../../src/db/schema.ts";
import { demoCalendar, shiftYearsInText } from "../../src/demo/calendar.ts";
import { RATING_CELL_COLOURS } from "../../src/domain/rag.ts";
import { buildReport } from "../../src/reports/build.ts";
import { REPORT_KINDS, type ReportDocument } from "../../src/reports/model.ts";
import { renderCsv } from "../../src/reports/render-csv.ts";
import { renderDocx } from "../../src/reports/render-docx.ts";
import { htmlDocument, renderStandaloneHtml } from "../../src/reports/render-html.ts";
import { renderXlsx } from "../../src/reports/render-xlsx.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { docxParts, type Reportsville, seedReportsville, workbook } from "./reports-fixture.ts";

// Every .docx and .xlsx produced is opened again and read: Word's headings, repeating header rows,
// landscape pages, page numbers, properties and rating cells; Excel's sheets, frozen and filtered
// header rows, column widths and rating fills. LibreOffice then converts them to PDF when installed
// (.ci/run installs it and sets WAYMARK_REQUIRE_LIBREOFFICE=1, so there the check never skips).

describe.each(testDatabaseKinds())("report files (%s)", (kind) => {
  let t: TestApp;
  let r: Reportsville;
  let ids: Record<string, number>;
  let build: Reportsville["build"];
  const db = () => t.database.db;

  beforeAll(async () => {
    // The demo with its history of rounds and updates, for reports of a realistic size.
    t = await createTestApp({ kind, demoProgress: true });
    r = await seedReportsville(t);
    ids = r.ids;
    build = r.build;
  });
  afterAll(async () => t?.close());

  it("Word: heading styles, repeating header rows, landscape, page numbers, title, header and ratings", async () => {
    const review = await docxParts(await renderDocx(await build("strategy-review")));
    expect(review.document).toContain('w:pStyle w:val="Title"');
    expect(review.document).toContain('w:pStyle w:val="Heading1"');
    expect(review.document).toContain('w:pStyle w:val="Heading2"');
    expect(review.document).toContain("<w:tblHeader/>");
    expect(review.document).not.toContain('w:orient="landscape"');
    for (const word of [
      "Red",
      "Green",
      "Not yet started",
      "See 1.1",
      "To note: ",
      "Forty staff trained at level 1.",
    ])
      expect(review.document).toContain(word);
    // Rating cells: the rating's fill and its word.
    expect(review.document).toMatch(/w:fill="F4D7D7"[\s\S]{0,400}<w:t[^>]*>Red<\/w:t>/);
    expect(review.document).toMatch(/w:fill="CFE4DC"[\s\S]{0,400}<w:t[^>]*>Green<\/w:t>/);
    // Progress paragraphs are written as XML by Waymark itself (PreparedParagraph): markup characters
    // in what partners typed must arrive escaped, and spaces at the edges kept.
    const tricky = await build("strategy-review");
    const cell = tricky.sections
      .flatMap((s) => s.blocks)
      .flatMap((b) => (b.kind === "table" ? b.table.groups.flatMap((g) => g.rows.flat()) : []))
      .find((c) => c.kind === "progress" && c.years.some((y) => y.entries.length > 0));
    const entry =
      cell?.kind === "progress" ? cell.years.find((y) => y.entries.length > 0)?.entries[0] : undefined;
    if (!entry) throw new Error("the strategy review has no progress entry");
    (entry as { text: string }).text = ' Budget <£5k> & "review" ';
    const escaped = await docxParts(await renderDocx(tricky));
    expect(escaped.document).toContain(
      '<w:t xml:space="preserve"> Budget &lt;£5k&gt; &amp; &quot;review&quot; </w:t>',
    );
    expect(escaped.document).not.toContain("<£5k>");
    // Progress entries are real list bullets: each names the List Bullet paragraph style, whose
    // definition carries the numbering, and that numbering's first level is a bullet.
    expect(review.document).toMatch(
      /<w:p><w:pPr><w:pStyle w:val="ListBullet"\/><\/w:pPr><w:r><w:t>Forty staff/,
    );
    const listBullet = /<w:style w:type="paragraph" w:styleId="ListBullet">[\s\S]*?<\/w:style>/.exec(
      review.styles,
    )?.[0];
    const numId = /<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/.exec(
      listBullet ?? "",
    )?.[1];
    expect(numId).toBeDefined();
    const abstractId = new RegExp(`<w:num w:numId="${numId}"><w:abstractNumId w:val="(\\d+)"/>`).exec(
      review.numbering,
    )?.[1];
    expect(abstractId).toBeDefined();
    const abstract = new RegExp(
      `<w:abstractNum w:abstractNumId="${abstractId}"[\\s\\S]*?</w:abstractNum>`,
    ).exec(review.numbering)?.[0];
    expect(abstract).toMatch(
      /<w:lvl w:ilvl="0"[^>]*><w:start w:val="1"\/><w:numFmt w:val="bullet"\/><w:lvlText w:val="•"\/>/,
    );
    expect(review.footers).toMatch(/PAGE/);
    expect(review.footers).toMatch(/NUMPAGES/);
    expect(review.headers).toContain("Reportsville Domestic Abuse Partnership");
    expect(review.core).toContain("<dc:title>Strategy review: Reportsville Strategy 2024–2029</dc:title>");
    expect(review.core).toContain("<dc:creator>Waymark</dc:creator>");

    const plan = await docxParts(await renderDocx(await build("action-plan")));
    expect(plan.document).toContain('w:orient="landscape"');
    expect(plan.document).toContain("<w:tblHeader/>");
    for (const text of [
      "What we will do",
      "How we will do it",
      "Who will lead",
      "Performance target",
      "Outcome: Abuse is spotted sooner.",
      "Alpha Police",
      "Beta Housing",
    ])
      expect(plan.document).toContain(text);
  });

  it("Excel: a sheet per table, frozen filtered header, fitted columns, rating fills, properties", async () => {
    const wb = await workbook(
      await renderXlsx(await build("round-summary", { roundId: ids.r2, asAt: "2024-12-01" })),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Ratings by priority",
      "Changes",
      "Late organisations",
      "About this report",
    ]);
    expect(wb.title).toBe("Update round summary: Q2 2024/25");
    expect(wb.creator).toBe("Waymark");
    for (const sheet of wb.worksheets.slice(0, 3)) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
    }
    const changes = wb.getWorksheet("Changes")!;
    expect(changes.getRow(1).values).toEqual([
      undefined,
      "Commitment",
      "Rating in Q1 2024/25",
      "Rating in Q2 2024/25",
    ]);
    expect(changes.getCell("C2").value).toBe("Red");
    expect(changes.getCell("C2").fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFF4D7D7" },
    });
    expect(changes.getCell("B2").value).toBe("Green");

    const review = await workbook(await renderXlsx(await build("strategy-review")));
    const sheet = review.getWorksheet("Strategy review")!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "Priority",
      "Commitment",
      "Progress so far",
      "Rating",
    ]);
    expect(sheet.getCell("B2").value).toBe("1.1 Train frontline staff");
    expect(String(sheet.getCell("C3").value)).toContain("See 1.1");
    for (const col of [1, 2, 3, 4]) {
      const width = sheet.getColumn(col).width ?? 0;
      expect(width).toBeGreaterThanOrEqual(8);
      expect(width).toBeLessThanOrEqual(80);
    }
    expect(sheet.getColumn(3).width ?? 0).toBeGreaterThan(sheet.getColumn(4).width ?? 0);
    expect(sheet.getCell("C2").alignment).toMatchObject({ wrapText: true });
  });

  it("produces every report in Word and Excel for the demo partnership, and both open again", async () => {
    const [ashvale] = await db().select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
    const demoActor = systemActor("test", ashvale!.id);
    for (const kindOf of REPORT_KINDS) {
      const doc = await buildReport(db(), demoActor, { kind: kindOf });
      const parts = await docxParts(await renderDocx(doc));
      expect(parts.document).toContain('w:pStyle w:val="Heading1"');
      expect(parts.core).toContain(`<dc:title>${doc.title}</dc:title>`);
      const wb = await workbook(await renderXlsx(doc));
      expect(wb.worksheets.length).toBeGreaterThan(1);
      expect(renderCsv(doc).startsWith("\uFEFF")).toBe(true);
    }
  });

  it("draws a figure (a chart) on the page and in Word, with its words, for sections such as key statistics", async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#1d70b8"/></svg>';
    const png = new Resvg(svg).render().asPng();
    const base = await build("round-summary", { roundId: ids.r2 });
    const doc: ReportDocument = {
      ...base,
      sections: [
        ...base.sections,
        {
          id: "key-statistics",
          heading: "Key statistics",
          blocks: [
            {
              kind: "figure",
              alt: "Chart of repeat cases",
              summary: "Repeat cases fell from 30% to 25%.",
              svg,
              png,
              widthPx: 200,
              heightPx: 100,
            },
            {
              kind: "table",
              table: {
                caption: "Key statistics",
                sheetName: "Key statistics",
                columns: [
                  { header: "Indicator", width: 60 },
                  { header: "Against target", width: 40 },
                ],
                groupColumns: [],
                groups: [
                  {
                    heading: null,
                    description: null,
                    flat: [],
                    rows: [
                      [
                        { kind: "text", text: "Repeat cases" },
                        {
                          kind: "rating",
                          rating: {
                            rating: "green",
                            label: "Green",
                            colours: RATING_CELL_COLOURS.green,
                            overridden: false,
                          },
                        },
                      ],
                    ],
                  },
                ],
                landscape: true,
                emptyText: "",
              },
            },
          ],
        },
      ],
    };
    const parts = await docxParts(await renderDocx(doc));
    expect(parts.document).toContain('descr="Repeat cases fell from 30% to 25%."');
    expect(parts.document).toContain("<a:blip");
    // The landscape table starts a landscape section after the portrait ones.
    expect(parts.document).toContain('w:orient="landscape"');
    expect(parts.document).toContain('w:orient="portrait"');
    const page = htmlDocument(doc);
    expect(JSON.stringify(page.sections.at(-1))).toContain("data:image/svg+xml,%3csvg");
    expect(page.landscape).toBe(true);
    const standalone = renderStandaloneHtml(doc);
    expect(standalone).toContain('alt="Chart of repeat cases"');
    expect(standalone).toContain("Repeat cases fell from 30% to 25%.");
    const wb = await workbook(await renderXlsx(doc));
    expect(wb.worksheets.map((w) => w.name)).toContain("Key statistics");
  });

  it.runIf(kind === "pglite")(
    "waymark export writes a report from the command line, with the same checks as the page",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "waymark-export-"));
      // vitest's own variables (BASE_URL, MODE…) and the test database are not a real shell's.
      const env = Object.fromEntries(
        Object.entries(process.env).filter(
          ([k]) =>
            !["BASE_URL", "MODE", "DEV", "PROD", "SSR", "TEST_DATABASE_URL", "DATABASE_URL"].includes(k),
        ),
      );
      const waymark = (...args: string[]) =>
        spawnSync(process.execPath, [path.resolve(import.meta.dirname, "../../bin/waymark.js"), ...args], {
          env: { ...env, DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent" },
          encoding: "utf8",
          timeout: 120_000,
        });
      try {
        expect(waymark("demo", "load").status).toBe(0);
        const out = path.join(dir, "review.docx");
        const ok = waymark(
          "export",
          "strategy-review",
          "--partnership",
          "ashvale",
          "--format",
          "docx",
          "--out",
          out,
          "--as-at",
          "2025-06-30",
        );
        expect(ok.status, ok.stderr).toBe(0);
        expect(ok.stdout).toContain("as at 30 June 2025");
        const parts = await docxParts(readFileSync(out));
        // `demo load` moves the story to today (src/demo/calendar.ts), the strategy's years with it.
        const title = shiftYearsInText(
          "Ashvale Domestic Abuse Strategy 2024–2029",
          demoCalendar(new Date()).yearShift,
        );
        expect(parts.core).toContain(`<dc:title>Strategy review: ${title}</dc:title>`);
        expect(parts.document).toContain("<w:tblHeader/>");
        // --mode summary: a board summary per year instead of every update (no bullet per update).
        const csvOut = path.join(dir, "review.csv");
        const summary = waymark(
          "export",
          "strategy-review",
          "--partnership",
          "ashvale",
          "--format",
          "csv",
          "--mode",
          "summary",
          "--out",
          csvOut,
        );
        expect(summary.status, summary.stderr).toBe(0);
        const csv = readFileSync(csvOut, "utf8");
        expect(csv).toMatch(/\d{4}\/\d\d\n[A-Z0-9]/);
        expect(csv).not.toContain("• ");
        const future = waymark(
          "export",
          "round-summary",
          "--partnership",
          "ashvale",
          "--format",
          "csv",
          "--out",
          out,
          "--as-at",
          "2999-01-01",
        );
        expect(future.status).toBe(1);
        expect(future.stderr).toContain("The as-at date must be today or in the past");
        const unknown = waymark(
          "export",
          "budget",
          "--partnership",
          "ashvale",
          "--format",
          "csv",
          "--out",
          out,
        );
        expect(unknown.status).toBe(1);
        expect(unknown.stderr).toContain('Unknown report "budget"');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );

  it.runIf(kind === "pglite")(
    "LibreOffice converts a produced .docx and .xlsx to PDF",
    async () => {
      const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"].find((p) =>
        existsSync(p),
      );
      if (!soffice) {
        if (process.env.WAYMARK_REQUIRE_LIBREOFFICE === "1")
          throw new Error("LibreOffice (soffice) is required but not installed");
        console.warn("LibreOffice (soffice) is not installed: skipping the PDF conversion check");
        return;
      }
      const dir = mkdtempSync(path.join(tmpdir(), "waymark-reports-"));
      try {
        const docx = path.join(dir, "strategy-review.docx");
        const xlsx = path.join(dir, "round-summary.xlsx");
        writeFileSync(docx, await renderDocx(await build("strategy-review")));
        writeFileSync(xlsx, await renderXlsx(await build("round-summary", { roundId: ids.r2 })));
        const result = spawnSync(
          soffice,
          [
            `-env:UserInstallation=file://${path.join(dir, "profile")}`,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir,
            docx,
            xlsx,
          ],
          { encoding: "utf8", timeout: 180_000 },
        );
        expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
        for (const name of ["strategy-review.pdf", "round-summary.pdf"]) {
          const pdf = path.join(dir, name);
          expect(existsSync(pdf), name).toBe(true);
          expect(statSync(pdf).size).toBeGreaterThan(1000);
          expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
