// Key statistics in Word (issue 12): each indicator's chart and its latest figures in one row that
// is never split, so the two stay together on at most half a page, without a page left half blank.

import {
  BorderStyle,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { type Block, cellText, type ReportTable } from "./model.ts";

export const HEADER_FILL = "E5E6E7";
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "auto" };
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};
/** The paragraph Word needs after a table in a cell, as small as it can be. */
const tightSpacer = () => new Paragraph({ spacing: { after: 0 }, run: { size: 4 }, children: [] });
/** Text in a chart's row: 8 pt, so the row keeps to half a page. */
const SMALL = 16;

/** A chart's figures as a small table: its header row, then its rows in 8 pt. */
function figuresTable(table: ReportTable, width: number): Table {
  const sum = table.columns.reduce((n, c) => n + c.width, 0) || 1;
  const widths = table.columns.map((c) => Math.floor((width * c.width) / sum));
  const border = { style: BorderStyle.SINGLE, size: 4, color: "B1B4B6" };
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: HEADER_FILL } } : {}),
      children: [
        new Paragraph({
          spacing: { after: 0 },
          children: [new TextRun({ text, size: SMALL, bold: header })],
        }),
      ],
    });
  const rows = table.groups.flatMap((g) => g.rows);
  return new Table({
    width: { size: widths.reduce((n, w) => n + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { top: 20, bottom: 20, left: 60, right: 60 },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({ cantSplit: true, children: table.columns.map((c, i) => cell(c.header, i, true)) }),
      ...rows.map(
        (cells) =>
          new TableRow({ cantSplit: true, children: cells.map((c, i) => cell(cellText(c), i, false)) }),
      ),
    ],
  });
}

/**
 * An indicator in Word: a borderless table of one row that is never split across pages, holding the
 * indicator's name (Heading 2), its description, then its chart (with the chart's summary) beside its
 * latest figures. Chart and figures therefore stay together, in at most half a portrait page, and no
 * page is left half blank waiting for a large picture.
 */
export function chartRow(
  figure: Extract<Block, { kind: "figure" }>,
  table: ReportTable,
  description: Extract<Block, { kind: "paragraph" }> | null,
  /** The page's text width, in twentieths of a point. */
  total: number,
): (Paragraph | Table)[] {
  const inner = total - 160;
  const left = Math.floor(inner * 0.4);
  const right = inner - left;
  const leftChildren: Paragraph[] = [];
  if (figure.png) {
    const maxWidth = (left - 160) / 15; // twips → px at 96 dpi, less the cell's margins
    const scale = Math.min(1, maxWidth / figure.widthPx);
    leftChildren.push(
      new Paragraph({
        spacing: { after: 40 },
        children: [
          new ImageRun({
            type: "png",
            data: figure.png,
            transformation: { width: figure.widthPx * scale, height: figure.heightPx * scale },
            altText: { name: figure.alt.slice(0, 60), title: figure.alt, description: figure.summary },
          }),
        ],
      }),
    );
  }
  leftChildren.push(
    new Paragraph({ children: [new TextRun({ text: figure.summary, italics: true, size: SMALL })] }),
  );
  const outer: (Paragraph | Table)[] = [];
  if (description?.lead)
    outer.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        text: description.lead,
        keepNext: true,
        spacing: { before: 0, after: 40 },
      }),
    );
  if (description)
    outer.push(
      new Paragraph({ keepNext: true, children: [new TextRun({ text: description.text, size: SMALL })] }),
    );
  outer.push(
    new Table({
      width: { size: inner, type: WidthType.DXA },
      columnWidths: [left, right],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      margins: { top: 0, bottom: 0, left: 0, right: 80 },
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: left, type: WidthType.DXA }, children: leftChildren }),
            new TableCell({
              width: { size: right, type: WidthType.DXA },
              children: [
                figuresTable(table, right - 80),
                new Paragraph({ spacing: { after: 0 }, children: [] }),
              ],
            }),
          ],
        }),
      ],
    }),
    tightSpacer(),
  );
  return [
    new Table({
      width: { size: total, type: WidthType.DXA },
      columnWidths: [total],
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      rows: [
        new TableRow({
          cantSplit: true,
          children: [new TableCell({ width: { size: total, type: WidthType.DXA }, children: outer })],
        }),
      ],
    }),
    new Paragraph({ spacing: { after: 60 }, run: { size: 8 }, children: [] }),
  ];
}
