// A report as an Excel workbook: one sheet per table, the header row frozen and filtered, columns
// wide enough for their text (wrapped beyond 80 characters), ratings as their word on a fill of the
// rating's colour, and an "About this report" sheet last with the title, the partnership and the
// as-at date. The table sheets hold nothing but the header row and the data, so a sheet can be
// sorted, filtered and imported back as it is.

import ExcelJS from "exceljs";
import { decimalPounds } from "../domain/funding/money.ts";
import {
  type Block,
  type Cell,
  cellText,
  flatHeaders,
  moneyText,
  ownerLabel,
  type ReportDocument,
  type ReportTable,
  tablesOf,
} from "./model.ts";

const MAX_WIDTH = 80;
const MIN_WIDTH = 8;
/** Excel refuses longer text in a cell. */
const MAX_CELL = 32_767;
const HEADER_FILL = "FFE5E6E7";

/** A sheet name Excel accepts: 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[:\\/?*[\]]/g, " ")
      .trim()
      .slice(0, 31) || "Sheet";
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1)
    name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function value(cell: Cell): string | number {
  if (cell.kind === "number") return cell.value;
  // The exact decimal text read as a number: the sheet's XML then holds "8000.07" as written (the
  // shortest text of the nearest double is the decimal itself); no arithmetic touches the amount.
  if (cell.kind === "money") return Number(decimalPounds(cell.pence));
  const text = cellText(cell);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/** What a cell shows, for its column's width: an amount with its £, commas and pence. */
function shownValue(cell: Cell | null, v: string | number): string | number {
  return cell?.kind === "money" ? `${moneyText({ pence: cell.pence, signed: cell.signed ?? false })}.00` : v;
}

/** Arial, as in every Waymark document. */
const FONT = { name: "Arial", size: 10 } as const;
/** Points per line of 10-point text, and the most Excel allows for a row. */
const LINE_HEIGHT = 13;
const MAX_ROW_HEIGHT = 409;

/** How many lines a value takes in a column of `width` characters, once wrapped. */
function wrappedLines(v: string | number, width: number): number {
  const usable = Math.max(1, width - 2);
  return String(v)
    .split("\n")
    .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / (usable * 1.25))), 0);
}

/** The widest line of a value, in characters. */
function widthOf(v: string | number): number {
  return Math.max(
    ...String(v)
      .split("\n")
      .map((line) => line.length),
  );
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTable, name: string): void {
  const headers = flatHeaders(table);
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  const rows: { values: (string | number)[]; cells: (Cell | null)[] }[] = [];
  for (const group of table.groups) {
    for (const cells of group.rows) {
      rows.push({
        values: [...group.flat, ...cells.map(value)],
        cells: [...group.flat.map(() => null), ...cells],
      });
    }
  }
  const widths = headers.map((h, i) =>
    Math.min(
      MAX_WIDTH,
      Math.max(
        MIN_WIDTH,
        widthOf(h) + 2,
        ...rows.map((r) => widthOf(shownValue(r.cells[i] ?? null, r.values[i] ?? "")) + 2),
      ),
    ),
  );
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] }));

  const headerRow = sheet.getRow(1);
  headerRow.font = { ...FONT, bold: true };
  headerRow.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    c.alignment = { vertical: "top", wrapText: true };
    c.border = { bottom: { style: "thin", color: { argb: "FF0B0C0C" } } };
  });

  for (const r of rows) {
    const row = sheet.addRow(r.values);
    // Row heights are set, not left to the reader: not every spreadsheet program fits wrapped rows.
    const lines = Math.max(1, ...r.values.map((v, i) => wrappedLines(v, widths[i] ?? MAX_WIDTH)));
    row.height = Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + 3);
    r.cells.forEach((cell, i) => {
      const target = row.getCell(i + 1);
      target.alignment = { vertical: "top", wrapText: true };
      target.font = FONT;
      if (cell?.kind === "money") {
        target.numFmt = cell.signed ? '+"£"#,##0.00;-"£"#,##0.00;"£"0.00' : '"£"#,##0.00;-"£"#,##0.00';
        target.alignment = { vertical: "top", horizontal: "right" };
      }
      if (cell?.kind === "rating") {
        const { colours } = cell.rating;
        target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${colours.fill}` } };
        target.font = { ...FONT, bold: true, color: { argb: `FF${colours.text}` } };
      }
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  // Printed: A4 landscape, all columns on the page's width, the header row on every page.
  sheet.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: "1:1",
  };
}

function paragraphText(block: Block): string[] {
  switch (block.kind) {
    case "paragraph":
      return [block.lead ? `${block.lead} ${block.text}` : block.text];
    case "bullets":
      return block.items.map((i) => `• ${i}`);
    case "figure":
      return [block.summary];
    case "table":
      return [];
  }
}

/** The report as an .xlsx file. */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Waymark";
  workbook.lastModifiedBy = "Waymark";
  workbook.title = doc.title;
  workbook.subject = doc.partnershipName;
  workbook.description = `${doc.title}. ${doc.asAtLabel}.`;
  workbook.company = doc.partnershipName;
  workbook.keywords = doc.kind;
  const taken = new Set<string>(["about this report"]);
  for (const table of tablesOf(doc)) addTableSheet(workbook, table, sheetName(table.sheetName, taken));

  const about = workbook.addWorksheet("About this report");
  about.columns = [{ width: 24 }, { width: MAX_WIDTH }];
  const facts: [string, string][] = [
    ["Report", doc.title],
    [ownerLabel(doc), doc.partnershipName],
    ["As at", doc.asAtLabel.replace(/^As at /, "")],
    ["Made by", "Waymark"],
  ];
  for (const [k, v] of facts) about.addRow([k, v]).getCell(1).font = { bold: true };
  about.addRow([]);
  // The covering report first, as on paper: each section's heading beside its first paragraph.
  for (const section of doc.cover ?? []) {
    const texts = section.blocks.flatMap(paragraphText);
    if (texts.length === 0) continue;
    about.addRow([section.heading, texts[0]]).getCell(1).font = { bold: true };
    for (const text of texts.slice(1)) about.addRow(["", text]);
  }
  if ((doc.cover ?? []).length > 0) about.addRow([]);
  for (const text of doc.intro.flatMap(paragraphText)) {
    const row = about.addRow(["", text]);
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
  }
  for (const section of doc.sections) {
    const texts = section.blocks.flatMap(paragraphText);
    if (texts.length === 0) continue;
    about.addRow([section.heading, texts[0]]).getCell(1).font = { bold: true };
    for (const text of texts.slice(1)) about.addRow(["", text]);
  }
  about.getColumn(2).alignment = { wrapText: true, vertical: "top" };

  // The fastest deflate level: most of the time of writing a workbook is compressing its XML, and the
  // best level saves little on text this size (a file a tenth larger, written in about half the time).
  const data = await workbook.xlsx.writeBuffer({
    zip: { compression: "DEFLATE", compressionOptions: { level: 1 } },
  });
  return Buffer.from(data as ArrayBuffer);
}
