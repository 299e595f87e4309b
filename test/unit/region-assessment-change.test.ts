import { describe, expect, it } from "vitest";
import {
  previousRatingOf,
  ratingChange,
  unratedCriteria,
} from "../../src/domain/region/assessment-change.ts";

const notMet = { position: 1, label: "Not met" };
const partly = { position: 2, label: "Partly met" };
const met = { position: 3, label: "Met" };

describe("a criterion's change since the previous cycle", () => {
  it("says up, no change and down, naming the previous level", () => {
    expect(ratingChange(partly, met)).toEqual({ kind: "up", text: "Up from Partly met" });
    expect(ratingChange(met, met)).toEqual({ kind: "same", text: "No change" });
    expect(ratingChange(met, notMet)).toEqual({ kind: "down", text: "Down from Met" });
  });

  it("calls a criterion new when the previous cycle did not rate it", () => {
    expect(ratingChange(null, partly)).toEqual({ kind: "new", text: "New" });
  });

  it("compares nothing while this cycle has no rating", () => {
    expect(ratingChange(met, null).kind).toBe("unrated");
    expect(ratingChange(null, null).text).toBe("Not rated yet");
  });

  it("takes the region's agreed level of a moderated cycle, else the self-rating", () => {
    expect(previousRatingOf(true, { level: met, agreed: partly })).toBe(partly);
    expect(previousRatingOf(false, { level: met, agreed: partly })).toBe(met);
    expect(previousRatingOf(true, { level: met, agreed: null })).toBe(met);
  });

  it("lists the criteria still unrated, in the standard's order", () => {
    const criteria = [
      { id: 4, number: "1.1", title: "A" },
      { id: 7, number: "1.2", title: "B" },
      { id: 9, number: "2.1", title: "C" },
    ];
    expect(unratedCriteria(criteria, new Set([7])).map((c) => c.number)).toEqual(["1.1", "2.1"]);
  });
});
