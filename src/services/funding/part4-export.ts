// The Part 4 annual return as an Excel workbook, one row per measure from PART4_FIELDS: group,
// measure, mandatory or voluntary, and the count — held (for the ministry) or published (small counts
// of people suppressed, domain/suppression.ts). exceljs is loaded when the first file is made.
import {
  PART4_FIELDS,
  PART4_GROUPS,
  type Part4Counts,
  publishedPart4,
} from "../../domain/funding/part4-return.ts";
import { financialYear, formatFinancialYear } from "../../domain/periods.ts";
import { suppressionRules } from "../../domain/suppression.ts";

export interface Part4Workbook {
  partnershipName: string;
  yearStart: number;
  counts: Part4Counts;
  complete: boolean;
  /** Published: suppress small counts of people at this threshold; null: the counts as held. */
  publishedThreshold: number | null;
}

export function part4FileName(yearStart: number, published: boolean): string {
  const year = formatFinancialYear(financialYear(yearStart), "hyphen");
  return `part-4-return-${year}${published ? "-published" : ""}.xlsx`;
}

export async function renderPart4Xlsx(input: Part4Workbook): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Waymark";
  workbook.title = "Domestic Abuse Act 2021 Part 4 annual return";
  workbook.company = input.partnershipName;
  const year = formatFinancialYear(financialYear(input.yearStart));
  const sheet = workbook.addWorksheet("Return");
  sheet.columns = [
    { header: "Group", key: "group", width: 48 },
    { header: "Measure", key: "measure", width: 56 },
    { header: "Mandatory or voluntary", key: "mandatory", width: 22 },
    { header: "Count", key: "count", width: 18 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const published =
    input.publishedThreshold === null ? null : publishedPart4(input.counts, input.publishedThreshold);
  for (const group of PART4_GROUPS) {
    for (const field of PART4_FIELDS.filter((f) => f.group === group.key)) {
      const held = input.counts[field.key] ?? null;
      // Held counts are numbers (Excel can add them); published ones are text where suppressed.
      const shown = published ? published[field.key] : held === null ? "not recorded" : held;
      const asNumber = typeof shown === "string" && /^\d+$/.test(shown) ? Number(shown) : shown;
      const row = sheet.addRow({
        group: group.title,
        measure: field.label,
        mandatory: field.mandatory ? "Mandatory" : "Voluntary",
        count: asNumber,
      });
      row.getCell("count").alignment = { horizontal: "right" };
    }
  }
  const about = workbook.addWorksheet("About this return");
  about.columns = [{ width: 24 }, { width: 100 }];
  const facts: [string, string][] = [
    ["Return", "Domestic Abuse Act 2021 Part 4: support in domestic abuse safe accommodation"],
    ["Partnership", input.partnershipName],
    ["Financial year", year],
    ["Status", input.complete ? "Complete" : "Draft"],
    ["Version", published ? "Published: small numbers suppressed" : "As held, not for publication"],
    ["Made by", "Waymark"],
  ];
  for (const [k, v] of facts) about.addRow([k, v]).getCell(1).font = { bold: true };
  if (input.publishedThreshold !== null) {
    about.addRow([]);
    for (const rule of suppressionRules(input.publishedThreshold).slice(0, 1))
      about.addRow(["Suppression", rule]);
    about.addRow([
      "",
      "Where a total and its parts would let one hidden count be worked out, a second count is hidden too. Bed spaces and units are not counts of people and are shown as held.",
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
