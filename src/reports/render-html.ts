// A report as a web page (Nunjucks templates in src/web/views/reports/). The page prints as a board
// paper with the site's print stylesheet; `renderStandaloneHtml` makes a single file with the
// stylesheet inside it, for the command line.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import svgToMiniDataURI from "mini-svg-data-uri";
import { createNunjucksEnvironment } from "../web/plugins/views.ts";
import {
  ABOUT_HEADING,
  assertNever,
  type Block,
  type Cell,
  moneyText,
  type ReportDocument,
  type ReportTable,
  type RowGroup,
  seeAlsoText,
} from "./model.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A cell as the templates draw it: the model's cell with what a template cannot work out itself. */
export type HtmlCell = Cell & {
  readonly see?: string;
  readonly lines?: readonly string[];
  /** A money cell's amount as shown. */
  readonly shown?: string;
};

export interface HtmlTable {
  readonly caption: string;
  readonly columns: readonly { header: string; widthClass: string; numeric: boolean }[];
  readonly groups: readonly (Omit<RowGroup, "rows"> & { rows: HtmlCell[][] })[];
  readonly empty: boolean;
  readonly emptyText: string;
  readonly landscape: boolean;
}

export type HtmlBlock =
  | Exclude<Block, { kind: "table" | "figure" }>
  | { kind: "table"; table: HtmlTable }
  | {
      kind: "figure";
      alt: string;
      summary: string;
      src: string;
      table?: HtmlTable;
    };

export interface HtmlDocument {
  readonly title: string;
  readonly partnershipName: string;
  readonly asAtLabel: string;
  /** A table is too wide for portrait: the page prints landscape. */
  readonly landscape: boolean;
  /** The heading over the opening paragraphs when there is a covering report; null otherwise. */
  readonly introHeading: string | null;
  /** The coordinator's covering report, before the opening paragraphs. */
  readonly cover: readonly { id: string; heading: string; blocks: HtmlBlock[] }[];
  readonly intro: readonly HtmlBlock[];
  readonly sections: readonly { id: string; heading: string; blocks: HtmlBlock[] }[];
}

function htmlCell(cell: Cell): HtmlCell {
  switch (cell.kind) {
    case "progress":
      return { ...cell, see: seeAlsoText(cell.seeAlso) };
    case "text":
      return { ...cell, lines: cell.text.split("\n") };
    case "money":
      return { ...cell, shown: moneyText(cell) };
    case "number":
    case "rating":
    case "list":
      return cell;
    default:
      return assertNever(cell);
  }
}

/**
 * A column's width as a GOV.UK width override class when it is close to one (the page's policy allows
 * no inline styles); other columns take the width their content needs.
 */
function widthClass(width: number, total: number): string {
  const percent = (width / (total || 1)) * 100;
  const classes: [number, string][] = [
    [25, "govuk-!-width-one-quarter"],
    [33, "govuk-!-width-one-third"],
    [50, "govuk-!-width-one-half"],
    [66, "govuk-!-width-two-thirds"],
    [75, "govuk-!-width-three-quarters"],
  ];
  return classes.find(([p]) => Math.abs(p - percent) <= 5)?.[1] ?? "";
}

function htmlTable(table: ReportTable): HtmlTable {
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  const firstRow = table.groups.find((g) => g.rows.length > 0)?.rows[0] ?? [];
  return {
    caption: table.caption,
    columns: table.columns.map((c, i) => ({
      header: c.header,
      widthClass: widthClass(c.width, total),
      numeric: firstRow[i]?.kind === "number" || firstRow[i]?.kind === "money",
    })),
    groups: table.groups.map((g) => ({ ...g, rows: g.rows.map((cells) => cells.map(htmlCell)) })),
    empty: table.groups.every((g) => g.rows.length === 0),
    emptyText: table.emptyText,
    landscape: table.landscape,
  };
}

function htmlBlock(block: Block): HtmlBlock {
  switch (block.kind) {
    case "paragraph":
    case "bullets":
      return block;
    case "table":
      return { kind: "table", table: htmlTable(block.table) };
    case "figure":
      return {
        kind: "figure",
        alt: block.alt,
        summary: block.summary,
        // An image, not inline SVG: the page's policy allows data: images and no inline styles. The
        // SVG is URL-encoded, not base64: a report has dozens of charts, and gzip shrinks readable
        // SVG text to a tenth where base64 would stay at a sixth of its (a third larger) size.
        src: svgToMiniDataURI(block.svg),
        ...(block.table ? { table: htmlTable(block.table) } : {}),
      };
    default:
      return assertNever(block);
  }
}

/** The document as the templates draw it. */
export function htmlDocument(doc: ReportDocument): HtmlDocument {
  return {
    title: doc.title,
    partnershipName: doc.partnershipName,
    asAtLabel: doc.asAtLabel,
    landscape: doc.sections.some((s) => s.blocks.some((b) => b.kind === "table" && b.table.landscape)),
    introHeading: (doc.cover ?? []).length > 0 ? ABOUT_HEADING : null,
    cover: (doc.cover ?? []).map((s) => ({ id: s.id, heading: s.heading, blocks: s.blocks.map(htmlBlock) })),
    intro: doc.intro.map(htmlBlock),
    sections: doc.sections.map((s) => ({
      id: s.id,
      heading: s.heading,
      blocks: s.blocks.map(htmlBlock),
    })),
  };
}

function stylesheet(): string {
  const file = path.join(root, "public/generated/application.css");
  // The stylesheet refers to images by absolute path; in a file on its own they are simply absent.
  return existsSync(file) ? readFileSync(file, "utf8").replace(/<\/style/gi, "<\\/style") : "";
}

/** The report as one self-contained HTML file (the stylesheet inside), e.g. for `waymark export`. */
export function renderStandaloneHtml(doc: ReportDocument): string {
  const env = createNunjucksEnvironment();
  return env.render("reports/standalone.njk", {
    doc: htmlDocument(doc),
    css: stylesheet(),
    title: doc.title,
  });
}
