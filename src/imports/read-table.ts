import type * as ExcelJS from "exceljs";
import { hasRefusedCharacters, withoutRefusedCharacters } from "../domain/text-safety.ts";
import { readWordTables } from "./read-docx.ts";
import { assertSafeWorkbookZip, ZipRefused } from "./zip-guard.ts";

// Reads an uploaded .xlsx or .csv into plain rows of strings, each with the row number a person sees
// in Excel. Everything that can go wrong with the file itself (too big, empty, not a spreadsheet, a
// zip bomb, a broken CSV) is a FileProblem with a message for people; nothing here throws anything
// else for bad input, so a bad file never becomes a server error.
//
// exceljs and csv-parse are loaded when the first file is read, not when the server starts.

export interface TableRow {
  /** The row number in the spreadsheet (for a CSV: the record number, as Excel would show it). */
  rowNumber: number;
  /** Cell texts from column A onwards; trailing empty cells may be missing. */
  cells: string[];
  /** Columns (0 = A) whose text held characters Waymark cannot store, left out of `cells`. */
  cleaned?: number[];
}

export interface Sheet {
  name: string;
  rows: TableRow[];
}

export interface UploadedFile {
  filename: string;
  data: Buffer;
}

export interface ReadLimits {
  maxBytes: number;
  /** Rows with something in them, per sheet. */
  maxRows: number;
  maxColumns: number;
  maxZipEntries: number;
  maxUncompressedBytes: number;
  maxSheetCells: number;
}

export const READ_LIMITS: ReadLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 5000,
  maxColumns: 50,
  maxZipEntries: 500,
  maxUncompressedBytes: 25 * 1024 * 1024,
  maxSheetCells: 300_000,
};

/** A problem with the file as a whole, in words for the person who chose it. */
export class FileProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileProblem";
  }
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Any exceljs cell value as the text a person sees. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : isoDate(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) {
    return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  }
  if ("hyperlink" in value) {
    const text: unknown = value.text;
    return typeof text === "string" ? text : cellText(text as ExcelJS.CellValue);
  }
  return ""; // an error value such as #N/A
}

/**
 * A cell's text as stored: line breaks as "\n", and without characters Waymark cannot store
 * (domain/text-safety.ts). Those are invisible in Excel and carry nothing a person wrote (they come
 * from the systems a sheet was exported from), so they are left out rather than refusing the row; the
 * row remembers which columns lost them, for the preview's warnings, and shows the text to be saved.
 */
const clean = (text: string) => withoutRefusedCharacters(text).replace(/\r\n?/g, "\n");
/** `{cleaned: [columns]}` when any of a row's texts held refused characters, else nothing. */
function cleanedOf(texts: (string | undefined)[]): { cleaned?: number[] } {
  const cleaned = texts.flatMap((t, i) => (t !== undefined && hasRefusedCharacters(t) ? [i] : []));
  return cleaned.length > 0 ? { cleaned } : {};
}

const hasContent = (cells: string[]) => cells.some((c) => c.trim() !== "");

function checkShape(sheet: Sheet, limits: ReadLimits): void {
  if (sheet.rows.length > limits.maxRows) {
    throw new FileProblem(
      `The file has more than ${limits.maxRows.toLocaleString("en-GB")} rows. Split it into smaller files`,
    );
  }
  for (const row of sheet.rows) {
    let last = row.cells.length - 1;
    while (last >= 0 && row.cells[last]?.trim() === "") last--;
    if (last >= limits.maxColumns) {
      throw new FileProblem(
        `Row ${row.rowNumber} has something in column ${columnLetter(last)}; Waymark reads at most ` +
          `${limits.maxColumns} columns. Remove the extra columns`,
      );
    }
  }
}

async function readWorkbook(data: Buffer, limits: ReadLimits): Promise<Sheet[]> {
  try {
    await assertSafeWorkbookZip(data, {
      maxEntries: limits.maxZipEntries,
      maxUncompressedBytes: limits.maxUncompressedBytes,
      maxSheetCells: limits.maxSheetCells,
    });
  } catch (error) {
    if (error instanceof ZipRefused) throw new FileProblem(error.message);
    throw error;
  }
  const { default: excel } = await import("exceljs");
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw new FileProblem("The file is damaged or is not an Excel workbook");
  }
  const sheets: Sheet[] = [];
  for (const worksheet of workbook.worksheets) {
    if (worksheet.state !== "visible") continue;
    const rows: TableRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      const raw: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        const master = cell.master;
        let text: string;
        if (master.address === cell.address) text = cellText(cell.value);
        // A merged range's value belongs to every cell in it: below the top row it continues the
        // cell above; to the right of the first column (a heading spread across) it is not repeated.
        else text = master.row === cell.row ? "" : cellText(master.value);
        raw[column - 1] = text;
        cells[column - 1] = clean(text);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= "";
      if (hasContent(cells)) rows.push({ rowNumber, cells, ...cleanedOf(raw) });
    });
    const sheet = { name: withoutRefusedCharacters(worksheet.name), rows };
    checkShape(sheet, limits);
    if (rows.length > 0) sheets.push(sheet);
  }
  return sheets;
}

/** Windows-1252: Latin-1 except 0x80–0x9F, which hold “smart quotes”, dashes, € and the like. */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
function decodeWindows1252(data: Buffer): string {
  let text = "";
  for (const byte of data) {
    text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return text;
}

function decodeText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data.subarray(2));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    // Excel's plain "CSV" (not "CSV UTF-8") is saved in the Windows code page.
    text = decodeWindows1252(data);
  }
  if (text.includes("\u0000")) throw new FileProblem("The file is not a CSV file: it holds binary data");
  return text.replace(/^\uFEFF/, "");
}

/** The separator of the first line: comma unless semicolons or tabs are clearly what it uses. */
function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates: [string, number][] = [
    [",", count(",")],
    [";", count(";")],
    ["\t", count("\t")],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ",";
}

async function readCsv(data: Buffer, limits: ReadLimits): Promise<Sheet[]> {
  const { parse } = await import("csv-parse/sync");
  const text = decodeText(data);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: 200_000,
      to: limits.maxRows * 4,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const where = line ? ` near line ${line}` : "";
    const code = (error as { code?: string }).code;
    if (code === "CSV_QUOTE_NOT_CLOSED") {
      throw new FileProblem(`The CSV file has a quotation mark that is never closed${where}`);
    }
    throw new FileProblem(`The CSV file could not be read${where}. Save it again from Excel as CSV`);
  }
  if (records.length >= limits.maxRows * 4) {
    throw new FileProblem(
      `The file has more than ${limits.maxRows.toLocaleString("en-GB")} rows. Split it into smaller files`,
    );
  }
  const rows: TableRow[] = [];
  records.forEach((record, i) => {
    // Waymark's CSV export (and others) put an apostrophe before text a spreadsheet would run as a
    // formula ("=", "+", "-", "@"); it is not part of the text.
    const cells = record.map((c) => clean(c).replace(/^'(?=[=+\-@\t\r])/, ""));
    if (hasContent(cells)) rows.push({ rowNumber: i + 1, cells, ...cleanedOf(record) });
  });
  const sheet = { name: "CSV", rows };
  checkShape(sheet, limits);
  return rows.length > 0 ? [sheet] : [];
}

function extension(filename: string): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(filename.trim());
  return match?.[1]?.toLowerCase() ?? "";
}

/**
 * Reads an upload into its visible, non-empty sheets; throws FileProblem for any bad file. With
 * `word`, a Word document's tables are read as sheets too (read-docx.ts).
 */
export async function readTable(
  file: UploadedFile,
  limits: ReadLimits = READ_LIMITS,
  options: { word?: boolean } = {},
): Promise<Sheet[]> {
  const { data } = file;
  if (data.length === 0) throw new FileProblem("The selected file is empty");
  if (data.length > limits.maxBytes) {
    throw new FileProblem(`The selected file must be smaller than ${megabytes(limits.maxBytes)}`);
  }
  const ext = extension(file.filename);
  const isZip = data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
  const isOle = data.length >= 4 && data.readUInt32BE(0) === 0xd0cf11e0;
  if (ext === "xls" || (isOle && (ext === "xlsx" || ext === "csv"))) {
    throw new FileProblem(
      "The file is an old-style (.xls) or password-protected workbook. Save it in Excel as an " +
        "unprotected Excel workbook (.xlsx) or as CSV",
    );
  }
  if (options.word && ext === "doc") {
    throw new FileProblem(
      "The file is an old-style Word document (.doc). Save it in Word as a Word document (.docx)",
    );
  }
  if (options.word && ext === "docx") {
    if (!isZip)
      throw new FileProblem("The selected file is not a Word document, although its name ends in .docx");
    // Word cells are cleaned like spreadsheet cells: XML can still carry U+FFFE, U+FFFF and the like.
    const tables = (await readWordTables(data, limits)).map((sheet) => ({
      name: withoutRefusedCharacters(sheet.name),
      rows: sheet.rows.map((row) => ({ ...row, cells: row.cells.map(clean), ...cleanedOf(row.cells) })),
    }));
    for (const sheet of tables) checkShape(sheet, limits);
    return tables;
  }
  if (ext !== "xlsx" && ext !== "csv") {
    throw new FileProblem(
      options.word
        ? "The selected file must be an Excel workbook (.xlsx), a CSV file (.csv) or a Word document (.docx)"
        : "The selected file must be an Excel workbook (.xlsx) or a CSV file (.csv)",
    );
  }
  if (ext === "xlsx" && !isZip) {
    throw new FileProblem(
      "The selected file is not an Excel workbook, although its name ends in .xlsx. Save it from " +
        "Excel as an Excel workbook (.xlsx) or as CSV",
    );
  }
  const sheets = isZip ? await readWorkbook(data, limits) : await readCsv(data, limits);
  if (sheets.length === 0) throw new FileProblem("The selected file is empty: it has no rows");
  return sheets;
}
