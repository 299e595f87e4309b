// The comparison as Word and Excel (issue 15): the page's table — criteria grouped by theme, one
// column per partnership, then the region's spread — on the reports' shared model, drawn by the same
// renderers as every other Waymark document. The regional report reuses `comparisonTable`.

import type { ComparisonMatrix, MatrixCell } from "../../services/region/comparison-matrix.ts";
import { longDate } from "../build.ts";
import type { Cell, Column, ReportDocument, ReportTable } from "../model.ts";

/** A partnership's cell in files: the rating in words, then how much evidence backs it. */
export function cellLines(cell: MatrixCell): string[] {
  return cell.basis === "not-submitted" ? [cell.text] : [cell.text, cell.evidenceText];
}

/** An Excel sheet name: 31 characters at most, none of : \ / ? * [ ]. */
export function sheetName(text: string): string {
  return (
    text
      .replace(/[:\\/?*[\]]/g, " ")
      .slice(0, 31)
      .trim() || "Sheet"
  );
}

export function comparisonTable(matrix: ComparisonMatrix, caption: string, sheet: string): ReportTable {
  const partnershipWidth = Math.max(6, Math.floor(60 / Math.max(1, matrix.partnerships.length)));
  const columns: Column[] = [
    { header: "Criterion", width: 22 },
    ...matrix.partnerships.map((p) => ({ header: p.name, width: partnershipWidth })),
    { header: "Spread across the region", width: 18 },
  ];
  return {
    caption,
    sheetName: sheetName(sheet),
    columns,
    groupColumns: ["Theme"],
    groups: matrix.themes.map((theme) => ({
      heading: `${theme.number} ${theme.title}`,
      description: null,
      flat: [`${theme.number} ${theme.title}`],
      rows: theme.criteria.map((criterion): Cell[] => [
        { kind: "text", lead: criterion.number, text: criterion.title },
        ...criterion.cells.map((cell): Cell => ({ kind: "list", items: cellLines(cell) })),
        { kind: "text", text: criterion.spread.text },
      ]),
    })),
    landscape: true,
    dense: matrix.partnerships.length > 4,
    emptyText: "The standard has no criteria in the themes chosen.",
  };
}

export interface ComparisonHeading {
  regionName: string;
  regionSlug: string;
  standardName: string;
  cycleName: string;
  /** "Theme: 2 Leadership" or "" when every theme is shown. */
  filters: string;
  today: string;
}

export function comparisonDocument(matrix: ComparisonMatrix, heading: ComparisonHeading): ReportDocument {
  const title = `Comparison: ${heading.standardName}, ${heading.cycleName}`;
  return {
    kind: "region-comparison",
    title,
    partnershipName: heading.regionName,
    asAt: heading.today,
    asAtLabel: `As at ${longDate(heading.today)}`,
    fileStem: `${heading.regionSlug}-comparison-${heading.today}`,
    intro: [
      {
        kind: "paragraph",
        text:
          "Each partnership's rating for each criterion from its submitted or moderated self-assessment: " +
          "the level agreed at moderation with the self-assessed level beside it, or the self-assessed " +
          "level until moderation. Drafts are never shown.",
      },
      { kind: "paragraph", text: heading.filters ? `Filtered by ${heading.filters}.` : "Every theme." },
    ],
    sections: [
      {
        id: "comparison",
        heading: `${heading.standardName}: ${heading.cycleName}`,
        blocks: [
          {
            kind: "table",
            table: comparisonTable(matrix, `${heading.standardName}, ${heading.cycleName}`, "Comparison"),
          },
        ],
      },
    ],
  };
}
