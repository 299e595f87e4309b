import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { formValues, parseForm } from "../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";

// The coordinator's pages for the partnership's set-up: partner organisations (boards:
// governance/boards*.ts; people and their roles: people.ts; the audit log: audit.ts). Every route is admin-only, checked here and again
// in the services.

const text = (message: string, max = 2000) =>
  z.string().trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const version = z.coerce.number().int().positive();
const withVersion = <T extends z.ZodType>(schema: T) => z.intersection(schema, z.object({ version }));

export const ORGANISATION_KINDS = [
  "Police",
  "Health",
  "Specialist service",
  "Council",
  "Education",
  "Housing",
  "Probation",
  "Other",
] as const;

export const organisationSchema = z.object({
  name: text("Enter the organisation's name", 200),
  kind: text("Select what kind of organisation it is", 60),
});

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

export function registerAdminRoutes(app: FastifyInstance, services: Services): void {
  const { organisations } = services;
  const admin = { config: { access: "admin" as const } };

  // Organisations

  /** The usual kinds, then any other kind the partnership already uses, then Other. */
  async function organisationKinds(request: FastifyRequest): Promise<string[]> {
    const usual: readonly string[] = ORGANISATION_KINDS;
    const inUse = (await organisations.list(actorOf(request)))
      .map((o) => o.kind)
      .filter((k) => k && !usual.includes(k));
    return [...usual.filter((k) => k !== "Other"), ...[...new Set(inUse)].sort(), "Other"];
  }

  const organisationPage = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    organisationId?: number,
  ) => ({
    template: "organisations/form",
    title: organisationId ? "Edit organisation" : "Add an organisation",
    context: { organisationId, kinds: await organisationKinds(request) },
    values,
  });

  app.get("/organisations", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const list = await organisations.list(actor);
    return reply.page("organisations/list", { title: "Organisations", organisations: list });
  });

  app.get("/organisations/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    return reply.page("organisations/form", {
      title: "Add an organisation",
      kinds: ORGANISATION_KINDS,
      values: {},
    });
  });

  app.post("/organisations", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = await organisationPage(request, values);
    const parsed = parseForm(organisationSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () => organisations.create(actor, parsed.data));
    if (!result.ok) return reply;
    flash(request, `${result.value.name} added`);
    return reply.redirect(`${base(request)}/organisations`, 303);
  });

  app.get("/organisations/:organisationId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const organisation = await organisations.get(actor, idParam(request, "organisationId"));
    return reply.page("organisations/form", {
      title: "Edit organisation",
      organisationId: organisation.id,
      kinds: await organisationKinds(request),
      values: organisation,
    });
  });

  app.post("/organisations/:organisationId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const organisationId = idParam(request, "organisationId");
    await organisations.get(actor, organisationId);
    const values = formValues(request.body);
    const page = await organisationPage(request, values, organisationId);
    const parsed = parseForm(withVersion(organisationSchema), values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version: v, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      organisations.update(actor, organisationId, v, input),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.name} updated`);
    return reply.redirect(`${base(request)}/organisations`, 303);
  });
}
