// The forward plan (issue 13, part C): which report goes to which board's meeting, due when, and its
// route up the chain. Everyone reads; only admins change. A new report's route is proposed from the
// chain of boards (domain/governance/routing.ts) and stored as stops the coordinator then edits.

import * as plan from "../../data/governance/forward-plan.ts";
import {
  type ForwardBoard,
  type ForwardMeeting,
  listForwardBoards,
  listForwardMeetings,
} from "../../data/governance/forward-reads.ts";
import { readTogether } from "../../data/read-together.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db, Executor } from "../../db/database.ts";
import { forwardPlanItems } from "../../db/schema-governance.ts";
import { addDays, ukDateOf } from "../../domain/calendar-dates.ts";
import { PACK_REMINDER_DAYS, packReminderReason, proposeRoute } from "../../domain/governance/routing.ts";
import { FORWARD_PLAN_STOP_STATUSES } from "../../domain/governance/vocabulary.ts";
import type { Actor } from "../actor.ts";
import { type FieldError, ValidationError } from "../errors.ts";
import { found, isAdmin, partnershipOf, requireAdmin } from "../permissions.ts";
import { type GuardOptions, guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import { checkReport, type ReportSubjects, reportLabel, reportSubjects } from "./report-subjects.ts";

export const FORWARD_ITEM_ENTITY = "forward-plan-item";

export interface ForwardItemInput {
  title: string;
  reportKind: string;
  /** "strategy:12" (see report-subjects.ts). */
  subject: string;
  author: string;
  notes: string;
}

export interface StopEdit {
  stopId: number;
  meetingId: number | null;
  dueOn: string | null;
  status: string;
  remove: boolean;
}

export interface ForwardServiceOptions {
  clock?: () => Date;
}

function buildReport(subjects: ReportSubjects, input: ForwardItemInput) {
  const checked = checkReport(subjects, input.reportKind, input.subject);
  const errors: FieldError[] = checked.ok ? [] : [...checked.errors];
  const title =
    input.title.trim() || (checked.ok ? reportLabel(subjects, checked.kind, checked.subjectId) : "");
  if (title === "" && checked.ok) errors.push({ field: "title", message: "Enter the report's title" });
  if (errors.length > 0 || !checked.ok) throw new ValidationError(errors);
  return {
    title,
    reportKind: checked.kind,
    reportSubjectId: checked.subjectId,
    author: input.author,
    notes: input.notes,
  };
}

export function createForwardService(db: Db, options: ForwardServiceOptions = {}) {
  const today = () => ukDateOf((options.clock ?? (() => new Date()))());

  /** Everything the pages label stops and reports with, read together. */
  async function context(ex: Executor, pid: number) {
    const [boards, meetings, subjects] = await readTogether(ex, [
      () => listForwardBoards(ex, pid),
      () => listForwardMeetings(ex, pid),
      () => reportSubjects(ex, pid),
    ] as const);
    return { boards, meetings, subjects };
  }

  function shape(
    items: plan.ForwardItemRow[],
    stops: plan.ForwardStopView[],
    subjects: ReportSubjects,
    now: string,
  ) {
    const byItem = new Map<number, plan.ForwardStopView[]>();
    for (const s of stops) byItem.set(s.itemId, [...(byItem.get(s.itemId) ?? []), s]);
    return items.map((item) => {
      const route = (byItem.get(item.id) ?? []).map((stop) => ({
        ...stop,
        reminder: packReminderReason(stop, now),
      }));
      return {
        item,
        // The stored title: typed, or the report's name when it was saved (see buildReport).
        label: item.title || reportLabel(subjects, item.reportKind, item.reportSubjectId),
        derivedLabel: item.reportKind ? reportLabel(subjects, item.reportKind, item.reportSubjectId) : null,
        kindLabel: reportLabel(subjects, item.reportKind, null, "Another report or paper"),
        stops: route,
        /** The next stop whose meeting is still to come. */
        next: route.find((s) => s.meetsOn === null || s.meetsOn >= now) ?? null,
      };
    });
  }

  /** The partnership's forward plan: every report with its route, and the stops due for packs. */
  async function readPlan(actor: Actor) {
    const pid = partnershipOf(actor);
    const [items, stops, ctx] = await readTogether(db, [
      () => plan.listForwardItems(db, pid),
      () => plan.listForwardStops(db, pid),
      () => context(db, pid),
    ] as const);
    const now = today();
    const reports = shape(items, stops, ctx.subjects, now);
    return { reports, boards: ctx.boards, today: now, due: dueOf(reports) };
  }

  return {
    today,

    /** The partnership's forward plan: every report with its route, and the stops due for packs. */
    plan: readPlan,

    /** One report with its route. */
    async item(actor: Actor, itemId: number) {
      const pid = partnershipOf(actor);
      const [item, stops, ctx] = await readTogether(db, [
        () => plan.findForwardItem(db, pid, itemId),
        () => plan.listForwardStops(db, pid, [itemId]),
        () => context(db, pid),
      ] as const);
      const [report] = shape([found(item, "That report")], stops, ctx.subjects, today());
      return { report: report!, ...ctx, today: today() };
    },

    /** What each of a board's coming meetings will receive, and the reports with no meeting yet. */
    async boardPlan(actor: Actor, boardId: number) {
      const pid = partnershipOf(actor);
      const [items, stops, ctx] = await readTogether(db, [
        () => plan.listForwardItems(db, pid),
        () => plan.listForwardStops(db, pid),
        () => context(db, pid),
      ] as const);
      const board = found(
        ctx.boards.find((b) => b.id === boardId),
        "That board",
      );
      const now = today();
      const reports = shape(items, stops, ctx.subjects, now);
      const here = reports.flatMap((r) =>
        r.stops.filter((s) => s.boardId === boardId).map((stop) => ({ report: r, stop })),
      );
      const coming = ctx.meetings.filter((m) => m.boardId === boardId && m.meetsOn >= now);
      return {
        board,
        today: now,
        meetings: coming.map((meeting) => ({
          meeting,
          reports: here.filter((h) => h.stop.meetingId === meeting.id),
        })),
        unscheduled: here.filter((h) => h.stop.meetingId === null),
      };
    },

    /** The new-report form's choices: report subjects, and the coming meetings of each board. */
    async choices(actor: Actor) {
      const pid = partnershipOf(actor);
      const ctx = await context(db, pid);
      return { ...ctx, coming: comingByBoard(ctx.boards, ctx.meetings, today()) };
    },

    async create(
      actor: Actor,
      input: ForwardItemInput & { firstMeetingId: number },
      guard: GuardOptions = {},
    ) {
      requireAdmin(actor);
      const flagged = guardText({ title: input.title, notes: input.notes }, guard);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const ctx = await context(tx, pid);
        const values = buildReport(ctx.subjects, input);
        const first = ctx.meetings.find((m) => m.id === input.firstMeetingId);
        if (!first)
          throw new ValidationError([
            { field: "firstMeetingId", message: "Select the meeting it goes to first" },
          ]);
        const [row] = await tx
          .insert(forwardPlanItems)
          .values({ ...values, partnershipId: pid })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        const leadDays = new Map(ctx.boards.map((b) => [b.id, b.packLeadDays]));
        const route = proposeRoute(ctx.boards, ctx.meetings, first, leadDays);
        const stops = await plan.replaceForwardStops(
          tx,
          pid,
          row.id,
          route.map((s) => ({
            boardId: s.boardId,
            meetingId: s.meetingId,
            dueOn: s.dueOn,
            status: "planned",
          })),
        );
        audit({
          partnershipId: pid,
          action: "forward-plan.create",
          entityType: FORWARD_ITEM_ENTITY,
          entityId: row.id,
          after: { ...row, stops },
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: FORWARD_ITEM_ENTITY,
          entityId: row.id,
        });
        return row;
      });
    },

    /**
     * Saves a report and its route: each stop's meeting (one of its board's), due date and status,
     * or its removal. The report's version guards the whole route against a concurrent edit.
     */
    async update(
      actor: Actor,
      itemId: number,
      expectedVersion: number,
      input: ForwardItemInput,
      edits: readonly StopEdit[],
      guard: GuardOptions = {},
    ) {
      requireAdmin(actor);
      const flagged = guardText({ title: input.title, notes: input.notes }, guard);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const ctx = await context(tx, pid);
        const values = buildReport(ctx.subjects, input);
        const current = await plan.listForwardStops(tx, pid, [itemId]);
        const errors: FieldError[] = [];
        const kept = current.flatMap((stop) => {
          const edit = edits.find((e) => e.stopId === stop.id);
          if (!edit) return [stop];
          if (edit.remove) return [];
          const meeting =
            edit.meetingId === null ? undefined : ctx.meetings.find((m) => m.id === edit.meetingId);
          if (edit.meetingId !== null && meeting?.boardId !== stop.boardId)
            errors.push({
              field: `stop-${stop.id}-meeting`,
              message: `Select a meeting of ${stop.boardName}`,
            });
          if (!FORWARD_PLAN_STOP_STATUSES.some((s) => s.value === edit.status))
            errors.push({ field: `stop-${stop.id}-status`, message: "Select where the report is" });
          // A changed meeting brings its own pack date, unless a different due date was typed with it.
          const moved =
            edit.meetingId !== stop.meetingId && (edit.dueOn === null || edit.dueOn === stop.dueOn);
          const dueOn = !moved
            ? edit.dueOn
            : meeting
              ? (meeting.packDueOn ?? addDays(meeting.meetsOn, -leadDaysOf(ctx.boards, stop.boardId)))
              : null;
          return [{ ...stop, meetingId: edit.meetingId, dueOn, status: edit.status }];
        });
        if (errors.length > 0) throw new ValidationError(errors);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            forwardPlanItems,
            { partnershipId: pid, id: itemId, expectedVersion },
            values,
          ),
          "That report",
        );
        const stops = await plan.replaceForwardStops(
          tx,
          pid,
          itemId,
          kept.map((s) => ({ boardId: s.boardId, meetingId: s.meetingId, dueOn: s.dueOn, status: s.status })),
        );
        audit({
          partnershipId: pid,
          action: "forward-plan.update",
          entityType: FORWARD_ITEM_ENTITY,
          entityId: itemId,
          before: {
            ...before,
            stops: current.map(({ boardName: _, meetsOn: __, meetingStatus: ___, ...s }) => s),
          },
          after: { ...after, stops },
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: FORWARD_ITEM_ENTITY,
          entityId: itemId,
        });
        return after;
      });
    },

    /** The coordinator's "Reports due for packs" (nothing for anyone else). */
    async duePacks(actor: Actor) {
      if (!isAdmin(actor)) return [];
      // One query, labelled with the stored title (set from the report's name when it was added).
      const now = today();
      const rows = await plan.listStopsDueBy(db, partnershipOf(actor), now, addDays(now, PACK_REMINDER_DAYS));
      return rows.flatMap((r) => {
        const reminder = packReminderReason(r.stop, now);
        return reminder
          ? [{ report: { item: r.item, label: r.item.title }, stop: { ...r.stop, reminder } }]
          : [];
      });
    },
  };
}

function leadDaysOf(boards: readonly ForwardBoard[], boardId: number): number {
  return boards.find((b) => b.id === boardId)?.packLeadDays ?? 7;
}

/** Each board's coming meetings (not cancelled), boards in name order, for the first-meeting choice. */
export function comingByBoard(
  boards: readonly ForwardBoard[],
  meetings: readonly ForwardMeeting[],
  now: string,
) {
  return boards
    .map((board) => ({
      board,
      meetings: meetings.filter(
        (m) => m.boardId === board.id && m.meetsOn >= now && m.status !== "cancelled",
      ),
    }))
    .filter((b) => b.meetings.length > 0);
}

type Shaped = {
  item: plan.ForwardItemRow;
  label: string;
  stops: (plan.ForwardStopView & { reminder: string | null })[];
};

/** The stops a reminder is due for now, soonest first: the coordinator's "Reports due for packs". */
export function dueOf(reports: readonly Shaped[]) {
  return reports
    .flatMap((r) => r.stops.filter((s) => s.reminder !== null).map((stop) => ({ report: r, stop })))
    .sort((a, b) => (a.stop.dueOn ?? "").localeCompare(b.stop.dueOn ?? ""));
}

export { PACK_REMINDER_DAYS };
export type ForwardService = ReturnType<typeof createForwardService>;
