import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AccountActor } from "../../services/actor.ts";
import { ValidationError } from "../../services/errors.ts";
import type { Services } from "../../services/index.ts";
import { formValues, parseForm } from "../forms.ts";
import type { SessionUser } from "../types.ts";
import { handleFormErrors, renderFormErrors } from "./helpers.ts";

// "Your account": a signed-in person's own name and password, whichever partnerships they are in.

const nameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter your full name")
    .max(200, "Your name must be 200 characters or fewer"),
});

const passwordSchema = z.object({
  currentPassword: z
    .string()
    .min(1, "Enter your current password")
    .max(200, "Your current password is not right"),
  // The rule itself (domain/password-rule.ts) is applied by the service, which knows the e-mail.
  newPassword: z
    .string()
    .min(1, "Enter a new password")
    .max(200, "Your password must be 200 characters or fewer"),
});

const signedIn = { config: { access: "signed-in" as const } };

export function registerAccountRoutes(app: FastifyInstance, services: Services): void {
  /** The signed-in user, or null after answering as the partnership pages do (sign in first). */
  function userOf(request: FastifyRequest, reply: FastifyReply): SessionUser | null {
    const user = request.session.user;
    if (user) return user;
    if (request.method === "GET") reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
    else reply.code(401).page("errors/forbidden", { title: "Sign in to continue" });
    return null;
  }
  const actorFor = (user: SessionUser): AccountActor => ({
    kind: "account",
    userId: user.id,
    email: user.email,
  });

  app.get("/account", signedIn, async (request, reply) => {
    const user = userOf(request, reply);
    if (!user) return reply;
    const account = await services.account.get(actorFor(user));
    const twoFactor = await services.twoFactor.status(user.id);
    return reply.page("account/show", { title: "Your account", account, twoFactor });
  });

  app.get("/account/name", signedIn, async (request, reply) => {
    const user = userOf(request, reply);
    if (!user) return reply;
    const account = await services.account.get(actorFor(user));
    return reply.page("account/name", { title: "Change your name", values: { name: account.name } });
  });

  app.post("/account/name", signedIn, async (request, reply) => {
    const user = userOf(request, reply);
    if (!user) return reply;
    const values = formValues(request.body);
    const page = { template: "account/name", title: "Change your name", context: {}, values };
    const parsed = parseForm(nameSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      services.account.changeName(actorFor(user), parsed.data.name),
    );
    if (!result.ok) return reply;
    request.session.user = { ...user, name: result.value.name };
    request.session.flash = { type: "success", heading: "Your name has been changed" };
    return reply.redirect("/account", 303);
  });

  app.get("/account/password", signedIn, async (request, reply) => {
    const user = userOf(request, reply);
    if (!user) return reply;
    return reply.page("account/password", { title: "Change your password", values: {} });
  });

  app.post("/account/password", signedIn, async (request, reply) => {
    const user = userOf(request, reply);
    if (!user) return reply;
    const values = formValues(request.body);
    // Passwords are never written back into the page.
    const page = { template: "account/password", title: "Change your password", context: {}, values: {} };
    const parsed = parseForm(passwordSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    // Guessing the current password from a session left open counts like guessing it at sign-in.
    const throttle = await services.auth.signInThrottle(user.email, request.ip);
    if (throttle.refuse) return reply.code(429).page("errors/too-many", { title: "Too many attempts" });
    if (throttle.delayMs > 0) await services.auth.pause(throttle.delayMs);
    const result = await handleFormErrors(reply, page, async () => {
      try {
        return await services.account.changePassword(actorFor(user), parsed.data, request.session.sessionId);
      } catch (error) {
        if (error instanceof ValidationError && error.errors.some((e) => e.field === "currentPassword"))
          await services.auth.recordFailure(user.email, request.ip);
        throw error;
      }
    });
    if (!result.ok) return reply;
    // A new session id, as at sign-in; every other session of this user has already ended.
    await request.session.regenerate(["user", "signedInAt", "client"]);
    request.session.flash = {
      type: "success",
      heading: "Your password has been changed",
      html: '<p class="govuk-body">You have been signed out everywhere else.</p>',
    };
    request.log.info({ userId: user.id }, "password changed");
    return reply.redirect("/account", 303);
  });
}
