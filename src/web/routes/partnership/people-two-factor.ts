import type { FastifyInstance, FastifyRequest } from "fastify";
import { ValidationError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { actorOf, base, flash, idParam, renderFormErrors } from "../helpers.ts";

// A coordinator resets another person's two-factor sign-in (a lost phone, and its recovery codes with
// it): check, then reset; the person is signed out everywhere and told by e-mail (issue 17).

export function registerPeopleTwoFactorRoutes(app: FastifyInstance, services: Services): void {
  const admin = { config: { access: "admin" as const } };

  async function confirmPage(request: FastifyRequest, personId: number) {
    const actor = actorOf(request);
    requireAdmin(actor);
    const person = await services.people.get(actor, personId);
    return {
      template: "people/two-factor-reset",
      title: `Reset ${person.name}’s two-factor sign-in`,
      context: {
        person,
        enabled: await services.twoFactor.isEnabled(person.userId),
        self: actor.userId === person.userId,
      },
      values: {},
    };
  }

  app.get("/people/:userId/two-factor/reset", admin, async (request, reply) => {
    const page = await confirmPage(request, idParam(request, "userId"));
    return reply.page(page.template, { ...page.context, title: page.title, values: {} });
  });

  app.post("/people/:userId/two-factor/reset", admin, async (request, reply) => {
    const actor = actorOf(request);
    const userId = idParam(request, "userId");
    try {
      const result = await services.twoFactor.reset(actor, userId);
      flash(
        request,
        result.reset
          ? `${result.name}’s two-factor sign-in has been reset`
          : `${result.name} had not set up two-factor sign-in`,
        result.reset
          ? '<p class="govuk-body">They have been signed out everywhere and told by email. They set it up again when they next sign in.</p>'
          : undefined,
      );
      return reply.redirect(`${base(request)}/people/${userId}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderFormErrors(reply, await confirmPage(request, userId), error.errors);
    }
  });
}
