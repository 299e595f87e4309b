// A report as CSV: the document's main (first) table, a header row, one line per row, the group in
// leading columns. UTF-8 with a byte-order mark and CRLF line ends, so Excel opens it with the right
// characters ("–", "£", "’") and the right rows; cells with line breaks are quoted.

import { stringify } from "csv-stringify/sync";
import { decimalPounds } from "../domain/funding/money.ts";
import { type Cell, cellText, flatHeaders, type ReportDocument, tablesOf } from "./model.ts";

const BOM = "\uFEFF";

/** Cells a spreadsheet would run as a formula are prefixed with an apostrophe (CSV injection). */
function safe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Money as its exact decimal ("8000.50") and a number as itself, so a spreadsheet or a script reads a number. */
function flat(cell: Cell): string {
  if (cell.kind === "money") return decimalPounds(cell.pence);
  return cell.kind === "number" ? String(cell.value) : cellText(cell);
}

/** The report's main table as CSV text (with BOM); a report without tables gives its header only. */
export function renderCsv(doc: ReportDocument): string {
  const table = tablesOf(doc)[0];
  if (!table)
    return `${BOM}${stringify(
      [
        ["Report", "As at"],
        [doc.title, doc.asAt],
      ],
      { record_delimiter: "windows" },
    )}`;
  const records: string[][] = [flatHeaders(table)];
  for (const group of table.groups) {
    for (const cells of group.rows) records.push([...group.flat, ...cells.map(flat)].map(safe));
  }
  return `${BOM}${stringify(records, { record_delimiter: "windows" })}`;
}
