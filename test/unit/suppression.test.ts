import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UnitSpec } from "../../src/domain/indicators.ts";
import { publishAll } from "../../src/domain/publication.ts";
import {
  checkThreshold,
  publishedText,
  publishObservation,
  secondarySuppression,
  suppressionRules,
} from "../../src/domain/suppression.ts";

const count: UnitSpec = { unit: "count" };
const percent: UnitSpec = { unit: "percentage" };
const rate: UnitSpec = { unit: "rate", rateBase: 10_000, populationLabel: "women aged 16+" };
const obs = (value: number | null, numerator: number | null = null, denominator: number | null = null) => ({
  value,
  numerator,
  denominator,
});
const text = (f: ReturnType<typeof publishObservation>) => publishedText(f, (n) => String(n));

describe("primary suppression, case by case", () => {
  it("shows counts of 5 and more and hides 0 to 4 as 'fewer than 5'", () => {
    expect(text(publishObservation(count, obs(5), 5))).toBe("5");
    expect(text(publishObservation(count, obs(4), 5))).toBe("fewer than 5");
    expect(text(publishObservation(count, obs(1), 5))).toBe("fewer than 5");
    expect(text(publishObservation(count, obs(0), 5))).toBe("fewer than 5");
    expect(text(publishObservation(count, obs(1234), 5))).toBe("1234");
  });

  it("follows the partnership's own threshold", () => {
    expect(text(publishObservation(count, obs(9), 10))).toBe("fewer than 10");
    expect(text(publishObservation(count, obs(10), 10))).toBe("10");
    expect(text(publishObservation(count, obs(3), 3))).toBe("3");
  });

  it("suppresses a percentage whose numerator, denominator or remainder is small", () => {
    expect(publishObservation(percent, obs(37.5, 3, 8), 5)).toEqual({
      status: "suppressed",
      reason: "small numerator",
      text: "suppressed",
    });
    expect(publishObservation(percent, obs(75, 3, 4), 5)).toMatchObject({
      status: "suppressed",
      reason: "small numerator",
    });
    expect(publishObservation(percent, obs(100, 4, 4), 5)).toMatchObject({ reason: "small numerator" });
    expect(publishObservation(percent, obs(96, 96, 100), 5)).toMatchObject({
      status: "suppressed",
      reason: "small remainder",
    });
    expect(publishObservation(percent, obs(95, 95, 100), 5)).toMatchObject({ status: "shown", value: 95 });
    expect(publishObservation(percent, obs(46.9, 38, 81), 5)).toEqual({
      status: "shown",
      value: 46.9,
      numerator: 38,
      denominator: 81,
    });
  });

  it("suppresses a rate with a small numerator, but not for its large population", () => {
    expect(publishObservation(rate, obs(0.4, 3, 75_000), 5)).toMatchObject({
      status: "suppressed",
      reason: "small numerator",
    });
    expect(publishObservation(rate, obs(40.1, 301, 75_000), 5)).toMatchObject({ status: "shown" });
  });

  it("shows a percentage given without its numerator and denominator (a comparator's published rate)", () => {
    expect(publishObservation(percent, obs(31), 5)).toMatchObject({ status: "shown", value: 31 });
    expect(publishObservation(percent, obs(null), 5)).toEqual({ status: "missing" });
  });

  it("refuses a threshold that would publish everything", () => {
    expect(() => checkThreshold(0)).toThrow(RangeError);
    expect(() => checkThreshold(2.5)).toThrow(RangeError);
    expect(suppressionRules(5)[0]).toBe('Counts below 5, zero included, are shown as "fewer than 5".');
  });

  it("never shows a count below the threshold, nor a percentage from one (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (t, a, b) => {
          const c = publishObservation(count, obs(a), t);
          if (c.status === "shown") expect(c.value).toBeGreaterThanOrEqual(t);
          const [n, d] = [Math.min(a, b), Math.max(a, b)];
          if (d === 0) return;
          const p = publishObservation(percent, obs((100 * n) / d, n, d), t);
          if (p.status === "shown") {
            expect(n).toBeGreaterThanOrEqual(t);
            expect(d - n).toBeGreaterThanOrEqual(t);
          }
        },
      ),
    );
  });
});

describe("secondary suppression, case by case", () => {
  it("hides nothing more when nothing is small", () => {
    expect(secondarySuppression(30, [10, 12, 8], 5)).toEqual({
      total: "shown",
      parts: ["shown", "shown", "shown"],
    });
  });

  it("hides the smallest other part when exactly one part is small", () => {
    // 30 = 3 + 12 + 15: without a second cell hidden, 3 = 30 − 12 − 15.
    expect(secondarySuppression(30, [3, 15, 12], 5)).toEqual({
      total: "shown",
      parts: ["primary", "shown", "secondary"],
    });
  });

  it("hides nothing more when two parts are already small", () => {
    expect(secondarySuppression(30, [3, 2, 25], 5)).toEqual({
      total: "shown",
      parts: ["primary", "primary", "shown"],
    });
  });

  it("hides the total when the only other part cannot be hidden instead", () => {
    expect(secondarySuppression(8, [3], 5)).toEqual({ total: "secondary", parts: ["primary"] });
  });

  it("counts a missing part as unknown", () => {
    expect(secondarySuppression(30, [3, null, 20], 5)).toEqual({
      total: "shown",
      parts: ["primary", "missing", "shown"],
    });
    expect(secondarySuppression(30, [null, 10, 20], 5)).toEqual({
      total: "shown",
      parts: ["missing", "secondary", "shown"],
    });
  });

  it("never leaves exactly one cell unknown (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 10 }),
        (parts, t) => {
          const known = parts.filter((p): p is number => p !== null);
          const total = known.reduce((a, b) => a + b, 0);
          const result = secondarySuppression(total, parts, t);
          const hidden = [result.total, ...result.parts].filter((s) => s !== "shown").length;
          expect(hidden).not.toBe(1);
          parts.forEach((p, i) => {
            if (p !== null && p < t) expect(result.parts[i]).toBe("primary");
          });
        },
      ),
    );
  });
});

describe("publishing a set of indicators", () => {
  it("applies secondary suppression across a total and its parts for the same period and area only", () => {
    const indicators = [
      { id: 1, spec: count, partOfIndicatorId: null },
      { id: 2, spec: count, partOfIndicatorId: 1 },
      { id: 3, spec: count, partOfIndicatorId: 1 },
      { id: 4, spec: count, partOfIndicatorId: 1 },
    ];
    const o = (id: number, indicatorId: number, value: number, periodStart = "2024-04-01", areaId = 1) => ({
      id,
      indicatorId,
      areaId,
      periodStart,
      periodEnd: "2025-03-31",
      value,
      numerator: null,
      denominator: null,
    });
    const published = publishAll(
      indicators,
      [
        o(1, 1, 40),
        o(2, 2, 30),
        o(3, 3, 3),
        o(4, 4, 7),
        o(5, 1, 40, "2023-04-01"),
        o(6, 2, 30, "2023-04-01"),
        o(7, 3, 10, "2023-04-01"),
      ],
      5,
    );
    expect(published.get(1)?.status).toBe("shown");
    expect(published.get(2)?.status).toBe("shown");
    expect(published.get(3)).toMatchObject({
      status: "suppressed",
      reason: "small count",
      text: "fewer than 5",
    });
    expect(published.get(4)).toMatchObject({ status: "suppressed", reason: "secondary", text: "suppressed" });
    // 2023/24: a part with no figure is as unknown as a hidden one (it could be worked out from the
    // total), so the smallest part shown is hidden with it.
    expect([5, 6, 7].map((id) => published.get(id)?.status)).toEqual(["shown", "shown", "suppressed"]);
  });
});
