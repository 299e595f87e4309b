import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bestMatch,
  diceCoefficient,
  formatScore,
  MATCH_THRESHOLD,
  normaliseText,
} from "../../src/domain/text-match.ts";

const text = fc.string({ maxLength: 80 });
const words = fc.array(
  fc.constantFrom("train", "staff", "abuse", "safe", "refer", "police", "school", "help"),
  {
    minLength: 1,
    maxLength: 12,
  },
);

describe("normaliseText", () => {
  it("ignores case, accents, punctuation, '&' and spacing", () => {
    expect(normaliseText("  Front-line STAFF & Café, “safely”!  ")).toBe("front line staff and cafe safely");
  });

  it("is idempotent", () => {
    fc.assert(fc.property(text, (t) => normaliseText(normaliseText(t)) === normaliseText(t)));
  });
});

describe("diceCoefficient", () => {
  it("lies between 0 and 1", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const s = diceCoefficient(a, b);
        return s >= 0 && s <= 1;
      }),
    );
  });

  it("is symmetric", () => {
    fc.assert(fc.property(text, text, (a, b) => diceCoefficient(a, b) === diceCoefficient(b, a)));
  });

  it("is 1 for a text and itself, and for texts that differ only in case, punctuation and spacing", () => {
    fc.assert(fc.property(text, (a) => diceCoefficient(a, a) === 1));
    fc.assert(
      fc.property(words, (ws) => {
        const plain = ws.join(" ");
        const noisy = `  ${ws.map((w) => w.toUpperCase()).join(" ,  ")}. `;
        return diceCoefficient(plain, noisy) === 1;
      }),
    );
  });

  it("is 0 for texts with no pair of letters in common", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-f]{2,20}$/), fc.stringMatching(/^[p-z]{2,20}$/), (a, b) => {
        return diceCoefficient(a, b) === 0;
      }),
    );
    expect(diceCoefficient("", "training")).toBe(0);
    expect(diceCoefficient("a", "training")).toBe(0);
  });

  it("scores small wording differences above the threshold and different commitments below it", () => {
    const strategy =
      "Train frontline staff across the partnership to recognise domestic abuse, ask about it safely and refer people on.";
    expect(
      diceCoefficient(
        strategy,
        "Train front-line staff across the partnership to recognise domestic abuse, ask about it safely, and refer people on",
      ),
    ).toBeGreaterThanOrEqual(0.95);
    expect(
      diceCoefficient(
        strategy,
        "Train frontline staff to recognise domestic abuse, ask about it safely and refer on",
      ),
    ).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(
      diceCoefficient(
        strategy,
        "Run a Marac that meets national quality standards and brings down the repeat rate.",
      ),
    ).toBeLessThan(0.5);
  });
});

describe("bestMatch", () => {
  const items = [
    { id: 1, text: "Run an awareness campaign every year" },
    { id: 2, text: "Grow a network of Domestic Abuse Champions" },
    { id: 3, text: "Grow a network of Domestic Abuse Champion" },
  ];

  it("finds the closest candidate and the runner-up's score", () => {
    const match = bestMatch("grow a network of domestic abuse champions", items, (i) => i.text);
    expect(match?.item.id).toBe(2);
    expect(match?.score).toBe(1);
    expect(match?.runnerUp).toBeGreaterThan(0.9);
  });

  it("gives nothing for no candidates", () => {
    expect(bestMatch("anything", [], (i: { text: string }) => i.text)).toBeUndefined();
  });

  it("never scores the winner below any other candidate", () => {
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 1, maxLength: 6 }), (query, candidates) => {
        const match = bestMatch(query, candidates, (c) => c)!;
        return (
          candidates.every((c) => diceCoefficient(query, c) <= match.score) && match.runnerUp <= match.score
        );
      }),
    );
  });

  it("formats a score as a percentage", () => {
    expect(formatScore(0.923)).toBe("92%");
  });
});
