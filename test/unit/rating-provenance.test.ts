import { describe, expect, it } from "vitest";
import {
  countProvenance,
  provenanceHeadline,
  ratingProvenance,
  ratingWithProvenance,
} from "../../src/domain/rating-provenance.ts";

const q4Last = { id: 4, name: "Q4 2024/25" };
const q3Now = { id: 11, name: "Q3 2026/27" };

describe("a rating's provenance", () => {
  it("a rating from the current round is current and needs no note", () => {
    const p = ratingProvenance({ currentRound: q3Now, derivedRound: q3Now, override: null });
    expect(p).toEqual({ source: "derived", round: q3Now, isCurrent: true, note: null });
    expect(ratingWithProvenance("Amber", p)).toBe("Amber");
  });

  it("a rating from an earlier round says where it comes from, in the issue's words", () => {
    const p = ratingProvenance({ currentRound: q3Now, derivedRound: q4Last, override: null });
    expect(p.isCurrent).toBe(false);
    expect(p.round).toEqual(q4Last);
    expect(ratingWithProvenance("Amber", p)).toBe("Amber — from Q4 2024/25; no update since");
  });

  it("rounds are compared by id, not by name (two plans may reuse a name)", () => {
    const sameName = { id: 99, name: q3Now.name };
    expect(ratingProvenance({ currentRound: q3Now, derivedRound: sameName, override: null }).isCurrent).toBe(
      false,
    );
  });

  it("an override made in the current round is current, whatever round the derived rating is from", () => {
    const p = ratingProvenance({ currentRound: q3Now, derivedRound: q4Last, override: { round: q3Now } });
    expect(p).toEqual({ source: "override", round: q3Now, isCurrent: true, note: null });
  });

  it("an override carried from an earlier round says so", () => {
    const p = ratingProvenance({ currentRound: q3Now, derivedRound: q3Now, override: { round: q4Last } });
    expect(p.isCurrent).toBe(false);
    expect(ratingWithProvenance("Red", p)).toBe(
      "Red — set by the coordinator in Q4 2024/25; not reviewed since",
    );
    const early = ratingProvenance({ currentRound: q3Now, derivedRound: null, override: { round: null } });
    expect(early.note).toBe("set by the coordinator before the first round; not reviewed since");
  });

  it("a commitment nothing has rated is neither current nor carried, and has no note", () => {
    const p = ratingProvenance({ currentRound: q3Now, derivedRound: null, override: null });
    expect(p).toEqual({ source: "none", round: null, isCurrent: false, note: null });
  });

  it("before any round nothing is current and nothing needs saying", () => {
    const p = ratingProvenance({ currentRound: null, derivedRound: null, override: { round: null } });
    expect(p.isCurrent).toBe(false);
    expect(p.note).toBeNull();
  });
});

describe("the headline count", () => {
  const current = ratingProvenance({ currentRound: q3Now, derivedRound: q3Now, override: null });
  const carried = ratingProvenance({ currentRound: q3Now, derivedRound: q4Last, override: null });
  const none = ratingProvenance({ currentRound: q3Now, derivedRound: null, override: null });

  it("counts current, carried and unrated ratings", () => {
    const counts = countProvenance([
      ...Array(27).fill(current),
      ...Array(11).fill(carried),
      ...Array(2).fill(none),
    ]);
    expect(counts).toEqual({ current: 27, carried: 11, unrated: 2 });
  });

  it("reads as the issue asks, leaving out what is zero", () => {
    expect(provenanceHeadline("Q3 2026/27", { current: 27, carried: 11, unrated: 0 })).toBe(
      "27 rated in Q3 2026/27; 11 carried from earlier rounds",
    );
    expect(provenanceHeadline("Q3 2026/27", { current: 37, carried: 1, unrated: 0 })).toBe(
      "37 rated in Q3 2026/27; 1 carried from an earlier round",
    );
    expect(provenanceHeadline("Q3 2026/27", { current: 36, carried: 0, unrated: 2 })).toBe(
      "36 rated in Q3 2026/27; 2 not yet rated",
    );
    expect(provenanceHeadline(null, { current: 0, carried: 0, unrated: 3 })).toBeNull();
  });
});
