// Self-assessment, the partnership's pages (issue 15): the cycles open to it, one self-assessment per
// cycle (started by the coordinator), its page with every criterion's rating, evidence and change
// since the previous cycle, and submitting it to the region. Every member reads; the coordinator writes.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { formValues } from "../../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../../helpers.ts";
import { registerAssessmentCriterionRoutes } from "./assessments-criterion.ts";
import { recordVersion } from "./assessments-forms.ts";

export function registerAssessmentRoutes(app: FastifyInstance, services: Services): void {
  const { assessments } = services;
  const admin = { config: { access: "admin" as const } };
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };

  async function assessmentPage(request: FastifyRequest) {
    const actor = actorOf(request);
    const detail = await assessments.get(actor, idParam(request, "assessmentId"));
    return {
      template: "region/assessments/show",
      title: `${detail.standard.name}: ${detail.cycle.name}`,
      context: { ...detail, isAdmin: actor.role === "admin" },
      values: { version: String(detail.assessment.version) },
    };
  }

  app.get("/assessments", memberPage, async (request, reply) => {
    const actor = actorOf(request);
    const cycles = await assessments.cycles(actor);
    return reply.page("region/assessments/list", {
      title: "Self-assessments",
      cycles,
      isAdmin: actor.role === "admin",
    });
  });

  app.get("/assessments/:assessmentId", memberPage, async (request, reply) => {
    const page = await assessmentPage(request);
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/cycles/:cycleId/assessment", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { assessment, existed } = await assessments.start(actor, idParam(request, "cycleId"));
    // A second start (Back, then the button again) opens the one there is.
    flash(request, existed ? "This cycle's self-assessment already exists" : "Self-assessment started");
    return reply.redirect(`${base(request)}/assessments/${assessment.id}`, 303);
  });

  // The criterion, evidence and action routes come before submitting (the permission matrix walks
  // the routes in this order, and a submitted self-assessment is read-only).
  registerAssessmentCriterionRoutes(app, services);

  app.post("/assessments/:assessmentId/submit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const page = await assessmentPage(request);
    const values = formValues(request.body);
    const version = recordVersion.safeParse(values.version);
    if (!version.success) {
      return renderFormErrors(reply, page, [
        { field: "form", message: "The form is out of date; open it again" },
      ]);
    }
    const result = await handleFormErrors(reply, page, () =>
      assessments.submit(actor, idParam(request, "assessmentId"), version.data),
    );
    if (!result.ok) return reply;
    flash(
      request,
      result.value.already
        ? "This self-assessment was already submitted"
        : "Self-assessment submitted to the region",
    );
    return reply.redirect(`${base(request)}/assessments/${result.value.assessment.id}`, 303);
  });
}
