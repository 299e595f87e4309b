import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { ssoIdentity } from "../../src/domain/sso-claims.ts";

// Issue 17: who an id token says the person is, and the single sign-on settings checked at start.

const email = { emailClaim: "email" as const, allowedDomains: [] };

describe("ssoIdentity", () => {
  it("takes a verified e-mail, lower-cased", () => {
    expect(ssoIdentity({ email: "A.Person@Ashvale.GOV.uk", email_verified: true }, email)).toEqual({
      ok: true,
      email: "a.person@ashvale.gov.uk",
    });
  });
  it("refuses an unverified or missing e-mail", () => {
    expect(ssoIdentity({ email: "a@b.org" }, email)).toEqual({ ok: false, reason: "unverified" });
    expect(ssoIdentity({ email: "a@b.org", email_verified: "true" }, email)).toEqual({
      ok: false,
      reason: "unverified",
    });
    expect(ssoIdentity({ sub: "x" }, email)).toEqual({ ok: false, reason: "no-email" });
  });
  it("uses Entra's preferred_username when configured, and keeps to the allowed domains", () => {
    const entra = { emailClaim: "preferred_username" as const, allowedDomains: ["ashvale.gov.uk"] };
    expect(ssoIdentity({ preferred_username: "p@ashvale.gov.uk" }, entra)).toEqual({
      ok: true,
      email: "p@ashvale.gov.uk",
    });
    expect(ssoIdentity({ preferred_username: "p@elsewhere.org" }, entra)).toEqual({
      ok: false,
      reason: "domain",
    });
  });
});

describe("single sign-on settings", () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig({ NODE_ENV: "test", ...env });
      return [];
    } catch (error) {
      return error instanceof ConfigError ? error.problems : [String(error)];
    }
  };
  it("needs the issuer, client id and secret together, https outside this machine", () => {
    expect(problems({ OIDC_ISSUER: "https://login.microsoftonline.com/organizations/v2.0" })).toHaveLength(2);
    expect(
      problems({ OIDC_ISSUER: "http://idp.example/", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" })[0],
    ).toMatch(/^OIDC_ISSUER: must start with https/);
    const config = loadConfig({
      NODE_ENV: "test",
      OIDC_ISSUER: "https://login.microsoftonline.com/organizations/v2.0",
      OIDC_CLIENT_ID: "a",
      OIDC_CLIENT_SECRET: "b",
      OIDC_ALLOWED_DOMAINS: "Ashvale.gov.uk, nhs.net",
    });
    expect(config.oidc?.allowedDomains).toEqual(["ashvale.gov.uk", "nhs.net"]);
    expect(config.oidc?.emailClaim).toBe("email");
  });
});
