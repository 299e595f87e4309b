import { addDays, daysInMonth, isoDateToDayNumber, parseIsoDate, toIsoDate } from "../calendar-dates.ts";
import { MEETING_FREQUENCIES, type MeetingFrequency } from "./vocabulary.ts";

// Planning a year of meetings from a board's frequency. Committees fix their dates by a rule such as
// "the third Wednesday of the quarter's first month", so the default keeps the first meeting's
// weekday and its place in the month; the other rule keeps the day of the month. Six-weekly boards
// meet every 42 days (a fixed interval: a month-based rule cannot give six weeks).
//
// The rule, exactly:
// - "weekday": the n-th <weekday> of each month, every k months from the first date (k from the
//   frequency: monthly 1, two-monthly 2, quarterly 3, three times a year 4, twice a year 6, yearly 12).
//   A first date in the month's last seven days that is also its 5th such weekday means "the last
//   <weekday>" (there is not always a fifth), so 29 January 2025 (the 5th Wednesday) gives the last
//   Wednesday of April, July and October.
// - "day-of-month": the same day of the month every k months, the month's last day when it is
//   shorter (31 January → 30 April).
// - six-weekly: every 42 days, whatever the rule. "As needed": only the first date.
// A year ahead means 12 ÷ k meetings (four quarterly ones), or for six-weekly boards every date
// before the first date's anniversary.

export type PlanRule = "weekday" | "day-of-month";

/** 0 = Monday … 6 = Sunday. 2024-01-01 was a Monday. */
export function weekdayOf(date: string): number {
  const offset = isoDateToDayNumber(date) - isoDateToDayNumber("2024-01-01");
  return ((offset % 7) + 7) % 7;
}

/** The n-th (1–4) or, with n = "last", the last given weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number | "last"): string {
  if (n === "last") {
    const last = toIsoDate(year, month, daysInMonth(year, month));
    return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
  }
  const first = toIsoDate(year, month, 1);
  return addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7);
}

function addMonths(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The dates of a year of meetings from the first one, by the board's frequency and the rule. */
export function planMeetingDates(
  first: string,
  frequency: MeetingFrequency,
  rule: PlanRule = "weekday",
): string[] {
  const start = parseIsoDate(first);
  if (!start) throw new Error(`not a date: ${first}`);
  const spacing = MEETING_FREQUENCIES.find((f) => f.value === frequency)?.monthsApart ?? null;
  if (spacing === null) return [first];
  const dates: string[] = [];
  if (!Number.isInteger(spacing)) {
    // Every six weeks: a fixed interval, until the first date's anniversary.
    const anniversary = toIsoDate(
      start.year + 1,
      start.month,
      Math.min(start.day, daysInMonth(start.year + 1, start.month)),
    );
    for (let date = first; date < anniversary; date = addDays(date, 42)) dates.push(date);
    return dates;
  }
  const weekday = weekdayOf(first);
  const ordinal = Math.ceil(start.day / 7);
  const n: number | "last" = ordinal >= 5 ? "last" : ordinal;
  for (let step = 0; step < 12 / spacing; step += 1) {
    const { year, month } = addMonths(start.year, start.month, step * spacing);
    const date =
      step === 0
        ? first
        : rule === "weekday"
          ? nthWeekday(year, month, weekday, n)
          : toIsoDate(year, month, Math.min(start.day, daysInMonth(year, month)));
    dates.push(date);
  }
  return dates;
}
