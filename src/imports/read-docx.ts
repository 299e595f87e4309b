import type { ReadLimits, Sheet, TableRow } from "./read-table.ts";
import { FileProblem } from "./read-table.ts";
import { unpackSafeWordZip, ZipRefused } from "./zip-guard.ts";

// Reads the tables of a Word document (.docx) as sheets, so the framework and action plan imports
// take a council's Word tables as they take a spreadsheet. A .docx is a zip of XML parts: the zip
// guard checks and inflates it (with the same limits as a workbook), and word/document.xml is parsed
// with fast-xml-parser (docs/decisions/0003-word-tables-with-fast-xml-parser.md): each <w:tbl> becomes a sheet, each <w:tr> a row numbered
// from 1, each <w:tc> a cell's text with its paragraphs on separate lines.
//
// Merged cells are read as Excel's are: a cell spread across columns (<w:gridSpan>) holds its text in
// its first column; a cell merged down (<w:vMerge> without "restart") continues the cell above it.
// A cell's shading (<w:shd w:fill>) is kept beside its text, for ratings given by colour only.

type XmlNode = Record<string, unknown>;
type Children = XmlNode[];

const tagOf = (node: XmlNode) => Object.keys(node).find((k) => k !== ":@") ?? "";
const childrenOf = (node: XmlNode): Children => {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as Children) : [];
};
const attribute = (node: XmlNode, name: string): string | undefined => {
  const attrs = node[":@"] as Record<string, unknown> | undefined;
  const value = attrs?.[`@_${name}`];
  return typeof value === "string" ? value : value === undefined ? undefined : String(value);
};
const child = (node: XmlNode, tag: string) => childrenOf(node).find((c) => tagOf(c) === tag);

/** The text of a paragraph or run, depth first: w:t text, tabs and line breaks. */
function textOf(node: XmlNode): string {
  const tag = tagOf(node);
  if (tag === "#text") return String(node["#text"] ?? "");
  if (tag === "w:tab") return "\t";
  if (tag === "w:br" || tag === "w:cr") return "\n";
  // Deleted text (tracked changes) and field instructions are not what the document shows.
  if (tag === "w:delText" || tag === "w:instrText" || tag === "w:del") return "";
  return childrenOf(node).map(textOf).join("");
}

/** A cell's paragraphs, one per line; nested tables' text joined in. */
function cellText(cell: XmlNode): string {
  const lines: string[] = [];
  for (const part of childrenOf(cell)) {
    const tag = tagOf(part);
    if (tag === "w:p") lines.push(textOf(part));
    else if (tag === "w:tbl") lines.push(...tableRows(part).map((r) => r.cells.join(" ").trim()));
    else if (tag === "w:sdt") lines.push(cellText(child(part, "w:sdtContent") ?? {}));
  }
  return lines
    .map((l) => l.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

interface WordRow extends TableRow {
  fills: string[];
}

function tableRows(table: XmlNode): WordRow[] {
  const rows: WordRow[] = [];
  let rowNumber = 0;
  for (const tr of childrenOf(table)) {
    if (tagOf(tr) !== "w:tr") continue;
    rowNumber++;
    const cells: string[] = [];
    const fills: string[] = [];
    for (const tc of childrenOf(tr)) {
      const tag = tagOf(tc);
      const cellNodes =
        tag === "w:tc" ? [tc] : tag === "w:sdt" ? childrenOf(child(tc, "w:sdtContent") ?? {}) : [];
      for (const cell of cellNodes) {
        if (tagOf(cell) !== "w:tc") continue;
        const properties = child(cell, "w:tcPr");
        const span = Math.max(
          1,
          Math.min(50, Number(attribute(child(properties ?? {}, "w:gridSpan") ?? {}, "w:val") ?? 1) || 1),
        );
        const merge = properties ? child(properties, "w:vMerge") : undefined;
        const continues = merge !== undefined && attribute(merge, "w:val") !== "restart";
        const column = cells.length;
        const above = rows.at(-1);
        const text = continues ? (above?.cells[column] ?? "") : cellText(cell);
        const fill = attribute(child(properties ?? {}, "w:shd") ?? {}, "w:fill") ?? "";
        cells.push(text, ...Array<string>(span - 1).fill(""));
        fills.push(continues ? (above?.fills[column] ?? "") : fill, ...Array<string>(span - 1).fill(""));
      }
    }
    rows.push({ rowNumber, cells, fills });
  }
  return rows;
}

/** Every table in the body, in order, including those inside other blocks (content controls). */
function tablesIn(nodes: Children, found: XmlNode[] = []): XmlNode[] {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === "w:tbl") found.push(node);
    else if (tag !== "#text" && tag !== "w:p") tablesIn(childrenOf(node), found);
  }
  return found;
}

/** The tables of a .docx as sheets ("Table 1", "Table 2"…); FileProblem for a bad or unsafe file. */
export async function readWordTables(data: Buffer, limits: ReadLimits): Promise<Sheet[]> {
  let files: Map<string, Buffer>;
  try {
    files = await unpackSafeWordZip(data, {
      maxEntries: limits.maxZipEntries,
      maxUncompressedBytes: limits.maxUncompressedBytes,
      maxSheetCells: limits.maxSheetCells,
    });
  } catch (error) {
    if (error instanceof ZipRefused) throw new FileProblem(error.message);
    throw error;
  }
  const xml = files.get("word/document.xml")!.toString("utf8");
  // Word never writes a DOCTYPE; one can only be there to declare entities (an expansion attack).
  if (/<!DOCTYPE/i.test(xml)) throw new FileProblem("The file is damaged or is not a Word document");
  const { XMLParser } = await import("fast-xml-parser");
  let parsed: Children;
  try {
    parsed = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: "@_",
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      processEntities: true,
      htmlEntities: false,
    }).parse(xml) as Children;
  } catch {
    throw new FileProblem("The file is damaged or is not a Word document");
  }
  const document = parsed.find((n) => tagOf(n) === "w:document");
  const body = document ? child(document, "w:body") : undefined;
  if (!body) throw new FileProblem("The file is damaged or is not a Word document");
  const tables = tablesIn(childrenOf(body));
  if (tables.length === 0) {
    throw new FileProblem(
      "The Word document has no tables. Waymark reads the framework or the action plan from a table in it",
    );
  }
  return tables
    .map((table, i) => ({
      name: `Table ${i + 1}`,
      rows: tableRows(table).filter((r) => r.cells.some((c) => c.trim() !== "")),
    }))
    .filter((sheet) => sheet.rows.length > 0);
}
