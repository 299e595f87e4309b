// The region's projects (issue 15): every regional user reads the list and each project (its money
// and its deliverables' progress); the regional lead adds and changes projects and deliverables.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { PROJECT_STATUS_LABELS } from "../../../domain/region/projects.ts";
import { PROJECT_STATUSES } from "../../../domain/region/vocabulary.ts";
import type { Services } from "../../../services/index.ts";
import { requireRegionLead } from "../../../services/permissions.ts";
import { formValues } from "../../forms.ts";
import { type FormPage, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";
import { regionActorOf, regionBase } from "./index.ts";
import {
  DELIVERABLE_DATES,
  dateAnchors,
  deliverableSchema,
  deliverableValues,
  PROJECT_DATES,
  projectSchema,
  projectValues,
  readForm,
  readVersion,
} from "./project-forms.ts";

const STATUS_OPTIONS = PROJECT_STATUSES.map((value) => ({ value, text: PROJECT_STATUS_LABELS[value].text }));

export function registerRegionProjectRoutes(app: FastifyInstance, services: Services): void {
  const projects = services.regionProjects;
  const reader = { config: { access: "region" as const } };
  const lead = { config: { access: "region-lead" as const } };

  async function projectPage(
    request: FastifyRequest,
    values: Record<string, unknown>,
    projectId?: number,
  ): Promise<FormPage> {
    const choices = await projects.choices(regionActorOf(request));
    return {
      template: "region/projects/form",
      title: projectId ? "Change the project" : "Add a regional project",
      context: { projectId, statuses: STATUS_OPTIONS, ...choices, dates: PROJECT_DATES },
      values,
      anchors: dateAnchors(PROJECT_DATES),
    };
  }

  async function deliverablePage(
    request: FastifyRequest,
    projectId: number,
    values: Record<string, unknown>,
    deliverableId?: number,
  ): Promise<FormPage> {
    const detail = await projects.project(regionActorOf(request), projectId);
    return {
      template: "region/projects/deliverable-form",
      title: deliverableId ? "Change the deliverable" : "Add a deliverable",
      context: { project: detail.project, deliverableId },
      values,
      anchors: dateAnchors(DELIVERABLE_DATES),
    };
  }

  const show = (page: FormPage) => ({ ...page.context, title: page.title, values: page.values });

  app.get("/projects", reader, async (request, reply) => {
    const list = await projects.list(regionActorOf(request));
    return reply.page("region/projects/list", { title: "Regional projects", ...list });
  });

  app.get("/projects/new", lead, async (request, reply) => {
    requireRegionLead(regionActorOf(request));
    return reply.page("region/projects/form", show(await projectPage(request, { status: "proposed" })));
  });

  app.post("/projects/new", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    requireRegionLead(actor);
    const values = formValues(request.body);
    const page = await projectPage(request, values);
    const read = readForm(projectSchema, PROJECT_DATES, values);
    if (!read.ok) return renderFormErrors(reply, page, read.errors);
    const result = await handleFormErrors(reply, page, () => projects.create(actor, read.input));
    if (!result.ok) return reply;
    flash(request, `${result.value.name} added`);
    return reply.redirect(`${regionBase(request)}/projects/${result.value.id}`, 303);
  });

  app.get("/projects/:projectId", reader, async (request, reply) => {
    const detail = await projects.project(regionActorOf(request), idParam(request, "projectId"));
    return reply.page("region/projects/show", {
      title: detail.project.name,
      base: regionBase(request),
      listHref: `${regionBase(request)}/projects`,
      ...detail,
    });
  });

  app.get("/projects/:projectId/edit", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    requireRegionLead(actor);
    const { project } = await projects.project(actor, idParam(request, "projectId"));
    return reply.page(
      "region/projects/form",
      show(await projectPage(request, projectValues(project), project.id)),
    );
  });

  app.post("/projects/:projectId/edit", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    requireRegionLead(actor);
    const { project } = await projects.project(actor, idParam(request, "projectId"));
    const values = formValues(request.body);
    const page = await projectPage(request, values, project.id);
    const read = readForm(projectSchema, PROJECT_DATES, values);
    const version = readVersion(values);
    if (!read.ok || !version.ok) {
      return renderFormErrors(reply, page, [
        ...(read.ok ? [] : read.errors),
        ...(version.ok ? [] : version.errors),
      ]);
    }
    const result = await handleFormErrors(reply, page, () =>
      projects.update(actor, project.id, version.version, read.input),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.name} updated`);
    return reply.redirect(`${regionBase(request)}/projects/${project.id}`, 303);
  });

  app.get("/projects/:projectId/deliverables/new", lead, async (request, reply) => {
    requireRegionLead(regionActorOf(request));
    const page = await deliverablePage(request, idParam(request, "projectId"), {});
    return reply.page(page.template, show(page));
  });

  app.post("/projects/:projectId/deliverables/new", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    requireRegionLead(actor);
    const projectId = idParam(request, "projectId");
    const values = formValues(request.body);
    const page = await deliverablePage(request, projectId, values);
    const read = readForm(deliverableSchema, DELIVERABLE_DATES, values);
    if (!read.ok) return renderFormErrors(reply, page, read.errors);
    const result = await handleFormErrors(reply, page, () =>
      projects.addDeliverable(actor, projectId, read.input),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.title} added`);
    return reply.redirect(`${regionBase(request)}/projects/${projectId}#deliverables`, 303);
  });

  app.get("/projects/:projectId/deliverables/:deliverableId/edit", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    const projectId = idParam(request, "projectId");
    const deliverable = await projects.deliverable(actor, projectId, idParam(request, "deliverableId"));
    const page = await deliverablePage(request, projectId, deliverableValues(deliverable), deliverable.id);
    return reply.page(page.template, show(page));
  });

  app.post("/projects/:projectId/deliverables/:deliverableId/edit", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    const projectId = idParam(request, "projectId");
    const deliverable = await projects.deliverable(actor, projectId, idParam(request, "deliverableId"));
    const values = formValues(request.body);
    const page = await deliverablePage(request, projectId, values, deliverable.id);
    const read = readForm(deliverableSchema, DELIVERABLE_DATES, values);
    const version = readVersion(values);
    if (!read.ok || !version.ok) {
      return renderFormErrors(reply, page, [
        ...(read.ok ? [] : read.errors),
        ...(version.ok ? [] : version.errors),
      ]);
    }
    const result = await handleFormErrors(reply, page, () =>
      projects.updateDeliverable(actor, projectId, deliverable.id, version.version, read.input),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.title} updated`);
    return reply.redirect(`${regionBase(request)}/projects/${projectId}#deliverables`, 303);
  });

  app.post("/projects/:projectId/deliverables/:deliverableId/move", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    const projectId = idParam(request, "projectId");
    const deliverableId = idParam(request, "deliverableId");
    const { direction } = formValues(request.body);
    if (direction !== "up" && direction !== "down") {
      throw Object.assign(new Error("Choose up or down"), { statusCode: 400 });
    }
    await projects.moveDeliverable(actor, projectId, deliverableId, direction);
    return reply.redirect(`${regionBase(request)}/projects/${projectId}#deliverable-${deliverableId}`, 303);
  });

  app.post("/projects/:projectId/deliverables/:deliverableId/remove", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    const projectId = idParam(request, "projectId");
    const removed = await projects.removeDeliverable(actor, projectId, idParam(request, "deliverableId"));
    flash(request, `${removed.title} removed`);
    return reply.redirect(`${regionBase(request)}/projects/${projectId}#deliverables`, 303);
  });
}
