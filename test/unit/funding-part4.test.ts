import { describe, expect, it } from "vitest";
import {
  missingMandatory,
  PART4_FIELDS,
  PART4_GROUPS,
  partsOverTotal,
  publishedPart4,
  readPart4Counts,
} from "../../src/domain/funding/part4-return.ts";

/** Every measure recorded: parts 20 each, totals 200 so the parts fit. */
const full = () =>
  Object.fromEntries(
    PART4_FIELDS.map((f) => [f.key, PART4_FIELDS.some((p) => p.partOf === f.key) ? "200" : "20"]),
  );

describe("the Part 4 return's fields", () => {
  it("has unique keys, a known group for each, and every part's total in the same group", () => {
    const keys = PART4_FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    // Labels name a field alone in error messages and the Excel rows, so they are unique too.
    expect(new Set(PART4_FIELDS.map((f) => f.label)).size).toBe(keys.length);
    const groups = new Set(PART4_GROUPS.map((g) => g.key));
    for (const f of PART4_FIELDS) {
      expect(groups.has(f.group)).toBe(true);
      if (f.partOf) expect(PART4_FIELDS.find((t) => t.key === f.partOf)?.group).toBe(f.group);
    }
  });

  it("covers the ministry's measures: people by group, bed spaces and units by accommodation type", () => {
    const labels = PART4_FIELDS.map((f) => f.label).join("\n");
    for (const word of ["Women", "Men", "Trans adults", "Children", "unable to be supported"]) {
      expect(labels).toContain(word);
    }
    for (const type of [
      "Refuge",
      "Specialist safe accommodation",
      "Dispersed",
      "Sanctuary schemes",
      "Move-on",
    ]) {
      expect(labels).toContain(`${type}`);
    }
    expect(PART4_FIELDS.some((f) => f.mandatory)).toBe(true);
    expect(PART4_FIELDS.some((f) => !f.mandatory)).toBe(true);
  });
});

describe("reading and checking a return", () => {
  it("reads whole numbers, commas allowed, blank as not recorded", () => {
    const { counts, problems } = readPart4Counts({ women: "1,204", men: "", children: " 7 " });
    expect(problems).toEqual([]);
    expect(counts.women).toBe(1204);
    expect(counts.men).toBeNull();
    expect(counts.children).toBe(7);
  });

  it("refuses negative, fractional, huge and wordy counts, naming the field", () => {
    for (const bad of ["-1", "2.5", "10000001", "twelve", "1e3"]) {
      const { problems } = readPart4Counts({ women: bad });
      expect(problems).toEqual([{ key: "women", message: expect.stringContaining("Women supported") }]);
    }
  });

  it("lets a draft be partial but needs every mandatory measure to be complete", () => {
    const { counts } = readPart4Counts(full());
    expect(missingMandatory(counts)).toEqual([]);
    const partial = { ...counts, women: null, transAdults: null };
    expect(missingMandatory(partial).map((p) => p.key)).toEqual(["women"]);
  });

  it("reports parts that add up to more than their total", () => {
    const { counts } = readPart4Counts({ ...full(), unableTotal: "30" });
    expect(partsOverTotal(counts).map((p) => p.key)).toEqual(["unableTotal"]);
    expect(partsOverTotal(readPart4Counts({ ...full(), unableTotal: "80" }).counts)).toEqual([]);
  });
});

describe("the published return", () => {
  it("hides small counts of people, and a second part where one hidden part could be worked out", () => {
    const { counts } = readPart4Counts({
      ...full(),
      men: "3",
      unableTotal: "50",
      unableNoSpace: "2",
      unableNeeds: "20",
      unableIneligible: "12",
      unableOther: "16",
      refugeUnits: "2",
    });
    const out = publishedPart4(counts, 5);
    expect(out.men).toBe("fewer than 5");
    expect(out.women).toBe("20");
    expect(out.unableNoSpace).toBe("fewer than 5");
    // The smallest part still shown is hidden too, so 50 − 20 − 16 − 12 cannot give the 2.
    expect(out.unableIneligible).toBe("suppressed");
    expect(out.unableNeeds).toBe("20");
    // Two bed units identify nobody.
    expect(out.refugeUnits).toBe("2");
  });

  it("says not recorded for a blank measure", () => {
    expect(publishedPart4({}, 5).women).toBe("not recorded");
  });
});
