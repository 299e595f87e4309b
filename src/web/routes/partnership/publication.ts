// "Public pages" under Manage (issue 17): the coordinator switches the partnership's public pages on
// or off, approves each section and item for publication (or withdraws it) and previews exactly what
// the public sees. Plain forms with submit buttons: no JavaScript needed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { ValidationError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { parseForm } from "../../forms.ts";
import { actorOf, base, flash } from "../helpers.ts";

const siteSchema = z.object({
  enabled: z.enum(["yes", "no"], { message: "Select whether the public pages are on" }),
});
const itemSchema = z.object({
  kind: z.string().min(1).max(40),
  id: z.coerce.number().int().min(0).max(2_000_000_000),
  hash: z.string().max(80).default(""),
});

export function registerPublicationRoutes(app: FastifyInstance, services: Services): void {
  const { publication } = services;
  const admin = { config: { access: "admin" as const } };

  async function showManage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: { text: string; href: string }[],
  ) {
    const actor = actorOf(request);
    const view = await publication.manage(actor);
    return reply.code(errors ? 400 : 200).page("publication/manage", {
      title: "Public pages",
      ...view,
      publicUrl: `/public/${actor.partnershipSlug}`,
      errors,
    });
  }

  app.get("/manage/publication", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    return showManage(request, reply);
  });

  app.get("/manage/publication/preview", admin, async (request, reply) => {
    const site = await publication.preview(actorOf(request));
    return reply.page("publication/preview", { title: "Preview of the public pages", site, packBase: null });
  });

  app.post("/manage/publication/site", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const parsed = parseForm(siteSchema, request.body);
    if (!parsed.ok)
      return showManage(request, reply, [
        { text: "Select whether the public pages are on", href: "#enabled" },
      ]);
    await publication.setEnabled(actor, parsed.data.enabled === "yes");
    flash(request, parsed.data.enabled === "yes" ? "The public pages are on" : "The public pages are off");
    return reply.redirect(`${base(request)}/manage/publication`, 303);
  });

  for (const step of ["approve", "withdraw"] as const) {
    app.post(`/manage/publication/${step}`, admin, async (request, reply) => {
      const actor = actorOf(request);
      requireAdmin(actor);
      const parsed = parseForm(itemSchema, request.body);
      if (!parsed.ok)
        return showManage(request, reply, [
          { text: "Choose an item to approve or withdraw", href: "#sections" },
        ]);
      const { kind, id, hash } = parsed.data;
      try {
        if (step === "approve") await publication.approve(actor, kind, id, hash);
        else await publication.withdraw(actor, kind, id);
      } catch (error) {
        if (error instanceof ValidationError)
          return showManage(
            request,
            reply,
            error.errors.map((e) => ({ text: e.message, href: `#${kind}-${id}` })),
          );
        throw error;
      }
      flash(request, step === "approve" ? "Approved for publication" : "Withdrawn from publication");
      return reply.redirect(`${base(request)}/manage/publication#${kind}-${id}`, 303);
    });
  }
}
