import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AccountActor } from "../../services/actor.ts";
import type { Services } from "../../services/index.ts";
import { groupedKey, newTotpSecret, qrCodeDataUrl, totpUri } from "../../services/two-factor/totp.ts";
import { formValues, parseForm } from "../forms.ts";
import type { SessionUser } from "../types.ts";
import { handleFormErrors, renderFormErrors, signedInUser } from "./helpers.ts";

// "Your account" → Two-factor sign-in (issue 17): set it up with a QR code or the text key, confirm a
// code, see ten recovery codes once; turn it off with a code (unless coordinators must use it).

export const TWO_FACTOR_SET_UP_URL = "/account/two-factor/set-up";
/** A secret waiting to be confirmed is replaced after this long. */
const SETUP_MS = 30 * 60 * 1000;

const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Enter the 6-digit code your authenticator app shows")
    .max(40, "Enter the 6-digit code your authenticator app shows"),
});

const signedIn = { config: { access: "signed-in" as const } };
const actorFor = (user: SessionUser): AccountActor => ({
  kind: "account",
  userId: user.id,
  email: user.email,
});

export function registerTwoFactorAccountRoutes(app: FastifyInstance, services: Services): void {
  app.get("/account/two-factor", signedIn, async (request, reply) => {
    const user = signedInUser(request, reply);
    if (!user) return reply;
    const status = await services.twoFactor.status(user.id);
    return reply.page("account/two-factor", { title: "Two-factor sign-in", status });
  });

  /** The set-up page for the secret in the session (a new one when there is none or it is old). */
  async function setUpPage(request: FastifyRequest, user: SessionUser) {
    const now = Date.now();
    let setup = request.session.twoFactorSetup;
    if (!setup || now - setup.at > SETUP_MS) {
      setup = { secret: newTotpSecret(), at: now };
      request.session.twoFactorSetup = setup;
    }
    return {
      template: "account/two-factor-set-up",
      title: "Set up two-factor sign-in",
      context: {
        qrCode: await qrCodeDataUrl(totpUri(setup.secret, user.email)),
        key: groupedKey(setup.secret),
        required: request.session.mustSetUpTwoFactor === true,
        enabled: await services.twoFactor.isEnabled(user.id),
      },
      values: {},
    };
  }

  app.get(TWO_FACTOR_SET_UP_URL, signedIn, async (request, reply) => {
    const user = signedInUser(request, reply);
    if (!user) return reply;
    const page = await setUpPage(request, user);
    return reply.page(page.template, { ...page.context, title: page.title, values: {} });
  });

  app.post(TWO_FACTOR_SET_UP_URL, signedIn, async (request, reply) => {
    const user = signedInUser(request, reply);
    if (!user) return reply;
    const setup = request.session.twoFactorSetup;
    // The page was not seen (or long ago): show it again with a fresh key, changing nothing.
    if (!setup || Date.now() - setup.at > SETUP_MS) return reply.redirect(TWO_FACTOR_SET_UP_URL, 303);
    const page = await setUpPage(request, user);
    const parsed = parseForm(codeSchema, formValues(request.body));
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      services.twoFactor.confirmSetup(
        actorFor(user),
        setup.secret,
        parsed.data.code,
        request.session.sessionId,
      ),
    );
    if (!result.ok) return reply;
    const wasRequired = request.session.mustSetUpTwoFactor === true;
    request.session.twoFactorSetup = undefined;
    request.session.mustSetUpTwoFactor = undefined;
    request.log.info({ userId: user.id }, "two-factor set up");
    // Shown once, in this answer only (never stored in plain): the database holds their hashes.
    return reply.page("account/two-factor-codes", {
      title: "Your recovery codes",
      codes: result.value,
      next: wasRequired ? "/" : "/account/two-factor",
    });
  });

  const turnOffPage = {
    template: "account/two-factor-turn-off",
    title: "Turn off two-factor sign-in",
    context: {},
    values: {},
  };

  async function mayTurnOff(user: SessionUser, reply: FastifyReply): Promise<boolean> {
    const status = await services.twoFactor.status(user.id);
    if (status.enabled && !status.required) return true;
    reply.redirect("/account/two-factor", 303);
    return false;
  }

  app.get("/account/two-factor/turn-off", signedIn, async (request, reply) => {
    const user = signedInUser(request, reply);
    if (!user || !(await mayTurnOff(user, reply))) return reply;
    return reply.page(turnOffPage.template, { title: turnOffPage.title, values: {} });
  });

  app.post("/account/two-factor/turn-off", signedIn, async (request, reply) => {
    const user = signedInUser(request, reply);
    if (!user) return reply;
    const parsed = parseForm(codeSchema, formValues(request.body));
    if (!parsed.ok) return renderFormErrors(reply, turnOffPage, parsed.errors);
    // A code guessed from a session left open counts like one guessed at sign-in.
    const throttle = await services.auth.signInThrottle(user.email, request.ip);
    if (throttle.refuse) return reply.code(429).page("errors/too-many", { title: "Too many attempts" });
    if (throttle.delayMs > 0) await services.auth.pause(throttle.delayMs);
    const result = await handleFormErrors(reply, turnOffPage, async () => {
      try {
        return await services.twoFactor.turnOff(actorFor(user), parsed.data.code);
      } catch (error) {
        await services.auth.recordFailure(user.email, request.ip);
        throw error;
      }
    });
    if (!result.ok) return reply;
    request.session.flash = { type: "success", heading: "Two-factor sign-in is off" };
    return reply.redirect("/account/two-factor", 303);
  });
}
