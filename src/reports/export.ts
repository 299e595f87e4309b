// A report in one of its formats, with the MIME type and file extension that go with it: used by the
// reports page's downloads and by `waymark export`.

import type { ReportDocument, ReportFormat } from "./model.ts";
import { renderStandaloneHtml } from "./render-html.ts";

export const FORMAT_DETAILS: Readonly<
  Record<ReportFormat, { type: string; extension: string; label: string }>
> = {
  html: { type: "text/html; charset=utf-8", extension: "html", label: "Web page" },
  docx: {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
    label: "Word (.docx)",
  },
  xlsx: {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
    label: "Excel (.xlsx)",
  },
  csv: { type: "text/csv; charset=utf-8", extension: "csv", label: "CSV (the main table)" },
};

/**
 * The report as file content: bytes for Word and Excel, text for CSV and HTML. The Word, Excel and CSV
 * writers (docx, exceljs, csv-stringify) are loaded on first use rather than when the server starts.
 */
export async function renderReport(doc: ReportDocument, format: ReportFormat): Promise<Buffer | string> {
  switch (format) {
    case "docx":
      return (await import("./render-docx.ts")).renderDocx(doc);
    case "xlsx":
      return (await import("./render-xlsx.ts")).renderXlsx(doc);
    case "csv":
      return (await import("./render-csv.ts")).renderCsv(doc);
    case "html":
      return renderStandaloneHtml(doc);
  }
}

/** A safe file name for the report in a format, e.g. "ashvale-strategy-review-2025-10-30.docx". */
export function reportFileName(doc: ReportDocument, format: ReportFormat): string {
  return `${doc.fileStem.replace(/[^A-Za-z0-9._-]+/g, "-")}.${FORMAT_DETAILS[format].extension}`;
}
