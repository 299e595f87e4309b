import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { PASSAGE_MAX } from "../../../domain/redaction.ts";
import { TEXT_LIMITS } from "../../../domain/text-limits.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import type { RedactableRecord, RedactionKind } from "../../../services/redaction/index.ts";
import { formValues, parseForm } from "../../forms.ts";
import {
  actorOf,
  base,
  type FormPage,
  flash,
  handleFormErrors,
  idParam,
  renderFormErrors,
} from "../helpers.ts";
import { escapeHtml } from "./admin.ts";

// "Redact a passage": the coordinator picks the field, pastes the exact passage and says why; a
// confirmation page says it cannot be undone; then the passage becomes "[redacted]" everywhere it is
// stored. Each kind of record gets the same three steps on its own URL (…/redact). No JavaScript.

const redactionSchema = z.object({
  field: z
    .string({ message: "Select the part of the record that holds the passage" })
    .min(1, "Select the part of the record that holds the passage")
    .max(60),
  passage: z
    .string()
    .max(PASSAGE_MAX, `The passage must be ${PASSAGE_MAX} characters or fewer`)
    .refine((p) => p.trim() !== "", "Enter the passage to remove, exactly as it is written"),
  reason: z
    .string()
    .trim()
    .min(1, "Enter why the passage must be removed")
    .max(
      TEXT_LIMITS.redactionReason,
      `The reason must be ${TEXT_LIMITS.redactionReason} characters or fewer`,
    ),
  step: z.enum(["check", "confirm", "change"]).catch("check").default("check"),
});

/** The URL of each kind's redaction pages, by its route parameter. */
const ROUTES: { kind: RedactionKind; path: string; param: string }[] = [
  { kind: "update", path: "/updates/:updateId/redact", param: "updateId" },
  { kind: "rating-override", path: "/overrides/:overrideId/redact", param: "overrideId" },
  { kind: "indicator-note", path: "/indicator-notes/:noteId/redact", param: "noteId" },
];

export function registerRedactionRoutes(app: FastifyInstance, services: Services): void {
  const { redactions } = services;
  const admin = { config: { access: "admin" as const } };

  function formPage(record: RedactableRecord, values: Record<string, unknown>): FormPage {
    return {
      template: "redactions/form",
      title: "Redact a passage",
      context: { record, fields: record.fields.filter((f) => f.value !== "" || f.earlier.length > 0) },
      values,
      anchors: { field: "field" },
    };
  }

  const showForm = (reply: FastifyReply, page: FormPage) =>
    reply.page(page.template, { title: page.title, ...page.context, values: page.values });

  for (const route of ROUTES) {
    const recordOf = (request: FastifyRequest) =>
      redactions.record(actorOf(request), route.kind, idParam(request, route.param));

    app.get(route.path, admin, async (request, reply) => {
      requireAdmin(actorOf(request));
      const record = await recordOf(request);
      const values = record.fields.length === 1 ? { field: record.fields[0]?.key } : {};
      return showForm(reply, formPage(record, values));
    });

    app.post(route.path, admin, async (request, reply) => {
      const actor = actorOf(request);
      requireAdmin(actor);
      const record = await recordOf(request);
      const values = formValues(request.body);
      const page = formPage(record, values);
      if (values.step === "change") return showForm(reply, page);
      const parsed = parseForm(redactionSchema, values);
      if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
      const { step, ...input } = parsed.data;
      if (step !== "confirm") {
        const result = await handleFormErrors(reply, page, () =>
          redactions.check(actor, route.kind, record.id, input),
        );
        if (!result.ok) return reply;
        return reply.page("redactions/confirm", {
          title: "Check before you redact",
          record,
          field: result.value.field,
          passage: result.value.passage,
          reason: result.value.reason,
          values,
        });
      }
      const result = await handleFormErrors(reply, page, () =>
        redactions.redact(actor, route.kind, record.id, input),
      );
      if (!result.ok) return reply;
      const { alsoIn: also, elsewhere } = result.value;
      flash(
        request,
        "Passage redacted",
        `<p class="govuk-body">It now reads [redacted] in ${escapeHtml(result.value.field.label.toLowerCase())}` +
          ` and in ${result.value.auditEntries} audit ${result.value.auditEntries === 1 ? "entry" : "entries"}` +
          (result.value.mails > 0
            ? ` and ${result.value.mails} e-mail${result.value.mails === 1 ? "" : "s"}`
            : "") +
          ".</p>" +
          (also.length > 0
            ? `<p class="govuk-body">The same words are also in ${escapeHtml(also.join(", ").toLowerCase())}: redact them there too.</p>`
            : "") +
          (elsewhere.length > 0
            ? `<p class="govuk-body">Other records hold the same words; redact them there too: ${elsewhere
                .map(
                  (e) =>
                    `<a class="govuk-link" href="${escapeHtml(`${base(request)}${e.path}`)}">${escapeHtml(e.label)}</a>`,
                )
                .join(", ")}.</p>`
            : ""),
      );
      return reply.redirect(`${base(request)}${record.path}`, 303);
    });
  }
}
