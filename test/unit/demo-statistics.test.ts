import { describe, expect, it } from "vitest";
import { ashvaleIndicators } from "../../src/demo/ashvale-statistics.ts";
import { demoCalendar, STORY_DAY } from "../../src/demo/calendar.ts";
import { findTemplate } from "../../src/domain/indicator-templates.ts";
import { checkObservation, type UnitSpec } from "../../src/domain/indicators.ts";
import { publishObservation } from "../../src/domain/suppression.ts";

const ASHVALE_INDICATORS = ashvaleIndicators(demoCalendar(STORY_DAY));

const specOf = (d: (typeof ASHVALE_INDICATORS)[number]): UnitSpec => {
  const t = d.template ? findTemplate(d.template) : undefined;
  return { unit: (d.unit ?? t?.unit)!, rateBase: d.rateBase ?? t?.rateBase ?? null };
};

describe("Ashvale's demo statistics", () => {
  it("cover five financial years, every figure valid for its indicator", () => {
    for (const d of ASHVALE_INDICATORS) {
      const spec = specOf(d);
      const periods = new Set(d.figures.map((f) => f.period.label));
      expect(periods.size, d.template ?? d.name).toBe(d.figures[0]!.period.kind === "quarter" ? 20 : 5);
      for (const f of d.figures) {
        const value = f.value ?? null;
        const check = checkObservation(spec, {
          value,
          numerator: f.numerator ?? null,
          denominator: f.denominator ?? null,
        });
        expect(check.ok, `${d.template ?? d.name} ${f.period.label} ${f.area}`).toBe(true);
      }
    }
  });

  it("include a few small counts that must be suppressed, and a definition change", () => {
    let suppressed = 0;
    for (const d of ASHVALE_INDICATORS) {
      for (const f of d.figures) {
        const value = f.value ?? (100 * f.numerator!) / f.denominator!;
        const published = publishObservation(
          specOf(d),
          { value, numerator: f.numerator ?? null, denominator: f.denominator ?? null },
          5,
        );
        if (published.status === "suppressed") suppressed++;
      }
    }
    expect(suppressed).toBeGreaterThan(3);
    expect(suppressed).toBeLessThan(60);
    // The story's days: five years of figures 2021/22 to 2025/26, the definition widened in the third.
    const repeat = ASHVALE_INDICATORS.find((d) => d.template === "marac-repeat-rate");
    expect(repeat?.notes?.[0]?.changedOn).toBe("2023-04-01");
    expect(repeat?.notes?.[0]?.note).toContain("Figures from Q1 2023/24 are higher");
  });
});
