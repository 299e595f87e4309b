// The API's governance reads (GET /api/v1/boards, /boards/{id}, /meetings/{id}, /decisions,
// /meeting-actions): straight from the tables, each a fixed number of statements, always filtered on
// the partnership first.

import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { boards, organisations, users } from "../../db/schema.ts";
import {
  agendaItems,
  boardSeats,
  boardTerms,
  decisions,
  meetingActions,
  meetingAttendance,
  meetingPacks,
  meetings,
} from "../../db/schema-governance.ts";

export function listBoardsWithKind(db: Executor, partnershipId: number) {
  return db
    .select({
      id: boards.id,
      name: boards.name,
      description: boards.description,
      parentBoardId: boards.parentBoardId,
      version: boards.version,
      kind: boardTerms.kind,
    })
    .from(boards)
    .leftJoin(boardTerms, eq(boardTerms.boardId, boards.id))
    .where(eq(boards.partnershipId, partnershipId))
    .orderBy(asc(boards.id));
}

export async function findBoardWithTerms(db: Executor, partnershipId: number, boardId: number) {
  const [row] = await db
    .select({ board: boards, terms: boardTerms })
    .from(boards)
    .leftJoin(boardTerms, eq(boardTerms.boardId, boards.id))
    .where(and(eq(boards.partnershipId, partnershipId), eq(boards.id, boardId)));
  return row;
}

/** A board's seats with the holder's name (a member's account name, else the name typed); no e-mail. */
export function listSeats(db: Executor, partnershipId: number, boardId: number) {
  return db
    .select({
      seat: boardSeats,
      holderUserName: users.name,
      organisationName: organisations.name,
    })
    .from(boardSeats)
    .leftJoin(users, eq(users.id, boardSeats.holderUserId))
    .leftJoin(organisations, eq(organisations.id, boardSeats.organisationId))
    .where(and(eq(boardSeats.partnershipId, partnershipId), eq(boardSeats.boardId, boardId)))
    .orderBy(asc(boardSeats.position), asc(boardSeats.id));
}

export function listDeputyNames(db: Executor, partnershipId: number, boardId: number) {
  return db
    .select({ seatId: boardSeats.id, name: users.name })
    .from(boardSeats)
    .innerJoin(users, eq(users.id, boardSeats.deputyUserId))
    .where(and(eq(boardSeats.partnershipId, partnershipId), eq(boardSeats.boardId, boardId)));
}

export function listBoardMeetings(db: Executor, partnershipId: number, boardId: number) {
  return db
    .select({ id: meetings.id, meetsOn: meetings.meetsOn, status: meetings.status })
    .from(meetings)
    .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.boardId, boardId)))
    .orderBy(asc(meetings.meetsOn), asc(meetings.id));
}

export async function findMeeting(db: Executor, partnershipId: number, meetingId: number) {
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId)));
  return row;
}

export function listMeetingAgenda(db: Executor, partnershipId: number, meetingId: number) {
  return db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.meetingId, meetingId)))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
}

export function listAttendance(db: Executor, partnershipId: number, meetingId: number) {
  return db
    .select({ seatId: meetingAttendance.seatId, status: meetingAttendance.status })
    .from(meetingAttendance)
    .where(
      and(eq(meetingAttendance.partnershipId, partnershipId), eq(meetingAttendance.meetingId, meetingId)),
    )
    .orderBy(asc(meetingAttendance.seatId));
}

export function listPackVersions(db: Executor, partnershipId: number, meetingId: number) {
  return db
    .select({
      id: meetingPacks.id,
      packVersion: meetingPacks.packVersion,
      asAt: meetingPacks.asAt,
      reason: meetingPacks.reason,
      publishedAt: meetingPacks.publishedAt,
    })
    .from(meetingPacks)
    .where(and(eq(meetingPacks.partnershipId, partnershipId), eq(meetingPacks.meetingId, meetingId)))
    .orderBy(asc(meetingPacks.packVersion));
}

export interface LogFilter {
  boardId?: number;
  status?: string;
}

export function listDecisionLog(db: Executor, partnershipId: number, filter: LogFilter) {
  const conditions: SQL[] = [eq(decisions.partnershipId, partnershipId)];
  if (filter.boardId !== undefined) conditions.push(eq(meetings.boardId, filter.boardId));
  if (filter.status !== undefined) conditions.push(eq(decisions.status, filter.status));
  return db
    .select({ decision: decisions, boardId: meetings.boardId })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .where(and(...conditions))
    .orderBy(asc(decisions.decidedOn), asc(decisions.id));
}

export function listMeetingActionLog(db: Executor, partnershipId: number, filter: LogFilter) {
  const conditions: SQL[] = [eq(meetingActions.partnershipId, partnershipId)];
  if (filter.boardId !== undefined) conditions.push(eq(meetings.boardId, filter.boardId));
  if (filter.status !== undefined) conditions.push(eq(meetingActions.status, filter.status));
  return db
    .select({
      action: meetingActions,
      boardId: meetings.boardId,
      ownerName: organisations.name,
    })
    .from(meetingActions)
    .innerJoin(meetings, eq(meetings.id, meetingActions.meetingId))
    .innerJoin(organisations, eq(organisations.id, meetingActions.ownerOrganisationId))
    .where(and(...conditions))
    .orderBy(asc(meetingActions.dueOn), asc(meetingActions.id));
}

export async function boardExists(db: Executor, partnershipId: number, boardId: number) {
  const [row] = await db
    .select({ id: boards.id })
    .from(boards)
    .where(and(eq(boards.partnershipId, partnershipId), eq(boards.id, boardId)));
  return row !== undefined;
}
