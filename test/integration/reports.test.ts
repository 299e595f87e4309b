import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitmentRatings, partnerships, ratingOverrides } from "../../src/db/schema.ts";
import { UnknownRollupRuleError } from "../../src/domain/rollup.ts";
import { renderCsv } from "../../src/reports/render-csv.ts";
import { renderDocx } from "../../src/reports/render-docx.ts";
import { createTestApp, type TestApp, type TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import {
  docxParts,
  progressTexts,
  type Reportsville,
  ratingsByNumber,
  seedReportsville,
} from "./reports-fixture.ts";

// The board pack from live data: what each report says, "as at" a past date, and the reports page.
// The Word and Excel files themselves are read back in reports-files.test.ts.

describe.each(testDatabaseKinds())("reports (%s)", (kind) => {
  let t: TestApp;
  let r: Reportsville;
  let ids: Record<string, number>;
  let build: Reportsville["build"];
  let viewer: TestClient;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    r = await seedReportsville(t);
    ids = r.ids;
    build = r.build;
    viewer = await r.viewer();
  });
  afterAll(async () => t?.close());

  it("strategy review: commitment | progress by year with notes | rating, cross-references, not yet started", async () => {
    const doc = await build("strategy-review", { asAt: "2024-07-31" });
    expect(doc.title).toBe("Strategy review: Reportsville Strategy 2024–2029");
    expect(doc.asAtLabel).toBe("As at 31 July 2024");
    const table = doc.sections[0]?.blocks[0];
    if (table?.kind !== "table") throw new Error("no table");
    expect(table.table.groups.map((g) => g.heading)).toEqual([
      "Priority 1: Culture change",
      "Priority 2: Early help",
    ]);
    const [c11, c12] = table.table.groups[0]!.rows;
    expect(c11![1]).toEqual({
      kind: "progress",
      seeAlso: [],
      years: [
        {
          year: "2024/25",
          entries: [{ text: "Forty staff trained at level 1.", source: "Alpha Police, Q1 2024/25" }],
          toNote: ["Champions to be picked up next year"],
        },
      ],
      notes: [],
      empty: "No progress reported yet.",
    });
    expect(c12![1]).toMatchObject({ kind: "progress", seeAlso: ["1.1"], years: [] });
    expect(ratingsByNumber(doc)).toEqual({ "1.1": "Green", "1.2": "Not yet started", "2.1": "Amber" });
  });

  it("as at a date: excludes what came later, and is identical when made again after later changes", async () => {
    const july = await build("strategy-review", { asAt: "2024-07-31" });
    expect(progressTexts(july)).toEqual(["Forty staff trained at level 1.", "Worker recruitment delayed."]);
    const october = await build("strategy-review", { asAt: "2024-10-22" });
    // a2's red update was accepted on 25 October: not known on the 22nd.
    expect(progressTexts(october)).toContain("Level 1 training finished.");
    expect(progressTexts(october)).not.toContain("Level 2 trainer has left.");
    expect(ratingsByNumber(october)).toEqual({ "1.1": "Complete", "1.2": "Not yet started", "2.1": "Amber" });
    const today = await build("strategy-review");
    expect(ratingsByNumber(today)).toEqual({ "1.1": "Red", "1.2": "Not yet started", "2.1": "Green" });
    expect(JSON.stringify(today)).toContain(
      "Rating set by the coordinator: The worker started on 1 November.",
    );

    const [julyCsv, julyDocx] = [renderCsv(july), (await docxParts(await renderDocx(july))).document];
    // Later: a new round, a new accepted update, another override.
    await r.addRound("r3", ids.plan!, {
      name: "Q3 2024/25",
      start: "2024-10-01",
      end: "2024-12-31",
      deadline: "2025-01-15",
      opened: "2025-01-02T09:00:00Z",
    });
    await r.accept("r3", "a2", "orgB", {
      rating: "green",
      narrative: "New trainer in post.",
      submitted: "2025-01-10T10:00:00Z",
      accepted: "2025-01-14T10:00:00Z",
    });
    await db().insert(ratingOverrides).values({
      partnershipId: r.pid,
      commitmentId: ids.c11!,
      rating: "amber",
      reason: "Waiting for the evaluation",
    });
    const again = await build("strategy-review", { asAt: "2024-07-31" });
    expect(again).toEqual(july);
    expect(renderCsv(again)).toBe(julyCsv);
    expect((await docxParts(await renderDocx(again))).document).toBe(julyDocx);
    expect(await build("strategy-review", { asAt: "2024-10-22" })).toEqual(october);
    expect(ratingsByNumber(await build("strategy-review"))).toMatchObject({ "1.1": "Amber" });
  });

  it("recomputes a past rating with the rule version stored for its round", async () => {
    const where = and(eq(commitmentRatings.roundId, ids.r1!), eq(commitmentRatings.commitmentId, ids.c11!));
    await db().update(commitmentRatings).set({ ruleVersion: "rollup-v0-retired" }).where(where);
    try {
      await expect(build("strategy-review", { asAt: "2024-07-31" })).rejects.toBeInstanceOf(
        UnknownRollupRuleError,
      );
    } finally {
      await db().update(commitmentRatings).set({ ruleVersion: "rollup-v1" }).where(where);
    }
    expect(ratingsByNumber(await build("strategy-review", { asAt: "2024-07-31" }))["1.1"]).toBe("Green");
  });

  it("round summary: ratings by priority, changes since the previous round, late organisations", async () => {
    const doc = await build("round-summary", { roundId: ids.r2, asAt: "2024-12-01" });
    expect(doc.title).toBe("Update round summary: Q2 2024/25");
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "Ratings by priority",
      "Changes since Q1 2024/25",
      "Organisations that are late",
    ]);
    const csv = renderCsv(doc);
    expect(csv.startsWith("\uFEFFPriority,Red,Amber,Green,Grey,Complete,Not yet started,Total\r\n")).toBe(
      true,
    );
    expect(csv).toContain("Priority 1: Culture change,1,0,0,0,0,1,2\r\n");
    expect(csv).toContain("All priorities,1,0,1,0,0,1,3\r\n");
    const changes = doc.sections[1]?.blocks[0];
    if (changes?.kind !== "table") throw new Error("no changes table");
    expect(
      changes.table.groups[0]!.rows.map((r) =>
        r.map((c) => (c.kind === "rating" ? c.rating.label : c.kind === "text" ? c.lead : "")),
      ),
    ).toEqual([
      ["1.1", "Green", "Red"],
      ["2.1", "Amber", "Green"],
    ]);
    const late = doc.sections[2]?.blocks[0];
    if (late?.kind !== "table") throw new Error("no late table");
    expect(late.table.groups[0]!.rows).toEqual([
      [
        { kind: "text", text: "Beta Housing" },
        { kind: "number", value: 1 },
        { kind: "number", value: 1 },
      ],
      [
        { kind: "text", text: "Alpha Police" },
        { kind: "number", value: 1 },
        { kind: "number", value: 0 },
      ],
    ]);
    // Before the deadline nobody is late yet; by then only a1 had been submitted.
    const early = await build("round-summary", { roundId: ids.r2, asAt: "2024-10-14" });
    expect(JSON.stringify(early.sections[2])).toContain("no organisation is late yet");
    expect(JSON.stringify(early.intro)).toContain("0 accepted, 1 awaiting review and 2 not yet submitted");
  });

  it("annual progress report for a flat framework: recommendation | progress this year | rating", async () => {
    const doc = await build("annual-report", { strategyId: ids.flat });
    expect(doc.title).toBe("Annual progress report 2024/25: Reportsville Review Recommendations");
    const table = doc.sections[0]?.blocks[0];
    if (table?.kind !== "table") throw new Error("no table");
    expect(table.table.groupColumns).toEqual([]);
    expect(table.table.columns.map((c) => c.header)).toEqual([
      "Strategic recommendation",
      "Progress this year",
      "Rating",
    ]);
    expect(progressTexts(doc)).toEqual(["Needs assessment published in December."]);
    expect(ratingsByNumber(doc)).toEqual({ "1": "Complete", "2": "Not yet started" });
    const csv = renderCsv(doc);
    expect(csv.split("\r\n")[0]).toBe("\uFEFFRecommendation,Progress this year,Rating");
  });

  it("the reports page and downloads, for a board member", async () => {
    const page = await viewer.get("/p/reportsville/reports");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="report"');
    expect(page.body).toContain("Q2 2024/25 (2024–25 action plan)");

    const chosen = await viewer.get(
      "/p/reportsville/reports?report=action-plan&strategy=&plan=&round=&asAt-day=1&asAt-month=12&asAt-year=2024&format=xlsx",
    );
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe("/p/reportsville/reports/action-plan?asAt=2024-12-01&format=xlsx");

    const html = await viewer.get(
      `/p/reportsville/reports/strategy-review?strategy=${ids.strategy}&asAt=2024-07-31`,
    );
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain(
      '<h1 class="govuk-heading-l">Strategy review: Reportsville Strategy 2024–2029</h1>',
    );
    expect(html.body).toContain('<h3 class="govuk-heading-m">Priority 1: Culture change</h3>');
    expect(html.body).toMatch(/govuk-tag--green app-rag">\s*Green/);
    expect(html.body).toContain("Not yet started");
    expect(html.body).toContain("See 1.1");
    expect(html.body).not.toContain("Level 1 training finished.");
    expect(html.body).toContain(
      `/p/reportsville/reports/strategy-review?strategy=${ids.strategy}&amp;asAt=2024-07-31&amp;format=docx`,
    );

    const files = [
      ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["csv", "text/csv; charset=utf-8"],
    ] as const;
    for (const [format, type] of files) {
      const response = await viewer.get(
        `/p/reportsville/reports/strategy-review?asAt=2024-07-31&format=${format}`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe(type);
      expect(response.headers["content-disposition"]).toBe(
        `attachment; filename="reportsville-strategy-review-2024-07-31.${format}"`,
      );
    }
    const docx = await viewer.get("/p/reportsville/reports/action-plan?format=docx");
    expect((await docxParts(docx.rawPayload)).document).toContain('w:orient="landscape"');
  });

  it("bad options come back to the reports page with the error summary (400); unknown reports are 404", async () => {
    const future = await viewer.get("/p/reportsville/reports/strategy-review?asAt=2999-01-01");
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain("There is a problem");
    expect(future.body).toContain('href="#asAt-day"');
    expect(future.body).toContain("The as-at date must be today or in the past");

    const foreignRound = await viewer.get("/p/reportsville/reports/round-summary?round=999999");
    expect(foreignRound.statusCode).toBe(400);
    expect(foreignRound.body).toContain("Select a round from the list");

    const notYetOpen = await viewer.get(
      `/p/reportsville/reports/round-summary?round=${ids.r2}&asAt=2024-09-01`,
    );
    expect(notYetOpen.statusCode).toBe(400);
    expect(notYetOpen.body).toContain("Q2 2024/25 had not been opened by 1 September 2024");

    const badDate = await viewer.get(
      "/p/reportsville/reports?report=strategy-review&asAt-day=31&asAt-month=2&asAt-year=2024&format=pdf",
    );
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain("The as-at date must be a real date");
    expect(badDate.body).toContain("Select a format");

    const noReport = await viewer.get("/p/reportsville/reports?report=&format=html");
    expect(noReport.statusCode).toBe(400);
    expect(noReport.body).toContain("Select a report");
    // What a browser sends when no report's radio is chosen: no `report` at all.
    const noChoice = await viewer.get(
      "/p/reportsville/reports?strategy=&plan=&round=&asAt-day=&asAt-month=&asAt-year=&format=html",
    );
    expect(noChoice.statusCode).toBe(400);
    expect(noChoice.body).toContain("govuk-error-summary");
    expect(noChoice.body).toContain('href="#report"');
    expect(noChoice.body).toContain("Select a report");
    expect((await viewer.get("/p/reportsville/reports")).statusCode).toBe(200);

    expect((await viewer.get("/p/reportsville/reports/budget")).statusCode).toBe(404);
    // Another partnership's strategy is not offered and not reported.
    const [ashvale] = await db().select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
    expect(ashvale).toBeDefined();
    expect((await viewer.get("/p/ashvale/reports")).statusCode).toBe(404);
  });
});
