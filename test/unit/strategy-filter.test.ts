import { describe, expect, it } from "vitest";
import { passes, readStrategyFilter } from "../../src/web/routes/partnership/strategy-filter.ts";

describe("the strategy page's filter", () => {
  it("reads ratings, priority and lead from the query, ignoring what it does not know", () => {
    expect(
      readStrategyFilter({ rating: ["amber", "purple", "amber", "none"], priority: "3", lead: "x" }),
    ).toEqual({
      ratings: ["amber", "none"],
      priorityId: 3,
      organisationId: null,
    });
    expect(readStrategyFilter({})).toEqual({ ratings: [], priorityId: null, organisationId: null });
    expect(readStrategyFilter({ priority: "-1", lead: "12345678901" })).toMatchObject({
      priorityId: null,
      organisationId: null,
    });
  });

  it("keeps a commitment only when it passes every part", () => {
    const c = { id: 1, priorityId: 2 };
    const leads = new Set([7]);
    const f = (q: Record<string, string | string[]>) => readStrategyFilter(q);
    expect(passes(f({}), c, null, leads)).toBe(true);
    expect(passes(f({ rating: "amber" }), c, "amber", leads)).toBe(true);
    expect(passes(f({ rating: "amber" }), c, "red", leads)).toBe(false);
    expect(passes(f({ rating: "none" }), c, null, leads)).toBe(true);
    expect(passes(f({ rating: "none" }), c, "green", leads)).toBe(false);
    expect(passes(f({ priority: "2", lead: "7" }), c, "green", leads)).toBe(true);
    expect(passes(f({ priority: "3" }), c, "green", leads)).toBe(false);
    expect(passes(f({ lead: "8" }), c, "green", leads)).toBe(false);
  });
});
