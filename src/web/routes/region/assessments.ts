// Self-assessments as the region reads them (issue 15): a submitted or moderated self-assessment with
// the region's agreed level beside each self-rating, the lead's moderation of each criterion, and
// "Mark as moderated". A draft, or a partnership not sharing its self-assessments, is 404.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Services } from "../../../services/index.ts";
import { requireRegionLead } from "../../../services/permissions.ts";
import { type FormValues, formValues, parseForm, statesIdentifiesNobody } from "../../forms.ts";
import { type FormPage, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";
import { moderationSchema, recordVersion } from "../partnership/region/assessments-forms.ts";
import { regionActorOf, regionBase } from "./index.ts";

export function registerRegionAssessmentRoutes(app: FastifyInstance, services: Services): void {
  const { assessments } = services;
  const region = { config: { access: "region" as const } };
  const lead = { config: { access: "region-lead" as const } };

  async function assessmentPage(request: FastifyRequest): Promise<FormPage> {
    const actor = regionActorOf(request);
    const detail = await assessments.regionalAssessment(actor, idParam(request, "assessmentId"));
    return {
      template: "region/assessments/regional",
      title: `${detail.partnership.name}: ${detail.standard.name} ${detail.cycle.name}`,
      context: detail,
      values: { version: String(detail.assessment.version) },
    };
  }

  app.get("/assessments/:assessmentId", region, async (request, reply) => {
    const page = await assessmentPage(request);
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  async function moderationPage(request: FastifyRequest, values?: FormValues): Promise<FormPage> {
    const form = await assessments.moderationForm(
      regionActorOf(request),
      idParam(request, "assessmentId"),
      idParam(request, "criterionId"),
    );
    const { rating, agreed } = form.criterion;
    return {
      template: "region/assessments/moderate",
      title: `Moderate criterion ${form.criterion.number}: ${form.criterion.title}`,
      context: form,
      values: values ?? {
        agreedLevelId: agreed ? String(agreed.id) : "",
        comment: form.criterion.moderationComment,
        version: String(rating?.version ?? ""),
      },
      anchors: { agreedLevelId: "agreedLevelId" },
    };
  }

  app.get("/assessments/:assessmentId/criteria/:criterionId/moderate", lead, async (request, reply) => {
    requireRegionLead(regionActorOf(request));
    const page = await moderationPage(request);
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/assessments/:assessmentId/criteria/:criterionId/moderate", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    requireRegionLead(actor);
    const values = formValues(request.body);
    const page = await moderationPage(request, values);
    const parsed = parseForm(moderationSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { agreedLevelId, comment, version } = parsed.data;
    const assessmentId = idParam(request, "assessmentId");
    const criterionId = idParam(request, "criterionId");
    const result = await handleFormErrors(reply, page, () =>
      assessments.moderate(actor, assessmentId, criterionId, version, {
        agreedLevelId,
        comment,
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, "Agreed level saved");
    return reply.redirect(`${regionBase(request)}/assessments/${assessmentId}#criterion-${criterionId}`, 303);
  });

  app.post("/assessments/:assessmentId/moderated", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    requireRegionLead(actor);
    const page = await assessmentPage(request);
    const version = recordVersion.safeParse(formValues(request.body).version);
    if (!version.success) {
      return renderFormErrors(reply, page, [
        { field: "form", message: "The form is out of date; open it again" },
      ]);
    }
    const result = await handleFormErrors(reply, page, () =>
      assessments.markModerated(actor, idParam(request, "assessmentId"), version.data),
    );
    if (!result.ok) return reply;
    flash(
      request,
      result.value.already ? "This self-assessment was already moderated" : "Marked as moderated",
    );
    return reply.redirect(`${regionBase(request)}/assessments/${result.value.assessment.id}`, 303);
  });
}
