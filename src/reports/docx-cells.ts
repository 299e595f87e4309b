// The content of a Word report's cells and plain paragraphs: text (with a bold lead), numbers,
// ratings as the word on its colour, lists and progress (docx-progress.ts).

import { AlignmentType, Paragraph, type ParagraphChild, TextRun } from "docx";
import { progressParagraphs } from "./docx-progress.ts";
import { assertNever, type Cell, moneyText } from "./model.ts";

/** Text in a dense table (many columns of short sentences): 8 pt. */
export const DENSE_SIZE = 16;

/** Lines of a text with line breaks, as runs (Word keeps them in one paragraph). */
export function lines(
  text: string,
  options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {},
) {
  return text.split("\n").map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
}

export function textParagraph(
  text: string,
  lead?: string,
  options: { alignment?: "right"; size?: number } = {},
): Paragraph {
  const children: ParagraphChild[] = [];
  const size = options.size === undefined ? {} : { size: options.size };
  if (lead) children.push(new TextRun({ text: `${lead} `, bold: true, ...size }));
  children.push(...lines(text, size));
  return new Paragraph({
    children,
    ...(options.alignment === "right" ? { alignment: AlignmentType.RIGHT } : {}),
  });
}

/** The paragraphs inside one table cell, and the cell's shading. */
export function cellContent(cell: Cell, size?: number): { children: Paragraph[]; fill?: string } {
  switch (cell.kind) {
    case "text":
      return { children: [textParagraph(cell.text, cell.lead, { size })] };
    case "number":
      return {
        children: [textParagraph(cell.text ?? String(cell.value), undefined, { alignment: "right", size })],
      };
    case "money":
      return { children: [textParagraph(moneyText(cell), undefined, { alignment: "right", size })] };
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
