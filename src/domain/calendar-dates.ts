// Calendar dates: ISO "YYYY-MM-DD" days, their arithmetic, and the day and time in England at an
// instant. Reporting periods (financial years, quarters, months) are built on these in periods.ts.
//
// Pure: no I/O, no imports, and no JavaScript Date arithmetic. WHY: a date here is a calendar day in
// England, written "YYYY-MM-DD". Date objects carry a time and a time zone, and "31 March" turning
// into "30 March" on a server set to UTC during British Summer Time is exactly the bug that puts an
// update in the wrong quarter. All arithmetic is on whole day numbers, so it is the same everywhere.

/** A calendar date written "YYYY-MM-DD" (years 0001–9999). Compare with < and >, which is safe here. */
export type IsoDate = string;

export interface CalendarDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

/** The years a date here may have. */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

/** True for years divisible by 4, except centuries not divisible by 400 (the Gregorian rule). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Reads "YYYY-MM-DD" strictly (a real calendar day, no time part); null otherwise. */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isValidCalendarDate(year, month, day) ? { year, month, day } : null;
}

/** True when `text` is a real calendar date written "YYYY-MM-DD". */
export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

/** The calendar date of "YYYY-MM-DD"; RangeError naming `what` otherwise. */
export function requireIsoDate(text: IsoDate, what = "date"): CalendarDate {
  const parsed = parseIsoDate(text);
  if (parsed === null)
    throw new RangeError(`The ${what} must be a calendar date written YYYY-MM-DD, not "${text}"`);
  return parsed;
}

/** Writes a calendar date as "YYYY-MM-DD"; RangeError if it is not a real date in years 1–9999. */
export function toIsoDate(year: number, month: number, day: number): IsoDate {
  if (!isValidCalendarDate(year, month, day)) {
    throw new RangeError(`Not a calendar date: year ${year}, month ${month}, day ${day}`);
  }
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// Day numbers: days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's
// days_from_civil / civil_from_days), integer arithmetic only.
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(days: number): CalendarDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Days since 1970-01-01 (negative before). Useful for differences and for generating dates. */
export function isoDateToDayNumber(date: IsoDate): number {
  const { year, month, day } = requireIsoDate(date);
  return dayNumber(year, month, day);
}

/** The date `days` after 1970-01-01; RangeError outside years 1–9999. */
export function dayNumberToIsoDate(days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`A day number must be a whole number, not ${days}`);
  const { year, month, day } = fromDayNumber(days);
  return toIsoDate(year, month, day);
}

/** The date `days` days after `date` (before, when negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return dayNumberToIsoDate(isoDateToDayNumber(date) + days);
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return isoDateToDayNumber(to) - isoDateToDayNumber(from);
}

/** -1, 0 or 1, for sorting. Validates both dates, unlike a bare string comparison. */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const difference = daysBetween(b, a);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

const LONDON_DATE = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/**
 * The calendar date in England at an instant, e.g. for "today" from the clock. WHY: deadlines are UK
 * dates, and at 00:30 on 1 April in British Summer Time the UTC date is still 31 March; taking the
 * date in Europe/London (not the server's zone, not UTC) puts late-night submissions on the right day.
 */
export function ukDateOf(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Not a valid instant");
  const parts = LONDON_DATE.formatToParts(instant);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return toIsoDate(part("year"), part("month"), part("day"));
}

const LONDON_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const LONDON_LONG_DATE = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/**
 * When something happened, as a sentence ends: "at 10:42" the same day in England, otherwise
 * "on 2 December 2026 at 10:42". For messages such as "You accepted this update at 10:42".
 */
export function describeWhen(at: Date, now: Date): string {
  const time = LONDON_TIME.format(at);
  return ukDateOf(at) === ukDateOf(now) ? `at ${time}` : `on ${LONDON_LONG_DATE.format(at)} at ${time}`;
}
