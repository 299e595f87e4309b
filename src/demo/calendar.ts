// The demo is written as one story with fixed dates: two yearly action plans, 2024–25 and 2025–26, and
// the live update round Q4 2025/26. Loaded on any other day, that story would look stale (a "current"
// round two years old, figures from long ago), so the loader first moves it to the day it is loaded:
//
// - the live round is always the quarter that has just ended (on 3 December 2026: Q2 2026/27), with its
//   deadline ahead (the progress loader moves it to at least two weeks away);
// - every date, year and financial year in the story moves by the same whole number of years, so months
//   and quarters keep their meaning ("the campaign ran from 25 November" stays in Q3);
// - in the live year, the rounds before the live quarter are closed and accepted as written; the live
//   round keeps what its own quarter reported, with the mix of states the story gives the live round
//   (drafts, submitted, one returned, many not started). Later quarters of that year have not happened;
// - key statistics run for twenty quarters up to the live quarter and five financial years up to the
//   last one that has ended.
//
// Everything here is pure: the loader passes the day, tests pass any day they like.

import {
  financialYear,
  type IsoDate,
  isLeapYear,
  type Period,
  previousQuarter,
  type Quarter,
  quarterOf,
  quarterPeriod,
  shiftPeriod,
  ukDateOf,
  yearPeriod,
} from "../domain/periods.ts";
import type { DemoPartnership, DemoPlanProgress, DemoProgress, DemoQuarter, DemoUpdate } from "./types.ts";

/** The quarter the story's live round reports on, as written: Q4 2025/26. */
export const STORY_LIVE_QUARTER: Quarter = { startYear: 2025, quarter: 4 };
/** The story's last financial year with key statistics, as written: 2024/25. */
const STORY_LAST_STATISTICS_YEAR = 2024;
/** A day on which the story loads exactly as written (its live round is the quarter just ended). */
export const STORY_DAY: IsoDate = "2026-04-20";

const STATISTICS_QUARTERS = 20;
const STATISTICS_YEARS = 5;

export interface DemoCalendar {
  /** The day the demo is loaded for. */
  today: IsoDate;
  /** The quarter that has just ended: the live round reports on it. */
  liveQuarter: Quarter;
  /** Whole years every date of the story moves by. */
  yearShift: number;
  /** Key statistics: the quarters (oldest first) ending with the live quarter. */
  statisticsQuarters: Period[];
  /** Key statistics: the financial years (oldest first) ending with the last one that has ended. */
  statisticsYears: Period[];
  /** Whole years the statistics' own dates (baselines, targets, notes) move by. */
  statisticsYearShift: number;
}

export function demoCalendar(now: Date | IsoDate): DemoCalendar {
  const today = typeof now === "string" ? now : ukDateOf(now);
  const liveQuarter = previousQuarter(quarterOf(today));
  const yearShift = liveQuarter.startYear - STORY_LIVE_QUARTER.startYear;
  const lastYear = liveQuarter.quarter === 4 ? liveQuarter.startYear : liveQuarter.startYear - 1;
  const live = quarterPeriod(liveQuarter);
  const last = yearPeriod(financialYear(lastYear));
  return {
    today,
    liveQuarter,
    yearShift,
    statisticsQuarters: Array.from({ length: STATISTICS_QUARTERS }, (_, i) =>
      shiftPeriod(live, i - (STATISTICS_QUARTERS - 1)),
    ),
    statisticsYears: Array.from({ length: STATISTICS_YEARS }, (_, i) =>
      shiftPeriod(last, i - (STATISTICS_YEARS - 1)),
    ),
    statisticsYearShift: lastYear - STORY_LAST_STATISTICS_YEAR,
  };
}

/** An ISO date `years` later (earlier when negative); 29 February becomes the 28th in other years. */
export function shiftIsoDate(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) + years;
  const rest = date.slice(4);
  if (rest === "-02-29" && !isLeapYear(year)) return `${year}-02-28`;
  return `${year}${rest}`;
}

/**
 * Moves every year written in a text: "2024/25" and "2024–25" (financial years, both halves), ISO dates
 * and plain years ("in 2023"). WHY a pattern and not markers: the story reads like a board paper, and a
 * year in it is always one of these forms.
 */
export function shiftYearsInText(text: string, years: number): string {
  if (years === 0) return text;
  return text.replace(
    /\b(20\d\d)(?:([/–])(\d\d)(?!\d))?(-02-29)?/g,
    (_match, year: string, sep, _end, leap) => {
      const shifted = Number(year) + years;
      if (sep !== undefined) return `${shifted}${sep}${String((shifted + 1) % 100).padStart(2, "0")}`;
      if (leap !== undefined) return isLeapYear(shifted) ? `${shifted}-02-29` : `${shifted}-02-28`;
      return String(shifted);
    },
  );
}

/** A deep copy with every string's years moved, and the numbers under `startYear`/`endYear` too. */
function shiftDeep<T>(value: T, years: number): T {
  if (typeof value === "string") return shiftYearsInText(value, years) as T;
  if (Array.isArray(value)) return value.map((v) => shiftDeep(v, years)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] =
        (key === "startYear" || key === "endYear") && typeof v === "number" ? v + years : shiftDeep(v, years);
    }
    return out as T;
  }
  return value;
}

/** The demo partnership (strategy, plans, boards) moved to the calendar's years. */
export function partnershipOn(demo: DemoPartnership, calendar: DemoCalendar): DemoPartnership {
  return shiftDeep(demo, calendar.yearShift);
}

const QUARTERS: DemoQuarter[] = ["Q1", "Q2", "Q3", "Q4"];

/**
 * The live year's rounds up to the live quarter: earlier ones as written, the live one open, with its own
 * quarter's reports in the states the story's live round (Q4) gives each action.
 */
function liveYear(plan: DemoPlanProgress, liveQuarter: DemoQuarter): DemoPlanProgress {
  const live = QUARTERS.indexOf(liveQuarter);
  const storyLive = plan.rounds.find((r) => r.closedOn === undefined)?.quarter ?? "Q4";
  if (liveQuarter === storyLive) return plan;
  const rounds = plan.rounds
    .filter((r) => QUARTERS.indexOf(r.quarter) <= live)
    .map((r) => {
      if (r.quarter !== liveQuarter) return r;
      const { closedOn: _closed, ...open } = r;
      return open;
    });
  const actions = plan.actions.map((entry) => {
    const updates: Partial<Record<DemoQuarter, DemoUpdate>> = {};
    for (const q of QUARTERS.slice(0, live)) {
      const u = entry.updates[q];
      if (u) updates[q] = u;
    }
    const state = entry.updates[storyLive];
    const own = entry.updates[liveQuarter] ?? state;
    // No entry in the story's live round means nobody has started this quarter's update yet.
    if (state && own) {
      const status = state.status ?? "accepted";
      updates[liveQuarter] = {
        ...own,
        status,
        rating: status === "draft" && state.rating === null ? null : own.rating,
        reviewComment: status === "returned" ? state.reviewComment : undefined,
        daysLate: undefined,
      };
    }
    return { ...entry, updates };
  });
  return { ...plan, rounds, actions };
}

/** The progress history moved to the calendar's years, ending with the live round. */
export function progressOn(progress: DemoProgress, calendar: DemoCalendar): DemoProgress {
  const shifted = shiftDeep(progress, calendar.yearShift);
  const liveName = QUARTERS[calendar.liveQuarter.quarter - 1] ?? "Q4";
  return {
    ...shifted,
    plans: shifted.plans.map((plan, i) => (i === shifted.plans.length - 1 ? liveYear(plan, liveName) : plan)),
  };
}
