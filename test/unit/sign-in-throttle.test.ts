import { describe, expect, it } from "vitest";
import { MAX_DELAY_MS, signInThrottle } from "../../src/domain/sign-in-throttle.ts";

const limits = { perAccountAndAddress: 5, perAccount: 50 };

describe("sign-in throttling", () => {
  it("refuses one account from one address after its strict limit, whatever the account's total", () => {
    expect(signInThrottle({ pair: 4, account: 4 }, limits)).toEqual({ refuse: false, delayMs: 0 });
    expect(signInThrottle({ pair: 5, account: 5 }, limits)).toEqual({ refuse: true });
  });

  it("never refuses an address that has not failed, however many failures the account has elsewhere", () => {
    for (const account of [0, 49, 50, 500, 50_000])
      expect(signInThrottle({ pair: 0, account }, limits).refuse).toBe(false);
  });

  it("slows an account above its ceiling with a delay that grows and stops at a few seconds", () => {
    const delay = (account: number) => {
      const decision = signInThrottle({ pair: 0, account }, limits);
      return decision.refuse ? Number.NaN : decision.delayMs;
    };
    expect(delay(49)).toBe(0);
    expect(delay(50)).toBe(1000);
    expect(delay(60)).toBe(2000);
    expect(delay(70)).toBe(4000);
    expect(delay(80)).toBe(MAX_DELAY_MS);
    expect(delay(100_000)).toBe(MAX_DELAY_MS);
  });
});
