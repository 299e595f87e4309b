// Reads for the meeting page, the agenda forms and the meeting actions (issue 13, part B). Each is one
// set-based statement filtered on the partnership first; the page runs the independent ones together.
// Meetings, seats and attendance belong to part A: they are read here directly until the coordinator
// folds the parts' reads together.

import { and, asc, desc, eq, inArray, like } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { boards, commitments, organisations, strategies, users } from "../../db/schema.ts";
import {
  agendaItems,
  boardSeats,
  boardTerms,
  decisions,
  meetingActions,
  meetingActionUpdates,
  meetingAttendance,
  meetings,
} from "../../db/schema-governance.ts";

export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type MeetingActionRow = typeof meetingActions.$inferSelect;

/** A meeting with its board and the board's quorum. */
export async function findMeeting(ex: Executor, partnershipId: number, meetingId: number) {
  const [row] = await ex
    .select({
      meeting: meetings,
      board: { id: boards.id, name: boards.name },
      quorum: boardTerms.quorum,
    })
    .from(meetings)
    .innerJoin(boards, and(eq(boards.id, meetings.boardId), eq(boards.partnershipId, partnershipId)))
    .leftJoin(boardTerms, eq(boardTerms.boardId, boards.id))
    .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId)));
  return row;
}

/** The board's seats, each with how it was attended at the meeting (null: not recorded). */
export function listSeatAttendance(ex: Executor, partnershipId: number, boardId: number, meetingId: number) {
  return ex
    .select({
      id: boardSeats.id,
      title: boardSeats.title,
      voting: boardSeats.voting,
      holderName: boardSeats.holderName,
      organisationName: organisations.name,
      status: meetingAttendance.status,
    })
    .from(boardSeats)
    .leftJoin(organisations, eq(organisations.id, boardSeats.organisationId))
    .leftJoin(
      meetingAttendance,
      and(eq(meetingAttendance.seatId, boardSeats.id), eq(meetingAttendance.meetingId, meetingId)),
    )
    .where(and(eq(boardSeats.partnershipId, partnershipId), eq(boardSeats.boardId, boardId)))
    .orderBy(asc(boardSeats.position), asc(boardSeats.id));
}

/** Every item of a meeting's agenda, with the commitment an item is about (unordered: numberAgenda orders). */
export function listAgendaItems(ex: Executor, partnershipId: number, meetingId: number) {
  return ex
    .select({
      item: agendaItems,
      commitment: { id: commitments.id, number: commitments.number, text: commitments.text },
    })
    .from(agendaItems)
    .leftJoin(commitments, eq(commitments.id, agendaItems.commitmentId))
    .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.meetingId, meetingId)));
}

/** One agenda item with its meeting and board, locked when read in a transaction that changes it. */
export async function findAgendaItem(ex: Executor, partnershipId: number, agendaItemId: number) {
  const [row] = await ex
    .select({ item: agendaItems, meeting: meetings, board: { id: boards.id, name: boards.name } })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.id, agendaItemId)));
  return row;
}

export function listMeetingDecisions(ex: Executor, partnershipId: number, meetingId: number) {
  return ex
    .select()
    .from(decisions)
    .where(and(eq(decisions.partnershipId, partnershipId), eq(decisions.meetingId, meetingId)))
    .orderBy(asc(decisions.reference));
}

export function listMeetingActions(ex: Executor, partnershipId: number, meetingId: number) {
  return ex
    .select({ action: meetingActions, owner: { id: organisations.id, name: organisations.name } })
    .from(meetingActions)
    .innerJoin(organisations, eq(organisations.id, meetingActions.ownerOrganisationId))
    .where(and(eq(meetingActions.partnershipId, partnershipId), eq(meetingActions.meetingId, meetingId)))
    .orderBy(asc(meetingActions.reference));
}

export async function findDecision(ex: Executor, partnershipId: number, decisionId: number) {
  const [row] = await ex
    .select({ decision: decisions, meeting: meetings, board: { id: boards.id, name: boards.name } })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .where(and(eq(decisions.partnershipId, partnershipId), eq(decisions.id, decisionId)));
  return row;
}

export async function findMeetingAction(ex: Executor, partnershipId: number, meetingActionId: number) {
  const [row] = await ex
    .select({
      action: meetingActions,
      meeting: meetings,
      board: { id: boards.id, name: boards.name },
      owner: { id: organisations.id, name: organisations.name },
    })
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .innerJoin(organisations, eq(organisations.id, meetingActions.ownerOrganisationId))
    .where(and(eq(meetingActions.partnershipId, partnershipId), eq(meetingActions.id, meetingActionId)));
  return row;
}

/** A meeting action's history, newest first, with who wrote each update. */
export function listActionUpdates(ex: Executor, partnershipId: number, meetingActionId: number) {
  return ex
    .select({
      update: meetingActionUpdates,
      authorName: users.name,
      organisationName: organisations.name,
    })
    .from(meetingActionUpdates)
    .leftJoin(users, eq(users.id, meetingActionUpdates.authorUserId))
    .leftJoin(organisations, eq(organisations.id, meetingActionUpdates.authorOrganisationId))
    .where(
      and(
        eq(meetingActionUpdates.partnershipId, partnershipId),
        eq(meetingActionUpdates.meetingActionId, meetingActionId),
      ),
    )
    .orderBy(desc(meetingActionUpdates.createdAt), desc(meetingActionUpdates.id));
}

/** References already taken with a prefix, for the next number (the unique index has the last word). */
export async function takenReferences(
  ex: Executor,
  partnershipId: number,
  kind: "decision" | "action",
  prefix: string,
): Promise<string[]> {
  const table = kind === "decision" ? decisions : meetingActions;
  const rows = await ex
    .select({ reference: table.reference })
    .from(table)
    .where(and(eq(table.partnershipId, partnershipId), like(table.reference, `${prefix}%`)));
  return rows.map((r) => r.reference);
}

/** The commitments of every strategy, for an agenda item's subject. */
export function listCommitmentChoices(ex: Executor, partnershipId: number) {
  return ex
    .select({
      id: commitments.id,
      number: commitments.number,
      text: commitments.text,
      strategyTitle: strategies.title,
    })
    .from(commitments)
    .innerJoin(strategies, eq(strategies.id, commitments.strategyId))
    .where(eq(commitments.partnershipId, partnershipId))
    .orderBy(asc(strategies.startYear), asc(strategies.id), asc(commitments.position));
}

/** The open meeting actions an organisation owns (all organisations' when `organisationId` is undefined). */
export function listOpenMeetingActions(ex: Executor, partnershipId: number, organisationId?: number) {
  return ex
    .select({
      action: meetingActions,
      meeting: { id: meetings.id, meetsOn: meetings.meetsOn },
      board: { id: boards.id, name: boards.name },
      owner: { id: organisations.id, name: organisations.name },
    })
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .innerJoin(organisations, eq(organisations.id, meetingActions.ownerOrganisationId))
    .where(
      and(
        eq(meetingActions.partnershipId, partnershipId),
        inArray(meetingActions.status, ["not_started", "in_progress"]),
        organisationId === undefined ? undefined : eq(meetingActions.ownerOrganisationId, organisationId),
      ),
    )
    .orderBy(asc(meetingActions.dueOn), asc(meetingActions.reference));
}
