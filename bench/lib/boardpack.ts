// Board pack generation, in this process: Waymark's own report builder and renderers (as the reports
// page and `waymark export` call them) against the bare docx and exceljs libraries writing the same
// table — the same rows and columns, as plain text — with nothing else.

import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import ExcelJS from "exceljs";
import { loadConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/database.ts";
import { buildBoardReport } from "../../src/reports/board-pack.ts";
import { buildReport } from "../../src/reports/build.ts";
import { cellText, flatHeaders, type ReportDocument, tablesOf } from "../../src/reports/model.ts";
import { renderDocx } from "../../src/reports/render-docx.ts";
import { renderXlsx } from "../../src/reports/render-xlsx.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createServices } from "../../src/services/index.ts";
import type { MeasuredIds } from "./ids.ts";
import { type Summary, summarise } from "./stats.ts";

/** A report's tables as text: what the bare libraries are given to write. */
interface FlatTable {
  headers: string[];
  rows: string[][];
}

function flatTables(doc: ReportDocument): FlatTable[] {
  return tablesOf(doc).map((table) => ({
    headers: flatHeaders(table),
    rows: table.groups.flatMap((g) => g.rows.map((cells) => [...g.flat, ...cells.map(cellText)])),
  }));
}

/** The bare docx library: one Table per report table, a header row, a paragraph per line of text. */
async function bareDocx(tables: FlatTable[]): Promise<Buffer> {
  const cell = (text: string) =>
    new TableCell({ children: text.split("\n").map((line) => new Paragraph(line)) });
  const document = new Document({
    sections: [
      {
        children: tables.map(
          (t) =>
            new Table({
              rows: [
                new TableRow({
                  tableHeader: true,
                  children: t.headers.map(
                    (h) =>
                      new TableCell({
                        children: [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })],
                      }),
                  ),
                }),
                ...t.rows.map((r) => new TableRow({ children: r.map(cell) })),
              ],
            }),
        ),
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The bare exceljs library: one sheet per report table, a header row, the rows. */
async function bareXlsx(tables: FlatTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  tables.forEach((t, i) => {
    const sheet = workbook.addWorksheet(`Table ${i + 1}`);
    sheet.addRow(t.headers);
    sheet.addRows(t.rows);
  });
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export interface Contender {
  key: string;
  label: string;
  format: "docx" | "xlsx";
  /** Milliseconds per file. */
  timing: Summary;
  /** Files per second (1000 / mean). */
  perSecond: number;
  bytes: number;
}

export interface BoardPackResult {
  commitments: number;
  rows: number;
  progressEntries: number;
  years: number;
  tables: number;
  iterations: number;
  contenders: Contender[];
}

interface Plan {
  key: string;
  label: string;
  format: "docx" | "xlsx";
  run: () => Promise<Buffer>;
}

/**
 * Times every contender alike: all are warmed up first (the JIT and the pools warm for each), then
 * each round runs every contender once, starting one further along each round, so whatever the
 * machine or the garbage collector is doing falls on all of them rather than on whichever ran last.
 */
async function timeInterleaved(
  plans: Plan[],
  iterations: number,
  warmup: number,
): Promise<Map<string, { timing: Summary; perSecond: number; bytes: number }>> {
  const samples = new Map<string, number[]>(plans.map((p) => [p.key, []]));
  const bytes = new Map<string, number>();
  for (let i = 0; i < warmup; i += 1)
    for (const plan of plans) bytes.set(plan.key, (await plan.run()).length);
  for (let round = 0; round < iterations; round += 1) {
    for (let k = 0; k < plans.length; k += 1) {
      const plan = plans[(round + k) % plans.length];
      if (!plan) continue;
      const started = performance.now();
      bytes.set(plan.key, (await plan.run()).length);
      samples.get(plan.key)?.push(performance.now() - started);
    }
  }
  return new Map(
    plans.map((plan) => {
      const timing = summarise(samples.get(plan.key) ?? []);
      return [plan.key, { timing, perSecond: 1000 / timing.mean, bytes: bytes.get(plan.key) ?? 0 }];
    }),
  );
}

/**
 * Measures, for the strategy review of the measured partnership, in .docx and .xlsx:
 * - the full board pack (read, build, key statistics with PNG charts, render);
 * - the strategy review as a table (read, build, render) — the figure the target compares;
 * - rendering only, from a report already built;
 * - the bare library writing the same table.
 */
export async function measureBoardPack(
  databaseUrl: string,
  ids: MeasuredIds,
  options: { iterations: number; warmup: number },
  log: (line: string) => void,
): Promise<BoardPackResult> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", SCHEDULED_JOBS: "off" });
  const database = await openDatabase({ kind: "postgres", url: databaseUrl });
  try {
    const services = createServices(database, config);
    const actor = systemActor("bench", ids.partnershipId);
    const reportOptions = { kind: "strategy-review", strategyId: ids.strategyId } as const;
    const doc = await buildReport(database.db, actor, reportOptions);
    const tables = flatTables(doc);
    const progress = tablesOf(doc)
      .flatMap((t) => t.groups.flatMap((g) => g.rows.flat()))
      .flatMap((c) => (c.kind === "progress" ? c.years : []));
    const result: BoardPackResult = {
      commitments: ids.commitments,
      rows: tables.reduce((n, t) => n + t.rows.length, 0),
      progressEntries: progress.reduce((n, y) => n + y.entries.length, 0),
      years: new Set(progress.map((y) => y.year)).size,
      tables: tables.length,
      iterations: options.iterations,
      contenders: [],
    };
    const plans: Plan[] = [];
    for (const format of ["docx", "xlsx"] as const) {
      const render = format === "docx" ? renderDocx : renderXlsx;
      const bare = format === "docx" ? bareDocx : bareXlsx;
      const library = format === "docx" ? "docx" : "exceljs";
      plans.push(
        {
          key: `${format}-table`,
          label: `Waymark strategy review .${format} (read, build, render)`,
          format,
          run: async () => render(await buildReport(database.db, actor, reportOptions)),
        },
        {
          key: `${format}-render`,
          label: `Waymark renderer only .${format} (from the built report)`,
          format,
          run: () => render(doc),
        },
        {
          key: `${format}-bare`,
          label: `Bare ${library} writing the same table`,
          format,
          run: () => bare(tables),
        },
        {
          key: `${format}-full`,
          label: `Waymark full board pack .${format} (with key statistics and charts)`,
          format,
          run: async () => render(await buildBoardReport(services, actor, reportOptions, { png: true })),
        },
      );
    }
    // The contenders each target compares (read-build-render, renderer, bare; per format) are
    // interleaved; the full board packs, which allocate far more (charts as PNG), are timed apart
    // afterwards so their garbage does not fall on the compared figures.
    const timings = new Map<string, { timing: Summary; perSecond: number; bytes: number }>();
    for (const group of [
      plans.filter((p) => p.format === "docx" && !p.key.endsWith("-full")),
      plans.filter((p) => p.format === "xlsx" && !p.key.endsWith("-full")),
      ...plans.filter((p) => p.key.endsWith("-full")).map((p) => [p]),
    ])
      for (const [key, measured] of await timeInterleaved(group, options.iterations, options.warmup))
        timings.set(key, measured);
    for (const plan of plans) {
      const measured = timings.get(plan.key);
      if (!measured) continue;
      log(
        `    ${plan.label.padEnd(64)} p50 ${measured.timing.p50.toFixed(0).padStart(6)} ms  ` +
          `p99 ${measured.timing.p99.toFixed(0).padStart(6)} ms  ${(measured.bytes / 1024).toFixed(0)} KiB`,
      );
      result.contenders.push({ key: plan.key, label: plan.label, format: plan.format, ...measured });
    }
    return result;
  } finally {
    await database.close();
  }
}
