// Decisions and meeting actions, recorded by admins (issue 13, part B): GET/POST
// /meetings/:meetingId/decisions/new, /decisions/:decisionId/edit, /meetings/:meetingId/actions/new
// and /meeting-actions/:meetingActionId/edit. References are the service's to give.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { numberAgenda } from "../../../../domain/governance/agenda.ts";
import {
  DECISION_STATUSES,
  MEETING_ACTION_STATUSES,
  valuesOf,
} from "../../../../domain/governance/vocabulary.ts";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import type { FieldError } from "../../../../services/errors.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { dateParts, type FormValues, formValues, parseForm, statesIdentifiesNobody } from "../../../forms.ts";
import {
  actorOf,
  base,
  type FormPage,
  flash,
  handleFormErrors,
  idParam,
  renderFormErrors,
} from "../../helpers.ts";
import { dateField, optionalId, required, text, versionField } from "./meetings-shared.ts";

const decisionSchema = z.object({
  decision: required(TEXT_LIMITS.decisionText, "Enter the decision"),
  reasons: text(TEXT_LIMITS.decisionReasons),
  alternativesConsidered: text(TEXT_LIMITS.decisionAlternatives),
  decisionMaker: text(TEXT_LIMITS.decisionMaker),
  keyDecision: z.enum(["yes", "no"], { message: "Select whether this is a key decision" }),
  status: z.enum(valuesOf(DECISION_STATUSES), { message: "Select the decision's status" }),
  agendaItemId: optionalId,
});

const actionSchema = z.object({
  description: required(TEXT_LIMITS.meetingActionDescription, "Enter what is to be done"),
  ownerOrganisationId: z
    .string()
    .regex(/^\d{1,9}$/, "Select the organisation that owns the action")
    .transform(Number),
  status: z.enum(valuesOf(MEETING_ACTION_STATUSES), { message: "Select the action's status" }),
  agendaItemId: optionalId,
});

/** A date input's three boxes, as the form shows them again. */
function dateValues(name: string, iso: string | null) {
  const parts = dateParts(iso);
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year };
}

export function registerMeetingDecisionRoutes(app: FastifyInstance, services: Services): void {
  const meetings = services.governanceMeetings;
  const admin = { config: { access: "admin" as const } };

  async function context(request: FastifyRequest, meetingId: number) {
    const page = await meetings.page(actorOf(request), meetingId);
    return {
      meeting: page.meeting,
      board: page.board,
      agendaOptions: numberAgenda(page.items).map((i) => ({
        value: String(i.id),
        text: `${i.number} ${i.title}`,
      })),
      organisations: (await services.organisations.list(actorOf(request))).map((o) => ({
        value: String(o.id),
        text: o.name,
      })),
    };
  }

  // Decisions.

  async function decisionForm(
    request: FastifyRequest,
    meetingId: number,
    decisionId: number | null,
    values: Record<string, unknown>,
  ): Promise<FormPage> {
    return {
      template: "governance/meetings/decision-form",
      title: decisionId === null ? "Record a decision" : "Change a decision",
      context: {
        ...(await context(request, meetingId)),
        decisionId,
        statuses: DECISION_STATUSES,
        action:
          decisionId === null
            ? `${base(request)}/meetings/${meetingId}/decisions/new`
            : `${base(request)}/decisions/${decisionId}/edit`,
      },
      values,
      anchors: { decidedOn: "decidedOn-day" },
    };
  }

  function readDecision(values: FormValues) {
    const parsed = parseForm(decisionSchema, values);
    const date = dateField(values, "decidedOn", "The date of the decision", "Enter the date of the decision");
    const errors: FieldError[] = [...(parsed.ok ? [] : parsed.errors)];
    if ("error" in date) errors.push(date.error);
    if (!parsed.ok || "error" in date || date.value === null) return { errors };
    return {
      errors,
      input: { ...parsed.data, keyDecision: parsed.data.keyDecision === "yes", decidedOn: date.value },
    };
  }

  app.get("/meetings/:meetingId/decisions/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const meetingId = idParam(request, "meetingId");
    const ctx = await context(request, meetingId);
    const form = await decisionForm(request, meetingId, null, {
      status: "agreed",
      keyDecision: "no",
      decisionMaker: ctx.board.name,
      ...dateValues("decidedOn", ctx.meeting.meetsOn),
    });
    return reply.page(form.template, { ...form.context, title: form.title, values: form.values });
  });

  app.post("/meetings/:meetingId/decisions/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const meetingId = idParam(request, "meetingId");
    const values = formValues(request.body);
    const form = await decisionForm(request, meetingId, null, values);
    const read = readDecision(values);
    if (!read.input) return renderFormErrors(reply, form, read.errors);
    const input = read.input;
    const result = await handleFormErrors(reply, form, () =>
      meetings.addDecision(actor, meetingId, input, { identifiesNobody: statesIdentifiesNobody(values) }),
    );
    if (!result.ok) return reply;
    flash(request, `Decision ${result.value.reference} recorded`);
    return reply.redirect(`${base(request)}/meetings/${meetingId}#decision-${result.value.id}`, 303);
  });

  app.get("/decisions/:decisionId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { decision } = await meetings.decision(actor, idParam(request, "decisionId"));
    const form = await decisionForm(request, decision.meetingId, decision.id, {
      ...decision,
      keyDecision: decision.keyDecision ? "yes" : "no",
      agendaItemId: decision.agendaItemId === null ? "" : String(decision.agendaItemId),
      version: String(decision.version),
      ...dateValues("decidedOn", decision.decidedOn),
    });
    return reply.page(form.template, {
      ...form.context,
      title: form.title,
      values: form.values,
      reference: decision.reference,
    });
  });

  app.post("/decisions/:decisionId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { decision } = await meetings.decision(actor, idParam(request, "decisionId"));
    const values = formValues(request.body);
    const form = await decisionForm(request, decision.meetingId, decision.id, values);
    form.context.reference = decision.reference;
    const read = readDecision(values);
    const version = versionField.safeParse(values.version);
    if (!version.success) read.errors.push({ field: "form", message: "Reload the page and try again" });
    if (!read.input || !version.success) return renderFormErrors(reply, form, read.errors);
    const input = read.input;
    const result = await handleFormErrors(reply, form, () =>
      meetings.editDecision(actor, decision.id, version.data, input, {
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, `Decision ${decision.reference} saved`);
    return reply.redirect(`${base(request)}/meetings/${decision.meetingId}#decision-${decision.id}`, 303);
  });

  // Meeting actions.

  async function actionForm(
    request: FastifyRequest,
    meetingId: number,
    meetingActionId: number | null,
    values: Record<string, unknown>,
  ): Promise<FormPage> {
    return {
      template: "governance/meetings/action-form",
      title: meetingActionId === null ? "Add an action" : "Change an action",
      context: {
        ...(await context(request, meetingId)),
        meetingActionId,
        statuses: MEETING_ACTION_STATUSES,
        action:
          meetingActionId === null
            ? `${base(request)}/meetings/${meetingId}/actions/new`
            : `${base(request)}/meeting-actions/${meetingActionId}/edit`,
      },
      values,
      anchors: { dueOn: "dueOn-day" },
    };
  }

  function readAction(values: FormValues) {
    const parsed = parseForm(actionSchema, values);
    const date = dateField(values, "dueOn", "The due date");
    const errors: FieldError[] = [...(parsed.ok ? [] : parsed.errors)];
    if ("error" in date) errors.push(date.error);
    if (!parsed.ok || "error" in date) return { errors };
    return { errors, input: { ...parsed.data, dueOn: date.value } };
  }

  app.get("/meetings/:meetingId/actions/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const meetingId = idParam(request, "meetingId");
    const form = await actionForm(request, meetingId, null, { status: "not_started" });
    return reply.page(form.template, { ...form.context, title: form.title, values: form.values });
  });

  app.post("/meetings/:meetingId/actions/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const meetingId = idParam(request, "meetingId");
    const values = formValues(request.body);
    const form = await actionForm(request, meetingId, null, values);
    const read = readAction(values);
    if (!read.input) return renderFormErrors(reply, form, read.errors);
    const input = read.input;
    const result = await handleFormErrors(reply, form, () =>
      meetings.addAction(actor, meetingId, input, { identifiesNobody: statesIdentifiesNobody(values) }),
    );
    if (!result.ok) return reply;
    flash(request, `Action ${result.value.reference} added`);
    return reply.redirect(`${base(request)}/meetings/${meetingId}#meeting-action-${result.value.id}`, 303);
  });

  app.get("/meeting-actions/:meetingActionId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { action } = await meetings.actionForUpdate(actor, idParam(request, "meetingActionId"));
    const form = await actionForm(request, action.meetingId, action.id, {
      ...action,
      ownerOrganisationId: String(action.ownerOrganisationId),
      agendaItemId: action.agendaItemId === null ? "" : String(action.agendaItemId),
      version: String(action.version),
      ...dateValues("dueOn", action.dueOn),
    });
    return reply.page(form.template, {
      ...form.context,
      title: form.title,
      values: form.values,
      reference: action.reference,
    });
  });

  app.post("/meeting-actions/:meetingActionId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { action } = await meetings.actionForUpdate(actor, idParam(request, "meetingActionId"));
    const values = formValues(request.body);
    const form = await actionForm(request, action.meetingId, action.id, values);
    form.context.reference = action.reference;
    const read = readAction(values);
    const version = versionField.safeParse(values.version);
    if (!version.success) read.errors.push({ field: "form", message: "Reload the page and try again" });
    if (!read.input || !version.success) return renderFormErrors(reply, form, read.errors);
    const input = read.input;
    const result = await handleFormErrors(reply, form, () =>
      meetings.editAction(actor, action.id, version.data, input, {
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, `Action ${action.reference} saved`);
    return reply.redirect(`${base(request)}/meeting-actions/${action.id}`, 303);
  });
}
