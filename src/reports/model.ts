// The board pack as data: a document of sections, each a list of blocks (paragraphs, bullet lists,
// tables, figures), independent of how it is drawn. build.ts makes one from live data; the renderers
// (render-html, render-docx, render-xlsx, render-csv) draw it.
//
// WHY a closed union of blocks with an exhaustive switch in every renderer: a new kind of content (the
// key statistics of issue 5: a table of indicators plus charts) is added here once, and the compiler
// then points at every renderer that must learn it. A key statistics section needs no new block at
// all: it is a `table` block (text, number and rating cells) and `figure` blocks (a chart as SVG, its
// PNG for Word, its alt text and one-sentence summary).

import { formatPounds } from "../domain/funding/money.ts";
import { type CellColours, RATING_CELL_COLOURS, RATING_LABELS, type Rating } from "../domain/rag.ts";
import { ratingWithProvenance } from "../domain/rating-provenance.ts";

export const REPORT_KINDS = ["strategy-review", "action-plan", "round-summary", "annual-report"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export function isReportKind(value: unknown): value is ReportKind {
  return typeof value === "string" && (REPORT_KINDS as readonly string[]).includes(value);
}

export const REPORT_TITLES: Readonly<Record<ReportKind, string>> = {
  "strategy-review": "Strategy review",
  "action-plan": "Action plan",
  "round-summary": "Update round summary",
  "annual-report": "Annual progress report",
};

export const REPORT_FORMATS = ["html", "docx", "xlsx", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === "string" && (REPORT_FORMATS as readonly string[]).includes(value);
}

/** A rating as every output shows it: the word always, the colours of rag.ts for Word and Excel. */
export interface ReportRating {
  /** Null: nothing has been reported yet ("Not yet started"). */
  readonly rating: Rating | null;
  /** "Amber", or "Not yet started". */
  readonly label: string;
  readonly colours: CellColours;
  /** Set by the coordinator rather than derived by the roll-up rule. */
  readonly overridden: boolean;
  /**
   * Where the rating comes from when it is not the report's round ("from Q4 2024/25; no update
   * since"); null or absent when it is that round's own, or means nothing (an indicator's judgement).
   */
  readonly provenance?: string | null;
}

export const NOT_YET_STARTED = "Not yet started";

/** The heading over a report's opening paragraphs when a covering report comes before them. */
export const ABOUT_HEADING = "About this report";

export function reportRating(
  rating: Rating | null,
  overridden = false,
  provenance: string | null = null,
): ReportRating {
  return rating === null
    ? {
        rating: null,
        label: NOT_YET_STARTED,
        colours: RATING_CELL_COLOURS.grey,
        overridden: false,
        provenance: null,
      }
    : { rating, label: RATING_LABELS[rating], colours: RATING_CELL_COLOURS[rating], overridden, provenance };
}

/**
 * A rating cell as one line of text: "Amber", "Amber (set by the coordinator)", "Amber — from Q4
 * 2024/25; no update since" (the words of domain/rating-provenance.ts; an override carried from an
 * earlier round says so in its own note, so "(set by the coordinator)" is not repeated).
 */
export function ratingText(rating: ReportRating): string {
  if (rating.provenance) return ratingWithProvenance(rating.label, { note: rating.provenance });
  return rating.overridden ? `${rating.label} (set by the coordinator)` : rating.label;
}

/** One accepted update in a progress cell. */
export interface ProgressEntry {
  readonly text: string;
  /** Who reported it and when: "Ashvale Police, Q2 2024/25". */
  readonly source: string;
}

/** A financial year of progress: the year's accepted updates, then its "to note" points. */
export interface ProgressYear {
  /** "2024/25" */
  readonly year: string;
  /**
   * A "summary" mode report's board summary for the year (the coordinator's, or drafted from the
   * year's accepted updates), shown instead of the entries, which are then empty.
   */
  readonly summary?: string;
  readonly entries: readonly ProgressEntry[];
  readonly toNote: readonly string[];
}

/** The content of one table cell. */
export type Cell =
  /** Plain text; `lead` is shown first in bold (a commitment's number). */
  | { readonly kind: "text"; readonly text: string; readonly lead?: string }
  /** A number; `text` is how the page and Word show it ("46.9%"), Excel keeps the number itself. */
  | { readonly kind: "number"; readonly value: number; readonly text?: string }
  /**
   * An amount of money in whole pence: "£8,000.50" on the page and in Word, a number formatted as
   * pounds in Excel, the exact decimal in CSV. `signed`: a change, shown "+£1,500" or "-£250".
   */
  | { readonly kind: "money"; readonly pence: number; readonly signed?: boolean }
  | { readonly kind: "rating"; readonly rating: ReportRating }
  /** Several short items, one per line (lead organisations). */
  | { readonly kind: "list"; readonly items: readonly string[] }
  /**
   * "Progress so far": cross-references ("See 1.4"), the years of accepted updates, notes (a
   * coordinator's reason for setting the rating), and what to say when there is nothing.
   */
  | {
      readonly kind: "progress";
      readonly seeAlso: readonly string[];
      readonly years: readonly ProgressYear[];
      readonly notes: readonly string[];
      readonly empty: string;
    };

export interface Column {
  readonly header: string;
  /** The header in flat outputs (Excel, CSV) when it differs, e.g. "Commitment" for "Priority". */
  readonly flatHeader?: string;
  /** Share of the table's width in Word and on the page, in per cent. */
  readonly width: number;
}

export interface RowGroup {
  /** Shown above the group's table as a heading (Heading 2 in Word); null for an ungrouped table. */
  readonly heading: string | null;
  /** A line under the heading, e.g. the priority's outcome statement. */
  readonly description: string | null;
  /** The group's values for the table's `groupColumns` in flat outputs. */
  readonly flat: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface ReportTable {
  /** What the table is, for screen readers and as the sheet's title. */
  readonly caption: string;
  /** The Excel sheet name: 31 characters at most, none of : \ / ? * [ ]. */
  readonly sheetName: string;
  readonly columns: readonly Column[];
  /** Flat outputs put the group in leading columns (e.g. "Priority", "Outcome") instead of headings. */
  readonly groupColumns: readonly string[];
  readonly groups: readonly RowGroup[];
  /** Too wide for a portrait page: Word puts it on landscape pages. */
  readonly landscape: boolean;
  /** Many columns of short sentences: Word sets its cells in smaller type. */
  readonly dense?: boolean;
  /** Shown instead of the table when it has no rows. */
  readonly emptyText: string;
}

export type Block =
  | { readonly kind: "paragraph"; readonly text: string; readonly lead?: string }
  | { readonly kind: "bullets"; readonly items: readonly string[] }
  | { readonly kind: "table"; readonly table: ReportTable }
  /**
   * A chart: the SVG for the page, a PNG for Word, and words for everyone who cannot see it. `svg` is
   * empty when the report was made for an output that shows no charts (Excel, CSV).
   */
  | {
      readonly kind: "figure";
      readonly alt: string;
      readonly summary: string;
      readonly svg: string;
      readonly png?: Uint8Array;
      readonly widthPx: number;
      readonly heightPx: number;
      /**
       * The chart's figures as a table, drawn with it: after it on the page, beside it in Word (one
       * row that is never split, so chart and figures stay together on one page).
       */
      readonly table?: ReportTable;
    };

export interface ReportSection {
  /** Unique in the document; the page's anchor. */
  readonly id: string;
  /** Heading 1 in Word, h2 on the page. */
  readonly heading: string;
  readonly blocks: readonly Block[];
}

/** Reports made outside the board-report builder (build.ts): money and commissioning (issue 14). */
export const FUNDING_REPORT_KINDS = ["use-of-funding", "commissioning-timeline"] as const;
export type FundingReportKind = (typeof FUNDING_REPORT_KINDS)[number];

/** Documents drawn by the same renderers that are not board-pack reports: governance's logs and a
 * meeting's pack (reports/governance/), issue 13, and the money reports, issue 14. */
export type DocumentKind =
  | ReportKind
  | "decision-log"
  | "action-log"
  | "meeting-pack"
  | FundingReportKind
  /** The region's comparison and its regional report (reports/region/), issue 15. */
  | "region-comparison"
  | "region-report";

export interface ReportDocument {
  readonly kind: DocumentKind;
  /** "Strategy review: Ashvale Domestic Abuse Strategy 2024 to 2029" */
  readonly title: string;
  readonly partnershipName: string;
  /** The date the report describes (a UK calendar date, YYYY-MM-DD). */
  readonly asAt: string;
  /** "As at 30 October 2025" */
  readonly asAtLabel: string;
  /** A base for file names, e.g. "ashvale-strategy-review-2025-10-30". */
  readonly fileStem: string;
  /**
   * The covering report the coordinator wrote (purpose, summary, …, contact officer), shown before
   * the opening paragraphs; absent or empty when there is none.
   */
  readonly cover?: readonly ReportSection[];
  /** The opening paragraphs, before the first section. */
  readonly intro: readonly Block[];
  readonly sections: readonly ReportSection[];
}

/** What `partnershipName` names, as the documents label it: a region's documents are the region's. */
export function ownerLabel(doc: Pick<ReportDocument, "kind">): "Partnership" | "Region" {
  return doc.kind === "region-comparison" || doc.kind === "region-report" ? "Region" : "Partnership";
}

/** For exhaustive switches: a new block or cell kind fails to compile until it is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled report content: ${JSON.stringify(value)}`);
}

/** Every table of a document, in order. */
export function tablesOf(doc: ReportDocument): ReportTable[] {
  return doc.sections.flatMap((s) =>
    s.blocks.flatMap((b) =>
      b.kind === "table" ? [b.table] : b.kind === "figure" && b.table ? [b.table] : [],
    ),
  );
}

/** The headers of a table in flat outputs: group columns first. */
export function flatHeaders(table: ReportTable): string[] {
  return [...table.groupColumns, ...table.columns.map((c) => c.flatHeader ?? c.header)];
}

/** "See 1.4", "See 1.4 and 1.5", "See 1.1, 1.4 and 1.5". */
export function seeAlsoText(numbers: readonly string[]): string {
  if (numbers.length === 0) return "";
  if (numbers.length === 1) return `See ${numbers[0]}`;
  return `See ${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)}`;
}

/** A money cell as shown: "£8,000", "£8,000.50"; a signed one "+£1,500", "-£250". */
export function moneyText(cell: { pence: number; signed?: boolean }): string {
  return `${cell.signed && cell.pence > 0 ? "+" : ""}${formatPounds(cell.pence)}`;
}

/** A cell as plain text, for Excel and CSV: progress becomes years, bullet lines and "To note:" lines. */
export function cellText(cell: Cell): string {
  switch (cell.kind) {
    case "text":
      return cell.lead ? `${cell.lead} ${cell.text}` : cell.text;
    case "number":
      return cell.text ?? String(cell.value);
    case "money":
      return moneyText(cell);
    case "rating":
      return ratingText(cell.rating);
    case "list":
      return cell.items.join("\n");
    case "progress": {
      const lines: string[] = [];
      if (cell.seeAlso.length > 0) lines.push(seeAlsoText(cell.seeAlso));
      for (const year of cell.years) {
        lines.push(year.year);
        if (year.summary) lines.push(year.summary);
        for (const e of year.entries) lines.push(`• ${e.text} (${e.source})`);
        for (const n of year.toNote) lines.push(`To note: ${n}`);
      }
      lines.push(...cell.notes);
      if (cell.years.length === 0) lines.push(cell.empty);
      return lines.join("\n");
    }
    default:
      return assertNever(cell);
  }
}
