import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { formValues, parseForm } from "../../forms.ts";
import { actorOf, base, flash, handleFormErrors, renderFormErrors } from "../helpers.ts";

// "Sign-in" (issue 17): a coordinator can require single sign-on for the partnership's members; then
// a member's password sign-in is refused and points at "Sign in with your organisation's account".

const schema = z.object({
  ssoRequired: z.enum(["yes", "no"], "Select whether members must sign in with their organisation's account"),
  version: z.coerce.number().int().positive().max(2_147_483_647),
});

export function registerSignInSettingsRoutes(app: FastifyInstance, services: Services): void {
  const admin = { config: { access: "admin" as const } };
  const context = { ssoConfigured: Boolean(services.config.oidc) };

  app.get("/sign-in-settings", admin, async (request, reply) => {
    const actor = actorOf(request);
    const setting = await services.sso.setting(actor);
    return reply.page("sign-in-settings", {
      title: "Sign-in",
      ...context,
      values: { ssoRequired: setting.ssoRequired ? "yes" : "no", version: String(setting.version) },
    });
  });

  app.post("/sign-in-settings", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = { template: "sign-in-settings", title: "Sign-in", context, values };
    const parsed = parseForm(schema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const required = parsed.data.ssoRequired === "yes";
    const result = await handleFormErrors(reply, page, () =>
      services.sso.setRequired(actor, required, parsed.data.version),
    );
    if (!result.ok) return reply;
    flash(
      request,
      required
        ? "Members must now sign in with their organisation's account"
        : "Members may sign in with a password again",
    );
    return reply.redirect(`${base(request)}/sign-in-settings`, 303);
  });
}
