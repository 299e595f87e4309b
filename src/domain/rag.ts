// RAG ratings: the five words a partner can give an action, what each means, how to read the words
// councils already use in their Word tables, and how each rating looks on a page, in Word and in Excel.
//
// Pure: no I/O and no imports. Every other layer (forms, reports, imports, roll-up) takes its ratings
// vocabulary from here, so a board member sees the same word and colour for a rating everywhere.

/**
 * The ratings, in the order boards are used to reading them (Red, Amber, Green, then Grey and Complete).
 * WHY a closed list: reports, the roll-up rule and the database check constraint all depend on it, and a
 * sixth value would silently fall out of every one of them.
 */
export const RATINGS = ["red", "amber", "green", "grey", "complete"] as const;

export type Rating = (typeof RATINGS)[number];

/** True when `value` is one of the five stored rating values (exactly, lower case). */
export function isRating(value: unknown): value is Rating {
  return typeof value === "string" && (RATINGS as readonly string[]).includes(value);
}

/**
 * The word shown on every tag and in every report cell. WHY: boards expect the colour *and* the word,
 * so colour is never the only carrier of the meaning (WCAG 1.4.1).
 */
export const RATING_LABELS: Readonly<Record<Rating, string>> = {
  red: "Red",
  amber: "Amber",
  green: "Green",
  grey: "Grey",
  complete: "Complete",
};

/**
 * Plain-English meanings, shown next to each radio button on the update form. WHY: partners from eight
 * organisations rate actions; without one shared definition "amber" means something different in the
 * police and in housing, and the roll-up would mix incomparable judgements. Each meaning starts with
 * a short phrase ("Off track") that also works on its own as hint text.
 */
export const RATING_MEANINGS: Readonly<Record<Rating, string>> = {
  red: "Off track: the action will not be delivered as planned without intervention",
  amber:
    "At risk: there are problems or delays, but the action can still be delivered as planned " +
    "if they are dealt with",
  green: "On track: work is progressing as planned and the action is expected to be delivered on time",
  grey: "Not started: work on the action has not begun yet, for example because it is planned for later",
  complete: "Done: the action has been delivered",
};

/** The word a board member sees, e.g. "Amber". */
export function ratingLabel(rating: Rating): string {
  return RATING_LABELS[rating];
}

/** The plain-English meaning for the update form, e.g. "At risk: …". */
export function ratingMeaning(rating: Rating): string {
  return RATING_MEANINGS[rating];
}

/**
 * Words and abbreviations found in councils' RAG columns, after normalising (lower case, single spaces,
 * no punctuation). WHY a fixed table rather than fuzzy matching: an import must never guess; an unknown
 * word comes back as null so the person importing is asked, instead of a wrong colour reaching a board.
 * "Blue" and "B" are read as Complete because BRAG tables use blue for completed work.
 */
const RATING_WORDS: ReadonlyMap<string, Rating> = new Map<string, Rating>([
  ["red", "red"],
  ["r", "red"],
  ["off track", "red"],
  ["amber", "amber"],
  ["a", "amber"],
  ["at risk", "amber"],
  ["green", "green"],
  ["g", "green"],
  ["on track", "green"],
  ["on target", "green"],
  ["grey", "grey"],
  ["gray", "grey"],
  ["not started", "grey"],
  ["not yet started", "grey"],
  ["yet to start", "grey"],
  ["complete", "complete"],
  ["completed", "complete"],
  ["c", "complete"],
  ["done", "complete"],
  ["delivered", "complete"],
  ["achieved", "complete"],
  ["blue", "complete"],
  ["b", "complete"],
]);

function normaliseWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();
}

/**
 * Reads a rating from free text such as a cell of an imported Word or Excel table, or a CSV column.
 *
 * Tolerant of case, spaces and punctuation ("  GREEN. ", "Not-started"), of the words councils use
 * ("R", "G", "Not started", "Completed", "Done", "On track"), and of a colour followed by its meaning
 * ("Green - on track", "Amber (at risk)") as long as every part agrees. Returns null for anything else,
 * including mixed ratings such as "Red/Amber" or "Amber-Green". WHY null rather than a best guess: a
 * wrong rating in a board report is worse than asking the importer to pick one.
 */
export function parseRating(text: string): Rating | null {
  const whole = RATING_WORDS.get(normaliseWords(text));
  if (whole !== undefined) return whole;
  // "Green - on track", "Amber (at risk)", "Complete: done": split on separators and require every
  // part to name the same rating. Hyphens only count as separators with spaces around them, so that
  // "Amber-Green" (a mixed rating some councils use) is not mistaken for a separator-joined phrase.
  const parts = text
    .split(/\s[-–—]\s|[:;,/()[\]|]/)
    .map(normaliseWords)
    .filter((part) => part !== "");
  if (parts.length < 2) return null;
  const found = new Set<Rating | undefined>(parts.map((part) => RATING_WORDS.get(part)));
  if (found.size !== 1) return null;
  const [only] = found;
  return only ?? null;
}

/**
 * True for Red and Amber: the update form then requires "What are we doing about it?". WHY: a board
 * can act on a red or amber action only if it is told what is being done and what help is needed; a
 * colour without a remedy is the commonest gap in the paper reports Waymark replaces.
 */
export function ratingNeedsRemedy(rating: Rating): boolean {
  return rating === "red" || rating === "amber";
}

/**
 * The GOV.UK Frontend tag modifier per rating. WHY these: the design system has no "amber", and its
 * orange tag is the one people read as amber; Complete uses blue as in BRAG tables.
 */
export const RATING_TAG_CLASSES: Readonly<Record<Rating, string>> = {
  red: "govuk-tag--red",
  amber: "govuk-tag--orange",
  green: "govuk-tag--green",
  grey: "govuk-tag--grey",
  complete: "govuk-tag--blue",
};

/** The full class attribute for a rating's tag, e.g. "govuk-tag govuk-tag--orange". */
export function ratingTagClass(rating: Rating): string {
  return `govuk-tag ${RATING_TAG_CLASSES[rating]}`;
}

/** A cell's colours as 6-digit upper-case hex without "#", the form Word (w:shd) and Excel use. */
export interface CellColours {
  /** Background of the cell, e.g. "F4D7D7". */
  readonly fill: string;
  /** Text colour readable on that fill (contrast of at least 4.5:1, WCAG 2.2 AA for body text). */
  readonly text: string;
}

/**
 * Cell colours for Word and Excel, copied from GOV.UK Frontend 6's tag colours (background: the
 * colour's 80% tint; text: its 50% shade). WHY the same pair as the web tag: a board member comparing
 * the printed pack with the website sees the same colours, and the pale fills keep black-and-white
 * printing legible. The hex has no "#" because docx `shading.fill` and Excel ARGB ("FF" + hex) want it
 * bare. A unit test recomputes every pair's contrast ratio.
 */
export const RATING_CELL_COLOURS: Readonly<Record<Rating, CellColours>> = {
  red: { fill: "F4D7D7", text: "651B1B" },
  amber: { fill: "FDE4D7", text: "7A3C1C" },
  green: { fill: "CFE4DC", text: "083D29" },
  grey: { fill: "CECECE", text: "0B0C0C" },
  complete: { fill: "D2E2F1", text: "0F385C" },
};

/** The Word/Excel cell colours for a rating. */
export function ratingCellColours(rating: Rating): CellColours {
  return RATING_CELL_COLOURS[rating];
}
