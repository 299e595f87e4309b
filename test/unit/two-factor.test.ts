import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createSecretBox } from "../../src/services/two-factor/secret-box.ts";
import {
  groupedKey,
  matchingStep,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  stepAt,
  totpCodeAt,
  totpUri,
} from "../../src/services/two-factor/totp.ts";

// Issue 17: the pure parts of two-factor sign-in.

describe("time-based codes", () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 0, 15, 10, 0, 10);

  it("accepts this step's code and one step either side, naming the step, and nothing further", () => {
    expect(matchingStep(secret, totpCodeAt(secret, now), now)).toBe(stepAt(now));
    expect(matchingStep(secret, totpCodeAt(secret, now - 30_000), now)).toBe(stepAt(now) - 1);
    expect(matchingStep(secret, totpCodeAt(secret, now + 30_000), now)).toBe(stepAt(now) + 1);
    expect(matchingStep(secret, totpCodeAt(secret, now + 90_000), now)).toBeNull();
    expect(matchingStep(secret, "abcdef", now)).toBeNull();
  });

  it("takes the code with a space or dash as typed from the app", () => {
    const code = totpCodeAt(secret, now);
    expect(matchingStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(stepAt(now));
  });

  it("makes a 160-bit key an authenticator app reads", () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(groupedKey("ABCDEFGH")).toBe("ABCD EFGH");
    const uri = totpUri(secret, "coordinator@ashvale.example");
    expect(uri).toContain("otpauth://totp/Waymark:coordinator%40ashvale.example");
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain("period=30");
  });
});

describe("recovery codes", () => {
  it("are ten different codes, matched however they are typed", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const code = codes[0]!;
    expect(recoveryCodeHash(` ${code.toUpperCase().replace("-", " ")} `)).toBe(recoveryCodeHash(code));
    expect(recoveryCodeHash(code)).not.toBe(recoveryCodeHash(codes[1]!));
  });
});

describe("the sealed secret", () => {
  it("opens with its key only, and refuses a changed one", () => {
    const box = createSecretBox("a-key-of-at-least-thirty-two-characters-long");
    const sealed = box.seal("JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(box.open(sealed)).toBe("JBSWY3DPEHPK3PXP");
    expect(() => createSecretBox("another-key-of-at-least-thirty-two-chars").open(sealed)).toThrow();
    const [v, iv, tag, body] = sealed.split(".");
    expect(() => box.open([v, iv, tag, `A${body!.slice(1)}`].join("."))).toThrow();
  });
});

describe("the requirement", () => {
  it("is on in production and off elsewhere unless set", () => {
    const secret = "a-production-secret-of-at-least-32-chars";
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: secret }).twoFactor.requiredForAdmins).toBe(
      true,
    );
    expect(loadConfig({ NODE_ENV: "development" }).twoFactor.requiredForAdmins).toBe(false);
    expect(loadConfig({ TWO_FACTOR_FOR_ADMINS: "required" }).twoFactor.requiredForAdmins).toBe(true);
    expect(
      loadConfig({ NODE_ENV: "production", SESSION_SECRET: secret, TWO_FACTOR_FOR_ADMINS: "optional" })
        .twoFactor.requiredForAdmins,
    ).toBe(false);
  });
});
