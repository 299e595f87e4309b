import { describe, expect, it } from "vitest";
import { figureFreshness } from "../../src/domain/figure-freshness.ts";
import { parsePeriod } from "../../src/domain/periods.ts";

const period = (label: string) => {
  const p = parsePeriod(label);
  if (!p) throw new Error(label);
  return p;
};

describe("whether a key statistic's latest figure is as recent as its frequency allows", () => {
  it("a quarterly figure up to two quarters behind the last quarter ended is not marked", () => {
    // On 20 April 2026 the last quarter ended is Q4 2025/26 (January to March 2026).
    expect(figureFreshness(period("Q4 2025/26"), "2026-04-20")).toMatchObject({ behind: 0, stale: false });
    expect(figureFreshness(period("Q2 2025/26"), "2026-04-20")).toMatchObject({ behind: 2, stale: false });
  });

  it("a quarterly figure three or more quarters behind is marked with its period", () => {
    const f = figureFreshness(period("Q4 2024/25"), "2026-04-20");
    expect(f).toMatchObject({ behind: 4, stale: true, label: "latest figure: Q4 2024/25" });
    expect(f?.lastEnded.label).toBe("Q4 2025/26");
    expect(figureFreshness(period("Q1 2025/26"), "2026-04-20")?.stale).toBe(true);
  });

  it("annual and monthly figures are judged in their own periods", () => {
    expect(figureFreshness(period("2023/24"), "2026-04-20")).toMatchObject({ behind: 2, stale: false });
    expect(figureFreshness(period("2022/23"), "2026-04-20")).toMatchObject({ behind: 3, stale: true });
    expect(figureFreshness(period("January 2026"), "2026-04-20")).toMatchObject({ behind: 2, stale: false });
    expect(figureFreshness(period("December 2025"), "2026-04-20")?.stale).toBe(true);
  });

  it("a period counts as ended from the day after its last day", () => {
    expect(figureFreshness(period("Q3 2025/26"), "2026-03-31")?.behind).toBe(0);
    expect(figureFreshness(period("Q3 2025/26"), "2026-04-01")?.behind).toBe(1);
  });

  it("a figure for a period not yet ended is never behind, and no figure is not judged", () => {
    expect(figureFreshness(period("Q1 2026/27"), "2026-04-20")?.behind).toBe(0);
    expect(figureFreshness(null, "2026-04-20")).toBeNull();
  });
});
