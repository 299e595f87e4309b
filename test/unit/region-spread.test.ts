import { describe, expect, it } from "vitest";
import { comparisonCell, levelTagClasses, spreadOf } from "../../src/domain/region/spread.ts";

const levels = [
  { id: 11, position: 1, label: "Not met" },
  { id: 12, position: 2, label: "Partly met" },
  { id: 13, position: 3, label: "Met" },
];

describe("the comparison's cells and the region's spread", () => {
  it("shows the agreed level beside the self-assessment when moderated, the self-rating otherwise", () => {
    expect(comparisonCell(levels, { state: "moderated", selfLevelId: 12, agreedLevelId: 13 }).text).toBe(
      "Met (agreed; self-assessed Partly met)",
    );
    // A moderation that left this criterion without an agreed level still shows the self-rating.
    expect(comparisonCell(levels, { state: "moderated", selfLevelId: 12, agreedLevelId: null }).text).toBe(
      "Partly met (self-assessed)",
    );
    // Submitted, not moderated: an agreed level is never counted.
    expect(comparisonCell(levels, { state: "submitted", selfLevelId: 11, agreedLevelId: 13 }).text).toBe(
      "Not met (self-assessed)",
    );
    expect(comparisonCell(levels, { state: "submitted", selfLevelId: null, agreedLevelId: null }).text).toBe(
      "Not rated",
    );
    expect(comparisonCell(levels, { state: "not-submitted" }).text).toBe("Not submitted");
  });

  it("counts partnerships per level, highest first, in words", () => {
    const cells = [
      comparisonCell(levels, { state: "submitted", selfLevelId: 13, agreedLevelId: null }),
      comparisonCell(levels, { state: "moderated", selfLevelId: 12, agreedLevelId: 13 }),
      comparisonCell(levels, { state: "submitted", selfLevelId: 12, agreedLevelId: null }),
      comparisonCell(levels, { state: "not-submitted" }),
    ];
    const spread = spreadOf(levels, cells);
    expect(spread.text).toBe("2 Met, 1 Partly met, 1 not submitted");
    expect(spread.atLevel.map((l) => l.count)).toEqual([2, 1]);
    expect(spreadOf(levels, []).text).toBe("No partnerships");
  });

  it("gives each scale position its own class as well as a colour", () => {
    expect(levelTagClasses(levels, levels[0]!)).toBe("govuk-tag--red app-level--1");
    expect(levelTagClasses(levels, levels[1]!)).toBe("govuk-tag--yellow app-level--2");
    expect(levelTagClasses(levels, levels[2]!)).toBe("govuk-tag--green app-level--3");
    expect(levelTagClasses(levels, null)).toBe("govuk-tag--grey app-level--none");
  });
});
