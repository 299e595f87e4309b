import { describe, expect, it } from "vitest";
import {
  jsonEscaped,
  passageProblems,
  REDACTED,
  redactJson,
  redactText,
} from "../../src/domain/redaction.ts";

describe("redacting a passage", () => {
  it("replaces every occurrence of the exact passage and counts them", () => {
    expect(redactText("Jane Smith met Jane Smith", "Jane Smith")).toEqual({
      text: `${REDACTED} met ${REDACTED}`,
      count: 2,
    });
    expect(redactText("jane smith", "Jane Smith")).toEqual({ text: "jane smith", count: 0 });
    expect(redactText("anything", "")).toEqual({ text: "anything", count: 0 });
    // Special characters are text, not a pattern.
    expect(redactText("a (b) $1 .* c", "(b) $1 .*").text).toBe(`a ${REDACTED} c`);
  });

  it("reaches every string of a JSON value at any depth, keys included, and leaves the rest", () => {
    const value = {
      narrative: "Tom, 7, of 3 Elm Close",
      rating: "red",
      version: 3,
      links: ["https://example.org/Tom, 7, of 3 Elm Close"],
      nested: { deeper: [{ text: "said Tom, 7, of 3 Elm Close" }], none: null, flag: true },
      "Tom, 7, of 3 Elm Close": "as a key",
    };
    const { value: out, count } = redactJson(value, "Tom, 7, of 3 Elm Close");
    expect(count).toBe(4);
    expect(JSON.stringify(out)).not.toContain("Elm Close");
    expect(out).toEqual({
      narrative: REDACTED,
      rating: "red",
      version: 3,
      links: [`https://example.org/${REDACTED}`],
      nested: { deeper: [{ text: `said ${REDACTED}` }], none: null, flag: true },
      [REDACTED]: "as a key",
    });
    const untouched = { a: "b" };
    expect(redactJson(untouched, "zzz").value).toBe(untouched);
  });

  it("finds the passage in JSON text as PostgreSQL writes it", () => {
    expect(jsonEscaped('She said "leave"\n')).toBe('She said \\"leave\\"\\n');
  });

  it("refuses a passage not in the field, an empty one, and a reason that repeats it", () => {
    const held = "We referred Jane Smith to the IDVA.";
    expect(passageProblems(held, "Jane Smith", "Names a victim")).toEqual([]);
    expect(passageProblems(held, "John Smith", "Names a victim").map((p) => p.field)).toEqual(["passage"]);
    expect(passageProblems(held, "  ", "Names a victim").map((p) => p.field)).toEqual(["passage"]);
    expect(passageProblems(held, "Jane Smith", "").map((p) => p.field)).toEqual(["reason"]);
    expect(passageProblems(held, "Jane Smith", "Names Jane Smith").map((p) => p.field)).toEqual(["reason"]);
    expect(passageProblems(`${held} ${REDACTED}`, REDACTED, "again").map((p) => p.field)).toEqual([
      "passage",
    ]);
  });
});
