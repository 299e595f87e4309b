import type { FastifyInstance, FastifyReply } from "fastify";
import { ssoIdentity } from "../../domain/sso-claims.ts";
import type { Services } from "../../services/index.ts";
import { client, oidcConfiguration } from "../oidc/provider.ts";
import { safeReturnTo, startSession } from "./auth.ts";

// Single sign-on with OpenID Connect (issue 17): "Sign in with your organisation's account" sends the
// browser to the provider with PKCE, state and nonce kept in the server-side session; the callback
// has openid-client check them and the id token, then finds the existing account by verified
// e-mail. The provider does the person's multi-factor, so Waymark's own two-factor is not asked.

/** How long the provider may take before the sign-in must start again. */
const PENDING_MS = 10 * 60 * 1000;
export const SSO_CALLBACK_PATH = "/sign-in/oidc/callback";

type Refusal = "no-email" | "unverified" | "domain" | "unknown" | "failed" | "expired";

const REFUSALS: Record<Refusal, { title: string; text: string }> = {
  "no-email": {
    title: "Your organisation's account has no e-mail address",
    text: "Your organisation did not tell Waymark your e-mail address, so Waymark cannot find your account. Ask your IT service to include it, or sign in with your password.",
  },
  unverified: {
    title: "Your e-mail address is not verified",
    text: "Your organisation's account did not confirm that your e-mail address is verified, so Waymark cannot use it to find your account. Ask your IT service, or sign in with your password.",
  },
  domain: {
    title: "Your organisation cannot sign in to Waymark this way",
    text: "Single sign-on is open to some organisations' e-mail addresses only, and yours is not one of them. Sign in with your password, or ask your partnership's coordinator.",
  },
  unknown: {
    title: "You do not have a Waymark account",
    text: "No Waymark account has the e-mail address of your organisation's account. Signing in does not create one: ask your partnership's coordinator to add you.",
  },
  failed: {
    title: "We could not sign you in",
    text: "The answer from your organisation's sign-in service could not be checked, so you are not signed in. Start again from the sign-in page.",
  },
  expired: {
    title: "Your sign-in timed out",
    text: "Signing in with your organisation's account took too long, or was started in another browser. Start again from the sign-in page.",
  },
};

function refuse(reply: FastifyReply, reason: Refusal) {
  const { title, text } = REFUSALS[reason];
  return reply.code(403).page("auth/sso-refused", { title, text });
}

export function registerSsoRoutes(app: FastifyInstance, services: Services): void {
  const settings = services.config.oidc;
  if (!settings) return;
  const redirectUri = `${services.config.baseUrl}${SSO_CALLBACK_PATH}`;

  app.get("/sign-in/oidc", { config: { access: "public" } }, async (request, reply) => {
    if (request.session.user) return reply.redirect("/", 303);
    const configuration = await oidcConfiguration(settings);
    const verifier = client.randomPKCECodeVerifier();
    const pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier,
      at: Date.now(),
      returnTo: safeReturnTo((request.query as { returnTo?: unknown }).returnTo),
    };
    request.session.oidcPending = pending;
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: "openid email profile",
      response_type: "code",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
    });
    return reply.redirect(url.href, 303);
  });

  app.get(SSO_CALLBACK_PATH, { config: { access: "public" } }, async (request, reply) => {
    const pending = request.session.oidcPending;
    request.session.oidcPending = undefined;
    if (!pending || Date.now() - pending.at > PENDING_MS) return refuse(reply, "expired");
    const configuration = await oidcConfiguration(settings);
    const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(configuration, new URL(`${redirectUri}${query}`), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      request.log.warn({ err: error }, "single sign-on refused: the provider's answer did not check out");
      return refuse(reply, "failed");
    }
    const claims = tokens.claims();
    if (!claims) return refuse(reply, "failed");
    // A provider that keeps the e-mail out of the id token gives it at its userinfo endpoint (checked
    // there to be about the same subject).
    let found: Record<string, unknown> = claims;
    if (claims[settings.emailClaim] === undefined && configuration.serverMetadata().userinfo_endpoint) {
      try {
        found = {
          ...(await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)),
          ...claims,
        };
      } catch (error) {
        request.log.warn({ err: error }, "single sign-on: the provider's userinfo could not be read");
      }
    }
    const identity = ssoIdentity(found, settings);
    if (!identity.ok) {
      request.log.info({ reason: identity.reason }, "single sign-on refused");
      return refuse(reply, identity.reason);
    }
    const user = await services.sso.findAccount(identity.email);
    if (!user) {
      request.log.info("single sign-on refused: no account has that e-mail address");
      return refuse(reply, "unknown");
    }
    await services.sso.recordSignIn(user, claims.iss);
    await startSession(request, user);
    request.session.oidcIdToken = tokens.id_token;
    request.log.info({ userId: user.id }, "signed in by single sign-on");
    return reply.redirect(pending.returnTo ?? "/", 303);
  });
}

/** Where signing out sends the browser: the provider's end-session, when the session came from it. */
export async function providerSignOutUrl(
  services: Services,
  idToken: string | undefined,
): Promise<string | null> {
  const settings = services.config.oidc;
  if (!settings || !idToken) return null;
  const configuration = await oidcConfiguration(settings);
  if (!configuration.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(configuration, {
    id_token_hint: idToken,
    post_logout_redirect_uri: `${services.config.baseUrl}/sign-in?signedOut=1`,
  }).href;
}
