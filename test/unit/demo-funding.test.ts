import { describe, expect, it } from "vitest";
import { ashvale } from "../../src/demo/ashvale.ts";
import { ashvaleFunding, fundingOn, spendReturns } from "../../src/demo/ashvale-funding.ts";
import { demoCalendar, partnershipOn, STORY_DAY } from "../../src/demo/calendar.ts";
import { daysBetween } from "../../src/domain/calendar-dates.ts";

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("Ashvale's demo money", () => {
  const story = ashvaleFunding;

  it("pools £34,500 from four bodies as 3 × £8,000 + £10,500, one not yet received", () => {
    const pot = story.streams.find((s) => s.kind === "pooled_budget")!;
    const amounts = pot.contributions.map((c) => c.amountPence);
    expect(amounts.filter((a) => a === 800_000)).toHaveLength(3);
    expect(amounts).toContain(1_050_000);
    expect(sum(amounts)).toBe(3_450_000);
    expect(pot.contributions.filter((c) => !c.received)).toHaveLength(1);
    expect(pot.decisionReference).toMatch(/^Decision \d{4}-\d{8}$/);
  });

  it("never allocates more of a stream in a year than the year's contributions", () => {
    for (const s of story.streams) {
      for (let year = s.firstYearStart; year <= s.lastYearStart; year++) {
        const held = sum(s.contributions.filter((c) => c.yearStart === year).map((c) => c.amountPence));
        const allocated = sum(
          story.allocations
            .filter((a) => a.stream === s.key && a.yearStart === year)
            .map((a) => a.amountPence),
        );
        expect(held, `${s.name} ${year}`).toBeGreaterThan(0);
        expect(allocated, `${s.name} ${year}`).toBeLessThanOrEqual(held);
      }
    }
    // Every allocation's stream exists and covers the allocation's year.
    for (const a of story.allocations) {
      const s = story.streams.find((x) => x.key === a.stream)!;
      expect(a.yearStart).toBeGreaterThanOrEqual(s.firstYearStart);
      expect(a.yearStart).toBeLessThanOrEqual(s.lastYearStart);
    }
  });

  it("allocates to a dozen of the current plan's actions, each of them in the plan", () => {
    const plans = new Map(ashvale.actionPlans.map((p) => [p.name, p]));
    const targets = story.allocations.flatMap((a) => ("plan" in a.target ? [a.target] : []));
    for (const t of targets) {
      const matches = plans.get(t.plan)!.actions.filter((x) => x.what.startsWith(t.action));
      expect(matches, t.action).toHaveLength(1);
    }
    const current = ashvale.actionPlans.at(-1)!.name;
    expect(new Set(targets.filter((t) => t.plan === current).map((t) => t.action)).size).toBe(12);
  });

  it("keeps every amount in whole pounds of whole pence, and spend returns exact", () => {
    for (const a of story.allocations) {
      expect(Number.isSafeInteger(a.amountPence)).toBe(true);
      const returns = spendReturns(a, 4);
      expect(returns.map((r) => r.quarter)).toEqual([1, 2, 3, 4]);
      for (const r of returns) {
        for (const v of [r.budgetPence, r.committedPence, r.actualPence, r.forecastPence])
          expect(Number.isSafeInteger(v) && v % 100 === 0).toBe(true);
        expect(r.budgetPence).toBe(a.amountPence);
        expect(r.committedPence).toBeGreaterThanOrEqual(r.actualPence);
      }
      // Year to date: actual never falls, and the year ends at the forecast outturn.
      for (let i = 1; i < 4; i++)
        expect(returns[i]!.actualPence).toBeGreaterThanOrEqual(returns[i - 1]!.actualPence);
      expect(returns[3]!.actualPence).toBe(returns[3]!.forecastPence);
    }
  });

  it("has exactly one variance past the 10% threshold, and it is explained", () => {
    const past = story.allocations.filter((a) => {
      const r = spendReturns(a, 1)[0]!;
      return (
        Math.abs(r.forecastPence - r.budgetPence) * 100 >= story.varianceThresholdPercent * r.budgetPence
      );
    });
    expect(past).toHaveLength(1);
    expect(past[0]!.spend.explanation?.length).toBeGreaterThan(40);
    const explained = story.allocations.filter((a) => a.spend.explanation);
    expect(explained).toEqual(past);
  });
});

describe("the demo money moved to the load day", () => {
  it("spans the story's two plan years with spend up to the live quarter", () => {
    const calendar = demoCalendar("2026-12-03"); // live quarter Q2 2026/27
    const funding = fundingOn(ashvaleFunding, calendar);
    const plans = partnershipOn(ashvale, calendar).actionPlans.map((p) => p.name);
    const years = [...new Set(funding.allocations.map((a) => a.yearStart))].sort();
    expect(years).toEqual([2025, 2026]);
    for (const a of funding.allocations) {
      if ("plan" in a.target) expect(plans).toContain(a.target.plan);
      const quarters = a.returns.map((r) => r.quarter);
      if (a.yearStart === 2025) expect(quarters).toEqual([1, 2, 3, 4]);
      else expect(quarters).toEqual(a.spend.liveQuarterEntered ? [1, 2] : [1]);
    }
    // The pooled pot's contributions still add up after the move.
    const pot = funding.streams.find((s) => s.kind === "pooled_budget")!;
    expect(pot.contributions.every((c) => c.yearStart === 2026)).toBe(true);
    expect(pot.decisionReference).toBe("Decision 2026-00318846");
  });

  it("keeps the contracts current whatever the day", () => {
    for (const today of [STORY_DAY, "2026-12-03", "2027-07-31", "2029-02-28"]) {
      const { contracts } = fundingOn(ashvaleFunding, demoCalendar(today));
      const running = contracts.find((c) => c.extensionDecisionDueOn !== null)!;
      // Mid-term: started years ago, ends within a year, the extension decision due within months.
      expect(running.startsOn < today && today < running.endsOn).toBe(true);
      expect(daysBetween(today, running.endsOn)).toBeLessThan(366);
      const due = daysBetween(today, running.extensionDecisionDueOn!);
      expect(due > 0 && due < 120).toBe(true);
      expect(running.latestEndOn > running.endsOn).toBe(true);

      const procuring = contracts.find((c) => c.extensionDecisionDueOn === null)!;
      expect(procuring.startsOn > today).toBe(true);
      const done = procuring.milestones.filter((m) => m.actualOn !== null);
      const overdue = procuring.milestones.filter((m) => m.actualOn === null && m.plannedOn < today);
      expect(done.length).toBeGreaterThanOrEqual(2);
      expect(overdue).toHaveLength(1);
      expect(done.every((m) => m.actualOn! <= today)).toBe(true);
      // Milestones are in date order, as a timeline reads them.
      const planned = procuring.milestones.map((m) => m.plannedOn);
      expect(planned).toEqual([...planned].sort());
    }
  });
});
