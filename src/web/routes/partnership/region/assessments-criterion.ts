// One criterion of a self-assessment (the coordinator's): its rating and narrative, evidence linked
// and removed, and — for a criterion not met — "Create an action" in the current action plan.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import type { EvidenceInput } from "../../../../services/region/assessments-service.ts";
import { type FormValues, formValues, parseForm, statesIdentifiesNobody } from "../../../forms.ts";
import {
  actorOf,
  base,
  type FormPage,
  flash,
  handleFormErrors,
  idParam,
  renderFormErrors,
} from "../../helpers.ts";
import { criterionActionSchema, evidenceSchema, ratingSchema } from "./assessments-forms.ts";

export function registerAssessmentCriterionRoutes(app: FastifyInstance, services: Services): void {
  const { assessments } = services;
  const admin = { config: { access: "admin" as const } };

  const ids = (request: FastifyRequest) => ({
    assessmentId: idParam(request, "assessmentId"),
    criterionId: idParam(request, "criterionId"),
  });

  async function criterionPage(request: FastifyRequest, values?: FormValues): Promise<FormPage> {
    const { assessmentId, criterionId } = ids(request);
    const detail = await assessments.criterion(actorOf(request), assessmentId, criterionId);
    const { rating } = detail.criterion;
    return {
      template: "region/assessments/criterion",
      title: `Criterion ${detail.criterion.number}: ${detail.criterion.title}`,
      context: { ...detail, editable: detail.assessment.status === "draft" },
      values: values ?? {
        levelId: rating?.levelId ? String(rating.levelId) : "",
        narrative: rating?.narrative ?? "",
        version: String(rating?.version ?? 0),
      },
      anchors: { levelId: "levelId", kind: "kind" },
    };
  }

  const criterionUrl = (request: FastifyRequest) => {
    const { assessmentId, criterionId } = ids(request);
    return `${base(request)}/assessments/${assessmentId}/criteria/${criterionId}`;
  };

  app.get("/assessments/:assessmentId/criteria/:criterionId", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const page = await criterionPage(request);
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/assessments/:assessmentId/criteria/:criterionId", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = await criterionPage(request, values);
    const parsed = parseForm(ratingSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { levelId, narrative, version } = parsed.data;
    const { assessmentId, criterionId } = ids(request);
    const result = await handleFormErrors(reply, page, () =>
      assessments.rate(actor, assessmentId, criterionId, version, {
        levelId,
        narrative,
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, `${page.title.split(":")[0]} saved`);
    return reply.redirect(`${base(request)}/assessments/${assessmentId}#criterion-${criterionId}`, 303);
  });

  app.post("/assessments/:assessmentId/criteria/:criterionId/evidence", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const base_ = await criterionPage(request);
    // The rating form keeps its stored values; the evidence form keeps what was typed.
    const page = { ...base_, values: { ...base_.values, ...values, version: base_.values.version } };
    const parsed = parseForm(evidenceSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const input: EvidenceInput =
      parsed.data.kind === "document"
        ? { ...parsed.data, identifiesNobody: statesIdentifiesNobody(values) }
        : parsed.data;
    const { assessmentId, criterionId } = ids(request);
    const result = await handleFormErrors(reply, page, () =>
      assessments.addEvidence(actor, assessmentId, criterionId, input),
    );
    if (!result.ok) return reply;
    flash(request, "Evidence added");
    return reply.redirect(`${criterionUrl(request)}#evidence`, 303);
  });

  app.post(
    "/assessments/:assessmentId/criteria/:criterionId/evidence/:evidenceId/remove",
    admin,
    async (request, reply) => {
      const actor = actorOf(request);
      requireAdmin(actor);
      const { assessmentId } = ids(request);
      const page = await criterionPage(request);
      const result = await handleFormErrors(reply, page, () =>
        assessments.removeEvidence(actor, assessmentId, idParam(request, "evidenceId")),
      );
      if (!result.ok) return reply;
      flash(request, "Evidence removed");
      return reply.redirect(`${criterionUrl(request)}#evidence`, 303);
    },
  );

  async function actionPage(request: FastifyRequest, values?: FormValues) {
    const { assessmentId, criterionId } = ids(request);
    const form = await assessments.actionForm(actorOf(request), assessmentId, criterionId);
    const page: FormPage = {
      template: "region/assessments/action",
      title: `Create an action for criterion ${form.criterion.number}`,
      context: form,
      values: values ?? { commitmentId: form.defaults.commitmentId, what: form.defaults.what },
      anchors: { commitmentId: "commitmentId", leadOrganisationIds: "leadOrganisationIds" },
    };
    return { page, form };
  }

  app.get("/assessments/:assessmentId/criteria/:criterionId/action", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const { page } = await actionPage(request);
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/assessments/:assessmentId/criteria/:criterionId/action", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const { page, form } = await actionPage(request, values);
    const { assessmentId, criterionId } = ids(request);
    // A criterion that already became an action answers with it, whatever the form holds.
    if (form.criterion.actionId !== null) {
      flash(request, "This criterion already has an action");
      return reply.redirect(`${base(request)}/actions/${form.criterion.actionId}`, 303);
    }
    const parsed = parseForm(criterionActionSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      assessments.createAction(actor, assessmentId, criterionId, {
        ...parsed.data,
        leadOrganisationId: parsed.data.leadOrganisationIds,
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, result.value.existed ? "This criterion already has an action" : "Action created");
    return reply.redirect(`${base(request)}/actions/${result.value.actionId}`, 303);
  });
}
