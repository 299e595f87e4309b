import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { ukDateOf } from "../../../../domain/calendar-dates.ts";
import { planMeetingDates } from "../../../../domain/governance/meeting-plan.ts";
import {
  ATTENDANCE_STATUSES,
  labelOf,
  MEETING_FREQUENCIES,
  MEETING_STATUSES,
  type MeetingFrequency,
} from "../../../../domain/governance/vocabulary.ts";
import type { FieldError } from "../../../../services/errors.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { asArray, dateParts, type FormValues, formValues, parseForm, readDate } from "../../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../../helpers.ts";
import {
  MEETING_ANCHORS,
  meetingFormValues,
  meetingSchema,
  readAttendanceForm,
  readMeetingForm,
  shownDate,
  version,
} from "./boards-forms.ts";

// Meetings: a year planned from the board's frequency (shown as an editable list before saving), one
// added at a time, edited; attendance per seat with the quorum.

const MAX_PLANNED = 60;

const planSchema = z.object({
  rule: z.enum(["weekday", "day-of-month"], { message: "Select how the dates repeat" }).default("weekday"),
  step: z.enum(["propose", "save"]).default("propose"),
  count: z.coerce.number().int().min(0).max(MAX_PLANNED).default(0),
});

export function registerBoardMeetingRoutes(app: FastifyInstance, services: Services): void {
  const boards = services.governanceBoards;
  const admin = { config: { access: "admin" as const } };

  /** The board, its terms and the date after its last meeting by its own rule (the plan's default). */
  async function planContext(request: FastifyRequest, boardId: number) {
    const actor = actorOf(request);
    const view = await boards.page(actor, boardId);
    const frequency = view.terms.meetingFrequency as MeetingFrequency;
    const last = view.meetings.at(-1)?.meetsOn;
    const suggested = last ? (planMeetingDates(last, frequency)[1] ?? "") : "";
    return {
      board: view.board,
      terms: view.terms,
      frequencyLabel: labelOf(MEETING_FREQUENCIES, frequency),
      existing: view.meetings.filter((m) => m.meetsOn >= ukDateOf(new Date())).length,
      suggested,
    };
  }

  app.get("/boards/:boardId/meetings/plan", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const context = await planContext(request, idParam(request, "boardId"));
    return reply.page("governance/boards/plan", {
      title: "Plan a year of meetings",
      ...context,
      values: { first: dateParts(context.suggested), rule: "weekday", startsAt: "14:00", endsAt: "16:00" },
    });
  });

  app.post("/boards/:boardId/meetings/plan", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const boardId = idParam(request, "boardId");
    const context = await planContext(request, boardId);
    const values = formValues(request.body);
    const plan = parseForm(planSchema, values);
    const shared = parseForm(
      meetingSchema.pick({ startsAt: true, endsAt: true, location: true, onlineLink: true }),
      values,
    );
    const shown = { ...values, first: shownDate(values, "first") };
    const page = (proposals: { index: number; date: Record<string, unknown>; keep: boolean }[]) => ({
      template: "governance/boards/plan",
      title: "Plan a year of meetings",
      context: { ...context, proposals },
      values: shown,
      anchors: { first: "first-day", meetings: proposals.length ? "meeting0-day" : "first-day" },
    });
    const errors: FieldError[] = [...(plan.ok ? [] : plan.errors), ...(shared.ok ? [] : shared.errors)];
    if (!plan.ok || !shared.ok) return renderFormErrors(reply, page([]), errors);

    if (plan.data.step === "propose") {
      const first = readDate(values, "first", "The first meeting date");
      if ("error" in first || !first.value)
        return renderFormErrors(reply, page([]), [
          { field: "first", message: "error" in first ? first.error : "Enter the first meeting date" },
        ]);
      const dates = planMeetingDates(
        first.value,
        context.terms.meetingFrequency as MeetingFrequency,
        plan.data.rule,
      );
      return reply.page("governance/boards/plan", {
        title: "Plan a year of meetings",
        ...context,
        proposals: dates.map((d, index) => ({ index, date: dateParts(d), keep: true })),
        values: shown,
      });
    }

    // Saving: the dates kept, as the coordinator edited them.
    const kept = new Set(asArray(values.keep));
    const proposals = Array.from({ length: plan.data.count }, (_, index) => ({
      index,
      date: shownDate(values, `meeting${index}`),
      keep: kept.has(String(index)),
    }));
    const dates: string[] = [];
    for (const p of proposals) {
      if (!p.keep) continue;
      const read = readDate(values as FormValues, `meeting${p.index}`, `Meeting ${p.index + 1}'s date`);
      if ("error" in read) errors.push({ field: `meeting${p.index}`, message: read.error });
      else if (!read.value)
        errors.push({ field: `meeting${p.index}`, message: `Enter meeting ${p.index + 1}'s date` });
      else dates.push(read.value);
    }
    const anchors = Object.fromEntries(proposals.map((p) => [`meeting${p.index}`, `meeting${p.index}-day`]));
    const errorPage = { ...page(proposals), anchors: { ...page(proposals).anchors, ...anchors } };
    if (errors.length > 0) return renderFormErrors(reply, errorPage, errors);
    const result = await handleFormErrors(reply, errorPage, () =>
      boards.addMeetings(
        actor,
        boardId,
        [...new Set(dates)]
          .sort()
          .map((meetsOn) => ({ ...shared.data, meetsOn, status: "planned", packDueOn: null })),
      ),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.length} ${result.value.length === 1 ? "meeting" : "meetings"} planned`);
    return reply.redirect(`${base(request)}/boards/${boardId}#meetings`, 303);
  });

  const meetingPage = (
    values: Record<string, unknown>,
    context: Record<string, unknown>,
    meetingId?: number,
  ) => ({
    template: "governance/boards/meeting-form",
    title: meetingId ? "Change the meeting" : "Add a meeting",
    context: { ...context, meetingId, statuses: MEETING_STATUSES },
    values: {
      ...values,
      meetsOn: shownDate(values as FormValues, "meetsOn"),
      packDueOn: shownDate(values as FormValues, "packDueOn"),
    },
    anchors: MEETING_ANCHORS,
  });

  app.get("/boards/:boardId/meetings/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { board, terms } = await boards.get(actor, idParam(request, "boardId"));
    return reply.page("governance/boards/meeting-form", {
      title: "Add a meeting",
      board,
      terms,
      statuses: MEETING_STATUSES,
      values: { status: "planned", meetsOn: {}, packDueOn: {}, startsAt: "14:00", endsAt: "16:00" },
    });
  });

  app.post("/boards/:boardId/meetings/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { board, terms } = await boards.get(actor, idParam(request, "boardId"));
    const values = formValues(request.body);
    const page = meetingPage(values, { board, terms });
    const parsed = readMeetingForm(values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      boards.addMeetings(actor, board.id, [parsed.data]),
    );
    if (!result.ok) return reply;
    flash(request, "Meeting added");
    return reply.redirect(`${base(request)}/boards/${board.id}#meetings`, 303);
  });

  app.get("/meetings/:meetingId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const row = await boards.getMeeting(actor, idParam(request, "meetingId"));
    const { board, terms } = await boards.get(actor, row.meeting.boardId);
    return reply.page("governance/boards/meeting-form", {
      title: "Change the meeting",
      board,
      terms,
      meetingId: row.meeting.id,
      statuses: MEETING_STATUSES,
      values: meetingFormValues(row.meeting),
    });
  });

  app.post("/meetings/:meetingId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const row = await boards.getMeeting(actor, idParam(request, "meetingId"));
    const { board, terms } = await boards.get(actor, row.meeting.boardId);
    const values = formValues(request.body);
    const page = meetingPage(values, { board, terms }, row.meeting.id);
    const parsed = readMeetingForm(values);
    const v = parseForm(z.object({ version }), values);
    if (!parsed.ok || !v.ok)
      return renderFormErrors(reply, page, [...(parsed.ok ? [] : parsed.errors), ...(v.ok ? [] : v.errors)]);
    const result = await handleFormErrors(reply, page, () =>
      boards.updateMeeting(actor, row.meeting.id, v.data.version, parsed.data),
    );
    if (!result.ok) return reply;
    flash(request, "Meeting changed");
    return reply.redirect(`${base(request)}/boards/${board.id}#meetings`, 303);
  });

  app.get("/meetings/:meetingId/attendance", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const view = await boards.attendance(actor, idParam(request, "meetingId"));
    const values: Record<string, string> = {};
    for (const e of view.entries) {
      values[`status-${e.seat.id}`] = e.status ?? "";
      values[`attendee-${e.seat.id}`] = e.attendeeName;
    }
    return reply.page("governance/boards/attendance", {
      title: "Attendance",
      ...view,
      statuses: ATTENDANCE_STATUSES,
      values,
    });
  });

  app.post("/meetings/:meetingId/attendance", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const meetingId = idParam(request, "meetingId");
    const view = await boards.attendance(actor, meetingId);
    const values = formValues(request.body);
    const page = {
      template: "governance/boards/attendance",
      title: "Attendance",
      context: { ...view, statuses: ATTENDANCE_STATUSES },
      values,
      anchors: Object.fromEntries(view.entries.map((e) => [`status-${e.seat.id}`, `status-${e.seat.id}`])),
    };
    const parsed = readAttendanceForm(
      values,
      view.entries.map((e) => e.seat.id),
    );
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      boards.recordAttendance(actor, meetingId, parsed.data),
    );
    if (!result.ok) return reply;
    const after = await boards.attendance(actor, meetingId);
    flash(request, "Attendance saved", `<p class="govuk-body">${after.quorum.sentence}.</p>`);
    return reply.redirect(`${base(request)}/meetings/${meetingId}`, 303);
  });
}
