import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RATING_LABELS, RATINGS, type Rating } from "../../src/domain/rag.ts";
import {
  applyOverride,
  compareSeverity,
  deriveCommitmentRating,
  deriveCommitmentRatingWith,
  isKnownRollupRule,
  RATING_SEVERITY,
  ROLLUP_RULE,
  ROLLUP_RULE_SUMMARIES,
  ROLLUP_RULES,
  UnknownRollupRuleError,
} from "../../src/domain/rollup.ts";

const rating = fc.constantFrom(...RATINGS);
const maybeRating = fc.option(rating, { nil: null, freq: 4 });
const ratings = fc.array(maybeRating, { maxLength: 12 });

const rate = (list: (Rating | null)[]): Rating => deriveCommitmentRating(list).rating;

describe("rollup-v1 on named cases", () => {
  const cases: [(Rating | null)[], Rating][] = [
    [[], "grey"],
    [[null, null], "grey"],
    [["green"], "green"],
    [["red", "green", "green"], "red"],
    [["amber", "green", "complete"], "amber"],
    [["red", "amber"], "red"],
    [["complete", "complete"], "complete"],
    [["complete", null], "complete"],
    [["complete", "green"], "green"],
    [["grey", "grey"], "grey"],
    [["grey", "green"], "green"],
    [["grey", "complete"], "green"],
    [["grey", "green", "complete"], "green"],
    [["grey", "amber"], "amber"],
    [["grey", "red", "complete"], "red"],
    [[null, "grey", null], "grey"],
  ];

  it.each(cases)("%j gives %s", (input, expected) => {
    expect(rate(input)).toBe(expected);
  });

  it("counts every rating and the unrated actions", () => {
    const result = deriveCommitmentRating(["red", null, "green", "green", null, "complete"]);
    expect(result.counts).toEqual({ red: 1, amber: 0, green: 2, grey: 0, complete: 1 });
    expect(result.unrated).toBe(2);
    expect(result.ruleVersion).toBe("rollup-v1");
  });
});

describe("explanations", () => {
  const rule = `rule: a commitment is Red if any of its actions is red`;

  it("gives the result, the counts and the rule", () => {
    const { explanation } = deriveCommitmentRating(["amber", "green", "amber", "grey"]);
    expect(explanation).toMatch(/^Amber: 2 of 4 actions amber, 1 green, 1 grey \(not started\) — /);
    expect(explanation).toContain(rule);
  });

  it("says which actions are not yet rated", () => {
    expect(deriveCommitmentRating(["red", null, "green", null]).explanation).toMatch(
      /^Red: 1 of 2 rated actions red, 1 green; 2 actions not yet rated — rule: /,
    );
    expect(deriveCommitmentRating(["green", null]).explanation).toMatch(
      /^Green: 1 of 1 rated actions green; 1 action not yet rated — /,
    );
  });

  it("uses the singular for one action", () => {
    expect(deriveCommitmentRating(["complete"]).explanation).toMatch(/^Complete: 1 of 1 action complete — /);
  });

  it("explains Grey with no rated actions", () => {
    expect(deriveCommitmentRating([]).explanation).toMatch(
      /^Grey: no rated actions \(this commitment has no actions\) — rule: /,
    );
    expect(deriveCommitmentRating([null, null, null]).explanation).toMatch(
      /^Grey: no rated actions \(3 actions have no rating yet\) — /,
    );
    expect(deriveCommitmentRating([null]).explanation).toContain("(1 action has no rating yet)");
  });

  it("always starts with the label of the result and ends with the rule summary", () => {
    fc.assert(
      fc.property(ratings, (list) => {
        const result = deriveCommitmentRating(list);
        expect(result.explanation.startsWith(`${RATING_LABELS[result.rating]}: `)).toBe(true);
        expect(result.explanation.endsWith(ROLLUP_RULE.summary.slice(1))).toBe(true);
      }),
    );
  });
});

describe("rollup-v1 properties", () => {
  it("does not depend on the order of the actions", () => {
    fc.assert(
      fc.property(
        ratings.chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
          ),
        ),
        ([list, shuffled]) => {
          expect(deriveCommitmentRating(shuffled)).toEqual(deriveCommitmentRating(list));
        },
      ),
    );
  });

  it("is not changed by adding an unrated action, anywhere", () => {
    fc.assert(
      fc.property(ratings, fc.nat(), (list, at) => {
        const index = list.length === 0 ? 0 : at % (list.length + 1);
        const more = [...list.slice(0, index), null, ...list.slice(index)];
        const before = deriveCommitmentRating(list);
        const after = deriveCommitmentRating(more);
        expect(after.rating).toBe(before.rating);
        expect(after.counts).toEqual(before.counts);
        expect(after.unrated).toBe(before.unrated + 1);
      }),
    );
  });

  it("gives an action's rating, Grey when none is rated, or Green for complete mixed with grey", () => {
    fc.assert(
      fc.property(ratings, (list) => {
        const rated = list.filter((r): r is Rating => r !== null);
        const result = rate(list);
        if (rated.includes(result)) return;
        if (rated.length === 0) {
          expect(result).toBe("grey");
        } else {
          // The one documented case where the result is not an input: only grey and complete.
          expect(result).toBe("green");
          expect(new Set(rated)).toEqual(new Set<Rating>(["grey", "complete"]));
        }
      }),
    );
  });

  it("is Red whenever any rated action is red", () => {
    fc.assert(
      fc.property(ratings, fc.nat(), (list, at) => {
        const index = at % (list.length + 1);
        expect(rate([...list.slice(0, index), "red", ...list.slice(index)])).toBe("red");
      }),
    );
  });

  it("is Amber when any action is amber and none is red", () => {
    fc.assert(
      fc.property(ratings, (list) => {
        const noRed = list.filter((r) => r !== "red");
        expect(rate([...noRed, "amber"])).toBe("amber");
      }),
    );
  });

  it("is Complete exactly when there are rated actions and all are complete", () => {
    fc.assert(
      fc.property(ratings, (list) => {
        const rated = list.filter((r) => r !== null);
        const allComplete = rated.length > 0 && rated.every((r) => r === "complete");
        expect(rate(list) === "complete").toBe(allComplete);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Rating | null>("complete", null)), (list) => {
        fc.pre(list.includes("complete"));
        expect(rate(list)).toBe("complete");
      }),
    );
  });

  it("is Grey exactly when no action is rated or every rated action is grey", () => {
    fc.assert(
      fc.property(ratings, (list) => {
        const rated = list.filter((r) => r !== null);
        expect(rate(list) === "grey").toBe(rated.every((r) => r === "grey"));
      }),
    );
  });

  it("orders severity Red, Amber, Grey, Green, Complete (worst first)", () => {
    const worstFirst = [...RATINGS].sort((a, b) => compareSeverity(b, a));
    expect(worstFirst).toEqual(["red", "amber", "grey", "green", "complete"]);
    expect(new Set(Object.values(RATING_SEVERITY)).size).toBe(RATINGS.length);
  });

  it("is monotonic: making one action's rating worse never makes the commitment's rating better", () => {
    fc.assert(
      fc.property(ratings, fc.nat(), rating, (list, at, replacement) => {
        const indices = list.flatMap((r, i) => (r === null ? [] : [i]));
        fc.pre(indices.length > 0);
        const index = indices[at % indices.length]!;
        const original = list[index]!;
        fc.pre(compareSeverity(replacement, original) >= 0);
        const worse = list.map((r, i) => (i === index ? replacement : r));
        expect(compareSeverity(rate(worse), rate(list))).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it("is monotonic on every list of up to four actions (exhaustive)", () => {
    const options: (Rating | null)[] = [null, ...RATINGS];
    const lists: (Rating | null)[][] = [[]];
    for (let size = 1; size <= 4; size += 1) {
      for (const prefix of lists.filter((l) => l.length === size - 1)) {
        for (const option of options) lists.push([...prefix, option]);
      }
    }
    let checked = 0;
    for (const list of lists) {
      list.forEach((original, index) => {
        if (original === null) return;
        for (const replacement of RATINGS) {
          if (compareSeverity(replacement, original) < 0) continue;
          const worse = list.map((r, i) => (i === index ? replacement : r));
          expect(
            compareSeverity(rate(worse), rate(list)),
            JSON.stringify([list, worse]),
          ).toBeGreaterThanOrEqual(0);
          checked += 1;
        }
      });
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("counts add up to the number of actions", () => {
    fc.assert(
      fc.property(ratings, (list) => {
        const { counts, unrated } = deriveCommitmentRating(list);
        const total = RATINGS.reduce((sum, r) => sum + counts[r], 0) + unrated;
        expect(total).toBe(list.length);
      }),
    );
  });

  it("does not change its input", () => {
    fc.assert(
      fc.property(ratings, (list) => {
        const copy = [...list];
        deriveCommitmentRating(list);
        expect(list).toEqual(copy);
      }),
    );
  });
});

describe("rule versions", () => {
  it("has rollup-v1 as the current rule, with a summary", () => {
    expect(ROLLUP_RULE.version).toBe("rollup-v1");
    expect(ROLLUP_RULE.summary).toMatch(/^A commitment is Red if any of its actions is red/);
    expect(Object.keys(ROLLUP_RULES)).toContain(ROLLUP_RULE.version);
    expect(Object.keys(ROLLUP_RULE_SUMMARIES).sort()).toEqual(Object.keys(ROLLUP_RULES).sort());
  });

  it("derives with a named version the same as the current rule", () => {
    fc.assert(
      fc.property(ratings, (list) => {
        expect(deriveCommitmentRatingWith("rollup-v1", list)).toEqual(deriveCommitmentRating(list));
        expect(ROLLUP_RULES["rollup-v1"]!(list)).toBe(rate(list));
      }),
    );
  });

  it.each([
    "rollup-v0",
    "rollup-v2",
    "",
    "ROLLUP-V1",
    "constructor",
    "__proto__",
    "toString",
    "hasOwnProperty",
  ])("refuses the unknown version %j with a clear error", (version) => {
    expect(isKnownRollupRule(version)).toBe(false);
    expect(() => deriveCommitmentRatingWith(version, ["green"])).toThrow(UnknownRollupRuleError);
    expect(() => deriveCommitmentRatingWith(version, ["green"])).toThrow(
      `Unknown roll-up rule version "${version}". This version of Waymark knows: rollup-v1.`,
    );
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(ROLLUP_RULES)).toBe(true);
    expect(Object.isFrozen(ROLLUP_RULE_SUMMARIES)).toBe(true);
  });

  it("refuses a value that is not a rating", () => {
    expect(() => deriveCommitmentRating(["Green" as Rating])).toThrow(TypeError);
    expect(() => deriveCommitmentRating([undefined as unknown as Rating])).toThrow(TypeError);
  });
});

describe("applyOverride", () => {
  const derived = deriveCommitmentRating(["amber", "green"]);

  it("keeps the derived rating when there is no override", () => {
    const effective = applyOverride(derived, null);
    expect(effective).toEqual({
      rating: "amber",
      overridden: false,
      derived,
      reason: null,
      explanation: derived.explanation,
    });
  });

  it("uses the coordinator's rating, keeps the derived one and says both", () => {
    const effective = applyOverride(derived, {
      rating: "green",
      reason: "  the amber action was replaced by the new training offer. ",
    });
    expect(effective.rating).toBe("green");
    expect(effective.overridden).toBe(true);
    expect(effective.derived).toBe(derived);
    expect(effective.reason).toBe("the amber action was replaced by the new training offer.");
    expect(effective.explanation).toBe(
      "Green (set by the coordinator: the amber action was replaced by the new training offer; " +
        "derived rating was Amber)",
    );
  });

  it("records an override to the same rating as an override", () => {
    const effective = applyOverride(derived, { rating: "amber", reason: "Confirmed at the steering group" });
    expect(effective.overridden).toBe(true);
    expect(effective.explanation).toBe(
      "Amber (set by the coordinator: Confirmed at the steering group; derived rating was also Amber)",
    );
  });

  it.each(["", "   ", "\n\t"])("refuses an override without a reason (%j)", (reason) => {
    expect(() => applyOverride(derived, { rating: "green", reason })).toThrow(/needs a reason/);
  });

  it("always gives the override's rating and keeps the derived rating untouched", () => {
    fc.assert(
      fc.property(ratings, rating, fc.string({ minLength: 1 }), (list, chosen, reason) => {
        fc.pre(reason.trim() !== "");
        const d = deriveCommitmentRating(list);
        const effective = applyOverride(d, { rating: chosen, reason });
        expect(effective.rating).toBe(chosen);
        expect(effective.derived).toEqual(deriveCommitmentRating(list));
        expect(effective.explanation).toContain("set by the coordinator");
      }),
    );
  });
});
