import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { describe, expect, it } from "vitest";
import { FileProblem, READ_LIMITS, readTable } from "../../src/imports/read-table.ts";
import { docxOf, STRATEGY_REVIEW } from "../fixtures/council/council-files.ts";
import { zipOf } from "../support/import-files.ts";

// Word documents in: a council's tables read as sheets, merged cells as Excel's, bad files refused
// with a message (never a server error).

const word = (data: Buffer, filename = "plan.docx") =>
  readTable({ filename, data }, READ_LIMITS, { word: true });

async function docxWith(rows: TableRow[], before: Paragraph[] = []): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: [...before, new Table({ rows })] }] });
  return Packer.toBuffer(doc);
}
const cell = (text: string, extra: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
  new TableCell({ children: text.split("\n").map((t) => new Paragraph(t)), ...extra });

describe("reading a Word document's tables", () => {
  it("reads a heading spread across columns in its first column, and each paragraph on its own line", async () => {
    const data = await docxWith([
      new TableRow({ children: [cell("Action plan 2017-18", { columnSpan: 2 }), cell("RAG")] }),
      new TableRow({ children: [cell("Priority"), cell("What we will do"), cell("Who will lead")] }),
      new TableRow({
        children: [cell("1. Culture change\nEveryone knows"), cell("Run a campaign"), cell("Police")],
      }),
    ]);
    const [sheet] = await word(data);
    expect(sheet!.name).toBe("Table 1");
    expect(sheet!.rows.map((r) => r.cells)).toEqual([
      ["Action plan 2017-18", "", "RAG"],
      ["Priority", "What we will do", "Who will lead"],
      ["1. Culture change\nEveryone knows", "Run a campaign", "Police"],
    ]);
  });

  it("continues a cell merged down, and keeps each cell's shading", async () => {
    const [sheet] = await word(await docxOf(STRATEGY_REVIEW));
    expect(sheet!.rows[3]!.cells[2]).toBe("");
    expect((sheet!.rows[3] as { fills?: string[] }).fills?.[2]).toBe("BFBFBF");
  });

  it("reads only the tables: a document with none is refused in words", async () => {
    const doc = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Minutes")] }] }));
    await expect(word(doc)).rejects.toThrow(/has no tables/);
  });

  it("refuses an old .doc, a document declaring entities, and a .docx to an import that reads only spreadsheets", async () => {
    await expect(word(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), "plan.doc")).rejects.toThrow(/\.doc\)/);
    const entities = zipOf([
      {
        name: "word/document.xml",
        data: Buffer.from(
          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:document><w:body/></w:document>',
        ),
      },
    ]);
    await expect(word(entities)).rejects.toThrow(FileProblem);
    const data = await docxOf(STRATEGY_REVIEW);
    await expect(readTable({ filename: "plan.docx", data })).rejects.toThrow(
      /Excel workbook \(\.xlsx\) or a CSV/,
    );
    await expect(word(zipOf([{ name: "xl/workbook.xml", data: Buffer.from("<x/>") }]))).rejects.toThrow(
      /not a Word document/,
    );
  });
});
