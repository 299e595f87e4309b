// A report in one of its formats, with the MIME type and file extension that go with it: used by the
// reports page's downloads and by `waymark export`.

import type { ReportDocument, ReportFormat } from "./model.ts";
import { renderCsv } from "./render-csv.ts";
import { renderDocx } from "./render-docx.ts";
import { renderStandaloneHtml } from "./render-html.ts";
import { renderXlsx } from "./render-xlsx.ts";

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

/** The report as file content: bytes for Word and Excel, text for CSV and HTML. */
export async function renderReport(doc: ReportDocument, format: ReportFormat): Promise<Buffer | string> {
  switch (format) {
    case "docx":
      return renderDocx(doc);
    case "xlsx":
      return renderXlsx(doc);
    case "csv":
      return renderCsv(doc);
    case "html":
      return renderStandaloneHtml(doc);
  }
}

/** A safe file name for the report in a format, e.g. "ashvale-strategy-review-2025-10-30.docx". */
export function reportFileName(doc: ReportDocument, format: ReportFormat): string {
  return `${doc.fileStem.replace(/[^A-Za-z0-9._-]+/g, "-")}.${FORMAT_DETAILS[format].extension}`;
}
