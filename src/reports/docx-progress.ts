// The progress cells of a Word report (a strategy review has thousands of their paragraphs), written
// as the XML objects docx's writer takes, and the style names they use; render-docx.ts defines the
// styles and lays out everything else.

import { type IXmlableObject, Paragraph } from "docx";
import { type Cell, seeAlsoText } from "./model.ts";

/** Word's own "List Bullet" style: its definition carries the bullet numbering (see renderDocx). */
export const LIST_BULLET = "ListBullet";
export const SOURCE_STYLE = "WaymarkSource";
/** A financial year's heading in a progress cell: bold, kept with the year's first entry. */
export const YEAR_STYLE = "WaymarkYear";

// Progress cells as the XML objects docx's writer takes ({ element: children }), built directly; see
// PreparedParagraph. The properties are shared: docx only reads them when it writes the file.
const PRESERVE = { _attr: { "xml:space": "preserve" } };
/** Text whose spaces a reader could drop without xml:space="preserve" (docx marks every run so). */
const LOOSE_SPACE = /^\s|\s$|\s\s|[^\S ]/;
const paragraphStyle = (id: string) => ({ "w:pPr": [{ "w:pStyle": { _attr: { "w:val": id } } }] });
const BULLET_PARAGRAPH = paragraphStyle(LIST_BULLET);
const YEAR_PARAGRAPH = paragraphStyle(YEAR_STYLE);
const SOURCE_RUN = { "w:rPr": [{ "w:rStyle": { _attr: { "w:val": SOURCE_STYLE } } }] };
const BOLD_RUN = { "w:rPr": [{ "w:b": {} }, { "w:bCs": {} }] };
const ITALIC_RUN = { "w:rPr": [{ "w:i": {} }, { "w:iCs": {} }] };

/** A run of text, with run properties (one of the *_RUN above) or none. */
function run(text: string, properties?: IXmlableObject): IXmlableObject {
  const t = { "w:t": LOOSE_SPACE.test(text) ? [PRESERVE, text] : text };
  return { "w:r": properties ? [properties, t] : [t] };
}

/**
 * A paragraph handed to docx as the XML object it would make of a Paragraph of TextRuns, in the same
 * element order. WHY: a strategy review's progress cells hold thousands of paragraphs, and for each
 * Paragraph and TextRun docx builds a tree of property, attribute and text objects only to turn it
 * into this object when the file is written; that, not the text, was most of the time of writing
 * the file. Only the progress cells use it; everything else is docx's own Paragraph.
 */
class PreparedParagraph extends Paragraph {
  private readonly xml: IXmlableObject;

  constructor(properties: IXmlableObject | null, runs: IXmlableObject[]) {
    super({});
    if (properties) runs.unshift(properties);
    this.xml = { "w:p": runs };
  }

  override prepForXml(): IXmlableObject {
    return this.xml;
  }
}

/** A progress cell: "See 1.4", then each year's heading, bulleted entries and "To note" points. */
export function progressParagraphs(cell: Extract<Cell, { kind: "progress" }>): Paragraph[] {
  const children: Paragraph[] = [];
  if (cell.seeAlso.length > 0)
    children.push(new PreparedParagraph(null, [run(seeAlsoText(cell.seeAlso), ITALIC_RUN)]));
  for (const year of cell.years) {
    // A board summary is a few sentences: its year leads the same paragraph ("2025/26: …").
    if (year.summary && year.entries.length === 0) {
      children.push(new PreparedParagraph(null, [run(`${year.year}: `, BOLD_RUN), run(year.summary)]));
    } else {
      children.push(new PreparedParagraph(YEAR_PARAGRAPH, [run(year.year)]));
      if (year.summary) children.push(new PreparedParagraph(null, [run(year.summary)]));
    }
    // A real list bullet by its paragraph style alone: the List Bullet style names the bullet
    // numbering, so each of the thousands of entries carries one w:pStyle rather than a w:numPr.
    for (const entry of year.entries) {
      children.push(
        new PreparedParagraph(BULLET_PARAGRAPH, [run(entry.text), run(` (${entry.source})`, SOURCE_RUN)]),
      );
    }
    for (const note of year.toNote)
      children.push(new PreparedParagraph(null, [run("To note: ", BOLD_RUN), run(note, ITALIC_RUN)]));
  }
  for (const note of cell.notes) children.push(new PreparedParagraph(null, [run(note, ITALIC_RUN)]));
  if (cell.years.length === 0) children.push(new PreparedParagraph(null, [run(cell.empty)]));
  return children;
}

/**
 * How much progress text one row of a Word table holds: about half a portrait page in the progress
 * column, so a row kept whole never leaves more than half a page blank before it.
 */
export const ROW_TEXT_LIMIT = 1800;

type ProgressCell = Extract<Cell, { kind: "progress" }>;

/** A progress entry's length as Word lays it out: its text, its source and a line's worth of bullet. */
const entryLength = (e: { text: string; source: string }) => e.text.length + e.source.length + 40;
const yearLength = (y: ProgressCell["years"][number]) =>
  40 +
  (y.summary?.length ?? 0) +
  y.entries.reduce((n, e) => n + entryLength(e), 0) +
  y.toNote.reduce((n, t) => n + t.length + 40, 0);

/**
 * A table row whose progress is longer than ROW_TEXT_LIMIT, as several rows: the progress split at
 * entries (a year's heading repeated where its entries go on), the first cell of each later row
 * "1.1 (continued)", the other cells (the rating) in the first row only. Other rows are left as they are.
 */
export function continuationRows(cells: readonly Cell[]): (readonly Cell[])[] {
  const at = cells.findIndex((c) => c.kind === "progress");
  const progress = cells[at];
  if (progress?.kind !== "progress") return [cells];
  if (progress.years.reduce((n, y) => n + yearLength(y), 0) <= ROW_TEXT_LIMIT) return [cells];
  const parts: ProgressCell[] = [];
  let years: ProgressCell["years"][number][] = [];
  let length = 0;
  const flush = () => {
    parts.push({ ...progress, seeAlso: parts.length === 0 ? progress.seeAlso : [], years, notes: [] });
    years = [];
    length = 0;
  };
  for (const year of progress.years) {
    let entries: { text: string; source: string }[] = [];
    const push = (more: Partial<ProgressCell["years"][number]> = {}) => {
      years.push({ year: year.year, entries, toNote: [], ...more });
    };
    length += 40 + (year.summary?.length ?? 0);
    for (const entry of year.entries) {
      if (length + entryLength(entry) > ROW_TEXT_LIMIT && (entries.length > 0 || years.length > 0)) {
        if (entries.length > 0) push();
        flush();
        entries = [];
        length = 40;
      }
      entries.push(entry);
      length += entryLength(entry);
    }
    push(year.summary ? { summary: year.summary, toNote: year.toNote } : { toNote: year.toNote });
    length += year.toNote.reduce((n, t) => n + t.length + 40, 0);
  }
  flush();
  const last = parts.at(-1);
  if (last) parts[parts.length - 1] = { ...last, notes: progress.notes };
  const first = cells[0];
  const label = first?.kind === "text" ? (first.lead ?? first.text.slice(0, 20)) : "";
  return parts.map((part, i) =>
    cells.map((cell, j): Cell => {
      if (j === at) return part;
      if (i === 0) return cell;
      if (j === 0) return { kind: "text", lead: `${label} (continued)`, text: "" };
      return { kind: "text", text: "" };
    }),
  );
}
