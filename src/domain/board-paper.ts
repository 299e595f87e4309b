// The board paper's rules (issue 12): which sections a covering report has and in what order, how
// long each may be, and how a commitment's board summary is drafted from a year's accepted updates.
// Pure: no I/O.

import { TEXT_LIMITS } from "./text-limits.ts";

/** How long each field of the board paper may be (TEXT_LIMITS): the server's check and the page's count. */
export const BOARD_PAPER_LIMITS = {
  boardPaperSection: TEXT_LIMITS.boardPaperSection,
  boardPaperContact: TEXT_LIMITS.boardPaperContact,
  boardPaperFreeTitle: TEXT_LIMITS.boardPaperFreeTitle,
  boardSummary: TEXT_LIMITS.boardSummary,
} as const;

/** How many free sections the form offers at most. */
export const MAX_FREE_SECTIONS = 8;

/** The covering report's written sections, in the order a council's report to its board puts them. */
export const BOARD_PAPER_SECTIONS = [
  { key: "purpose", heading: "Purpose of the report" },
  { key: "summary", heading: "Summary" },
  { key: "recommendations", heading: "Recommendations and decisions asked of the board" },
  { key: "achievements", heading: "Key achievements" },
  { key: "priorities", heading: "Priorities for the next period" },
] as const;

export type BoardPaperSectionKey = (typeof BOARD_PAPER_SECTIONS)[number]["key"];

/** The report modes: "full" keeps every accepted narrative, "summary" a short summary per year. */
export const REPORT_MODES = ["full", "summary"] as const;
export type ReportMode = (typeof REPORT_MODES)[number];

export function isReportMode(value: unknown): value is ReportMode {
  return typeof value === "string" && (REPORT_MODES as readonly string[]).includes(value);
}

/** What a draft summary takes from each action's narrative, and from all of them together. */
const PER_ACTION = 160;
const IN_ALL = 220;

/** A text's sentences: split after . ! or ? followed by a space and a capital letter or digit. */
function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z0-9“"‘'(])/)
    .filter((s) => s !== "");
}

/**
 * Whole sentences from the start of a text up to `limit` characters; the first sentence alone is cut
 * at a word and ends with "…" when it is longer than the limit.
 */
export function leadingSentences(text: string, limit: number): string {
  let out = "";
  for (const sentence of sentences(text)) {
    const next = out === "" ? sentence : `${out} ${sentence}`;
    if (next.length > limit) break;
    out = next;
  }
  if (out !== "") return out;
  const first = sentences(text)[0] ?? "";
  if (first.length <= limit) return first;
  const cut = first.slice(0, limit - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "")}…`;
}

/**
 * A board summary drafted from one year's accepted narratives, one per action (the latest accepted),
 * in the order given: the leading sentences of each, as many actions as fit in a few sentences. The
 * coordinator edits it; the draft is what a summary-mode report shows until they do.
 */
export function draftBoardSummary(latestNarratives: readonly string[]): string {
  let out = "";
  for (const narrative of latestNarratives) {
    const part = leadingSentences(narrative, PER_ACTION);
    if (part === "") continue;
    const next = out === "" ? part : `${out} ${part}`;
    if (next.length > IN_ALL) {
      if (out === "") return leadingSentences(part, IN_ALL);
      break;
    }
    out = next;
  }
  return out;
}
