import { describe, expect, it } from "vitest";
import { FileProblem, READ_LIMITS, readTable } from "../../src/imports/read-table.ts";
import { csvOf, xlsxOf, zipBomb, zipOf } from "../support/import-files.ts";

const read = (filename: string, data: Buffer | string, limits = READ_LIMITS) =>
  readTable({ filename, data: typeof data === "string" ? Buffer.from(data) : data }, limits);

async function problem(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FileProblem);
    return (error as Error).message;
  }
  throw new Error("expected a FileProblem");
}

describe("reading .xlsx", () => {
  it("reads every visible sheet's rows as text with their spreadsheet row numbers, skipping empty rows", async () => {
    const data = await xlsxOf(
      {
        name: "Plan",
        rows: [["Priority", "What we will do"], [], ["1.1 Run a campaign", "Posters"], [null, 42]],
      },
      { name: "Notes", rows: [["Anything"]] },
    );
    const sheets = await read("plan.xlsx", data);
    expect(sheets.map((s) => s.name)).toEqual(["Plan", "Notes"]);
    expect(sheets[0]!.rows).toEqual([
      { rowNumber: 1, cells: ["Priority", "What we will do"] },
      { rowNumber: 3, cells: ["1.1 Run a campaign", "Posters"] },
      { rowNumber: 4, cells: ["", "42"] },
    ]);
  });

  it("reads dates as ISO dates, rich text as its text, and formulas as their results", async () => {
    const data = await xlsxOf({
      rows: [
        [new Date(Date.UTC(2025, 11, 31)), "x"],
        [null, null],
      ],
    });
    const sheets = await read("plan.xlsx", data);
    expect(sheets[0]!.rows[0]!.cells[0]).toBe("2025-12-31");
  });

  it("gives a merged cell's value to the cells below it, and not to those beside it", async () => {
    const data = await xlsxOf({
      rows: [
        ["Priority", "What", "Lead"],
        ["Priority 1: Changing attitudes", null, null],
        ["1.1 Run a campaign", "Posters", "Police"],
        [null, "Radio", null],
        [null, "Buses", "Council"],
      ],
      merges: ["A2:C2", "A3:A5", "C3:C4"],
    });
    const rows = (await read("plan.xlsx", data))[0]!.rows;
    expect(rows[1]!.cells).toEqual(["Priority 1: Changing attitudes", "", ""]);
    expect(rows.slice(2).map((r) => r.cells)).toEqual([
      ["1.1 Run a campaign", "Posters", "Police"],
      ["1.1 Run a campaign", "Radio", "Police"],
      ["1.1 Run a campaign", "Buses", "Council"],
    ]);
  });

  it("refuses a file that is not a spreadsheet although its name ends in .xlsx", async () => {
    expect(await problem(read("plan.xlsx", "Priority,What\n1,2\n"))).toMatch(/not an Excel workbook.*\.xlsx/);
    expect(await problem(read("plan.xlsx", Buffer.from("%PDF-1.7 binary")))).toMatch(/not an Excel workbook/);
  });

  it("refuses a zip that is not a workbook, a damaged workbook, and old .xls files", async () => {
    const zip = zipOf([{ name: "word/document.xml", data: Buffer.from("<w/>") }]);
    expect(await problem(read("plan.xlsx", zip))).toMatch(/zip archive but not an Excel workbook/);
    const good = await xlsxOf({ rows: [["a"]] });
    expect(await problem(read("plan.xlsx", good.subarray(0, good.length - 40)))).toMatch(/damaged/);
    expect(await problem(read("plan.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2])))).toMatch(/\.xls/);
  });

  it("refuses a zip bomb before unpacking it, whether or not its directory tells the truth", async () => {
    expect(await problem(read("bomb.xlsx", zipBomb()))).toMatch(/zip bomb/);
    expect(await problem(read("bomb.xlsx", zipBomb(60, { lie: true })))).toMatch(/zip bomb/);
  });

  it("refuses too many cells, rows and columns", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`row ${i}`, "b", "c"]);
    const data = await xlsxOf({ rows });
    expect(await problem(read("big.xlsx", data, { ...READ_LIMITS, maxSheetCells: 50 }))).toMatch(
      /more cells/,
    );
    expect(await problem(read("big.xlsx", data, { ...READ_LIMITS, maxRows: 20 }))).toMatch(
      /more than 20 rows/,
    );
    expect(await problem(read("wide.xlsx", data, { ...READ_LIMITS, maxColumns: 2 }))).toMatch(/column C/);
  });
});

describe("reading .csv", () => {
  it("reads records with quoted line breaks, numbering rows as Excel shows them", async () => {
    const data = csvOf([
      ["Priority", "Lead"],
      ["1.1 Run", "Police\nCouncil"],
      ["", ""],
      ["", "Health"],
    ]);
    const rows = (await read("plan.csv", data))[0]!.rows;
    expect(rows).toEqual([
      { rowNumber: 1, cells: ["Priority", "Lead"] },
      { rowNumber: 2, cells: ["1.1 Run", "Police\nCouncil"] },
      { rowNumber: 4, cells: ["", "Health"] },
    ]);
  });

  it("reads UTF-8 with a byte-order mark, Windows-1252 and semicolon-separated files", async () => {
    const bom = await read("a.csv", Buffer.from("\uFEFFWhat,Lead\nCafé – £5,Police\n"));
    expect(bom[0]!.rows[1]!.cells).toEqual(["Café – £5", "Police"]);
    const ansi = await read("a.csv", Buffer.from([0x57, 0x2c, 0x4c, 0x0a, 0x96, 0xa3, 0x2c, 0x78, 0x0a]));
    expect(ansi[0]!.rows[1]!.cells).toEqual(["–£", "x"]);
    const semicolons = await read("a.csv", "What;Lead\nTrain; Police\n");
    expect(semicolons[0]!.rows[1]!.cells).toEqual(["Train", " Police"]);
  });

  it("removes the apostrophe an export puts before text a spreadsheet would run as a formula", async () => {
    const rows = (await read("a.csv", "What,Lead\n'- Run groups,'=Police\n"))[0]!.rows;
    expect(rows[1]!.cells).toEqual(["- Run groups", "=Police"]);
  });

  it("gives a clear message for an unclosed quotation mark, binary data and an empty file", async () => {
    expect(await problem(read("a.csv", 'What,Lead\n"Train,Police\n'))).toMatch(/quotation mark/);
    expect(await problem(read("a.csv", Buffer.from([0x41, 0x00, 0x42])))).toMatch(/binary/);
    expect(await problem(read("a.csv", ""))).toMatch(/empty/);
    expect(await problem(read("a.csv", "\n,,\n\n"))).toMatch(/empty/);
  });

  it("refuses files that are too big, and files of other kinds", async () => {
    const big = Buffer.alloc(READ_LIMITS.maxBytes + 1, 0x61);
    expect(await problem(read("a.csv", big))).toMatch(/smaller than 5 MB/);
    expect(await problem(read("plan.docx", "x"))).toMatch(/\.xlsx.*\.csv/);
    const many = `What\n${"x\n".repeat(READ_LIMITS.maxRows + 1)}`;
    expect(await problem(read("a.csv", many))).toMatch(/more than 5,000 rows/);
  });
});

describe("characters Waymark cannot store", () => {
  // (exceljs, which the tests write workbooks with, drops them itself, so a CSV shows it.)
  it("leaves them out of cells and says which columns lost them", async () => {
    const csv = await read(
      "plan.csv",
      csvOf([
        ["What", "Lead"],
        ["Train\u0001 staff", "Po\u000Blice"],
        ["Plain", "Text"],
      ]),
    );
    expect(csv[0]!.rows).toEqual([
      { rowNumber: 1, cells: ["What", "Lead"] },
      { rowNumber: 2, cells: ["Train staff", "Police"], cleaned: [0, 1] },
      { rowNumber: 3, cells: ["Plain", "Text"] },
    ]);
  });
});
