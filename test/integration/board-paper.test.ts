import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { eq } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, partnerships, strategies } from "../../src/db/schema.ts";
import { boardSummaries } from "../../src/db/schema-board-papers.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import { boardReportFile } from "../../src/reports/board-pack.ts";
import { buildReport } from "../../src/reports/build.ts";
import type { ReportDocument } from "../../src/reports/model.ts";
import { type Actor, systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The board paper (issue 12): the coordinator's covering report, kept with each report and in its
// history; board summaries per commitment per year for "summary" mode; and the summary-mode strategy
// review of the demo's 38 commitments in at most 15 A4 pages once LibreOffice has laid it out.

/** Pages of a PDF: its page objects (/Type /Page, not /Pages), checked against the page tree's /Count. */
function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString("latin1");
  const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  const counts = [
    ...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g),
  ].map((m) => Number(m[1] ?? m[2]));
  if (counts.length > 0) expect(Math.max(...counts)).toBe(pages);
  return pages;
}

/**
 * How many pictures each page draws (its content streams' `/ImN Do`), for the pages that draw any.
 * LibreOffice writes one object per page and deflates the streams; good enough to count charts.
 */
function chartsPerPage(pdf: Buffer): number[] {
  const text = pdf.toString("latin1");
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2] ?? "");
  const out: number[] = [];
  for (const body of objects.values()) {
    if (!/\/Type\s*\/Page(?![a-zA-Z])/.test(body)) continue;
    const refs = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(body)?.[1] ?? "";
    let draws = 0;
    for (const ref of refs.matchAll(/(\d+) 0 R/g)) {
      const raw = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(objects.get(Number(ref[1])) ?? "")?.[1] ?? "";
      let content = raw;
      try {
        content = inflateSync(Buffer.from(raw, "latin1")).toString("latin1");
      } catch {
        // not deflated
      }
      draws += content.match(/\/Im\d+ Do/g)?.length ?? 0;
    }
    if (draws > 0) out.push(draws);
  }
  return out;
}

function progressCells(doc: ReportDocument) {
  return doc.sections.flatMap((s) =>
    s.blocks.flatMap((b) =>
      b.kind === "table"
        ? b.table.groups.flatMap((g) => g.rows.flatMap((r) => r.filter((c) => c.kind === "progress")))
        : [],
    ),
  );
}

describe.each(testDatabaseKinds())("the board paper (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let viewer: TestClient;
  let actor: Actor;
  let strategyId: number;

  beforeAll(async () => {
    t = await createTestApp({ kind, demoProgress: true });
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    viewer = new TestClient(t.app);
    await viewer.signIn(demoUser("viewer").email);
    const [p] = await t.database.db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
    actor = systemActor("test", p!.id);
    const [s] = await t.database.db.select().from(strategies).where(eq(strategies.partnershipId, p!.id));
    strategyId = s!.id;
  });
  afterAll(async () => t?.close());

  const paperForm = (extra: Record<string, string> = {}) => ({
    subject: String(strategyId),
    version: "",
    purpose: "To give members a full review of progress at the half way point.",
    summary: "The work is going well overall.",
    recommendations: "- Note the review\n- Agree the priorities",
    achievements: "- Serial perpetrator panel started in 2026\n- Whole housing pilot",
    priorities: "A deep dive into the top ten repeat cases.",
    contactName: "Rachel Example",
    contactRole: "Domestic Abuse Co-ordinator",
    contactEmail: "rachel@ashvale.example.org",
    contactPhone: "01632 960000",
    section1Title: "Domestic Abuse Act update",
    section1Text: "The statutory guidance was revised.",
    ...extra,
  });

  it("the Reports page links to the covering report of every kind of report, and each form opens", async () => {
    const page = await admin.get("/p/ashvale/reports");
    for (const kind of ["strategy-review", "round-summary", "action-plan", "annual-report"]) {
      expect(page.body, kind).toContain(`href="/p/ashvale/reports/${kind}/paper"`);
      const form = await admin.get(`/p/ashvale/reports/${kind}/paper`);
      expect(form.statusCode, kind).toBe(200);
      expect(form.body).toContain("Purpose");
    }
    expect((await viewer.get("/p/ashvale/reports")).body).not.toContain("/paper");
  });

  it("an admin writes the covering report; it comes first, in the council's order, on the page and in Word", async () => {
    const form = await admin.get("/p/ashvale/reports/strategy-review/paper");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("govuk-character-count");
    expect((await viewer.get("/p/ashvale/reports/strategy-review/paper")).statusCode).toBe(403);
    const saved = await admin.post("/p/ashvale/reports/strategy-review/paper", paperForm());
    expect(saved.statusCode).toBe(303);

    const page = await viewer.get("/p/ashvale/reports/strategy-review?format=html");
    const order = [
      "Purpose of the report",
      "Summary",
      "Recommendations and decisions asked of the board",
      "Key achievements",
      "Priorities for the next period",
      "Domestic Abuse Act update",
      "Contact officer",
      "About this report",
      "This review sets out each of the 38",
    ].map((h) => page.body.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.body).toContain("<li>Whole housing pilot</li>");
    expect(page.body).toContain("rachel@ashvale.example.org");

    const word = await boardReportFile(t.services, actor, { kind: "strategy-review" }, "docx");
    const xml = await (await JSZip.loadAsync(word.body as Buffer)).file("word/document.xml")!.async("string");
    expect(xml.indexOf("Purpose of the report")).toBeGreaterThan(0);
    expect(xml.indexOf("Purpose of the report")).toBeLessThan(xml.indexOf("This review sets out"));
    // Full mode: a long narrative goes on in rows that repeat the commitment's number; no row splits.
    expect(xml).toMatch(/<w:t[^>]*>\d+\.\d+ \(continued\) <\/w:t>/);
    const rows = xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    expect(rows.filter((r) => r.includes("<w:tblHeader/>") || r.includes("<w:cantSplit/>")).length).toBe(
      rows.length,
    );
    const excel = await boardReportFile(t.services, actor, { kind: "strategy-review" }, "xlsx");
    const sheets = await JSZip.loadAsync(excel.body as Buffer);
    const strings = await sheets.file("xl/sharedStrings.xml")?.async("string");
    expect(strings ?? "").toContain("Purpose of the report");
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityType, "board_paper"));
    expect(audit.map((a) => a.action)).toContain("board-paper.create");
  });

  it("refuses a second save from a form opened before the first (409), and keeps what was typed", async () => {
    const form = await admin.get("/p/ashvale/reports/strategy-review/paper");
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1];
    expect(version).toBeDefined();
    const first = await admin.post(
      "/p/ashvale/reports/strategy-review/paper",
      paperForm({ version: version!, summary: "First." }),
    );
    expect(first.statusCode).toBe(303);
    const second = await admin.post(
      "/p/ashvale/reports/strategy-review/paper",
      paperForm({ version: version!, summary: "Second." }),
    );
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain("Someone else changed this while you were editing");
    expect(second.body).toContain("Second.");
    const tooLong = await admin.post(
      "/p/ashvale/reports/strategy-review/paper",
      paperForm({ version: String(Number(version) + 1), purpose: "x".repeat(6001) }),
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('href="#purpose"');
    // The personal-data guard: a written section that may identify someone is refused until the
    // coordinator states that it identifies nobody; the contact officer's own details are not checked.
    const current = String(Number(version) + 1);
    const personal = await admin.post(
      "/p/ashvale/reports/strategy-review/paper",
      paperForm({ version: current, summary: "The victim, DOB 14/02/1988, was supported." }),
    );
    expect(personal.statusCode).toBe(400);
    expect(personal.body).toContain('href="#summary"');
    expect(personal.body).toContain("This text identifies nobody");
  });

  it("a report as at an earlier date shows the covering report as it was then, or none", async () => {
    const today = ukDateOf(new Date());
    const [p] = await t.database.db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
    // An older version of the paper, saved ten days ago (the audit log only takes inserts).
    await t.database.db.insert(auditLog).values({
      partnershipId: p!.id,
      actor: "test",
      action: "board-paper.update",
      entityType: "board_paper",
      entityId: `strategy-review:${strategyId}`,
      after: { purpose: "The purpose as it was ten days ago.", freeSections: [] },
      at: new Date(Date.now() - 10 * 86_400_000),
    });
    const then = await buildReport(t.database.db, actor, {
      kind: "strategy-review",
      asAt: addDays(today, -5),
    });
    expect(then.cover?.map((s) => s.heading)).toEqual(["Purpose of the report"]);
    expect(JSON.stringify(then.cover)).toContain("ten days ago");
    const before = await buildReport(t.database.db, actor, {
      kind: "strategy-review",
      asAt: addDays(today, -20),
    });
    expect(before.cover ?? []).toEqual([]);
    const now = await buildReport(t.database.db, actor, { kind: "strategy-review" });
    expect(JSON.stringify(now.cover)).toContain("half way point");
  });

  it("summary mode shows one board summary per year: the coordinator's, else a draft from the year's updates", async () => {
    const full = await buildReport(t.database.db, actor, { kind: "strategy-review" });
    const summary = await buildReport(t.database.db, actor, { kind: "strategy-review", mode: "summary" });
    const fullCells = progressCells(full);
    const summaryCells = progressCells(summary);
    expect(summaryCells).toHaveLength(38);
    for (const cell of summaryCells) {
      if (cell.kind !== "progress") continue;
      for (const y of cell.years) {
        expect(y.entries).toEqual([]);
        expect(y.summary?.length ?? 0).toBeGreaterThan(0);
        expect(y.summary!.length).toBeLessThanOrEqual(230);
      }
    }
    const length = (cells: typeof fullCells) => JSON.stringify(cells).length;
    expect(length(summaryCells)).toBeLessThan(length(fullCells) / 2);

    // The form is pre-filled with the drafts; saving one makes the report use it.
    const page = await admin.get(`/p/ashvale/strategies/${strategyId}/board-summaries`);
    expect(page.statusCode).toBe(200);
    // A commitment with accepted updates in the year shown (the latest): its draft is in the box.
    const name = /Draft from this year[\s\S]*?name="(summary-\d+)"/.exec(page.body)?.[1];
    const year = /name="year" value="(\d{4})"/.exec(page.body)?.[1];
    expect(name && year).toBeTruthy();
    const commitmentId = Number(name!.slice("summary-".length));
    const saved = await admin.post(`/p/ashvale/strategies/${strategyId}/board-summaries`, {
      year: year!,
      [name!]: "Training is on track across partners.",
      [`version-${commitmentId}`]: "",
    });
    expect(saved.statusCode).toBe(303);
    const rows = await t.database.db
      .select()
      .from(boardSummaries)
      .where(eq(boardSummaries.commitmentId, commitmentId));
    expect(rows.map((r) => r.text)).toEqual(["Training is on track across partners."]);
    const again = await buildReport(t.database.db, actor, { kind: "strategy-review", mode: "summary" });
    expect(JSON.stringify(progressCells(again))).toContain("Training is on track across partners.");
    // A form opened before that save is refused.
    const stale = await admin.post(`/p/ashvale/strategies/${strategyId}/board-summaries`, {
      year: year!,
      [name!]: "Something else.",
      [`version-${commitmentId}`]: "",
    });
    expect(stale.statusCode).toBe(409);
    // The reports form sends the mode on.
    const chosen = await viewer.get("/p/ashvale/reports?report=strategy-review&mode=summary&format=html");
    expect(chosen.headers.location).toContain("mode=summary");
  });

  it.runIf(kind === "pglite")(
    "LibreOffice lays out the summary-mode strategy review of 38 commitments in at most 15 A4 pages",
    async () => {
      const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"].find((p) =>
        existsSync(p),
      );
      if (!soffice) {
        if (process.env.WAYMARK_REQUIRE_LIBREOFFICE === "1")
          throw new Error("LibreOffice (soffice) is required but not installed");
        console.warn("LibreOffice (soffice) is not installed: skipping the page count");
        return;
      }
      const dir = mkdtempSync(path.join(tmpdir(), "waymark-board-paper-"));
      try {
        const file = await boardReportFile(
          t.services,
          actor,
          { kind: "strategy-review", mode: "summary" },
          "docx",
        );
        const docx = path.join(dir, "review.docx");
        writeFileSync(docx, file.body);
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
          ],
          { encoding: "utf8", timeout: 180_000 },
        );
        expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
        const pages = pdfPageCount(readFileSync(path.join(dir, "review.pdf")));
        expect(pages).toBeGreaterThan(3);
        expect(pages).toBeLessThanOrEqual(15);
        // Each chart with its figures takes at most half a page: every page of charts holds two or
        // more, bar perhaps the last.
        const charts = chartsPerPage(readFileSync(path.join(dir, "review.pdf")));
        expect(charts.reduce((n, c) => n + c, 0)).toBeGreaterThanOrEqual(10);
        expect(charts.filter((c) => c < 2).length).toBeLessThanOrEqual(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
