// The partnership's side of regional projects (issue 15): every member reads the projects of the
// partnership's region; the host partnership's coordinator links each deliverable to one of its own
// actions. Not page-cached: the regional lead's changes are the region's, and do not move the
// partnership's data version.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ConflictError, ValidationError } from "../../../../services/errors.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { formValues } from "../../../forms.ts";
import { actorOf, base, flash, idParam } from "../../helpers.ts";
import { versionField } from "../../region/project-forms.ts";

const actionIdField = versionField.nullable();

export function registerPartnershipRegionProjectRoutes(app: FastifyInstance, services: Services): void {
  const projects = services.regionProjects;
  const member = { config: { access: "member" as const } };
  const admin = { config: { access: "admin" as const } };

  async function showProject(
    request: FastifyRequest,
    reply: FastifyReply,
    projectId: number,
    problem?: {
      status: number;
      errors: { text: string; href: string }[];
      fieldErrors: Record<string, { text: string }>;
    },
  ) {
    const detail = await projects.project(actorOf(request), projectId);
    if (problem) reply.code(problem.status);
    return reply.page("region/projects/show", {
      title: detail.project.name,
      listHref: `${base(request)}/regional-projects`,
      ...detail,
      errors: problem?.errors,
      fieldErrors: problem?.fieldErrors,
    });
  }

  app.get("/regional-projects", member, async (request, reply) => {
    const list = await projects.list(actorOf(request));
    return reply.page("region/projects/list", {
      title: "Regional projects",
      base: `${base(request)}/regional-projects`,
      ...list,
    });
  });

  app.get("/regional-projects/:projectId", member, async (request, reply) =>
    showProject(request, reply, idParam(request, "projectId")),
  );

  app.post(
    "/regional-projects/:projectId/deliverables/:deliverableId/action",
    admin,
    async (request, reply) => {
      const actor = actorOf(request);
      requireAdmin(actor);
      const projectId = idParam(request, "projectId");
      const deliverableId = idParam(request, "deliverableId");
      const values = formValues(request.body);
      const field = `actionId-${deliverableId}`;
      const version = versionField.safeParse(values.version);
      const actionId = actionIdField.safeParse(values.actionId === "" ? null : values.actionId);
      if (!version.success || !actionId.success) {
        const message = version.success
          ? "Select one of your partnership's actions"
          : "The form is out of date; open it again";
        return showProject(request, reply, projectId, {
          status: 400,
          errors: [{ text: message, href: `#${field}` }],
          fieldErrors: { [field]: { text: message } },
        });
      }
      try {
        await projects.linkAction(actor, projectId, deliverableId, version.data, actionId.data);
      } catch (error) {
        if (error instanceof ValidationError) {
          const message = error.errors[0]?.message ?? "Select one of your partnership's actions";
          return showProject(request, reply, projectId, {
            status: 400,
            errors: [{ text: message, href: `#${field}` }],
            fieldErrors: { [field]: { text: message } },
          });
        }
        if (error instanceof ConflictError) {
          return showProject(request, reply, projectId, {
            status: 409,
            errors: [
              {
                text: `${error.message} The page now shows the deliverable as it is saved.`,
                href: `#deliverable-${deliverableId}`,
              },
            ],
            fieldErrors: {},
          });
        }
        throw error;
      }
      flash(request, actionId.data === null ? "Deliverable unlinked" : "Deliverable linked to the action");
      return reply.redirect(
        `${base(request)}/regional-projects/${projectId}#deliverable-${deliverableId}`,
        303,
      );
    },
  );
}
