// The region's people and partnerships (issue 15): every regional user reads who holds a place in
// the region (its own people, never a partnership's) and what each partnership shares; the lead adds
// and removes regional viewers here, and reads the region's own audit log.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { auditChanges } from "../../../domain/audit-changes.ts";
import { auditActionLabel, auditEntityLabel } from "../../../domain/audit-labels.ts";
import { REGION_ROLE_LABELS, SHARING_KINDS, SHARING_LABELS } from "../../../domain/region/vocabulary.ts";
import type { Services } from "../../../services/index.ts";
import { shares } from "../../../services/region/access.ts";
import { formValues, parseForm } from "../../forms.ts";
import { flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";
import { escapeHtml } from "../partnership/admin.ts";
import { regionActorOf, regionBase } from "./index.ts";

const viewerSchema = z.object({
  email: z
    .string({ message: "Enter their email address" })
    .trim()
    .min(1, "Enter their email address")
    .email("Enter an email address in the correct format, like name@example.org"),
  name: z.string({ message: "Enter their full name" }).trim().min(1, "Enter their full name"),
  organisationName: z.string({ message: "Enter who they work for" }).trim().min(1, "Enter who they work for"),
});

const versionSchema = z.object({
  version: z
    .string()
    .regex(/^\d{1,9}$/, "The page is out of date; open it again")
    .transform(Number),
});

const AUDIT_LIMIT = 200;

export function registerRegionPeopleRoutes(app: FastifyInstance, services: Services): void {
  const admin = services.regionAdmin;
  const reader = { config: { access: "region" as const } };
  const lead = { config: { access: "region-lead" as const } };

  async function peoplePage(request: FastifyRequest, values: Record<string, unknown>) {
    const actor = regionActorOf(request);
    const [people, partnerships] = await Promise.all([
      admin.people(actor),
      services.regionAccess.partnerships(actor),
    ]);
    return {
      template: "region/people",
      title: "People and partnerships",
      context: {
        canManage: actor.role === "lead",
        selfId: actor.userId,
        people: people.map((p) => ({ ...p, roleLabel: REGION_ROLE_LABELS[p.role] })),
        sharingKinds: SHARING_KINDS.map((kind) => ({ kind, label: SHARING_LABELS[kind].label })),
        partnerships: partnerships.map((p) => ({
          name: p.name,
          areaName: p.areaName,
          shared: SHARING_KINDS.map((kind) => shares(p, kind)),
          population: p.population === null ? null : p.population.toLocaleString("en-GB"),
          populationSource: p.populationSource,
        })),
      },
      values,
    };
  }

  async function show(request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}) {
    const page = await peoplePage(request, values);
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  }

  app.get("/people", reader, async (request, reply) => show(request, reply));

  app.post("/people/new", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    const values = formValues(request.body);
    const page = await peoplePage(request, values);
    const parsed = parseForm(viewerSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () => admin.addViewer(actor, parsed.data));
    if (!result.ok) return reply;
    const email = escapeHtml(parsed.data.email);
    // Shown once, from the session's flash, in the same words whether the account is new or not.
    const html =
      `<p class="govuk-body">Give them this password; it will not be shown again:</p>` +
      `<p class="govuk-body govuk-!-font-size-24 govuk-!-font-weight-bold"><code class="app-password">${escapeHtml(result.value.initialPassword)}</code></p>` +
      `<p class="govuk-body">If ${email} already has a Waymark account, they keep their own name and password, and this password does nothing.</p>`;
    flash(request, `${parsed.data.email} is now a regional viewer`, html);
    return reply.redirect(`${regionBase(request)}/people`, 303);
  });

  app.post("/people/:userId/remove", lead, async (request, reply) => {
    const actor = regionActorOf(request);
    const userId = idParam(request, "userId");
    const values = formValues(request.body);
    const page = await peoplePage(request, {});
    const parsed = parseForm(versionSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      admin.removeViewer(actor, userId, parsed.data.version),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.name} no longer has a place in the region`);
    return reply.redirect(`${regionBase(request)}/people`, 303);
  });

  app.get("/audit", lead, async (request, reply) => {
    const entries = await admin.auditLog(regionActorOf(request), AUDIT_LIMIT);
    return reply.page("region/audit", {
      title: "The region's audit log",
      caption:
        entries.length >= AUDIT_LIMIT
          ? `The latest ${AUDIT_LIMIT} changes`
          : `${entries.length} ${entries.length === 1 ? "change" : "changes"}`,
      entries: entries.map((e) => ({
        ...e,
        actionText: auditActionLabel(e.action),
        entityText: auditEntityLabel(e.entityType),
        changes: auditChanges(e.before, e.after),
      })),
    });
  });
}
