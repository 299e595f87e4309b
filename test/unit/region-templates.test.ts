import { describe, expect, it } from "vitest";
import {
  findTemplate,
  SCALE_PRESETS,
  STANDARD_TEMPLATES,
  scaleProblems,
  suggestCycle,
} from "../../src/domain/region/templates.ts";

describe("quality standard templates", () => {
  it("holds the ten Marac principles and the eight housing priority areas, in order", () => {
    const marac = findTemplate("marac-ten-principles")!;
    expect(marac.themes.map((t) => t.title)).toEqual([
      "Identification",
      "Referral to Marac and Idva",
      "Multi-agency engagement",
      "Independent representation and support",
      "Information sharing",
      "Action planning",
      "Number of cases",
      "Equality",
      "Operational support",
      "Governance",
    ]);
    expect(marac.cycleMonths).toBe(12);
    const daha = findTemplate("daha-eight-priority-areas")!;
    expect(daha.themes.map((t) => t.title)).toEqual([
      "Policies and procedures",
      "Case management",
      "Risk management",
      "Inclusivity and accessibility",
      "Perpetrator management",
      "Partnership working",
      "Training",
      "Publicity and awareness",
    ]);
    expect(daha.cycleMonths).toBe(36);
  });

  it("gives every theme two or three criteria, each with what good looks like and how it is evidenced", () => {
    for (const template of STANDARD_TEMPLATES) {
      for (const theme of template.themes) {
        expect(theme.criteria.length, `${template.key} ${theme.title}`).toBeGreaterThanOrEqual(2);
        expect(theme.criteria.length, `${template.key} ${theme.title}`).toBeLessThanOrEqual(3);
        for (const c of theme.criteria) {
          expect(c.title.trim(), theme.title).not.toBe("");
          expect(c.whatGoodLooksLike.trim().length, c.title).toBeGreaterThan(20);
          expect(c.howEvidenced.trim().length, c.title).toBeGreaterThan(10);
        }
      }
      expect(scaleProblems(SCALE_PRESETS[template.scaleKey].levels)).toEqual([]);
    }
  });

  it("has the two scale presets: four levels (Met and Exceeded meet) and 1–5 (4 and 5 meet)", () => {
    const four = SCALE_PRESETS["four-level"].levels;
    expect(four.map((l) => l.label)).toEqual(["Not met", "Partly met", "Met", "Exceeded"]);
    expect(four.filter((l) => l.meetsStandard).map((l) => l.label)).toEqual(["Met", "Exceeded"]);
    const five = SCALE_PRESETS["one-to-five"].levels;
    expect(five).toHaveLength(5);
    expect(five[0]!.label).toBe("1 Inadequate");
    expect(five[4]!.label).toBe("5 Outstanding");
    expect(five.filter((l) => l.meetsStandard).map((l) => l.label)).toEqual(["4 Good", "5 Outstanding"]);
  });

  it("refuses a scale with too few or too many levels, repeated labels, or none meeting the standard", () => {
    const level = (label: string, meetsStandard = false) => ({ label, meetsStandard });
    expect(scaleProblems([level("Met", true)])).toContain("A scale has 2 to 7 levels");
    expect(scaleProblems(Array.from({ length: 8 }, (_, i) => level(`L${i}`, true)))).toContain(
      "A scale has 2 to 7 levels",
    );
    expect(scaleProblems([level("Met", true), level(" met ")])).toContain(
      "Each level needs a different label",
    );
    expect(scaleProblems([level("A"), level("B")])).toContain("At least one level must meet the standard");
  });

  it("suggests the next cycle from the last one's due date and the cycle length", () => {
    expect(suggestCycle(24, null, "2025-04-01")).toEqual({
      name: "2025–27",
      opensOn: "2025-04-01",
      dueOn: "2027-03-31",
    });
    expect(suggestCycle(12, "2026-03-31", "2025-01-01")).toEqual({
      name: "2026–27",
      opensOn: "2026-04-01",
      dueOn: "2027-03-31",
    });
    expect(suggestCycle(12, "2025-12-31", "2025-01-01")).toEqual({
      name: "2026",
      opensOn: "2026-01-01",
      dueOn: "2026-12-31",
    });
  });
});
