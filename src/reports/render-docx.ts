// A report as a Word document a board would accept and a screen reader can navigate: real Title and
// Heading 1/2 styles, tables whose header row repeats on every page, landscape pages for wide
// tables, the partnership's name in the header, "Page X of Y" in the footer, the title in the
// document's properties, ratings as a shaded cell that always carries the word, bullet lists for
// progress, and Arial throughout.

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  type ISectionOptions,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from "docx";
import { LIST_BULLET, progressParagraphs, SOURCE_STYLE, YEAR_STYLE } from "./docx-progress.ts";
import { assertNever, type Block, type Cell, type ReportDocument, type ReportTable } from "./model.ts";

const FONT = "Arial";
const TEXT = "0B0C0C";
const SECONDARY = "505A5F";
const HEADER_FILL = "E5E6E7";
const BULLETS = "waymark-bullets";

// A4 in twentieths of a point, with 2 cm margins.
const A4_SHORT = 11906;
const A4_LONG = 16838;
const MARGIN = 1134;
const widthFor = (landscape: boolean) => (landscape ? A4_LONG : A4_SHORT) - 2 * MARGIN;

/** Lines of a text with line breaks, as runs (Word keeps them in one paragraph). */
function lines(
  text: string,
  options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {},
) {
  return text.split("\n").map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
}

function textParagraph(text: string, lead?: string, options: { alignment?: "right" } = {}): Paragraph {
  const children: ParagraphChild[] = [];
  if (lead) children.push(new TextRun({ text: `${lead} `, bold: true }));
  children.push(...lines(text));
  return new Paragraph({
    children,
    ...(options.alignment === "right" ? { alignment: AlignmentType.RIGHT } : {}),
  });
}

/** The paragraphs inside one table cell, and the cell's shading. */
function cellContent(cell: Cell): { children: Paragraph[]; fill?: string } {
  switch (cell.kind) {
    case "text":
      return { children: [textParagraph(cell.text, cell.lead)] };
    case "number":
      return { children: [textParagraph(String(cell.value), undefined, { alignment: "right" })] };
    case "rating": {
      const { label, colours, overridden, provenance } = cell.rating;
      const children = [
        new Paragraph({ children: [new TextRun({ text: label, bold: true, color: colours.text })] }),
      ];
      // A rating carried from an earlier round says so in the cell itself, in words (not colour).
      if (provenance) {
        children.push(
          new Paragraph({
            children: [new TextRun({ text: `— ${provenance}`, size: 16, color: colours.text })],
          }),
        );
      } else if (overridden) {
        children.push(
          new Paragraph({
            children: [new TextRun({ text: "Set by the coordinator", size: 16, color: colours.text })],
          }),
        );
      }
      return { children, fill: colours.fill };
    }
    case "list":
      return {
        children: cell.items.length ? cell.items.map((item) => textParagraph(item)) : [new Paragraph("")],
      };
    case "progress":
      return { children: progressParagraphs(cell) };
    default:
      return assertNever(cell);
  }
}

/** Roughly how long a row's text is: long rows may break across pages, short ones stay whole. */
function rowLength(cells: readonly Cell[]): number {
  let n = 0;
  for (const c of cells) {
    if (c.kind === "text") n += c.text.length;
    else if (c.kind === "progress")
      n += c.years.reduce((s, y) => s + y.entries.reduce((t, e) => t + e.text.length, 0), 0);
  }
  return n;
}

function tableWidths(table: ReportTable, landscape: boolean): number[] {
  const total = widthFor(landscape);
  const sum = table.columns.reduce((s, c) => s + c.width, 0) || 1;
  return table.columns.map((c) => Math.floor((total * c.width) / sum));
}

function renderTable(table: ReportTable, landscape: boolean): (Paragraph | Table)[] {
  if (table.groups.every((g) => g.rows.length === 0)) return [new Paragraph(table.emptyText)];
  const widths = tableWidths(table, landscape);
  const border = { style: BorderStyle.SINGLE, size: 4, color: "B1B4B6" };
  const out: (Paragraph | Table)[] = [];
  for (const group of table.groups) {
    if (group.heading)
      out.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: group.heading, keepNext: true }));
    if (group.description) {
      out.push(
        new Paragraph({
          keepNext: true,
          children: [new TextRun({ text: group.description, italics: true })],
        }),
      );
    }
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: table.columns.map(
        (c, i) =>
          new TableCell({
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
            shading: { type: ShadingType.CLEAR, color: "auto", fill: HEADER_FILL },
            children: [new Paragraph({ children: [new TextRun({ text: c.header, bold: true })] })],
          }),
      ),
    });
    const rows = group.rows.map(
      (cells) =>
        new TableRow({
          cantSplit: rowLength(cells) < 700,
          children: cells.map((cell, i) => {
            const { children, fill } = cellContent(cell);
            // Cells align to the top by default in Word: no w:vAlign on each.
            return new TableCell({
              width: { size: widths[i] ?? 0, type: WidthType.DXA },
              ...(fill ? { shading: { type: ShadingType.CLEAR, color: "auto", fill } } : {}),
              children,
            });
          }),
        }),
    );
    out.push(
      new Table({
        width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        margins: { top: 60, bottom: 60, left: 80, right: 80 },
        borders: {
          top: border,
          bottom: border,
          left: border,
          right: border,
          insideHorizontal: border,
          insideVertical: border,
        },
        rows: [header, ...rows],
      }),
      new Paragraph({ spacing: { after: 120 }, children: [] }),
    );
  }
  return out;
}

function renderBlock(block: Block, landscape: boolean): (Paragraph | Table)[] {
  switch (block.kind) {
    case "paragraph":
      return [textParagraph(block.text, block.lead)];
    case "bullets":
      return block.items.map((item) => new Paragraph({ style: LIST_BULLET, children: lines(item) }));
    case "table":
      return renderTable(block.table, landscape);
    case "figure": {
      const out: Paragraph[] = [];
      if (block.png) {
        const maxWidth = ((landscape ? A4_LONG : A4_SHORT) - 2 * MARGIN) / 15; // twips → px at 96 dpi
        const scale = Math.min(1, maxWidth / block.widthPx);
        out.push(
          new Paragraph({
            children: [
              new ImageRun({
                type: "png",
                data: block.png,
                transformation: { width: block.widthPx * scale, height: block.heightPx * scale },
                altText: { name: block.alt.slice(0, 60), title: block.alt, description: block.summary },
              }),
            ],
          }),
        );
      }
      out.push(new Paragraph({ children: [new TextRun({ text: block.summary, italics: true })] }));
      return out;
    }
    default:
      return assertNever(block);
  }
}

function headerFooter(doc: ReportDocument, landscape: boolean) {
  const right = widthFor(landscape);
  return {
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: right }],
            children: [
              new TextRun({ text: doc.partnershipName, bold: true, size: 18, color: SECONDARY }),
              new TextRun({ text: `\t${doc.asAtLabel}`, size: 18, color: SECONDARY }),
            ],
          }),
        ],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES],
                size: 18,
              }),
            ],
          }),
        ],
      }),
    },
  };
}

/** Groups the document into Word sections by page orientation: a landscape table gets landscape pages. */
function sections(doc: ReportDocument): ISectionOptions[] {
  const isLandscape = (blocks: readonly Block[]) =>
    blocks.some((b) => b.kind === "table" && b.table.landscape);
  const chunks: { landscape: boolean; children: (Paragraph | Table)[] }[] = [];
  const first = doc.sections[0] ? isLandscape(doc.sections[0].blocks) : false;
  let current = {
    landscape: first,
    children: [
      new Paragraph({ heading: HeadingLevel.TITLE, text: doc.title }),
      new Paragraph({
        children: [new TextRun({ text: `${doc.partnershipName}. ${doc.asAtLabel}.`, bold: true })],
      }),
      ...doc.intro.flatMap((b) => renderBlock(b, first)),
    ] as (Paragraph | Table)[],
  };
  for (const section of doc.sections) {
    const landscape = isLandscape(section.blocks);
    if (landscape !== current.landscape) {
      chunks.push(current);
      current = { landscape, children: [] };
    }
    current.children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, text: section.heading, keepNext: true }),
      ...section.blocks.flatMap((b) => renderBlock(b, landscape)),
    );
  }
  chunks.push(current);
  return chunks.map((chunk) => ({
    properties: {
      page: {
        size: {
          width: A4_SHORT,
          height: A4_LONG,
          orientation: chunk.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
      },
    },
    ...headerFooter(doc, chunk.landscape),
    children: chunk.children,
  }));
}

const heading = (size: number, before: number) => ({
  run: { font: FONT, size, bold: true, color: TEXT },
  paragraph: { spacing: { before, after: 120 }, keepNext: true },
});

/** The report as a .docx file. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const document = new Document({
    title: doc.title,
    subject: doc.partnershipName,
    description: `${doc.title}. ${doc.asAtLabel}.`,
    creator: "Waymark",
    lastModifiedBy: "Waymark",
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 20, color: TEXT, language: { value: "en-GB" } },
          paragraph: { spacing: { after: 80 } },
        },
        title: heading(40, 0),
        heading1: heading(30, 320),
        heading2: heading(24, 240),
      },
      // Styles rather than the same formatting repeated on every paragraph and run: a strategy review
      // has thousands of progress entries, and each one's properties are built, written and compressed.
      paragraphStyles: [
        {
          id: YEAR_STYLE,
          name: "Progress year",
          basedOn: "Normal",
          run: { bold: true },
          paragraph: { keepNext: true },
        },
        {
          id: LIST_BULLET,
          name: "List Bullet",
          basedOn: "Normal",
          quickFormat: true,
          // `custom`: the numbering as given, without docx adding a List Paragraph style inside the style.
          paragraph: { numbering: { reference: BULLETS, level: 0, custom: true } },
        },
      ],
      characterStyles: [{ id: SOURCE_STYLE, name: "Progress source", run: { color: SECONDARY, size: 16 } }],
    },
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: "•",
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 284, hanging: 227 } }, run: { font: FONT } },
            },
          ],
        },
      ],
    },
    sections: sections(doc),
  });
  // docx numbers a list when a body paragraph first names it; here only the List Bullet style does,
  // so the list's w:num is made now, or styles.xml would keep an unresolved placeholder for its id.
  document.Numbering.createConcreteNumberingInstance(BULLETS, 0);
  return Packer.toBuffer(document);
}
