import * as client from "openid-client";
import type { Config, OidcConfig } from "../../config.ts";

// Single sign-on (issue 17) through openid-client, a certified relying party library: discovery,
// the authorisation code flow with PKCE, state and nonce, and the id token's checks (signature,
// issuer, audience, expiry, nonce) are its work, not ours. Microsoft Entra ID's multi-tenant
// endpoints (`organizations`, `common`) publish an issuer with `{tenantid}` in it; openid-client
// accepts each tenant's own issuer in the id token for login.microsoftonline.com by itself.

/** Why the provider could not be used, in an operator's words. */
export class OidcDiscoveryError extends Error {}

const discovered = new Map<string, Promise<client.Configuration>>();

/** Plain HTTP is accepted only for a provider on this machine (tests, a local provider). */
function isLoopback(issuer: string): boolean {
  return /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(issuer);
}

async function discover(settings: OidcConfig): Promise<client.Configuration> {
  const loopback = isLoopback(settings.issuer);
  try {
    const configuration = await client.discovery(
      new URL(settings.issuer),
      settings.clientId,
      settings.clientSecret,
      undefined,
      { execute: loopback ? [client.allowInsecureRequests] : [], timeout: 10 },
    );
    const metadata = configuration.serverMetadata();
    if (!metadata.authorization_endpoint || !metadata.token_endpoint || !metadata.jwks_uri) {
      throw new OidcDiscoveryError(
        `OIDC_ISSUER: the discovery document of ${settings.issuer} has no authorization, token or jwks endpoint`,
      );
    }
    return configuration;
  } catch (error) {
    if (error instanceof OidcDiscoveryError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    throw new OidcDiscoveryError(
      `OIDC_ISSUER: could not read ${settings.issuer}/.well-known/openid-configuration: ${reason}${cause}. Check the issuer address, that this server can reach it, and that it is an OpenID Connect provider`,
    );
  }
}

/** The provider's configuration, discovered once per issuer and client (a failure is tried again next time). */
export function oidcConfiguration(settings: OidcConfig): Promise<client.Configuration> {
  const key = `${settings.issuer}\u0000${settings.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    found = discover(settings);
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  return found;
}

/** The problem with single sign-on's provider, for the list of configuration problems at start. */
export async function oidcStartupProblems(config: Pick<Config, "oidc">): Promise<string[]> {
  if (!config.oidc) return [];
  try {
    await oidcConfiguration(config.oidc);
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

export { client };
