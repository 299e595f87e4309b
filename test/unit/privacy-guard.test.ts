import { describe, expect, it } from "vitest";
import {
  describeFinding,
  describeKinds,
  findPersonalData,
  isValidNationalInsuranceNumber,
  isValidNhsNumber,
  maskExcerpt,
} from "../../src/domain/privacy/index.ts";
import { NEGATIVES, POSITIVES } from "./fixtures/privacy-corpus.ts";

describe("the personal-data guard's corpus", () => {
  it("has at least 60 positives and 60 negatives", () => {
    expect(POSITIVES.length).toBeGreaterThanOrEqual(60);
    expect(NEGATIVES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(POSITIVES.map((p) => [p.text, p]))("finds personal data in %j", (_text, positive) => {
    const findings = findPersonalData(positive.text);
    const ofKind = findings.filter((f) => f.kind === positive.kind);
    expect(ofKind, JSON.stringify(findings)).not.toHaveLength(0);
    if (positive.excerpt) expect(ofKind.map((f) => f.excerpt)).toContain(positive.excerpt);
  });

  it.each(NEGATIVES.map((n) => [n]))("finds nothing in %j", (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it("finds every detail in the passage that was pasted into a narrative", () => {
    const text =
      "Jane Smith (DOB 14/02/1988, NHS no. 943 476 5919) of 12 Acacia Road… her son Tom (date of birth 03/06/2017)";
    const findings = findPersonalData(text);
    expect(findings.map(describeFinding)).toEqual([
      "a date of birth, 14/02/1988",
      "an NHS number, 943 476 5919",
      "a home address, 12 Acacia Road",
      "a first name next to a family word, her son Tom",
      "a date of birth, 03/06/2017",
    ]);
  });
});

describe("NHS numbers", () => {
  it("accepts numbers whose check digit is right, however they are spaced", () => {
    expect(isValidNhsNumber("943 476 5919")).toBe(true);
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("401-023-2137")).toBe(true);
  });
  it("refuses a wrong check digit", () => {
    expect(isValidNhsNumber("943 476 5918")).toBe(false);
    expect(isValidNhsNumber("4010232138")).toBe(false);
  });
  it("refuses numbers whose check would be 10, and anything not ten digits", () => {
    // 1234567890: the sum 210 leaves 1, so the check digit would have to be 10.
    expect(isValidNhsNumber("1234567890")).toBe(false);
    expect(isValidNhsNumber("943476591")).toBe(false);
    expect(isValidNhsNumber("94347659190")).toBe(false);
  });
  it("takes a check of 11 as check digit 0", () => {
    // 1100000003: 1×10 + 1×9 = 19, remainder 8, check 3.
    expect(isValidNhsNumber("1100000003")).toBe(true);
    // 0000000000: sum 0, remainder 0, 11 − 0 = 11, which is written 0.
    expect(isValidNhsNumber("0000000000")).toBe(true);
    expect(isValidNhsNumber("0000000001")).toBe(false);
  });
});

describe("National Insurance numbers", () => {
  it("accepts the HMRC format with or without spaces", () => {
    expect(isValidNationalInsuranceNumber("AB123456C")).toBe(true);
    expect(isValidNationalInsuranceNumber("AB 12 34 56 C")).toBe(true);
    expect(isValidNationalInsuranceNumber("ce123456d")).toBe(true);
  });
  it("refuses D, F, I, Q, U and V as the first letter", () => {
    for (const first of ["D", "F", "I", "Q", "U", "V"]) {
      expect(isValidNationalInsuranceNumber(`${first}A123456A`)).toBe(false);
    }
  });
  it("refuses D, F, I, O, Q, U and V as the second letter", () => {
    for (const second of ["D", "F", "I", "O", "Q", "U", "V"]) {
      expect(isValidNationalInsuranceNumber(`A${second}123456A`)).toBe(false);
    }
  });
  it("refuses the prefixes that are never allocated, and suffixes other than A to D", () => {
    for (const prefix of ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]) {
      expect(isValidNationalInsuranceNumber(`${prefix}123456A`)).toBe(false);
    }
    expect(isValidNationalInsuranceNumber("AB123456E")).toBe(false);
    expect(isValidNationalInsuranceNumber("QQ123456C")).toBe(false);
    expect(isValidNationalInsuranceNumber("AB12345C")).toBe(false);
  });
});

describe("describing what was found", () => {
  it("lists kinds in a sentence", () => {
    expect(describeKinds(["dateOfBirth"])).toBe("a date of birth");
    expect(describeKinds(["dateOfBirth", "nhsNumber", "homeAddress"])).toBe(
      "a date of birth, an NHS number and a home address",
    );
  });
  it("masks an excerpt so the scan does not repeat the passage", () => {
    expect(maskExcerpt("Jane Smith")).toBe("J••• S••••");
    expect(maskExcerpt("943 476 5919")).toBe("••• ••• ••••");
    expect(maskExcerpt("14/02/1988")).toBe("••/••/••••");
  });
});
