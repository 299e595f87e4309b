import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { CONTEXT_ITEM_KINDS } from "../../../../domain/governance/vocabulary.ts";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import { checkLink } from "../../../../services/governance/context-service.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import {
  dateParts,
  type FormValues,
  formValues,
  parseForm,
  readDate,
  statesIdentifiesNobody,
} from "../../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../../helpers.ts";

// Context items (issue 13, part C): the policy and legislation watch. GET /context-items (everyone:
// each item and where it is attached), GET/POST /context-items/new and /:contextItemId/edit (admins;
// the edit page also holds the attach and detach forms), POST /:contextItemId/attach and /detach.

const text = (limit: number) =>
  z.string().trim().max(limit, `Must be ${limit} characters or fewer`).default("");

export const contextItemSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Enter the title, for example Domestic Abuse Bill")
    .max(TEXT_LIMITS.contextTitle, `Must be ${TEXT_LIMITS.contextTitle} characters or fewer`),
  kind: z.string({ message: "Select what kind of item it is" }).min(1, "Select what kind of item it is"),
  stage: text(TEXT_LIMITS.contextStage),
  summary: text(TEXT_LIMITS.contextSummary),
  // Checked here as well as in the service, so the form shows it with every other problem.
  link: text(TEXT_LIMITS.contextLink).superRefine((link, ctx) => {
    const problem = checkLink(link);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
});
const editSchema = z.intersection(
  contextItemSchema,
  z.object({ version: z.coerce.number().int().positive() }),
);
const targetSchema = z.object({
  target: z
    .string({ message: "Select an agenda item or a report" })
    .min(1, "Select an agenda item or a report")
    .max(80),
});

/** The form's values with the stage date read from its three boxes; a bad date is a field error. */
function withStageDate<T>(values: FormValues, data: T) {
  const date = readDate(values, "stageOn", "The date");
  if ("error" in date) return { ok: false as const, errors: [{ field: "stageOn", message: date.error }] };
  return { ok: true as const, input: { ...data, stageOn: date.value === "" ? null : date.value } };
}

export function registerContextItemRoutes(app: FastifyInstance, services: Services): void {
  const context = services.governanceContext;
  const member = { config: { access: "member" as const } };
  const admin = { config: { access: "admin" as const } };
  const anchors = { stageOn: "stageOn-day", kind: "kind" };

  app.get("/context-items", member, async (request, reply) => {
    const actor = actorOf(request);
    return reply.page("governance/context/index", {
      title: "Context items",
      items: await context.list(actor),
      kinds: CONTEXT_ITEM_KINDS,
      canChange: actor.role === "admin",
    });
  });

  const newPage = (values: Record<string, unknown>) => ({
    template: "governance/context/form",
    title: "Add a context item",
    context: { kinds: CONTEXT_ITEM_KINDS, isNew: true },
    values,
    anchors,
  });

  app.get("/context-items/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const page = newPage({});
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/context-items/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = newPage(values);
    const parsed = parseForm(contextItemSchema, values);
    const dated = parsed.ok ? withStageDate(values, parsed.data) : null;
    if (!parsed.ok || !dated?.ok) {
      const dateErrors = withStageDate(values, {});
      return renderFormErrors(reply, page, [
        ...(parsed.ok ? [] : parsed.errors),
        ...(dateErrors.ok ? [] : dateErrors.errors),
      ]);
    }
    const result = await handleFormErrors(reply, page, () =>
      context.create(actor, dated.input, { identifiesNobody: statesIdentifiesNobody(values) }),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.title} added`, "Attach it to an agenda item or a report below.");
    return reply.redirect(`${base(request)}/context-items/${result.value.id}/edit`, 303);
  });

  async function editPage(request: FastifyRequest, id: number, values?: Record<string, unknown>) {
    const detail = await context.detail(actorOf(request), id);
    const d = dateParts(detail.item.stageOn);
    return {
      template: "governance/context/form",
      title: `Change ${detail.item.title}`,
      context: { kinds: CONTEXT_ITEM_KINDS, isNew: false, itemId: id, ...detail },
      values: values ?? {
        ...detail.item,
        version: String(detail.item.version),
        "stageOn-day": d.day,
        "stageOn-month": d.month,
        "stageOn-year": d.year,
      },
      anchors,
    };
  }

  app.get("/context-items/:contextItemId/edit", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const page = await editPage(request, idParam(request, "contextItemId"));
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/context-items/:contextItemId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const id = idParam(request, "contextItemId");
    const values = formValues(request.body);
    const page = await editPage(request, id, values);
    const parsed = parseForm(editSchema, values);
    const dated = withStageDate(values, parsed.ok ? parsed.data : {});
    if (!parsed.ok || !dated.ok)
      return renderFormErrors(reply, page, [
        ...(parsed.ok ? [] : parsed.errors),
        ...(dated.ok ? [] : dated.errors),
      ]);
    const { version, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      context.update(
        actor,
        id,
        version,
        { ...input, stageOn: dated.input.stageOn },
        {
          identifiesNobody: statesIdentifiesNobody(values),
        },
      ),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.title} saved`);
    return reply.redirect(`${base(request)}/context-items`, 303);
  });

  for (const step of ["attach", "detach"] as const) {
    app.post(`/context-items/:contextItemId/${step}`, admin, async (request, reply) => {
      const actor = actorOf(request);
      requireAdmin(actor);
      const id = idParam(request, "contextItemId");
      const values = formValues(request.body);
      const page = await editPage(request, id);
      const parsed = parseForm(targetSchema, values);
      if (!parsed.ok)
        return renderFormErrors(reply, { ...page, anchors: { target: "target" } }, parsed.errors);
      const result = await handleFormErrors(reply, page, () =>
        step === "attach"
          ? context.attach(actor, id, parsed.data.target)
          : context.detach(actor, id, parsed.data.target),
      );
      if (!result.ok) return reply;
      const changed = result.value.changed;
      flash(
        request,
        step === "attach"
          ? changed
            ? "Context item attached"
            : "It was already attached there"
          : changed
            ? "Context item detached"
            : "It was not attached there",
      );
      return reply.redirect(`${base(request)}/context-items/${id}/edit`, 303);
    });
  }
}
