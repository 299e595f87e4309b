import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isRating,
  parseRating,
  RATING_CELL_COLOURS,
  RATING_LABELS,
  RATING_MEANINGS,
  RATING_TAG_CLASSES,
  RATINGS,
  type Rating,
  ratingCellColours,
  ratingLabel,
  ratingMeaning,
  ratingNeedsRemedy,
  ratingTagClass,
} from "../../src/domain/rag.ts";

// WCAG 2.x relative luminance and contrast ratio, computed here independently of the code under test.
function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe("ratings", () => {
  it("has the five ratings in board order", () => {
    expect(RATINGS).toEqual(["red", "amber", "green", "grey", "complete"]);
  });

  it("recognises only the stored values", () => {
    for (const r of RATINGS) expect(isRating(r)).toBe(true);
    for (const v of ["Red", "RED", "", "blue", "orange", null, undefined, 3, {}])
      expect(isRating(v)).toBe(false);
  });

  it("labels every rating with its word", () => {
    expect(RATINGS.map(ratingLabel)).toEqual(["Red", "Amber", "Green", "Grey", "Complete"]);
    expect(Object.keys(RATING_LABELS).sort()).toEqual([...RATINGS].sort());
  });

  it("gives every rating a plain-English meaning starting with its short phrase", () => {
    expect(ratingMeaning("red")).toBe(
      "Off track: the action will not be delivered as planned without intervention",
    );
    expect(ratingMeaning("amber")).toMatch(/^At risk: /);
    expect(ratingMeaning("green")).toMatch(/^On track: /);
    expect(ratingMeaning("grey")).toMatch(/^Not started: /);
    expect(ratingMeaning("complete")).toBe("Done: the action has been delivered");
    for (const r of RATINGS) {
      expect(RATING_MEANINGS[r].length).toBeGreaterThan(20);
      expect(RATING_MEANINGS[r]).not.toMatch(/\.$/);
    }
  });
});

describe("parseRating", () => {
  const cases: [string, Rating | null][] = [
    ["red", "red"],
    ["Red", "red"],
    ["  RED  ", "red"],
    ["R", "red"],
    ["r", "red"],
    ["Off track", "red"],
    ["Amber", "amber"],
    ["A", "amber"],
    ["at risk", "amber"],
    ["Green", "green"],
    ["G", "green"],
    ["On track", "green"],
    ["on-track", "green"],
    ["Grey", "grey"],
    ["Gray", "grey"],
    ["Not started", "grey"],
    ["NOT STARTED", "grey"],
    ["not-started", "grey"],
    ["Not yet started", "grey"],
    ["Complete", "complete"],
    ["Completed", "complete"],
    ["Done", "complete"],
    ["Done.", "complete"],
    ["Blue", "complete"],
    ["Green - on track", "green"],
    ["Green – On track", "green"],
    ["Amber (at risk)", "amber"],
    ["(G)", "green"],
    ["Complete: done", "complete"],
    ["\tGreen\n", "green"],
    ["", null],
    ["   ", null],
    ["Red/Amber", null],
    ["Amber-Green", null],
    ["Amber/Green", null],
    ["Green - not started", null],
    ["N/A", null],
    ["TBC", null],
    ["purple", null],
    ["reddish", null],
    ["greenish", null],
    ["not", null],
  ];

  it.each(cases)("reads %j as %j", (text, expected) => {
    expect(parseRating(text)).toBe(expected);
  });

  it("reads back every label and every stored value, in any case and padding", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RATINGS),
        fc.boolean(),
        fc.boolean(),
        fc.stringMatching(/^[ \t]{0,3}$/),
        (r, useLabel, upper, pad) => {
          const word = useLabel ? ratingLabel(r) : r;
          const text = `${pad}${upper ? word.toUpperCase() : word}${pad}`;
          expect(parseRating(text)).toBe(r);
        },
      ),
    );
  });

  it("never throws and returns a rating or null for any text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseRating(text);
        expect(result === null || isRating(result)).toBe(true);
      }),
    );
  });

  it("reads each meaning's short phrase as its rating", () => {
    for (const r of RATINGS) {
      const phrase = RATING_MEANINGS[r].split(":")[0]!;
      expect(parseRating(phrase)).toBe(r);
      expect(parseRating(`${ratingLabel(r)} - ${phrase}`)).toBe(r);
    }
  });
});

describe("ratingNeedsRemedy", () => {
  it("asks what is being done only for red and amber", () => {
    expect(RATINGS.filter(ratingNeedsRemedy)).toEqual(["red", "amber"]);
  });
});

describe("tags and cell colours", () => {
  it("uses the GOV.UK tag modifier per rating", () => {
    expect(RATING_TAG_CLASSES).toEqual({
      red: "govuk-tag--red",
      amber: "govuk-tag--orange",
      green: "govuk-tag--green",
      grey: "govuk-tag--grey",
      complete: "govuk-tag--blue",
    });
    expect(ratingTagClass("amber")).toBe("govuk-tag govuk-tag--orange");
  });

  it("gives cell colours as bare 6-digit upper-case hex", () => {
    for (const r of RATINGS) {
      const { fill, text } = ratingCellColours(r);
      expect(fill).toMatch(/^[0-9A-F]{6}$/);
      expect(text).toMatch(/^[0-9A-F]{6}$/);
    }
  });

  it("gives every rating a different fill", () => {
    const fills = new Set(RATINGS.map((r) => RATING_CELL_COLOURS[r].fill));
    expect(fills.size).toBe(RATINGS.length);
  });

  it("matches the colours of GOV.UK Frontend's tags, so pages, Word and Excel agree", () => {
    const require = createRequire(import.meta.url);
    const css = readFileSync(require.resolve("govuk-frontend/dist/govuk/govuk-frontend.min.css"), "utf8");
    for (const r of RATINGS) {
      const modifier = RATING_TAG_CLASSES[r];
      // The blue tag is the base .govuk-tag style; the others are modifiers.
      const selector = modifier === "govuk-tag--blue" ? "\\.govuk-tag" : `\\.${modifier}`;
      const rule = new RegExp(`${selector}\\{color:#([0-9a-f]{6});background-color:#([0-9a-f]{6})`, "i");
      const match = rule.exec(css);
      expect(match, `no colours for ${modifier} in govuk-frontend.min.css`).not.toBeNull();
      expect(RATING_CELL_COLOURS[r]).toEqual({
        fill: match![2]!.toUpperCase(),
        text: match![1]!.toUpperCase(),
      });
    }
  });

  it.each(RATINGS)("%s text is readable on its fill (contrast at least 4.5:1)", (r) => {
    const { fill, text } = RATING_CELL_COLOURS[r];
    expect(contrastRatio(fill, text)).toBeGreaterThanOrEqual(4.5);
  });

  it("computes contrast ratios correctly (known values)", () => {
    expect(contrastRatio("FFFFFF", "000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("777777", "FFFFFF")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("123456", "123456")).toBe(1);
  });
});
