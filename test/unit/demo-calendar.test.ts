import { describe, expect, it } from "vitest";
import { ashvale } from "../../src/demo/ashvale.ts";
import { ashvaleProgress } from "../../src/demo/ashvale-progress.ts";
import { ashvaleIndicators } from "../../src/demo/ashvale-statistics.ts";
import {
  demoCalendar,
  partnershipOn,
  progressOn,
  STORY_DAY,
  shiftIsoDate,
  shiftYearsInText,
} from "../../src/demo/calendar.ts";
import {
  financialYearOf,
  formatQuarter,
  isIsoDate,
  previousQuarter,
  quarterEnd,
  quarterOf,
} from "../../src/domain/periods.ts";

// Whatever day the demo is loaded, it must look current: the strategy covers the day, the live round
// is the quarter just ended, accepted history runs up to it, and the latest figures are for it.

const DAYS = [
  "2026-12-03",
  "2027-03-31",
  "2027-04-01",
  "2027-06-30",
  "2027-07-01",
  "2028-02-29",
  "2031-10-15",
];

function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsOf);
  return [];
}

describe("the demo calendar", () => {
  it("loads the story exactly as written on the story's own day", () => {
    const calendar = demoCalendar(STORY_DAY);
    expect(calendar.yearShift).toBe(0);
    expect(partnershipOn(ashvale, calendar)).toEqual(ashvale);
    expect(progressOn(ashvaleProgress, calendar)).toEqual(ashvaleProgress);
  });

  it("moves years in text, financial years with both halves, and 29 February", () => {
    expect(shiftYearsInText("Q4 2024/25 and the 2025–26 plan, from 1 October 2024", 2)).toBe(
      "Q4 2026/27 and the 2027–28 plan, from 1 October 2026",
    );
    expect(shiftYearsInText("2024-2029 strategy; 2099/00", 1)).toBe("2025-2030 strategy; 2100/01");
    expect(shiftYearsInText("due 2024-02-29", 1)).toBe("due 2025-02-28");
    expect(shiftIsoDate("2024-02-29", 4)).toBe("2028-02-29");
    expect(shiftIsoDate("2024-02-29", -1)).toBe("2023-02-28");
    expect(shiftYearsInText("Repeat rate 36%, 1,250 calls, 12 schools", 3)).toBe(
      "Repeat rate 36%, 1,250 calls, 12 schools",
    );
  });

  for (const today of DAYS) {
    describe(`loaded on ${today}`, () => {
      const calendar = demoCalendar(today);
      const demo = partnershipOn(ashvale, calendar);
      const progress = progressOn(ashvaleProgress, calendar);
      const live = previousQuarter(quarterOf(today));

      it("has a strategy whose period covers today, and valid dates everywhere", () => {
        const fy = financialYearOf(today).startYear;
        expect(demo.strategy.startYear).toBeLessThanOrEqual(fy);
        expect(demo.strategy.endYear).toBeGreaterThanOrEqual(fy);
        const dates = stringsOf([demo, progress]).filter((s) => /^\d{4}-\d{2}-\d{2}$/.test(s));
        expect(dates.length).toBeGreaterThan(50);
        for (const d of dates) expect(isIsoDate(d), d).toBe(true);
      });

      it("has one open round, for the quarter just ended, after closed rounds up to the one before", () => {
        const rounds = progress.plans.flatMap((p) => p.rounds);
        const open = rounds.filter((r) => r.closedOn === undefined);
        expect(open.map((r) => r.name)).toEqual([formatQuarter(live)]);
        expect(rounds.at(-1)?.name).toBe(formatQuarter(live));
        const closed = rounds.slice(0, -1);
        expect(closed.at(-1)?.name).toBe(formatQuarter(previousQuarter(live)));
        for (const r of closed) expect(r.closedOn! <= today, r.name).toBe(true);
        // The live round's period has ended; the plan it belongs to is the year it falls in.
        expect(quarterEnd(live) < today).toBe(true);
        const livePlan = demo.actionPlans.at(-1)!;
        expect(livePlan.startsOn <= quarterEnd(live) && quarterEnd(live) <= livePlan.endsOn).toBe(true);
      });

      it("has accepted updates in every closed round and updates in several states in the open one", () => {
        const plans = progress.plans;
        for (const plan of plans) {
          for (const round of plan.rounds) {
            const states = plan.actions.flatMap((a) => {
              const u = a.updates[round.quarter];
              return u ? [u.status ?? "accepted"] : [];
            });
            if (round.closedOn !== undefined) {
              expect(states.length, round.name).toBeGreaterThan(5);
              expect(new Set(states), round.name).toEqual(new Set(["accepted"]));
            } else {
              for (const state of ["draft", "submitted", "returned", "accepted"]) {
                expect(states, `${round.name} ${state}`).toContain(state);
              }
            }
          }
        }
      });

      it("has key statistics up to the quarter just ended and the last financial year that has ended", () => {
        const indicators = ashvaleIndicators(calendar);
        const quarterly = indicators.flatMap((d) => d.figures).filter((f) => f.period.kind === "quarter");
        const yearly = indicators.flatMap((d) => d.figures).filter((f) => f.period.kind === "year");
        const latestQuarter = quarterly
          .map((f) => f.period.end)
          .sort()
          .at(-1);
        expect(latestQuarter).toBe(quarterEnd(live));
        const latestYear = yearly
          .map((f) => f.period.end)
          .sort()
          .at(-1)!;
        expect(latestYear < today).toBe(true);
        expect(latestYear >= shiftIsoDate(today, -1)).toBe(true);
        // Targets and baselines moved with the figures: a target date is still ahead of the baseline.
        for (const d of indicators) {
          if (d.baseline && d.target) expect(d.target.date > d.baseline.period.end).toBe(true);
        }
      });
    });
  }
});
