import { crc32, deflateRawSync } from "node:zlib";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { Sheet } from "../../src/imports/read-table.ts";
import type { StrategySnapshot } from "../../src/imports/types.ts";

// Files for the import tests: spreadsheets built with exceljs, CSV text, and hand-made zip archives
// for the zip bomb guard (a real bomb, and one whose directory lies about its sizes).

export type Cells = (string | number | Date | null)[];

export interface SheetSpec {
  name?: string;
  rows: Cells[];
  /** Ranges to merge, like "A3:A5". */
  merges?: string[];
}

/** An .xlsx with one sheet per spec, in order. */
export async function xlsxOf(...sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  sheets.forEach((spec, i) => {
    const sheet = workbook.addWorksheet(spec.name ?? `Sheet${i + 1}`);
    for (const row of spec.rows) sheet.addRow(row);
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
  });
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** CSV text with CRLF line ends, as Excel writes it. */
export function csvOf(rows: string[][]): Buffer {
  return Buffer.from(stringify(rows, { record_delimiter: "windows" }));
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** What the central directory claims the entry inflates to (default: the truth). */
  claimedSize?: number;
}

/** A zip archive of deflated entries, written by hand so its directory can lie. */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const compressed = deflateRawSync(entry.data);
    const size = entry.claimedSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const WORKBOOK = Buffer.from('<?xml version="1.0"?><workbook/>');

/** A few kilobytes that inflate to `megabytes` of zeros, dressed as a workbook. */
export function zipBomb(megabytes = 60, options: { lie?: boolean } = {}): Buffer {
  const zeros = Buffer.alloc(megabytes * 1024 * 1024);
  return zipOf([
    { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
    { name: "xl/workbook.xml", data: WORKBOOK },
    { name: "xl/worksheets/sheet1.xml", data: zeros, claimedSize: options.lie ? 1000 : undefined },
  ]);
}

// Plans for the pure importers' tests: a small strategy and the organisations of a partnership.

/** Rows as the reader gives them: numbered from 1, rows with nothing in them left out. */
export function sheetOf(rows: string[][]): Sheet[] {
  return [
    {
      name: "Sheet1",
      rows: rows
        .map((cells, i) => ({ rowNumber: i + 1, cells }))
        .filter((r) => r.cells.some((c) => c.trim())),
    },
  ];
}

export const STRATEGY: StrategySnapshot = {
  id: 1,
  title: "Ashvale Domestic Abuse Strategy",
  framework: "priorities",
  itemLabel: "Commitment",
  priorities: [
    { id: 11, number: "1", title: "Changing attitudes", outcome: "" },
    { id: 12, number: "2", title: "Help at the earliest point", outcome: "Abuse is spotted sooner." },
  ],
  commitments: [
    {
      id: 101,
      number: "1.1",
      text: "Run an awareness campaign every year, shaped by Experts by Experience.",
      priorityId: 11,
    },
    {
      id: 104,
      number: "1.4",
      text: "Train frontline staff across the partnership to recognise domestic abuse, ask about it safely and refer people on.",
      priorityId: 11,
    },
    {
      id: 201,
      number: "2.1",
      text: "Build routine enquiry about domestic abuse into health settings.",
      priorityId: 12,
    },
  ],
};

export const ORGANISATIONS = [
  { id: 1, name: "Marston Police" },
  { id: 2, name: "Lanternway Domestic Abuse Support" },
  { id: 3, name: "Ashvale and Marston Hospitals NHS Foundation Trust" },
];
