import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  compareIsoDates,
  dayNumberToIsoDate,
  daysBetween,
  daysInMonth,
  type FinancialYearStyle,
  financialYear,
  financialYearEnd,
  financialYearOf,
  financialYearStart,
  formatFinancialYear,
  formatMonth,
  formatQuarter,
  isIsoDate,
  isLeapYear,
  isoDateToDayNumber,
  monthLabel,
  monthOf,
  monthPeriod,
  nextPeriod,
  nextQuarter,
  type Period,
  parseFinancialYear,
  parseIsoDate,
  parseMonth,
  parsePeriod,
  parseQuarter,
  periodContains,
  previousPeriod,
  previousQuarter,
  type Quarter,
  quarterEnd,
  quarterOf,
  quarterPeriod,
  quarterStart,
  roundNameFor,
  roundQuarterFor,
  samePeriodLastYear,
  shiftPeriod,
  toIsoDate,
  ukDateOf,
  yearPeriod,
} from "../../src/domain/periods.ts";

// Dates from 1900 to 2200: the arithmetic works for years 1–9999, but these are the ones that matter.
const dayNumber = fc.integer({
  min: isoDateToDayNumber("1900-01-01"),
  max: isoDateToDayNumber("2199-12-31"),
});
const isoDate = dayNumber.map(dayNumberToIsoDate);
const startYear = fc.integer({ min: 1900, max: 2198 });
const quarter: fc.Arbitrary<Quarter> = fc.record({
  startYear,
  quarter: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
});
const month = fc.record({
  year: fc.integer({ min: 1900, max: 2199 }),
  month: fc.integer({ min: 1, max: 12 }),
});
const period: fc.Arbitrary<Period> = fc.oneof(
  startYear.map((y) => yearPeriod(financialYear(y))),
  quarter.map(quarterPeriod),
  month.map(monthPeriod),
);
const style = fc.constantFrom<FinancialYearStyle>("slash", "dash", "hyphen");

describe("ISO dates", () => {
  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["1900-02-29", false],
    ["2000-02-29", true],
    ["2024-04-31", false],
    ["2024-12-31", true],
    ["2024-13-01", false],
    ["2024-00-10", false],
    ["2024-01-00", false],
    ["2024-1-01", false],
    ["24-01-01", false],
    ["2024-01-01T00:00:00Z", false],
    [" 2024-01-01", false],
    ["0000-01-01", false],
    ["", false],
  ])("isIsoDate(%j) is %s", (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });

  it("knows leap years and month lengths", () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 9)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2025-10-15", 0)).toBe("2025-10-15");
    expect(addDays("2025-03-30", 1)).toBe("2025-03-31"); // the clocks change; the calendar does not care
    expect(daysBetween("2024-04-01", "2025-03-31")).toBe(364);
    expect(daysBetween("2025-03-31", "2024-04-01")).toBe(-364);
  });

  it("refuses what is not a date", () => {
    expect(() => addDays("2024-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => toIsoDate(2024, 2, 30)).toThrow(RangeError);
    expect(() => dayNumberToIsoDate(1.5)).toThrow(RangeError);
    expect(parseIsoDate("2024-06-15")).toEqual({ year: 2024, month: 6, day: 15 });
    expect(parseIsoDate("15/06/2024")).toBeNull();
  });

  it("agrees with JavaScript's UTC calendar on every day from 1900 to 2200", () => {
    fc.assert(
      fc.property(dayNumber, (n) => {
        expect(dayNumberToIsoDate(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips day numbers and dates, and addDays is consistent with daysBetween", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        expect(dayNumberToIsoDate(isoDateToDayNumber(date))).toBe(date);
        const later = addDays(date, days);
        expect(daysBetween(date, later)).toBe(days);
        expect(addDays(later, -days)).toBe(date);
        expect(compareIsoDates(later, date)).toBe(Math.sign(days));
        // String order is date order, which the period and deadline rules rely on.
        expect(date < later).toBe(days > 0);
      }),
    );
  });

  it("round-trips toIsoDate and parseIsoDate", () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const { year, month, day } = parseIsoDate(date)!;
        expect(toIsoDate(year, month, day)).toBe(date);
      }),
    );
  });

  it("takes today's date in England, not UTC or the server's zone", () => {
    // 23:30 UTC on 30 March 2025 is 00:30 on 31 March in British Summer Time.
    expect(ukDateOf(new Date("2025-03-30T23:30:00Z"))).toBe("2025-03-31");
    // In winter, England is on UTC.
    expect(ukDateOf(new Date("2025-01-31T23:30:00Z"))).toBe("2025-01-31");
    // 23:59 UTC on 31 March 2025 is already 1 April in England: a new financial year.
    expect(ukDateOf(new Date("2025-03-31T23:59:00Z"))).toBe("2025-04-01");
    expect(() => ukDateOf(new Date("nonsense"))).toThrow(RangeError);
  });
});

describe("financial years", () => {
  it("runs from 1 April to 31 March", () => {
    const fy = financialYear(2024);
    expect(financialYearStart(fy)).toBe("2024-04-01");
    expect(financialYearEnd(fy)).toBe("2025-03-31");
    expect(financialYearOf("2024-04-01")).toEqual({ startYear: 2024 });
    expect(financialYearOf("2025-03-31")).toEqual({ startYear: 2024 });
    expect(financialYearOf("2024-03-31")).toEqual({ startYear: 2023 });
    expect(() => financialYear(2024.5)).toThrow(RangeError);
  });

  it("is written 2024/25, 2024–25 or 2024-25", () => {
    expect(formatFinancialYear(financialYear(2024))).toBe("2024/25");
    expect(formatFinancialYear(financialYear(2024), "dash")).toBe("2024–25");
    expect(formatFinancialYear(financialYear(2024), "hyphen")).toBe("2024-25");
    expect(formatFinancialYear(financialYear(1999))).toBe("1999/00");
    expect(formatFinancialYear(financialYear(2009))).toBe("2009/10");
  });

  it.each([
    ["2024/25", 2024],
    ["2024-25", 2024],
    ["2024–25", 2024],
    ["2024—25", 2024],
    ["2024 / 25", 2024],
    ["2024/2025", 2024],
    ["24/25", 2024],
    ["24-25", 2024],
    ["FY2024/25", 2024],
    ["fy 24/25", 2024],
    ["FY24-25", 2024],
    ["2024 to 2025", 2024],
    ["  2017/18  ", 2017],
    ["1999/00", 1999],
    ["2099/00", 2099],
    ["99/00", 2099],
    ["2023-25", null],
    ["2024/24", null],
    ["2024/2026", null],
    ["24/2025", null],
    ["2024", null],
    ["2024/5", null],
    ["20245/26", null],
    ["FY", null],
    ["", null],
    ["2024-25-26", null],
  ])("reads %j as %j", (text, expected) => {
    expect(parseFinancialYear(text)).toEqual(expected === null ? null : { startYear: expected });
  });

  it("round-trips every style", () => {
    fc.assert(
      fc.property(startYear, style, (y, s) => {
        expect(parseFinancialYear(formatFinancialYear(financialYear(y), s))).toEqual({ startYear: y });
      }),
    );
  });

  it("never throws on any text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseFinancialYear(text);
        parseQuarter(text);
        parseMonth(text);
        parsePeriod(text);
      }),
    );
  });
});

describe("quarters", () => {
  it.each([
    ["2025-04-01", 2025, 1],
    ["2025-06-30", 2025, 1],
    ["2025-07-01", 2025, 2],
    ["2025-09-30", 2025, 2],
    ["2025-10-01", 2025, 3],
    ["2025-12-31", 2025, 3],
    ["2026-01-01", 2025, 4],
    ["2026-03-31", 2025, 4],
    ["2026-04-01", 2026, 1],
  ])("%s is in quarter %i/%i", (date, y, q) => {
    expect(quarterOf(date)).toEqual({ startYear: y, quarter: q });
  });

  it("knows each quarter's first and last day", () => {
    expect([1, 2, 3, 4].map((q) => quarterStart({ startYear: 2023, quarter: q as 1 | 2 | 3 | 4 }))).toEqual([
      "2023-04-01",
      "2023-07-01",
      "2023-10-01",
      "2024-01-01",
    ]);
    expect([1, 2, 3, 4].map((q) => quarterEnd({ startYear: 2023, quarter: q as 1 | 2 | 3 | 4 }))).toEqual([
      "2023-06-30",
      "2023-09-30",
      "2023-12-31",
      "2024-03-31",
    ]);
  });

  it("is written Q2 2025/26", () => {
    expect(formatQuarter({ startYear: 2025, quarter: 2 })).toBe("Q2 2025/26");
    expect(formatQuarter({ startYear: 2025, quarter: 2 }, "hyphen")).toBe("Q2 2025-26");
  });

  it.each([
    ["Q2 2025/26", { startYear: 2025, quarter: 2 }],
    ["Q2 2025-26", { startYear: 2025, quarter: 2 }],
    ["q2 2025–26", { startYear: 2025, quarter: 2 }],
    ["2025/26 Q2", { startYear: 2025, quarter: 2 }],
    ["2025-26 q4", { startYear: 2025, quarter: 4 }],
    ["Q1 FY24/25", { startYear: 2024, quarter: 1 }],
    ["Quarter 3 2019/20", { startYear: 2019, quarter: 3 }],
    ["Q3, 2019/20", { startYear: 2019, quarter: 3 }],
    ["  Q4 2017/18 ", { startYear: 2017, quarter: 4 }],
    ["Q5 2025/26", null],
    ["Q0 2025/26", null],
    ["Q2", null],
    ["Q2 2025", null],
    ["Q2 2025/27", null],
    ["2025/26", null],
    ["Q2 2025/26 Q3", null],
  ])("reads %j", (text, expected) => {
    expect(parseQuarter(text)).toEqual(expected);
  });

  it("round-trips", () => {
    fc.assert(
      fc.property(quarter, style, (q, s) => {
        expect(parseQuarter(formatQuarter(q, s))).toEqual(q);
        const [qText, yText] = formatQuarter(q, s).split(" ");
        expect(parseQuarter(`${yText} ${qText}`)).toEqual(q);
      }),
    );
  });

  it("steps back and forward, wrapping the financial year", () => {
    expect(previousQuarter({ startYear: 2025, quarter: 1 })).toEqual({ startYear: 2024, quarter: 4 });
    expect(nextQuarter({ startYear: 2024, quarter: 4 })).toEqual({ startYear: 2025, quarter: 1 });
    fc.assert(
      fc.property(quarter, (q) => {
        expect(nextQuarter(previousQuarter(q))).toEqual(q);
        expect(addDays(quarterStart(q), -1)).toBe(quarterEnd(previousQuarter(q)));
        expect(addDays(quarterEnd(q), 1)).toBe(quarterStart(nextQuarter(q)));
      }),
    );
  });

  it("puts every date in exactly one quarter, inside that quarter's financial year", () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const q = quarterOf(date);
        expect(quarterStart(q) <= date && date <= quarterEnd(q)).toBe(true);
        const neighbours = [previousQuarter(q), nextQuarter(q)];
        for (const other of neighbours) {
          expect(quarterStart(other) <= date && date <= quarterEnd(other)).toBe(false);
        }
        const fy = financialYearOf(date);
        expect(fy.startYear).toBe(q.startYear);
        expect(financialYearStart(fy) <= date && date <= financialYearEnd(fy)).toBe(true);
        expect(periodContains(quarterPeriod(q), date)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("tiles the financial year with four quarters and no gaps", () => {
    fc.assert(
      fc.property(startYear, (y) => {
        const fy = financialYear(y);
        const quarters = ([1, 2, 3, 4] as const).map((n) => ({ startYear: y, quarter: n }));
        expect(quarterStart(quarters[0]!)).toBe(financialYearStart(fy));
        expect(quarterEnd(quarters[3]!)).toBe(financialYearEnd(fy));
        const length = quarters.reduce((sum, q) => sum + daysBetween(quarterStart(q), quarterEnd(q)) + 1, 0);
        expect(length).toBe(daysBetween(financialYearStart(fy), financialYearEnd(fy)) + 1);
      }),
    );
  });
});

describe("update round names", () => {
  it.each([
    ["2019-10-15", "Q2 2019/20"], // "Q2 2019/20 updates, due 15 October"
    ["2025-10-01", "Q2 2025/26"],
    ["2025-09-20", "Q2 2025/26"], // opened just before the quarter ends
    ["2025-09-30", "Q2 2025/26"],
    ["2025-11-14", "Q2 2025/26"],
    ["2025-11-16", "Q3 2025/26"],
    ["2026-01-10", "Q3 2025/26"],
    ["2026-03-25", "Q4 2025/26"],
    ["2026-04-15", "Q4 2025/26"], // year-end updates
    ["2025-07-10", "Q1 2025/26"],
  ])("suggests a round around %s is %s", (date, name) => {
    expect(roundNameFor(date)).toBe(name);
  });

  it("always names the quarter whose end is nearest", () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const chosen = roundQuarterFor(date);
        const distance = (q: Quarter) => Math.abs(daysBetween(quarterEnd(q), date));
        const current = quarterOf(date);
        for (const q of [
          previousQuarter(previousQuarter(current)),
          previousQuarter(current),
          current,
          nextQuarter(current),
        ]) {
          expect(distance(chosen)).toBeLessThanOrEqual(distance(q));
        }
        expect(parseQuarter(roundNameFor(date))).toEqual(chosen);
      }),
    );
  });
});

describe("months", () => {
  it("is written 2024-06 and read as June 2024", () => {
    expect(formatMonth({ year: 2024, month: 6 })).toBe("2024-06");
    expect(monthLabel({ year: 2024, month: 6 })).toBe("June 2024");
    expect(monthOf("2024-06-30")).toEqual({ year: 2024, month: 6 });
  });

  it.each([
    ["2024-06", { year: 2024, month: 6 }],
    ["June 2024", { year: 2024, month: 6 }],
    ["jun 2024", { year: 2024, month: 6 }],
    ["Sept 2024", { year: 2024, month: 9 }],
    ["Jan. 2025", { year: 2025, month: 1 }],
    ["2024-13", null],
    ["2024-00", null],
    ["2024-6", null],
    ["Ju 2024", null],
    ["Junes 2024", null],
    ["June", null],
  ])("reads %j", (text, expected) => {
    expect(parseMonth(text)).toEqual(expected);
  });

  it("round-trips both forms", () => {
    fc.assert(
      fc.property(month, (m) => {
        expect(parseMonth(formatMonth(m))).toEqual(m);
        expect(parseMonth(monthLabel(m))).toEqual(m);
      }),
    );
  });
});

describe("periods", () => {
  it("reads years, quarters and months", () => {
    expect(parsePeriod("2023-24")).toEqual({
      kind: "year",
      start: "2023-04-01",
      end: "2024-03-31",
      label: "2023/24",
    });
    expect(parsePeriod("Q2 2023/24")).toEqual({
      kind: "quarter",
      start: "2023-07-01",
      end: "2023-09-30",
      label: "Q2 2023/24",
    });
    expect(parsePeriod("2024-06")).toEqual({
      kind: "month",
      start: "2024-06-01",
      end: "2024-06-30",
      label: "June 2024",
    });
    expect(parsePeriod("February 2024")?.end).toBe("2024-02-29");
  });

  it.each([
    "2023-25",
    "2023/25",
    "garbage",
    "",
    "Q2",
    "2024-13",
    "Q5 2023/24",
    "2023/24/25",
    "2024-06-01",
  ])("returns null for %j", (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  it("reads the ambiguous YYYY-MM as a month, and YYYY/YY as the financial year", () => {
    expect(parsePeriod("2010-11")?.kind).toBe("month");
    expect(parsePeriod("2010-11")?.label).toBe("November 2010");
    expect(parsePeriod("2010/11")?.label).toBe("2010/11");
    expect(parsePeriod("2010–11")?.kind).toBe("year");
    expect(parseFinancialYear("2010-11")).toEqual({ startYear: 2010 });
  });

  it("round-trips every label", () => {
    fc.assert(
      fc.property(period, (p) => {
        expect(parsePeriod(p.label)).toEqual(p);
      }),
    );
  });

  it("has a start on or before its end, and a label that names its kind", () => {
    fc.assert(
      fc.property(period, (p) => {
        expect(p.start <= p.end).toBe(true);
        expect(periodContains(p, p.start) && periodContains(p, p.end)).toBe(true);
        expect(periodContains(p, addDays(p.start, -1)) || periodContains(p, addDays(p.end, 1))).toBe(false);
      }),
    );
  });

  it("steps to the period just before, wrapping the financial year", () => {
    expect(previousPeriod(parsePeriod("Q1 2025/26")!).label).toBe("Q4 2024/25");
    expect(previousPeriod(parsePeriod("Q3 2025/26")!).label).toBe("Q2 2025/26");
    expect(previousPeriod(parsePeriod("2025/26")!).label).toBe("2024/25");
    expect(previousPeriod(parsePeriod("2025-01")!).label).toBe("December 2024");
    expect(nextPeriod(parsePeriod("Q4 2024/25")!).label).toBe("Q1 2025/26");
    expect(nextPeriod(parsePeriod("2024-12")!).label).toBe("January 2025");
  });

  it("makes the previous period end the day before the period starts", () => {
    fc.assert(
      fc.property(period, (p) => {
        const before = previousPeriod(p);
        expect(before.kind).toBe(p.kind);
        expect(before.end).toBe(addDays(p.start, -1));
        expect(nextPeriod(before)).toEqual(p);
      }),
    );
  });

  it("gives the previous quarter as the quarter before", () => {
    fc.assert(
      fc.property(quarter, (q) => {
        expect(previousPeriod(quarterPeriod(q))).toEqual(quarterPeriod(previousQuarter(q)));
      }),
    );
  });

  it("gives the same period last year", () => {
    expect(samePeriodLastYear(parsePeriod("Q2 2025/26")!).label).toBe("Q2 2024/25");
    expect(samePeriodLastYear(parsePeriod("2025/26")!).label).toBe("2024/25");
    expect(samePeriodLastYear(parsePeriod("2024-02")!).end).toBe("2023-02-28");
    fc.assert(
      fc.property(period, (p) => {
        const last = samePeriodLastYear(p);
        expect(last.kind).toBe(p.kind);
        expect(Number(last.start.slice(0, 4))).toBe(Number(p.start.slice(0, 4)) - 1);
        expect(last.start.slice(4)).toBe(p.start.slice(4));
      }),
    );
  });

  it("shifts by any number of steps consistently", () => {
    fc.assert(
      fc.property(period, fc.integer({ min: -30, max: 30 }), fc.integer({ min: -30, max: 30 }), (p, a, b) => {
        expect(shiftPeriod(shiftPeriod(p, a), b)).toEqual(shiftPeriod(p, a + b));
      }),
    );
    expect(() => shiftPeriod(parsePeriod("2024/25")!, 0.5)).toThrow(RangeError);
  });
});
