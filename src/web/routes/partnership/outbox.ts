import type { FastifyInstance } from "fastify";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { actorOf, idParam } from "../helpers.ts";

// The coordinator's outbox: every e-mail Waymark has queued for the partnership, with whether it was
// sent (by SMTP, or accepted and then delivered by GOV.UK Notify). Without either configured this is
// where the mails are read (the demo works offline).

export function registerOutboxRoutes(app: FastifyInstance, services: Services): void {
  const admin = { config: { access: "admin" as const } };

  app.get("/outbox", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const mails = await services.mail.listOutbox(actor);
    return reply.page("outbox/list", {
      title: "Outbox",
      mails,
      smtpConfigured: services.mail.smtpConfigured,
      sendingVia: services.mail.sendingVia,
    });
  });

  app.get("/outbox/:mailId", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const mail = await services.mail.getOutboxMail(actor, idParam(request, "mailId"));
    return reply.page("outbox/show", {
      title: mail.subject,
      mail,
      // The plain-text body as paragraphs (blank lines) of lines, so it wraps on any screen.
      paragraphs: mail.textBody
        .trim()
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.split("\n")),
      smtpConfigured: services.mail.smtpConfigured,
    });
  });
}
