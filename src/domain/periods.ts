// Reporting periods: UK financial years (1 April to 31 March), their quarters (Q1 April–June … Q4
// January–March) and calendar months, on the calendar dates of calendar-dates.ts (re-exported here, so
// callers import dates and periods from one place).
//
// Pure: no I/O and no JavaScript Date arithmetic (see calendar-dates.ts for why).

import {
  daysBetween,
  daysInMonth,
  type IsoDate,
  MAX_YEAR,
  MIN_YEAR,
  requireIsoDate,
  toIsoDate,
} from "./calendar-dates.ts";

export * from "./calendar-dates.ts";

// ---------------------------------------------------------------------------------------------------
// Financial years

/** A UK financial year, named by the calendar year it starts in: 2024 is 1 April 2024 to 31 March 2025. */
export interface FinancialYear {
  readonly startYear: number;
}

/** The financial year starting in April of `startYear`; RangeError outside 1–9998. */
export function financialYear(startYear: number): FinancialYear {
  if (!Number.isInteger(startYear) || startYear < MIN_YEAR || startYear > MAX_YEAR - 1) {
    throw new RangeError(`A financial year must start in a year from ${MIN_YEAR} to ${MAX_YEAR - 1}`);
  }
  return { startYear };
}

/** The financial year a date falls in: January to March belong to the year that started the April before. */
export function financialYearOf(date: IsoDate): FinancialYear {
  const { year, month } = requireIsoDate(date);
  return { startYear: month >= 4 ? year : year - 1 };
}

/** 1 April of the financial year. */
export function financialYearStart(fy: FinancialYear): IsoDate {
  return toIsoDate(fy.startYear, 4, 1);
}

/** 31 March of the financial year (inclusive). */
export function financialYearEnd(fy: FinancialYear): IsoDate {
  return toIsoDate(fy.startYear + 1, 3, 31);
}

/**
 * How a financial year is written: "slash" 2024/25 (Waymark's default, as in the partnership papers),
 * "dash" 2024–25 (en dash, for prose), "hyphen" 2024-25 (ASCII, for file names).
 */
export type FinancialYearStyle = "slash" | "dash" | "hyphen";

const FY_SEPARATORS: Readonly<Record<FinancialYearStyle, string>> = { slash: "/", dash: "–", hyphen: "-" };

/** "2024/25" (or "2024–25", "2024-25"). */
export function formatFinancialYear(fy: FinancialYear, style: FinancialYearStyle = "slash"): string {
  const end = String((fy.startYear + 1) % 100).padStart(2, "0");
  return `${fy.startYear}${FY_SEPARATORS[style]}${end}`;
}

/**
 * Reads a financial year as people write it: "2024/25", "2024-25", "2024–25", "2024/2025", "24/25",
 * "FY2024/25", "FY 24-25", "2024 to 2025" (GOV.UK style). Two-digit years are read as 20xx. Returns
 * null for anything that is not exactly one year's span, such as "2023-25" or "2024/24". WHY strict: a
 * figure filed under the wrong year is worse than a question to the person typing.
 */
export function parseFinancialYear(text: string): FinancialYear | null {
  const match = /^(?:FY\s*)?(\d{2}|\d{4})\s*(?:[/\-–—]|\bto\b)\s*(\d{2}|\d{4})$/i.exec(text.trim());
  if (match === null) return null;
  const [first, second] = [match[1]!, match[2]!];
  let startYear: number;
  if (first.length === 4) startYear = Number(first);
  else if (second.length === 2) startYear = 2000 + Number(first);
  else return null; // "24/2025": mixed widths read as a typing slip
  if (startYear < MIN_YEAR || startYear > MAX_YEAR - 1) return null;
  const endYear = startYear + 1;
  const matches = second.length === 4 ? Number(second) === endYear : Number(second) === endYear % 100;
  return matches ? { startYear } : null;
}

// ---------------------------------------------------------------------------------------------------
// Quarters

export type QuarterNumber = 1 | 2 | 3 | 4;

/** A quarter of a financial year: Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March. */
export interface Quarter {
  /** The financial year's start year: Q4 2024/25 (January–March 2025) has startYear 2024. */
  readonly startYear: number;
  readonly quarter: QuarterNumber;
}

function quarterNumber(n: number): QuarterNumber {
  if (n === 1 || n === 2 || n === 3 || n === 4) return n;
  throw new RangeError(`A quarter is 1, 2, 3 or 4, not ${n}`);
}

/** The quarter a date falls in. */
export function quarterOf(date: IsoDate): Quarter {
  const { year, month } = requireIsoDate(date);
  // April = month 0 of the financial year.
  const fyMonth = (month + 8) % 12;
  return { startYear: month >= 4 ? year : year - 1, quarter: quarterNumber(Math.floor(fyMonth / 3) + 1) };
}

/** The first calendar month (1–12) and its calendar year of a quarter. */
function quarterFirstMonth(q: Quarter): { year: number; month: number } {
  return q.quarter === 4
    ? { year: q.startYear + 1, month: 1 }
    : { year: q.startYear, month: 4 + 3 * (q.quarter - 1) };
}

/** The first day of a quarter, e.g. 2025-07-01 for Q2 2025/26. */
export function quarterStart(q: Quarter): IsoDate {
  const { year, month } = quarterFirstMonth(q);
  return toIsoDate(year, month, 1);
}

/** The last day of a quarter (inclusive), e.g. 2025-09-30 for Q2 2025/26. */
export function quarterEnd(q: Quarter): IsoDate {
  const { year, month } = quarterFirstMonth(q);
  return toIsoDate(year, month + 2, daysInMonth(year, month + 2));
}

/** "Q2 2025/26" (the year in any FinancialYearStyle). */
export function formatQuarter(q: Quarter, style: FinancialYearStyle = "slash"): string {
  return `Q${q.quarter} ${formatFinancialYear({ startYear: q.startYear }, style)}`;
}

/**
 * Reads "Q2 2025/26", "Q2 2025-26", "2025/26 Q2", "Q2 FY25/26", "Quarter 2 2025/26" (any year form
 * parseFinancialYear accepts). Null otherwise, including a bare "Q2" with no year.
 */
export function parseQuarter(text: string): Quarter | null {
  const trimmed = text.trim();
  const before = /^(?:Q|Quarter\s*)([1-4])\s*[,:]?\s+(.+)$/i.exec(trimmed);
  const after = /^(.+?)\s*[,:]?\s+(?:Q|Quarter\s*)([1-4])$/i.exec(trimmed);
  let n: string;
  let yearText: string;
  if (before !== null) [n, yearText] = [before[1]!, before[2]!];
  else if (after !== null) [n, yearText] = [after[2]!, after[1]!];
  else return null;
  const fy = parseFinancialYear(yearText);
  return fy === null ? null : { startYear: fy.startYear, quarter: quarterNumber(Number(n)) };
}

/** The quarter before: Q1 2025/26 → Q4 2024/25. */
export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1
    ? { startYear: q.startYear - 1, quarter: 4 }
    : { startYear: q.startYear, quarter: quarterNumber(q.quarter - 1) };
}

/** The quarter after: Q4 2024/25 → Q1 2025/26. */
export function nextQuarter(q: Quarter): Quarter {
  return q.quarter === 4
    ? { startYear: q.startYear + 1, quarter: 1 }
    : { startYear: q.startYear, quarter: quarterNumber(q.quarter + 1) };
}

/**
 * The quarter an update round run around `date` reports on: the quarter whose last day is nearest,
 * ties going to the quarter that has ended. WHY: rounds are opened and due either just before a
 * quarter ends or in the weeks after ("Q2 updates, due 15 October"), so the nearest quarter end is
 * what the coordinator means whether they pass the opening date or the deadline. It is a suggestion;
 * the coordinator can rename the round.
 */
export function roundQuarterFor(date: IsoDate): Quarter {
  const current = quarterOf(date);
  const previous = previousQuarter(current);
  const sinceLastEnd = daysBetween(quarterEnd(previous), date);
  const untilThisEnd = daysBetween(date, quarterEnd(current));
  return sinceLastEnd <= untilThisEnd ? previous : current;
}

/** A suggested update round name for a date, e.g. "Q2 2025/26" for 15 October 2025. */
export function roundNameFor(date: IsoDate): string {
  return formatQuarter(roundQuarterFor(date));
}

// ---------------------------------------------------------------------------------------------------
// Months

/** A calendar month. */
export interface Month {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
}

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** The month a date falls in. */
export function monthOf(date: IsoDate): Month {
  const { year, month } = requireIsoDate(date);
  return { year, month };
}

/** "2024-06": the machine form (ISO 8601), used in CSV and URLs. */
export function formatMonth(m: Month): string {
  return `${String(m.year).padStart(4, "0")}-${String(m.month).padStart(2, "0")}`;
}

/** "June 2024": the form people read. */
export function monthLabel(m: Month): string {
  return `${MONTH_NAMES[m.month - 1]} ${m.year}`;
}

/** Reads "2024-06", "June 2024", "Jun 2024" or "Sept 2024"; null otherwise. */
export function parseMonth(text: string): Month | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})$/.exec(trimmed);
  if (iso !== null) {
    const year = Number(iso[1]);
    const month = Number(iso[2]);
    return year >= MIN_YEAR && month >= 1 && month <= 12 ? { year, month } : null;
  }
  const named = /^([A-Za-z]+)\.?\s+(\d{4})$/.exec(trimmed);
  if (named === null) return null;
  const word = named[1]!.toLowerCase();
  const index = MONTH_NAMES.findIndex((name) => word.length >= 3 && name.toLowerCase().startsWith(word));
  const year = Number(named[2]);
  return index >= 0 && year >= MIN_YEAR ? { year, month: index + 1 } : null;
}

// ---------------------------------------------------------------------------------------------------
// Periods

export type PeriodKind = "year" | "quarter" | "month";

/**
 * A reporting period for indicators, updates and reports. WHY one shape for all three: observations
 * and reports compare periods of different kinds by their dates, and `start`/`end` (inclusive) make
 * "does this date fall in it?" a string comparison.
 */
export interface Period {
  readonly kind: PeriodKind;
  readonly start: IsoDate;
  /** The last day, inclusive. */
  readonly end: IsoDate;
  /** "2023/24", "Q2 2023/24" or "June 2024"; parsePeriod reads it back. */
  readonly label: string;
}

/** The period of a financial year. */
export function yearPeriod(fy: FinancialYear): Period {
  return {
    kind: "year",
    start: financialYearStart(fy),
    end: financialYearEnd(fy),
    label: formatFinancialYear(fy),
  };
}

/** The period of a quarter. */
export function quarterPeriod(q: Quarter): Period {
  return { kind: "quarter", start: quarterStart(q), end: quarterEnd(q), label: formatQuarter(q) };
}

/** The period of a calendar month. */
export function monthPeriod(m: Month): Period {
  return {
    kind: "month",
    start: toIsoDate(m.year, m.month, 1),
    end: toIsoDate(m.year, m.month, daysInMonth(m.year, m.month)),
    label: monthLabel(m),
  };
}

/**
 * Reads a period: a quarter ("Q2 2023/24", "2023/24 Q2"), a financial year ("2023-24", "2023/24") or a
 * month ("2024-06", "June 2024"). Null for anything else, e.g. "2023-25" (not a one-year span).
 *
 * "YYYY-MM" is read as a month when it could also be a financial year ("2010-11" is November 2010, as
 * in ISO 8601); write "2010/11" for the financial year. WHY: months in the hyphen form come from
 * machines (CSV, spreadsheets) that mean ISO, and this only affects the start years 2000–2011.
 */
export function parsePeriod(text: string): Period | null {
  const quarter = parseQuarter(text);
  if (quarter !== null) return quarterPeriod(quarter);
  if (/^\s*\d{4}-\d{2}\s*$/.test(text)) {
    const month = parseMonth(text);
    if (month !== null) return monthPeriod(month);
  }
  const fy = parseFinancialYear(text);
  if (fy !== null) return yearPeriod(fy);
  const month = parseMonth(text);
  return month === null ? null : monthPeriod(month);
}

/**
 * The period `steps` periods of the same kind after `p` (before, when negative): shiftPeriod(Q4 2024/25,
 * 1) is Q1 2025/26. The period is identified by its kind and start date.
 */
export function shiftPeriod(p: Period, steps: number): Period {
  if (!Number.isInteger(steps)) throw new RangeError(`Periods move in whole steps, not ${steps}`);
  switch (p.kind) {
    case "year":
      return yearPeriod(financialYear(financialYearOf(p.start).startYear + steps));
    case "quarter": {
      const q = quarterOf(p.start);
      const index = q.startYear * 4 + (q.quarter - 1) + steps;
      return quarterPeriod({ startYear: Math.floor(index / 4), quarter: quarterNumber((index % 4) + 1) });
    }
    case "month": {
      const m = monthOf(p.start);
      const index = m.year * 12 + (m.month - 1) + steps;
      return monthPeriod({ year: Math.floor(index / 12), month: (index % 12) + 1 });
    }
  }
}

/** The period of the same kind just before: Q1 2025/26 → Q4 2024/25; 2024/25 → 2023/24; June → May. */
export function previousPeriod(p: Period): Period {
  return shiftPeriod(p, -1);
}

/** The period of the same kind just after. */
export function nextPeriod(p: Period): Period {
  return shiftPeriod(p, 1);
}

/** How many periods of each kind make a year. */
const PER_YEAR: Readonly<Record<PeriodKind, number>> = { year: 1, quarter: 4, month: 12 };

/**
 * The same period a year earlier: Q2 2025/26 → Q2 2024/25, June 2024 → June 2023. WHY: indicators are
 * compared with the same quarter last year to take out seasonal patterns (e.g. incidents at Christmas).
 */
export function samePeriodLastYear(p: Period): Period {
  return shiftPeriod(p, -PER_YEAR[p.kind]);
}

/** True when `date` falls in the period (both ends inclusive). */
export function periodContains(p: Period, date: IsoDate): boolean {
  requireIsoDate(date);
  return p.start <= date && date <= p.end;
}
