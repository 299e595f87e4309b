import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assessIndicator,
  type IndicatorRules,
  type SeriesPoint,
} from "../../src/domain/indicator-assessment.ts";
import { INDICATOR_TEMPLATES, templateGroups } from "../../src/domain/indicator-templates.ts";
import {
  checkObservation,
  computeValue,
  describeUnit,
  formatValue,
  type UnitSpec,
} from "../../src/domain/indicators.ts";
import { quarterPeriod } from "../../src/domain/periods.ts";
import { defaultThresholds } from "../../src/domain/thresholds.ts";

const count: UnitSpec = { unit: "count" };
const percent: UnitSpec = { unit: "percentage" };
const rate: UnitSpec = { unit: "rate", rateBase: 1000, populationLabel: "people aged 16+" };

describe("units", () => {
  it("writes values as people read them", () => {
    expect(formatValue(count, 16329)).toBe("16,329");
    expect(formatValue(percent, 46.94)).toBe("46.9%");
    expect(formatValue(rate, 12.345)).toBe("12.3 per 1,000 people aged 16+");
    expect(formatValue(rate, 12.345, { short: true })).toBe("12.3");
    expect(describeUnit({ unit: "rate", rateBase: 10_000, populationLabel: "women aged 16+" })).toBe(
      "Rate per 10,000 women aged 16+",
    );
  });

  it("computes percentages and rates from numerator and denominator", () => {
    expect(computeValue(percent, 38, 81)).toBeCloseTo(46.91, 2);
    expect(computeValue(rate, 2_000, 160_000)).toBe(12.5);
    expect(computeValue(percent, 1, 0)).toBeNull();
  });
});

describe("checking an observation", () => {
  it("needs a whole-number count and nothing else", () => {
    expect(checkObservation(count, { value: 12, numerator: null, denominator: null })).toEqual({
      ok: true,
      value: 12,
      numerator: null,
      denominator: null,
    });
    expect(checkObservation(count, { value: 1.5, numerator: null, denominator: null })).toMatchObject({
      ok: false,
      field: "value",
    });
    expect(checkObservation(count, { value: null, numerator: null, denominator: null })).toMatchObject({
      ok: false,
      message: "Enter the count",
    });
    expect(checkObservation(count, { value: -1, numerator: null, denominator: null })).toMatchObject({
      ok: false,
      message: "The value cannot be negative",
    });
  });

  it("works out a percentage from its parts and refuses parts that disagree with the value", () => {
    expect(checkObservation(percent, { value: null, numerator: 38, denominator: 81 })).toMatchObject({
      ok: true,
      numerator: 38,
      denominator: 81,
    });
    expect(checkObservation(percent, { value: 46.9, numerator: 38, denominator: 81 })).toMatchObject({
      ok: true,
      value: 46.9,
    });
    expect(checkObservation(percent, { value: 50, numerator: 38, denominator: 81 })).toMatchObject({
      ok: false,
      field: "value",
    });
    expect(checkObservation(percent, { value: null, numerator: 90, denominator: 81 })).toMatchObject({
      ok: false,
      field: "numerator",
    });
    expect(checkObservation(percent, { value: null, numerator: 38, denominator: null })).toMatchObject({
      ok: false,
      field: "denominator",
    });
    expect(checkObservation(percent, { value: 120, numerator: null, denominator: null })).toMatchObject({
      ok: false,
      field: "value",
    });
  });

  it("accepts any value it computed itself (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (a, b) => {
        const [n, d] = [Math.min(a, b), Math.max(a, b)];
        const computed = computeValue(percent, n, d)!;
        const rounded = Math.round(computed * 10) / 10;
        expect(checkObservation(percent, { value: rounded, numerator: n, denominator: d }).ok).toBe(true);
      }),
    );
  });
});

describe("templates", () => {
  it("have unique keys, a named source, and parts that point at a count total", () => {
    const keys = new Set(INDICATOR_TEMPLATES.map((t) => t.key));
    expect(keys.size).toBe(INDICATOR_TEMPLATES.length);
    for (const t of INDICATOR_TEMPLATES) {
      expect(t.source.length, t.key).toBeGreaterThan(10);
      expect(t.definition.length, t.key).toBeGreaterThan(20);
      if (t.unit === "rate") expect(t.rateBase, t.key).toBeDefined();
      if (t.partOf) expect(INDICATOR_TEMPLATES.find((x) => x.key === t.partOf)?.unit).toBe("count");
    }
    expect(templateGroups().map((g) => g.group)).toEqual([
      "SafeLives Marac quarterly dataset",
      "Police-recorded domestic abuse",
      "Safe accommodation (Domestic Abuse Act 2021 Part 4)",
    ]);
  });
});

describe("assessing an indicator from its series", () => {
  const rules: IndicatorRules = {
    spec: percent,
    polarity: "down",
    kind: "performance",
    thresholds: defaultThresholds("percentage"),
    baseline: { value: 46.9, label: "2018/19", date: "2019-03-31" },
    target: { value: 38, date: "2026-03-31" },
  };
  const point = (
    areaId: number,
    startYear: number,
    quarter: 1 | 2 | 3 | 4,
    value: number | null,
  ): SeriesPoint => ({
    areaId,
    areaName: areaId === 1 ? "Ashvale Borough" : "England",
    own: areaId === 1,
    period: quarterPeriod({ startYear, quarter }),
    figure: value === null ? { state: "suppressed" } : { state: "value", value },
  });

  it("judges the latest own-area quarter against target, line, previous quarter, last year and England", () => {
    const series = [
      point(1, 2023, 2, 44),
      point(2, 2023, 2, 30),
      point(1, 2024, 1, 41),
      point(1, 2024, 2, 40),
      point(2, 2024, 2, 31),
    ];
    const a = assessIndicator(rules, series);
    expect(a.latest?.period.label).toBe("Q2 2024/25");
    expect(a.target.outcome).toBe("red");
    expect(a.progress.judged).toBe(true);
    expect(a.sincePrevious.summary).toBe("Improving: down 1.0 percentage point from 41.0% in Q1 2024/25");
    expect(a.sinceLastYear.outcome).toBe("improving");
    expect(a.comparator.summary).toBe(
      "Down 4.0 percentage points against up 1.0 percentage point in England; 40.0% against 31.0% in England in Q2 2024/25",
    );
  });

  it("gives no judgement anywhere when the latest own figure is suppressed", () => {
    const a = assessIndicator(rules, [point(1, 2024, 1, 41), point(1, 2024, 2, null)]);
    for (const j of [a.target, a.progress, a.sincePrevious, a.sinceLastYear, a.comparator])
      expect(j.judged).toBe(false);
  });

  it("rates nothing against target for a contextual indicator, and copes with no figures", () => {
    const a = assessIndicator({ ...rules, kind: "contextual" }, [
      point(1, 2024, 2, 40),
      point(1, 2024, 1, 39),
    ]);
    expect(a.target.summary).toBe(
      "No judgement: a contextual indicator shows a trend only and has no target",
    );
    expect(a.sincePrevious.judged).toBe(true);
    expect(assessIndicator(rules, []).latest).toBeNull();
  });
});
