import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { PACK_REMINDER_DAYS } from "../../../../domain/governance/routing.ts";
import { FORWARD_PLAN_STOP_STATUSES, labelOf } from "../../../../domain/governance/vocabulary.ts";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import type { FieldError } from "../../../../services/errors.ts";
import type { StopEdit } from "../../../../services/governance/forward-service.ts";
import { subjectValue } from "../../../../services/governance/report-subjects.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import {
  asArray,
  dateParts,
  type FormValues,
  formValues,
  parseForm,
  readDate,
  statesIdentifiesNobody,
} from "../../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../../helpers.ts";
import { groupStops, itemForm } from "./forward-views.ts";

// The forward plan (issue 13, part C): GET /forward-plan (every report's route, by month or board,
// filterable by board), GET/POST /forward-plan/new, GET /forward-plan/:forwardItemId (its timeline),
// GET/POST /forward-plan/:forwardItemId/edit (the route's stops), GET /boards/:boardId/forward-plan.
// Everyone in the partnership reads; admins change.

const text = (limit: number) =>
  z.string().trim().max(limit, `Must be ${limit} characters or fewer`).default("");

export const forwardItemSchema = z.object({
  title: text(TEXT_LIMITS.forwardTitle),
  reportKind: z.string({ message: "Select which report it is" }).min(1, "Select which report it is"),
  subject: z.string().max(40).default(""),
  author: text(TEXT_LIMITS.forwardLead),
  notes: text(TEXT_LIMITS.forwardNotes),
});

const newItemSchema = z.intersection(
  forwardItemSchema,
  z.object({
    firstMeetingId: z.coerce
      .number({ message: "Select the meeting it goes to first" })
      .int("Select the meeting it goes to first")
      .positive("Select the meeting it goes to first"),
  }),
);
const editItemSchema = z.intersection(
  forwardItemSchema,
  z.object({ version: z.coerce.number().int().positive() }),
);

function one(values: FormValues, name: string): string {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/** The route's stops as the edit form sent them; a date or meeting that cannot be read is a field error. */
export function readStopEdits(values: FormValues, stopIds: readonly number[]) {
  const edits: StopEdit[] = [];
  const errors: FieldError[] = [];
  for (const stopId of stopIds) {
    const prefix = `stop-${stopId}`;
    const meeting = one(values, `${prefix}-meeting`);
    if (meeting !== "" && !/^\d{1,9}$/.test(meeting))
      errors.push({ field: `${prefix}-meeting`, message: "Select a meeting" });
    const due = readDate(values, `${prefix}-due`, "The due date");
    if ("error" in due) errors.push({ field: `${prefix}-due`, message: due.error });
    edits.push({
      stopId,
      meetingId: meeting === "" || !/^\d{1,9}$/.test(meeting) ? null : Number(meeting),
      dueOn: "value" in due && due.value !== "" ? due.value : null,
      status: one(values, `${prefix}-status`) || "planned",
      remove: asArray(values[`${prefix}-remove`]).includes("yes"),
    });
  }
  return { edits, errors };
}

export function registerForwardPlanRoutes(app: FastifyInstance, services: Services): void {
  const forward = services.governanceForward;
  const member = { config: { access: "member" as const } };
  const admin = { config: { access: "admin" as const } };

  app.get("/forward-plan", member, async (request, reply) => {
    const actor = actorOf(request);
    const query = formValues(request.query);
    const plan = await forward.plan(actor);
    const boardFilter = one(query, "board");
    const board = plan.boards.find((b) => String(b.id) === boardFilter);
    const by = one(query, "group") === "board" ? "board" : "month";
    return reply.page("governance/forward/index", {
      title: "Forward plan",
      plan,
      groups: groupStops(plan.reports, by, board?.id),
      filter: { board: board ? String(board.id) : "", group: by },
      boardName: board?.name ?? null,
      due: actor.role === "admin" ? plan.due : [],
      canChange: actor.role === "admin",
      reminderDays: PACK_REMINDER_DAYS,
      statusLabel: (v: string) => labelOf(FORWARD_PLAN_STOP_STATUSES, v),
    });
  });

  async function newPage(request: FastifyRequest, values: Record<string, unknown>) {
    const choices = await forward.choices(actorOf(request));
    return {
      template: "governance/forward/form",
      title: "Add a report to the forward plan",
      context: { ...itemForm(choices.subjects), coming: choices.coming, isNew: true },
      values,
    };
  }

  app.get("/forward-plan/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const page = await newPage(request, { reportKind: "strategy-review" });
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/forward-plan/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = await newPage(request, values);
    const parsed = parseForm(newItemSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      forward.create(actor, parsed.data, { identifiesNobody: statesIdentifiesNobody(values) }),
    );
    if (!result.ok) return reply;
    flash(request, "Report added to the forward plan", "Check its route up the boards below.");
    return reply.redirect(`${base(request)}/forward-plan/${result.value.id}`, 303);
  });

  app.get("/forward-plan/:forwardItemId", member, async (request, reply) => {
    const detail = await forward.item(actorOf(request), idParam(request, "forwardItemId"));
    return reply.page("governance/forward/show", {
      title: detail.report.label,
      ...detail,
      canChange: actorOf(request).role === "admin",
      statusLabel: (v: string) => labelOf(FORWARD_PLAN_STOP_STATUSES, v),
    });
  });

  async function editPage(request: FastifyRequest, itemId: number, values?: Record<string, unknown>) {
    const detail = await forward.item(actorOf(request), itemId);
    const { report } = detail;
    const stored: Record<string, unknown> = {
      // A title that is only the report's name shows blank, so a changed subject renames it.
      title: report.item.title === report.derivedLabel ? "" : report.item.title,
      reportKind: report.item.reportKind ?? "other",
      subject: subjectValue(report.item.reportKind, report.item.reportSubjectId),
      author: report.item.author,
      notes: report.item.notes,
      version: String(report.item.version),
    };
    for (const stop of report.stops) {
      const d = dateParts(stop.dueOn);
      stored[`stop-${stop.id}-meeting`] = stop.meetingId === null ? "" : String(stop.meetingId);
      stored[`stop-${stop.id}-due-day`] = d.day;
      stored[`stop-${stop.id}-due-month`] = d.month;
      stored[`stop-${stop.id}-due-year`] = d.year;
      stored[`stop-${stop.id}-status`] = stop.status;
    }
    const meetingsOf = (boardId: number) =>
      detail.meetings.filter((m) => m.boardId === boardId && m.status !== "cancelled");
    return {
      template: "governance/forward/form",
      title: `Change ${report.label}`,
      context: {
        ...itemForm(detail.subjects),
        isNew: false,
        itemId,
        stops: report.stops.map((stop) => ({ stop, meetings: meetingsOf(stop.boardId) })),
        statuses: FORWARD_PLAN_STOP_STATUSES,
      },
      values: values ?? stored,
      anchors: Object.fromEntries(report.stops.map((s) => [`stop-${s.id}-due`, `stop-${s.id}-due-day`])),
    };
  }

  app.get("/forward-plan/:forwardItemId/edit", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const page = await editPage(request, idParam(request, "forwardItemId"));
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/forward-plan/:forwardItemId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const itemId = idParam(request, "forwardItemId");
    const values = formValues(request.body);
    const page = await editPage(request, itemId, values);
    const stopIds = (page.context.stops ?? []).map((s) => s.stop.id);
    const parsed = parseForm(editItemSchema, values);
    const stops = readStopEdits(values, stopIds);
    if (!parsed.ok || stops.errors.length > 0)
      return renderFormErrors(reply, page, [...(parsed.ok ? [] : parsed.errors), ...stops.errors]);
    const { version, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      forward.update(actor, itemId, version, input, stops.edits, {
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, "Forward plan saved");
    return reply.redirect(`${base(request)}/forward-plan/${itemId}`, 303);
  });

  app.get("/boards/:boardId/forward-plan", member, async (request, reply) => {
    const detail = await forward.boardPlan(actorOf(request), idParam(request, "boardId"));
    return reply.page("governance/forward/board", {
      title: `${detail.board.name}: forward plan`,
      ...detail,
      statusLabel: (v: string) => labelOf(FORWARD_PLAN_STOP_STATUSES, v),
    });
  });
}
