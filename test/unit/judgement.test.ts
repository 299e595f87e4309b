import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Polarity, UnitSpec } from "../../src/domain/indicators.ts";
import {
  bandFor,
  comparatorSentence,
  directionOfTravel,
  expectedProgress,
  expectedValue,
  type Figure,
  figure,
  rateAgainstTarget,
  type TargetRating,
} from "../../src/domain/judgement.ts";
import { defaultThresholds, readThresholds, type Thresholds } from "../../src/domain/thresholds.ts";

const count: UnitSpec = { unit: "count" };
const percent: UnitSpec = { unit: "percentage" };
const rate: UnitSpec = { unit: "rate", rateBase: 1000, populationLabel: "people aged 16+" };
const v = (value: number): Figure => ({ state: "value", value });
const SUPPRESSED: Figure = { state: "suppressed" };
const MISSING: Figure = { state: "missing" };

const target = (
  value: number,
  target: number | null,
  polarity: Polarity,
  thresholds = defaultThresholds("count"),
) =>
  rateAgainstTarget({
    spec: count,
    polarity,
    thresholds,
    target,
    latest: v(value),
    latestLabel: "Q2 2024/25",
  });

const severity: Record<TargetRating, number> = { green: 0, amber: 1, red: 2 };

describe("rating against target", () => {
  it("is Green at or better than the target, Amber within 5% short, Red beyond, for up-is-good", () => {
    expect(target(100, 100, "up").outcome).toBe("green");
    expect(target(120, 100, "up").outcome).toBe("green");
    expect(target(95, 100, "up").outcome).toBe("amber");
    expect(target(94, 100, "up").outcome).toBe("red");
  });

  it("honours down-is-good", () => {
    expect(target(80, 100, "down").outcome).toBe("green");
    expect(target(105, 100, "down").outcome).toBe("amber");
    expect(target(106, 100, "down").outcome).toBe("red");
  });

  it("treats 'neither' as a point to hit", () => {
    expect(target(100, 100, "neither").outcome).toBe("green");
    expect(target(104, 100, "neither").outcome).toBe("amber");
    expect(target(96, 100, "neither").outcome).toBe("amber");
    expect(target(110, 100, "neither").outcome).toBe("red");
  });

  it("uses absolute thresholds in the unit's own terms", () => {
    const t: Thresholds = {
      ...defaultThresholds("percentage"),
      measure: "absolute",
      bands: [
        { rating: "green", shortfall: 1 },
        { rating: "amber", shortfall: 3 },
      ],
    };
    const judge = (x: number) =>
      rateAgainstTarget({
        spec: percent,
        polarity: "down",
        thresholds: t,
        target: 40,
        latest: v(x),
        latestLabel: "Q1",
      }).outcome;
    expect(judge(41)).toBe("green");
    expect(judge(42.5)).toBe("amber");
    expect(judge(43.5)).toBe("red");
  });

  it("explains itself with the rule and the figures", () => {
    const j = rateAgainstTarget({
      spec: percent,
      polarity: "down",
      thresholds: defaultThresholds("percentage"),
      target: 40,
      latest: v(41.2),
      latestLabel: "Q2 2024/25",
    });
    expect(j.summary).toBe("Amber: 41.2% is 1.2 percentage points short of the target of 40.0% (Q2 2024/25)");
    expect(j.rule).toBe(
      "Green when at or better than the target of 40.0%; Amber when no more than 5% of the target of 40.0% short of it; otherwise Red. Down is good.",
    );
  });

  it("gives no judgement for a suppressed or missing figure or no target, never a guess", () => {
    const base = {
      spec: count,
      polarity: "up" as const,
      thresholds: defaultThresholds("count"),
      latestLabel: "Q2 2024/25",
    };
    const suppressed = rateAgainstTarget({ ...base, target: 10, latest: SUPPRESSED });
    expect(suppressed).toMatchObject({ judged: false, outcome: "none" });
    expect(suppressed.summary).toBe(
      "No judgement: the figure for Q2 2024/25 is suppressed, so it cannot be judged",
    );
    expect(suppressed.rule).toContain("Green when");
    expect(rateAgainstTarget({ ...base, target: 10, latest: MISSING }).summary).toBe(
      "No judgement: there is no figure for Q2 2024/25",
    );
    expect(rateAgainstTarget({ ...base, target: null, latest: v(3) }).judged).toBe(false);
  });

  it("never rates a better figure worse (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Polarity>("up", "down"),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (polarity, goal, a, b) => {
          const [worse, better] =
            polarity === "up" ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)];
          const rw = target(worse, goal, polarity).outcome as TargetRating;
          const rb = target(better, goal, polarity).outcome as TargetRating;
          expect(severity[rb]).toBeLessThanOrEqual(severity[rw]);
        },
      ),
    );
  });

  it("is Green exactly when at or better than target with the default bands (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 20_000 }), (goal, value) => {
        expect(target(value, goal, "up").outcome === "green").toBe(value >= goal);
        expect(target(value, goal, "down").outcome === "green").toBe(value <= goal);
      }),
    );
  });

  it("picks the first band that fits, in order", () => {
    const t: Thresholds = {
      measure: "absolute",
      bands: [
        { rating: "green", shortfall: 0 },
        { rating: "amber", shortfall: 10 },
      ],
      noChange: { measure: "relative", amount: 2 },
    };
    expect(bandFor(t, -3)).toBe("green");
    expect(bandFor(t, 0)).toBe("green");
    expect(bandFor(t, 10)).toBe("amber");
    expect(bandFor(t, 10.01)).toBe("red");
  });
});

describe("thresholds", () => {
  it("accepts the defaults and refuses disordered bands", () => {
    expect(readThresholds(defaultThresholds("rate")).ok).toBe(true);
    const bad = readThresholds({
      measure: "relative",
      bands: [
        { rating: "green", shortfall: 5 },
        { rating: "amber", shortfall: 5 },
      ],
      noChange: { measure: "relative", amount: 2 },
    });
    expect(bad).toEqual({
      ok: false,
      errors: ["Each threshold must allow a larger shortfall than the one before"],
    });
    expect(
      readThresholds({
        measure: "relative",
        bands: [
          { rating: "amber", shortfall: 1 },
          { rating: "green", shortfall: 5 },
        ],
        noChange: { measure: "relative", amount: 2 },
      }).ok,
    ).toBe(false);
    expect(readThresholds(null).ok).toBe(false);
  });
});

describe("expected progress", () => {
  const baseline = { value: 50, date: "2020-03-31" };
  const goal = { value: 40, date: "2025-03-31" };

  it("runs a straight line from baseline to target, held at both ends", () => {
    expect(expectedValue(baseline, goal, "2020-03-31")).toBe(50);
    expect(expectedValue(baseline, goal, "2025-03-31")).toBe(40);
    expect(expectedValue(baseline, goal, "2019-01-01")).toBe(50);
    expect(expectedValue(baseline, goal, "2030-01-01")).toBe(40);
    expect(expectedValue(baseline, goal, "2022-09-30")).toBeCloseTo(45, 1);
  });

  it("stays between baseline and target (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 5000 }),
        (b, t, day) => {
          const date = new Date(Date.UTC(2018, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
          const e = expectedValue({ value: b, date: "2020-03-31" }, { value: t, date: "2025-03-31" }, date);
          expect(e).toBeGreaterThanOrEqual(Math.min(b, t) - 1e-6);
          expect(e).toBeLessThanOrEqual(Math.max(b, t) + 1e-6);
        },
      ),
    );
  });

  it("rates the latest figure against where the line says it should be, and says so", () => {
    const input = {
      spec: percent,
      polarity: "down" as const,
      thresholds: defaultThresholds("percentage"),
      baseline: { value: 50, label: "2019/20", date: "2020-03-31" },
      target: { value: 40, date: "2025-03-31" },
      latestLabel: "Q2 2022/23",
      latestDate: "2022-09-30",
    };
    const ahead = expectedProgress({ ...input, latest: v(44) });
    expect(ahead.outcome).toBe("green");
    expect(ahead.summary).toContain("on or ahead of the straight line");
    expect(ahead.rule).toContain("puts the figure at 45.0% on 30 September 2022, the end of Q2 2022/23");
    expect(expectedProgress({ ...input, latest: v(47) }).outcome).toBe("amber");
    expect(expectedProgress({ ...input, latest: v(49) }).outcome).toBe("red");
    expect(expectedProgress({ ...input, latest: SUPPRESSED }).judged).toBe(false);
    expect(
      expectedProgress({ ...input, baseline: { value: null, label: null, date: null }, latest: v(44) })
        .summary,
    ).toBe("No judgement: progress needs a baseline and a target with a date");
  });
});

describe("direction of travel", () => {
  const dir = (current: Figure, compared: Figure, polarity: Polarity = "down", spec = count) =>
    directionOfTravel({
      spec,
      polarity,
      thresholds: defaultThresholds(spec.unit),
      current,
      currentLabel: "Q2 2024/25",
      compared,
      comparedLabel: "Q2 2023/24",
    });

  it("says improving, worsening or no real change, with the threshold stated", () => {
    const down = dir(v(95), v(100));
    expect(down.outcome).toBe("improving");
    expect(down.summary).toBe("Improving: down 5% from 100 in Q2 2023/24");
    expect(down.rule).toBe(
      "Q2 2024/25 compared with Q2 2023/24. Changes smaller than 2% are no real change. Down is good.",
    );
    expect(dir(v(105), v(100)).outcome).toBe("worsening");
    expect(dir(v(101), v(100)).outcome).toBe("no real change");
    expect(dir(v(105), v(100), "neither").outcome).toBe("rising");
  });

  it("measures percentages in points", () => {
    const j = dir(v(46.9), v(44.5), "down", percent);
    expect(j.outcome).toBe("worsening");
    expect(j.summary).toBe("Worsening: up 2.4 percentage points from 44.5% in Q2 2023/24");
    expect(dir(v(45), v(44.5), "down", percent).outcome).toBe("no real change");
  });

  it("gives no judgement when either figure is missing or suppressed", () => {
    expect(dir(SUPPRESSED, v(100)).judged).toBe(false);
    expect(dir(v(100), MISSING).summary).toBe("No judgement: there is no figure for Q2 2023/24");
  });

  it("flips when the periods are swapped (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), (a, b) => {
        const forward = dir(v(a), v(b)).outcome;
        const backward = dir(v(b), v(a)).outcome;
        if (forward === "improving") expect(backward).not.toBe("improving");
        if (forward === "worsening") expect(backward).not.toBe("worsening");
      }),
    );
  });
});

describe("comparator sentence", () => {
  it("reads like the board paper: up 5% against 12% in England", () => {
    const j = comparatorSentence({
      spec: count,
      currentLabel: "2017/18",
      comparedLabel: "2016/17",
      local: { current: v(16_329), compared: v(15_535) },
      comparators: [
        { name: "the North East", current: v(114), compared: v(100) },
        { name: "England", current: v(112), compared: v(100) },
      ],
    });
    expect(j.summary).toBe("Up 5% against 14% in the North East and 12% in England");
    expect(j.rule).toContain("counts are compared by their change only");
  });

  it("says which way a comparator moved when it differs, and gives levels for rates", () => {
    const j = comparatorSentence({
      spec: rate,
      currentLabel: "Q2 2024/25",
      comparedLabel: "Q2 2023/24",
      local: { current: v(12.6), compared: v(12) },
      comparators: [{ name: "England", current: v(9.7), compared: v(10) }],
    });
    expect(j.summary).toBe("Up 5% against down 3% in England; 12.6 against 9.7 in England in Q2 2024/25");
  });

  it("leaves out comparators without figures, and gives no judgement without local figures", () => {
    const base = { spec: count, currentLabel: "Q2", comparedLabel: "Q1" };
    expect(
      comparatorSentence({
        ...base,
        local: { current: v(10), compared: v(10) },
        comparators: [{ name: "England", current: MISSING, compared: v(3) }],
      }).judged,
    ).toBe(false);
    expect(
      comparatorSentence({ ...base, local: { current: SUPPRESSED, compared: v(10) }, comparators: [] })
        .summary,
    ).toMatch(/^No judgement/);
  });

  it("builds figures from nullable values", () => {
    expect(figure(null)).toEqual(MISSING);
    expect(figure(Number.NaN)).toEqual(MISSING);
    expect(figure(3)).toEqual(v(3));
  });
});
