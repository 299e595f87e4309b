// Who an OpenID Connect id token says the person is, in Waymark's terms (issue 17). Pure: the route
// gives the claims openid-client has already checked (signature, issuer, audience, nonce, expiry).

export type SsoIdentity =
  | { ok: true; email: string }
  | { ok: false; reason: "no-email" | "unverified" | "domain" };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The verified e-mail address in the claims: `email` with `email_verified` true, or, when configured
 * (Entra ID), `preferred_username`, which the tenant itself assigns. Outside the allowed domains
 * (when some are set) nobody is let in.
 */
export function ssoIdentity(
  claims: Record<string, unknown>,
  settings: { emailClaim: "email" | "preferred_username"; allowedDomains: string[] },
): SsoIdentity {
  const raw = claims[settings.emailClaim];
  if (typeof raw !== "string" || !EMAIL.test(raw.trim())) return { ok: false, reason: "no-email" };
  const email = raw.trim().toLowerCase();
  if (settings.emailClaim === "email" && claims.email_verified !== true)
    return { ok: false, reason: "unverified" };
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (settings.allowedDomains.length > 0 && !settings.allowedDomains.includes(domain))
    return { ok: false, reason: "domain" };
  return { ok: true, email };
}
