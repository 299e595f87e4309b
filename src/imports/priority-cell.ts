import { normaliseText } from "../domain/text-match.ts";
import { type PriorityHeading, parsePriorityHeading, splitNumbered } from "./columns.ts";

// The Priority cell of a council's own tables holds the priority's number, its title and often the
// paragraph under it, in one cell merged down over its rows:
//   "3. Early help Partners will spot abuse sooner and offer help at the first contact, by…"
// This splits such a cell into number, title and paragraph (the outcome), preferring the titles the
// strategy already has, and tells whether a file's Priority column holds priorities at all (older
// Word tables put the commitments in it, under "Priority 2: …" heading rows).

interface KnownPriority {
  number: string;
  title: string;
}

const TITLE_MAX_WORDS = 10;

/**
 * Title and paragraph of a cell with no known title to go by: the first line when the cell has
 * several; text before a colon or dash; else up to the first capitalised word that starts a
 * sentence (followed by a lower-case word): "Early help Partners will…" → "Early help".
 */
export function splitTitle(text: string): { title: string; outcome: string } {
  const trimmed = text.trim();
  const lines = trimmed.split(/\n+/);
  if (lines.length > 1) {
    return { title: lines[0]!.trim(), outcome: lines.slice(1).join(" ").replace(/\s+/g, " ").trim() };
  }
  const punctuated = /^(.{2,80}?)\s*(?::|\s[-–—])\s+(.+)$/s.exec(trimmed);
  if (punctuated) return { title: punctuated[1]!.trim(), outcome: punctuated[2]!.trim() };
  const words = trimmed.split(/\s+/);
  for (let i = 1; i < Math.min(words.length - 1, TITLE_MAX_WORDS + 1); i++) {
    const word = words[i]!;
    const next = words[i + 1]!;
    if (/^\p{Lu}\p{Ll}/u.test(word) && /^\p{Ll}/u.test(next)) {
      return { title: words.slice(0, i).join(" "), outcome: words.slice(i).join(" ") };
    }
  }
  return { title: trimmed, outcome: "" };
}

/** The known title the text starts with (whole words), longest first. */
function knownTitleAtStart(text: string, known: readonly KnownPriority[]): KnownPriority | undefined {
  const plain = normaliseText(text);
  return [...known]
    .sort((a, b) => b.title.length - a.title.length)
    .find((p) => {
      const title = normaliseText(p.title);
      return title !== "" && (plain === title || plain.startsWith(`${title} `));
    });
}

/** Removes the first `words` words of `text` (as normalised words), keeping the rest as written. */
function dropWords(text: string, count: number): string {
  const words = text.trim().split(/\s+/);
  let taken = 0;
  let i = 0;
  while (i < words.length && taken < count) {
    taken += normaliseText(words[i]!).split(" ").filter(Boolean).length;
    i++;
  }
  return words
    .slice(i)
    .join(" ")
    .replace(/^[\s:.\-–—]+/, "")
    .trim();
}

/**
 * A Priority cell as number, title and outcome. "Priority 2: …" headings keep their own reading;
 * "3. Early help Partners will…" is number 3, and its title is the strategy's title of priority 3 when
 * the text starts with it, else the split of `splitTitle`. A cell without a number is matched on the
 * known title it starts with.
 */
export function parsePriorityCell(text: string, known: readonly KnownPriority[]): PriorityHeading {
  const heading = parsePriorityHeading(text);
  if (heading) return heading;
  const numbered = splitNumbered(text);
  const rest = numbered.text;
  const byNumber = numbered.number
    ? known.find((p) => p.number.toLowerCase() === numbered.number)
    : undefined;
  const title = byNumber && knownTitleAtStart(rest, [byNumber]) ? byNumber : knownTitleAtStart(rest, known);
  if (title && (!numbered.number || title === byNumber)) {
    const outcome = dropWords(rest, normaliseText(title.title).split(" ").length).replace(/\s+/g, " ");
    return { number: numbered.number ?? title.number, title: title.title, outcome };
  }
  const split = splitTitle(rest);
  return { number: numbered.number, title: split.title.replace(/\s+/g, " "), outcome: split.outcome };
}

/**
 * Whether a Priority column holds priorities (its cells start with a whole number, "3. Early help…",
 * or a known priority's title) rather than commitments ("1.4 Train…"): any numbered commitment in it
 * means the older layout.
 */
export function columnHoldsPriorities(cells: readonly string[], known: readonly KnownPriority[]): boolean {
  let priorityLike = false;
  for (const cell of cells) {
    if (!cell.trim() || parsePriorityHeading(cell)) continue;
    const { number, text } = splitNumbered(cell);
    if (number?.includes(".")) return false;
    if (number || knownTitleAtStart(text, known)) priorityLike = true;
  }
  return priorityLike;
}
