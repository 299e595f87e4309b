import { formatFinancialYear, parseFinancialYear } from "../domain/periods.ts";
import { parseRating, type Rating } from "../domain/rag.ts";
import type { HeaderMap } from "./columns.ts";
import type { TableRow } from "./read-table.ts";
import type { CommitmentRef } from "./types.ts";

// A strategy review appendix (the 2019 board report's "Strategic commitment | Progress so far... |
// RAG rating") brings the partnership's history with it: each commitment's progress, for the year the
// cell names ("2018/19: The campaign ran…"), becomes an accepted update of that year, rated by the
// cell's word or, where a board gave only the colour, by the cell's shading. Progress that names no
// year, or with no rating Waymark can read, is left out (and said so), never guessed.

export interface HistoricalUpdate {
  row: number;
  commitment: CommitmentRef;
  commitmentLabel: string;
  /** The financial year it reports on: 2018 is 2018/19. */
  startYear: number;
  yearLabel: string;
  rating: Rating;
  narrative: string;
}

export interface ReviewColumns {
  progress: number;
  rating: number | null;
}

/** The Progress and RAG columns of a framework file's heading row, when it has a Progress column. */
export function reviewColumns(rows: TableRow[], header: HeaderMap): ReviewColumns | null {
  const headings = rows.find((r) => r.rowNumber === header.rowNumber)?.cells ?? [];
  const progress = headings.findIndex((h) => /^\s*progress\b/i.test(h));
  if (progress < 0) return null;
  const rating = headings.findIndex((h) => /\b(rag|rating|status)\b/i.test(h));
  return { progress, rating: rating < 0 ? null : rating };
}

const YEAR_AT_START = /^\s*((?:FY\s*)?\d{4}\s*(?:[/\-–—]|\bto\b)\s*\d{2,4})\s*[:\-–—.]?\s*/i;

/** "2018/19: The campaign ran…" → 2018 and the narrative after the year; null without a year. */
export function progressOf(text: string): { startYear: number; narrative: string } | null {
  const match = YEAR_AT_START.exec(text);
  const fy = match?.[1] ? parseFinancialYear(match[1]) : null;
  if (!match || !fy) return null;
  const narrative = text.slice(match[0].length).trim();
  return narrative ? { startYear: fy.startYear, narrative } : null;
}

/** Shading colours boards use for RAG cells (Word's and Excel's standard palettes). */
const FILLS: [Rating, number, number, number][] = [
  ["red", 0xff, 0x00, 0x00],
  ["red", 0xc0, 0x00, 0x00],
  ["amber", 0xff, 0xc0, 0x00],
  ["amber", 0xff, 0xa5, 0x00],
  ["green", 0x00, 0xb0, 0x50],
  ["green", 0x92, 0xd0, 0x50],
  ["green", 0x00, 0xff, 0x00],
  ["grey", 0xbf, 0xbf, 0xbf],
  ["grey", 0xa6, 0xa6, 0xa6],
  ["grey", 0xd9, 0xd9, 0xd9],
  ["grey", 0x80, 0x80, 0x80],
  ["complete", 0x00, 0x70, 0xc0],
  ["complete", 0x00, 0xb0, 0xf0],
];

/** The rating a cell's shading shows ("FFC000" → amber), when it is close to one board colour. */
export function ratingOfFill(fill: string): Rating | null {
  const hex = /^#?([0-9a-f]{6})$/i.exec(fill.trim())?.[1];
  if (!hex) return null;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
  let best: { rating: Rating; distance: number } | null = null;
  for (const [rating, fr, fg, fb] of FILLS) {
    const distance = Math.hypot(r - fr, g - fg, b - fb);
    if (!best || distance < best.distance) best = { rating, distance };
  }
  return best && best.distance <= 60 ? best.rating : null;
}

/** A review row's rating: the cell's word, else its shading. */
export function ratingOfCell(row: TableRow & { fills?: string[] }, column: number | null): Rating | null {
  if (column === null) return null;
  const word = (row.cells[column] ?? "").trim();
  if (word) return parseRating(word);
  return ratingOfFill(row.fills?.[column] ?? "");
}

export const yearLabel = (startYear: number) => formatFinancialYear({ startYear });
