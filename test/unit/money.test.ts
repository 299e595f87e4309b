import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatPounds,
  formatVarianceAmount,
  formatVariancePercent,
  MAX_PENCE,
  needsExplanation,
  parsePounds,
  partsSentence,
  poundsInputValue,
  sumPence,
  variance,
  variancePercentTenths,
} from "../../src/domain/funding/money.ts";

const pence = (input: string, allowNegative = false) => {
  const parsed = parsePounds(input, { allowNegative });
  return parsed.ok ? parsed.pence : parsed.error;
};

describe("parsePounds", () => {
  it("reads pounds and pence as whole pence", () => {
    expect(pence("£8,000.50")).toBe(800050);
    expect(pence("8000.5")).toBe(800050);
    expect(pence(" £34,500 ")).toBe(3450000);
    expect(pence("£ 34,500")).toBe(3450000);
    expect(pence("0.01")).toBe(1);
    expect(pence("£0")).toBe(0);
    expect(pence("1,234,567.89")).toBe(123456789);
  });

  it("refuses a fraction of a penny with its own message", () => {
    expect(pence("£8,000.505")).toMatch(/whole pence/);
    expect(pence("0.001")).toMatch(/whole pence/);
  });

  it("refuses a minus unless allowed", () => {
    expect(pence("-£1,500")).toMatch(/£0 or more/);
    expect(pence("-£1,500", true)).toBe(-150000);
    expect(pence("£-1,500.25", true)).toBe(-150025);
    expect(pence("-0")).toBe(0);
  });

  it("refuses junk and badly placed commas", () => {
    for (const junk of [
      "",
      "£",
      "eight",
      "8,00",
      "80,00.00",
      "1e5",
      "£8k",
      "8.",
      ".5",
      "--5",
      "-£-5",
      "0x10",
      "£ 8 000",
      "8 000",
    ]) {
      expect(pence(junk), junk).toMatch(/Enter/);
    }
  });

  it("refuses amounts it cannot hold exactly", () => {
    expect(pence("99999999999999999")).toMatch(/smaller/);
  });

  it("reads back every amount it formats", () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_PENCE, max: MAX_PENCE }), (value) => {
        expect(pence(formatPounds(value), true)).toBe(value);
        expect(pence(poundsInputValue(value), true)).toBe(value);
      }),
    );
  });
});

describe("formatPounds", () => {
  it("shows whole pounds without pence and pence with two digits", () => {
    expect(formatPounds(800000)).toBe("£8,000");
    expect(formatPounds(800050)).toBe("£8,000.50");
    expect(formatPounds(800005)).toBe("£8,000.05");
    expect(formatPounds(5)).toBe("£0.05");
    expect(formatPounds(0)).toBe("£0");
    expect(formatPounds(-150000)).toBe("-£1,500");
    expect(formatPounds(800000, { alwaysPence: true })).toBe("£8,000.00");
    expect(formatPounds(MAX_PENCE)).toBe("£90,071,992,547,409.91");
  });

  it("refuses what is not whole pence", () => {
    expect(() => formatPounds(0.5)).toThrow(RangeError);
    expect(() => formatPounds(Number.NaN)).toThrow(RangeError);
  });
});

describe("sumPence", () => {
  it("sums 10,000 allocations exactly", () => {
    // 10,000 awkward amounts (pence that floats cannot represent as pounds: 0.1, 0.07…).
    const amounts = Array.from({ length: 10_000 }, (_, i) => 1_000_000 + ((i * 7919) % 100) + 7);
    const expected = amounts.reduce((sum, a) => sum + BigInt(a), 0n);
    expect(sumPence(amounts)).toBe(Number(expected));
    // 10,000 allocations of £0.10: floating-point pounds would give 1000.0000000001588.
    expect(formatPounds(sumPence(Array.from({ length: 10_000 }, () => 10)))).toBe("£1,000");
    expect(sumPence(Array.from({ length: 10_000 }, () => 800_050))).toBe(8_000_500_000);
  });

  it("sums any amounts exactly, in any order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 1e12 }), { maxLength: 200 }), (values) => {
        const exact = values.reduce((sum, v) => sum + BigInt(v), 0n);
        expect(sumPence(values)).toBe(Number(exact));
        expect(sumPence([...values].reverse())).toBe(Number(exact));
      }),
    );
  });

  it("refuses a total it cannot hold", () => {
    expect(() => sumPence([MAX_PENCE, 1])).toThrow(RangeError);
    expect(sumPence([])).toBe(0);
  });
});

describe("variance", () => {
  it("gives the amount and an exact ratio, rounded only for display", () => {
    const over = variance(1_000_000, 1_125_000);
    expect(over.amountPence).toBe(125_000);
    expect(over.ratio).toEqual({ numerator: 125_000, denominator: 1_000_000 });
    expect(formatVariancePercent(over)).toBe("+12.5%");
    expect(formatVarianceAmount(over)).toBe("+£1,250");
    const under = variance(300_000, 200_000);
    expect(formatVariancePercent(under)).toBe("-33.3%");
    expect(formatVarianceAmount(under)).toBe("-£1,000");
    expect(formatVariancePercent(variance(300_000, 400_000))).toBe("+33.3%");
    expect(formatVariancePercent(variance(100, 100))).toBe("0%");
    expect(formatVariancePercent(variance(1000, 1100))).toBe("+10%");
  });

  it("rounds half away from zero", () => {
    expect(variancePercentTenths(variance(2000, 2001))).toBe(1); // 0.05% → 0.1%
    expect(variancePercentTenths(variance(2000, 1999))).toBe(-1);
    expect(variancePercentTenths(variance(3000, 3001))).toBe(0); // 0.0333%
  });

  it("has no percent against £0", () => {
    expect(variance(0, 500).ratio).toBeNull();
    expect(formatVariancePercent(variance(0, 500))).toBe("");
  });
});

describe("needsExplanation", () => {
  const percentOnly = { percent: 10, pence: null };
  it("compares percent exactly at the boundary", () => {
    expect(needsExplanation(variance(1_000_000, 1_100_000), percentOnly)).toBe(true); // exactly 10%
    expect(needsExplanation(variance(1_000_000, 1_099_999), percentOnly)).toBe(false);
    expect(needsExplanation(variance(1_000_000, 900_000), percentOnly)).toBe(true); // underspend too
    expect(needsExplanation(variance(1_000_000, 1_000_000), percentOnly)).toBe(false);
  });

  it("uses whichever of percent and pence is reached first", () => {
    const both = { percent: 10, pence: 50_000 };
    expect(needsExplanation(variance(100_000_000, 100_050_000), both)).toBe(true); // £500, 0.5%
    expect(needsExplanation(variance(100_000_000, 100_049_999), both)).toBe(false);
    expect(needsExplanation(variance(100_000_000, 100_049_999), { percent: null, pence: null })).toBe(false);
  });

  it("asks for an explanation of any spend against a £0 budget", () => {
    expect(needsExplanation(variance(0, 1), percentOnly)).toBe(true);
    expect(needsExplanation(variance(0, 0), percentOnly)).toBe(false);
  });
});

describe("partsSentence", () => {
  it("groups equal parts in order of first appearance", () => {
    expect(partsSentence([800000, 800000, 800000, 1050000])).toBe("£34,500 = 3 × £8,000 + £10,500");
    expect(partsSentence([1050000, 800000, 800000])).toBe("£26,500 = £10,500 + 2 × £8,000");
    expect(partsSentence([50, 800000])).toBe("£8,000.50 = £0.50 + £8,000");
  });

  it("is the total alone with one part or none", () => {
    expect(partsSentence([800000])).toBe("£8,000");
    expect(partsSentence([])).toBe("£0");
  });
});
