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
    children.push(new PreparedParagraph(YEAR_PARAGRAPH, [run(year.year)]));
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
