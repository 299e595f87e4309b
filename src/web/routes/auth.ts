import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { sessionClient } from "../../domain/session-client.ts";
import type { Services } from "../../services/index.ts";
import { errorMap, errorSummary, formValues, parseForm } from "../forms.ts";
import { SESSION_COOKIE } from "../plugins/session-store.ts";
import type { SessionUser } from "../types.ts";
import { TWO_FACTOR_SET_UP_URL } from "./account-two-factor.ts";
import { providerSignOutUrl } from "./sso.ts";

/** How long after the password the two-factor code may be given. */
const PENDING_TWO_FACTOR_MS = 10 * 60 * 1000;

const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Enter the security code from your authenticator app, or a recovery code")
    .max(40, "Enter a correct security code or recovery code"),
});

/**
 * Signs the person in: a new session id (an id planted before sign-in is worthless afterwards), with
 * when and, coarsely, where, for "Your sessions".
 */
export async function startSession(request: FastifyRequest, user: SessionUser): Promise<void> {
  await request.session.regenerate();
  request.session.user = user;
  request.session.signedInAt = Date.now();
  request.session.client = sessionClient(request.headers["user-agent"], request.ip);
}

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address")
    .email("Enter an email address in the correct format, like name@example.org"),
  password: z.string().min(1, "Enter your password"),
});

/** Only same-site paths may be returned to after signing in (no open redirects). */
export function safeReturnTo(value: unknown): string | null {
  return typeof value === "string" && /^\/(?!\/)[\w\-/.?=&%]*$/.test(value) ? value : null;
}

export function registerAuthRoutes(app: FastifyInstance, services: Services): void {
  const limits = services.config.rateLimits;
  const perAddress = app.rateLimit({
    max: limits.signInPerAddress,
    timeWindow: "15 minutes",
    keyGenerator: (request: FastifyRequest) => `sign-in:ip:${request.ip}`,
  });

  app.get("/sign-in", { config: { access: "public" } }, async (request, reply) => {
    if (request.session.user) return reply.redirect("/", 303);
    const returnTo = safeReturnTo((request.query as { returnTo?: unknown }).returnTo);
    return reply.page("auth/sign-in", {
      title: "Sign in",
      values: {},
      returnTo,
      sso: Boolean(services.config.oidc),
    });
  });

  app.post("/sign-in", { config: { access: "public" }, preHandler: [perAddress] }, async (request, reply) => {
    const values = formValues(request.body);
    const returnTo = safeReturnTo(values.returnTo);
    const parsed = parseForm(signInSchema, values);
    const rerender = (errors: { field: string; message: string }[]) =>
      reply.code(400).page("auth/sign-in", {
        title: "Sign in",
        values: { email: values.email },
        returnTo,
        sso: Boolean(services.config.oidc),
        errors: errorSummary(errors),
        fieldErrors: errorMap(errors),
      });
    if (!parsed.ok) return rerender(parsed.errors);
    const { email, password } = parsed.data;
    // request.ip is the socket's address, or the one a trusted proxy saw (TRUST_PROXY), never a
    // header the client wrote itself.
    const throttle = await services.auth.signInThrottle(email, request.ip);
    if (throttle.refuse) {
      request.log.warn("sign-in refused: too many failures for this account from this address");
      return reply.code(429).page("errors/too-many", { title: "Too many attempts" });
    }
    if (throttle.delayMs > 0) {
      request.log.warn({ delayMs: throttle.delayMs }, "sign-in slowed: many failures for this account");
      await services.auth.pause(throttle.delayMs);
    }
    const user = await services.auth.verifyCredentials(email, password);
    if (!user) {
      await services.auth.recordFailure(email, request.ip);
      request.log.info("sign-in refused");
      return rerender([{ field: "email", message: "Enter a correct email address and password" }]);
    }
    if (services.config.oidc && (await services.sso.requiringPartnerships(user.id)).length > 0) {
      request.log.info({ userId: user.id }, "password sign-in refused: single sign-on is required");
      return rerender([
        {
          field: "email",
          message:
            "Your partnership requires you to sign in with your organisation's account: use that button instead",
        },
      ]);
    }
    const twoFactor = await services.twoFactor.signInState(user.id);
    if (twoFactor.enabled) {
      // Nobody is signed in until the code is right; the failures of this address are kept until
      // then, so wrong codes count with wrong passwords against the same limits.
      await request.session.regenerate();
      request.session.pendingTwoFactor = { user, at: Date.now(), returnTo };
      return reply.redirect("/sign-in/two-factor", 303);
    }
    await services.auth.recordSuccess(email, request.ip);
    await startSession(request, user);
    request.log.info({ userId: user.id }, "signed in");
    if (twoFactor.mustSetUp) {
      request.session.mustSetUpTwoFactor = true;
      return reply.redirect(TWO_FACTOR_SET_UP_URL, 303);
    }
    return reply.redirect(returnTo ?? "/", 303);
  });

  const perAddressCodes = app.rateLimit({
    max: limits.signInPerAddress,
    timeWindow: "15 minutes",
    keyGenerator: (request: FastifyRequest) => `sign-in-code:ip:${request.ip}`,
  });
  const pendingOf = (request: FastifyRequest) => {
    const pending = request.session.pendingTwoFactor;
    return pending && Date.now() - pending.at < PENDING_TWO_FACTOR_MS ? pending : null;
  };

  app.get("/sign-in/two-factor", { config: { access: "public" } }, async (request, reply) => {
    if (request.session.user) return reply.redirect("/", 303);
    if (!pendingOf(request)) return reply.redirect("/sign-in", 303);
    return reply.page("auth/two-factor", { title: "Enter your security code", values: {} });
  });

  app.post(
    "/sign-in/two-factor",
    { config: { access: "public" }, preHandler: [perAddressCodes] },
    async (request, reply) => {
      const rerender = (message: string) =>
        reply.code(400).page("auth/two-factor", {
          title: "Enter your security code",
          values: {},
          errors: errorSummary([{ field: "code", message }]),
          fieldErrors: errorMap([{ field: "code", message }]),
        });
      const parsed = parseForm(codeSchema, formValues(request.body));
      // A code Waymark could never accept is refused as such, whether or not a sign-in is waiting.
      if (!parsed.ok) return rerender(parsed.errors[0]?.message ?? "Enter your security code");
      const pending = pendingOf(request);
      if (!pending) return reply.redirect("/sign-in", 303);
      const { user } = pending;
      const throttle = await services.auth.signInThrottle(user.email, request.ip);
      if (throttle.refuse) {
        request.log.warn("two-factor refused: too many failures for this account from this address");
        return reply.code(429).page("errors/too-many", { title: "Too many attempts" });
      }
      if (throttle.delayMs > 0) await services.auth.pause(throttle.delayMs);
      const kind = await services.twoFactor.verifySignIn(user.id, parsed.data.code);
      if (!kind) {
        await services.auth.recordFailure(user.email, request.ip);
        request.log.info({ userId: user.id }, "two-factor code refused");
        return rerender("Enter a correct security code or recovery code");
      }
      await services.auth.recordSuccess(user.email, request.ip);
      await startSession(request, user);
      request.log.info({ userId: user.id, with: kind }, "signed in with two-factor");
      if (kind === "recovery-code") {
        const { recoveryCodesLeft } = await services.twoFactor.status(user.id);
        request.session.flash = {
          type: "important",
          heading: `You signed in with a recovery code: ${recoveryCodesLeft} of your codes ${recoveryCodesLeft === 1 ? "is" : "are"} left`,
          html: '<p class="govuk-body">Each code works once. <a class="govuk-link" href="/account/two-factor">Set up two-factor again</a> to get ten new ones.</p>',
        };
      }
      return reply.redirect(pending.returnTo ?? "/", 303);
    },
  );

  app.post("/sign-out", { config: { access: "signed-in" } }, async (request, reply) => {
    // Signed in by single sign-on: the provider's session ends too (end_session_endpoint).
    const provider = await providerSignOutUrl(services, request.session.oidcIdToken);
    if (request.session) await request.session.destroy();
    // The browser forgets the cookie too (Max-Age=0), so nothing of the session is left behind.
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect(provider ?? "/sign-in?signedOut=1", 303);
  });
}
