// The meeting page and what hangs off it (issue 13, part B): the page's reads, the owner's updates of
// a meeting action, and the logs. The agenda (meetings-agenda.ts) and decisions and actions
// (meetings-decisions.ts) join here as `services.governanceMeetings`.

import {
  type ActionFilter,
  type DecisionFilter,
  listActionLog,
  listBoardChoices,
  listDecisionLog,
  listOrganisationChoices,
} from "../../data/governance/meeting-logs.ts";
import {
  findMeeting,
  findMeetingAction,
  listActionUpdates,
  listAgendaItems,
  listCommitmentChoices,
  listMeetingActions,
  listMeetingDecisions,
  listOpenMeetingActions,
  listSeatAttendance,
} from "../../data/governance/meetings-reads.ts";
import { readTogether } from "../../data/read-together.ts";
import { listReportChoices } from "../../data/reports.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db } from "../../db/database.ts";
import { meetingActions, meetingActionUpdates } from "../../db/schema-governance.ts";
import { ukDateOf } from "../../domain/calendar-dates.ts";
import { isOverdueAction, numberAgenda } from "../../domain/governance/agenda.ts";
import { assessQuorum } from "../../domain/governance/quorum.ts";
import type { AttendanceStatus, MeetingActionStatus } from "../../domain/governance/vocabulary.ts";
import type { Rating } from "../../domain/rag.ts";
import type { Actor } from "../actor.ts";
import { canEditAction, found, isAdmin, partnershipOf, requireCanEditAction } from "../permissions.ts";
import { type GuardOptions, guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import { createAgendaService } from "./meetings-agenda.ts";
import { createDecisionService, MEETING_ACTION_ENTITY } from "./meetings-decisions.ts";

export interface ActionProgressInput {
  status: MeetingActionStatus;
  rating: Rating | null;
  narrative: string;
}

export function createGovernanceMeetingsService(db: Db, options: { clock?: () => Date } = {}) {
  const clock = options.clock ?? (() => new Date());
  const today = () => ukDateOf(clock());

  /** The commitments and reports an agenda item can be about, for the form's selects. */
  async function subjectChoices(actor: Actor) {
    const pid = partnershipOf(actor);
    const [reports, commitmentRows] = await readTogether(db, [
      () => listReportChoices(db, pid),
      () => listCommitmentChoices(db, pid),
    ] as const);
    return { reports, commitments: commitmentRows };
  }

  return {
    ...createAgendaService(db),
    ...createDecisionService(db),
    subjectChoices,

    /**
     * Everything the meeting page shows, in a fixed number of statements whatever the meeting holds:
     * the meeting, then its seats, agenda, decisions, actions and the report names together.
     */
    async page(actor: Actor, meetingId: number) {
      const pid = partnershipOf(actor);
      const meeting = found(await findMeeting(db, pid, meetingId), "That meeting");
      const [seats, agenda, decisionRows, actionRows, reports] = await readTogether(db, [
        () => listSeatAttendance(db, pid, meeting.board.id, meetingId),
        () => listAgendaItems(db, pid, meetingId),
        () => listMeetingDecisions(db, pid, meetingId),
        () => listMeetingActions(db, pid, meetingId),
        () => listReportChoices(db, pid),
      ] as const);
      const quorum = assessQuorum(
        seats.map((s) => ({
          voting: s.voting,
          status: (s.status ?? undefined) as AttendanceStatus | undefined,
        })),
        meeting.quorum ?? null,
      );
      const items = numberAgenda(
        agenda.map((r) => ({ ...r.item, commitment: r.commitment?.id ? r.commitment : null })),
      );
      const now = today();
      return {
        ...meeting,
        seats,
        quorum,
        attendanceRecorded: seats.some((s) => s.status !== null),
        items,
        decisions: decisionRows,
        actions: actionRows.map((r) => ({ ...r, overdue: isOverdueAction(r.action, now) })),
        reports,
      };
    },

    /** A meeting action with its history, for everyone; `canUpdate` says whether this actor may update it. */
    async action(actor: Actor, meetingActionId: number) {
      const pid = partnershipOf(actor);
      const row = found(await findMeetingAction(db, pid, meetingActionId), "That action");
      const history = await listActionUpdates(db, pid, meetingActionId);
      return {
        ...row,
        history,
        overdue: isOverdueAction(row.action, today()),
        canUpdate: canEditAction(actor, [row.owner.id]),
      };
    },

    /** The update form: only the owner organisation's editors and the coordinator. */
    async actionForUpdate(actor: Actor, meetingActionId: number) {
      const pid = partnershipOf(actor);
      const row = found(await findMeetingAction(db, pid, meetingActionId), "That action");
      requireCanEditAction(actor, [row.owner.id]);
      return row;
    },

    /**
     * The owner's update: a new row of the action's history (never changed afterwards) and the
     * action's status set to it, checked against the version the form was opened at.
     */
    async progress(
      actor: Actor,
      meetingActionId: number,
      expectedVersion: number,
      input: ActionProgressInput,
      guard: GuardOptions = {},
    ) {
      const flagged = guardText({ narrative: input.narrative }, guard);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const row = found(await findMeetingAction(tx, pid, meetingActionId), "That action");
        requireCanEditAction(actor, [row.owner.id]);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            meetingActions,
            { partnershipId: pid, id: meetingActionId, expectedVersion },
            { status: input.status, updatedAt: new Date() },
          ),
          "That action",
        );
        const [update] = await tx
          .insert(meetingActionUpdates)
          .values({
            partnershipId: pid,
            meetingActionId,
            status: input.status,
            rating: input.rating,
            narrative: input.narrative,
            authorUserId: actor.kind === "member" ? actor.userId : null,
            authorOrganisationId: actor.kind === "member" ? actor.organisationId : null,
          })
          .returning();
        audit({
          partnershipId: pid,
          action: "meeting-action.progress",
          entityType: MEETING_ACTION_ENTITY,
          entityId: meetingActionId,
          before: { status: before.status },
          after: { status: after.status, update },
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: MEETING_ACTION_ENTITY,
          entityId: meetingActionId,
        });
        return { action: after, update: found(update, "That update") };
      });
    },

    /** "Your updates": the open meeting actions the actor's organisation owns (every one for the coordinator). */
    async owedActions(actor: Actor) {
      const pid = partnershipOf(actor);
      const admin = isAdmin(actor);
      if (!admin && (actor.kind !== "member" || actor.role !== "editor")) return [];
      const rows = await listOpenMeetingActions(
        db,
        pid,
        admin || actor.kind !== "member" ? undefined : actor.organisationId,
      );
      const now = today();
      return rows.map((r) => ({ ...r, overdue: isOverdueAction(r.action, now) }));
    },

    async decisionLog(actor: Actor, filter: DecisionFilter) {
      const pid = partnershipOf(actor);
      const [rows, boards] = await readTogether(db, [
        () => listDecisionLog(db, pid, filter),
        () => listBoardChoices(db, pid),
      ] as const);
      return { rows, boards };
    },

    async actionLog(actor: Actor, filter: ActionFilter) {
      const pid = partnershipOf(actor);
      const [rows, boards, organisations] = await readTogether(db, [
        () => listActionLog(db, pid, filter),
        () => listBoardChoices(db, pid),
        () => listOrganisationChoices(db, pid),
      ] as const);
      const now = today();
      return {
        rows: rows.map((r) => ({ ...r, overdue: isOverdueAction(r.action, now) })),
        boards,
        organisations,
        today: now,
      };
    },

    today,
  };
}

export type GovernanceMeetingsService = ReturnType<typeof createGovernanceMeetingsService>;
