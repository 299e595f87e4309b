import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Services } from "../../services/index.ts";
import { errorMap, errorSummary, formValues, parseForm } from "../forms.ts";
import { SESSION_COOKIE } from "../plugins/session-store.ts";

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
    return reply.page("auth/sign-in", { title: "Sign in", values: {}, returnTo });
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
    await services.auth.recordSuccess(email, request.ip);
    // A new session id at sign-in, so an id planted before sign-in is worthless afterwards.
    await request.session.regenerate();
    request.session.user = user;
    request.log.info({ userId: user.id }, "signed in");
    return reply.redirect(returnTo ?? "/", 303);
  });

  app.post("/sign-out", { config: { access: "signed-in" } }, async (request, reply) => {
    if (request.session) await request.session.destroy();
    // The browser forgets the cookie too (Max-Age=0), so nothing of the session is left behind.
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/sign-in?signedOut=1", 303);
  });
}
