// What a meeting's pack is made of, read straight from the governance tables (the agenda, the last
// meeting's attendance, decisions and actions, context items), and the published packs themselves
// with their receipts. Set-based: a pack of any size is a fixed number of statements.

import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { boards, commitments, memberships, organisations, partnerships, users } from "../../db/schema.ts";
import {
  agendaItems,
  boardSeats,
  boardTerms,
  contextAttachments,
  contextItems,
  decisions,
  meetingActions,
  meetingAttendance,
  meetingPackReceipts,
  meetingPacks,
  meetings,
} from "../../db/schema-governance.ts";

export type PackMeetingRow = Awaited<ReturnType<typeof findPackMeeting>>;
export type AgendaRow = typeof agendaItems.$inferSelect;
export type PackRow = typeof meetingPacks.$inferSelect;
export type PackSummary = Omit<PackRow, "html" | "docx">;

/** A meeting with its board's name and terms (chair, quorum); undefined when not the partnership's. */
export async function findPackMeeting(db: Executor, partnershipId: number, meetingId: number) {
  const [row] = await db
    .select({
      meeting: meetings,
      boardName: boards.name,
      chair: boardTerms.chair,
      quorum: boardTerms.quorum,
      packLeadDays: boardTerms.packLeadDays,
      partnershipName: partnerships.name,
      partnershipSlug: partnerships.slug,
    })
    .from(meetings)
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .innerJoin(partnerships, eq(partnerships.id, meetings.partnershipId))
    .leftJoin(boardTerms, eq(boardTerms.boardId, meetings.boardId))
    .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId)));
  return row;
}

/** The commitments agenda items are about: number and wording. */
export function listCommitmentsByIds(db: Executor, partnershipId: number, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: commitments.id, number: commitments.number, text: commitments.text })
    .from(commitments)
    .where(and(eq(commitments.partnershipId, partnershipId), inArray(commitments.id, [...ids])));
}

/** The meeting's agenda, every level, in order within each parent. */
export function listAgenda(db: Executor, partnershipId: number, meetingId: number): Promise<AgendaRow[]> {
  return db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.meetingId, meetingId)))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
}

/** The board's meeting before this one that was not cancelled (the one whose minutes the pack carries). */
export async function findPreviousMeeting(
  db: Executor,
  partnershipId: number,
  boardId: number,
  meetsOn: string,
  meetingId: number,
) {
  const [row] = await db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.partnershipId, partnershipId),
        eq(meetings.boardId, boardId),
        ne(meetings.status, "cancelled"),
        ne(meetings.id, meetingId),
        or(lt(meetings.meetsOn, meetsOn), and(eq(meetings.meetsOn, meetsOn), lt(meetings.id, meetingId))),
      ),
    )
    .orderBy(desc(meetings.meetsOn), desc(meetings.id))
    .limit(1);
  return row;
}

/** Every seat of the board with how it was attended at the meeting (status null: not recorded). */
export function listSeatAttendance(db: Executor, partnershipId: number, boardId: number, meetingId: number) {
  return db
    .select({
      seatId: boardSeats.id,
      title: boardSeats.title,
      holderName: boardSeats.holderName,
      holderUserName: users.name,
      deputyName: boardSeats.deputyName,
      organisationName: organisations.name,
      voting: boardSeats.voting,
      status: meetingAttendance.status,
      attendeeName: meetingAttendance.attendeeName,
    })
    .from(boardSeats)
    .leftJoin(
      meetingAttendance,
      and(eq(meetingAttendance.seatId, boardSeats.id), eq(meetingAttendance.meetingId, meetingId)),
    )
    .leftJoin(users, eq(users.id, boardSeats.holderUserId))
    .leftJoin(organisations, eq(organisations.id, boardSeats.organisationId))
    .where(and(eq(boardSeats.partnershipId, partnershipId), eq(boardSeats.boardId, boardId)))
    .orderBy(asc(boardSeats.position), asc(boardSeats.id));
}

export function listMeetingDecisions(db: Executor, partnershipId: number, meetingId: number) {
  return db
    .select()
    .from(decisions)
    .where(and(eq(decisions.partnershipId, partnershipId), eq(decisions.meetingId, meetingId)))
    .orderBy(asc(decisions.decidedOn), asc(decisions.id));
}

/** The meeting's actions with their owner's name and their status now (the latest update's). */
export function listMeetingActions(db: Executor, partnershipId: number, meetingId: number) {
  return db
    .select({
      id: meetingActions.id,
      reference: meetingActions.reference,
      description: meetingActions.description,
      ownerName: organisations.name,
      dueOn: meetingActions.dueOn,
      status: meetingActions.status,
    })
    .from(meetingActions)
    .innerJoin(organisations, eq(organisations.id, meetingActions.ownerOrganisationId))
    .where(and(eq(meetingActions.partnershipId, partnershipId), eq(meetingActions.meetingId, meetingId)))
    .orderBy(asc(meetingActions.reference), asc(meetingActions.id));
}

export interface AttachedContext {
  agendaItemId: number | null;
  reportKind: string | null;
  reportSubjectId: number | null;
  title: string;
  kind: string;
  stage: string;
  stageOn: string | null;
  summary: string;
  link: string;
}

/** Context items attached to any of the agenda items, or to any of the reports named; one query. */
export async function listAttachedContext(
  db: Executor,
  partnershipId: number,
  agendaItemIds: readonly number[],
  reports: readonly { kind: string; subjectId: number }[],
): Promise<AttachedContext[]> {
  const conditions = [
    ...(agendaItemIds.length > 0 ? [inArray(contextAttachments.agendaItemId, [...agendaItemIds])] : []),
    ...reports.map((r) =>
      and(
        isNull(contextAttachments.agendaItemId),
        eq(contextAttachments.reportKind, r.kind),
        eq(contextAttachments.reportSubjectId, r.subjectId),
      ),
    ),
  ];
  if (conditions.length === 0) return [];
  return db
    .select({
      agendaItemId: contextAttachments.agendaItemId,
      reportKind: contextAttachments.reportKind,
      reportSubjectId: contextAttachments.reportSubjectId,
      title: contextItems.title,
      kind: contextItems.kind,
      stage: contextItems.stage,
      stageOn: contextItems.stageOn,
      summary: contextItems.summary,
      link: contextItems.link,
    })
    .from(contextAttachments)
    .innerJoin(contextItems, eq(contextItems.id, contextAttachments.contextItemId))
    .where(and(eq(contextAttachments.partnershipId, partnershipId), or(...conditions)))
    .orderBy(asc(contextAttachments.position), asc(contextAttachments.id));
}

const packSummary = {
  id: meetingPacks.id,
  partnershipId: meetingPacks.partnershipId,
  meetingId: meetingPacks.meetingId,
  packVersion: meetingPacks.packVersion,
  asAt: meetingPacks.asAt,
  reason: meetingPacks.reason,
  title: meetingPacks.title,
  publishedAt: meetingPacks.publishedAt,
  publishedByUserId: meetingPacks.publishedByUserId,
};

/** The meeting's published versions, oldest first, without their (large) content. */
export function listPacks(db: Executor, partnershipId: number, meetingId: number): Promise<PackSummary[]> {
  return db
    .select(packSummary)
    .from(meetingPacks)
    .where(and(eq(meetingPacks.partnershipId, partnershipId), eq(meetingPacks.meetingId, meetingId)))
    .orderBy(asc(meetingPacks.packVersion));
}

/** A published pack's page and the meeting's other versions, in one round trip each. */
export async function findPack(db: Executor, partnershipId: number, packId: number) {
  const [row] = await db
    .select({ ...packSummary, html: meetingPacks.html })
    .from(meetingPacks)
    .where(and(eq(meetingPacks.partnershipId, partnershipId), eq(meetingPacks.id, packId)));
  return row;
}

export async function findPackDocx(db: Executor, partnershipId: number, packId: number) {
  const [row] = await db
    .select({
      title: meetingPacks.title,
      docx: meetingPacks.docx,
      packVersion: meetingPacks.packVersion,
      publishedByUserId: meetingPacks.publishedByUserId,
    })
    .from(meetingPacks)
    .where(and(eq(meetingPacks.partnershipId, partnershipId), eq(meetingPacks.id, packId)));
  return row;
}

/** Serialises publishers of one meeting's pack, so two at once cannot take the same version number. */
export async function lockMeeting(tx: Executor, partnershipId: number, meetingId: number) {
  const [row] = await tx
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId)))
    .for("update");
  return row;
}

export async function insertPack(tx: Executor, values: typeof meetingPacks.$inferInsert) {
  const [row] = await tx.insert(meetingPacks).values(values).returning(packSummary);
  return row!;
}

/** The first time a member opens a pack; later openings change nothing. True when newly recorded. */
export async function recordReceipt(
  db: Executor,
  partnershipId: number,
  packId: number,
  userId: number,
): Promise<boolean> {
  const rows = await db
    .insert(meetingPackReceipts)
    .values({ partnershipId, packId, userId })
    .onConflictDoNothing()
    .returning({ packId: meetingPackReceipts.packId });
  return rows.length > 0;
}

/** Who has opened which version of the meeting's pack, first opening first. */
export function listReceipts(db: Executor, partnershipId: number, meetingId: number) {
  return db
    .select({
      packId: meetingPackReceipts.packId,
      packVersion: meetingPacks.packVersion,
      userId: users.id,
      name: users.name,
      firstOpenedAt: meetingPackReceipts.firstOpenedAt,
    })
    .from(meetingPackReceipts)
    .innerJoin(meetingPacks, eq(meetingPacks.id, meetingPackReceipts.packId))
    .innerJoin(users, eq(users.id, meetingPackReceipts.userId))
    .where(and(eq(meetingPackReceipts.partnershipId, partnershipId), eq(meetingPacks.meetingId, meetingId)))
    .orderBy(asc(meetingPackReceipts.firstOpenedAt), asc(users.name));
}

/**
 * Who is told of a new pack: the members holding or deputising in a seat of the board. When no seat
 * names a Waymark account, the partnership's viewers (Waymark's board-member role) and coordinators.
 */
export async function listPackRecipients(db: Executor, partnershipId: number, boardId: number) {
  const seated = await db
    .selectDistinct({ userId: users.id, name: users.name, email: users.email })
    .from(boardSeats)
    .innerJoin(users, or(eq(users.id, boardSeats.holderUserId), eq(users.id, boardSeats.deputyUserId)))
    .innerJoin(
      memberships,
      and(eq(memberships.userId, users.id), eq(memberships.partnershipId, partnershipId)),
    )
    .where(and(eq(boardSeats.partnershipId, partnershipId), eq(boardSeats.boardId, boardId)));
  if (seated.length > 0) return { seated: true, people: seated };
  const people = await db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.partnershipId, partnershipId), inArray(memberships.role, ["viewer", "admin"])));
  return { seated: false, people };
}

/** Meetings from `from` to `to` (inclusive) whose pack is not yet published, soonest first. */
export function listPacksDue(db: Executor, partnershipId: number, from: string, to: string) {
  return db
    .select({
      meetingId: meetings.id,
      meetsOn: meetings.meetsOn,
      packDueOn: meetings.packDueOn,
      boardId: meetings.boardId,
      boardName: boards.name,
      packLeadDays: boardTerms.packLeadDays,
    })
    .from(meetings)
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .leftJoin(boardTerms, eq(boardTerms.boardId, meetings.boardId))
    .where(
      and(
        eq(meetings.partnershipId, partnershipId),
        ne(meetings.status, "cancelled"),
        gte(meetings.meetsOn, from),
        lte(meetings.meetsOn, to),
        sql`not exists (select 1 from ${meetingPacks} where ${meetingPacks.meetingId} = ${meetings.id})`,
      ),
    )
    .orderBy(asc(meetings.meetsOn), asc(meetings.id));
}

/**
 * The latest published pack of each board the member sits on (holder or deputy), with whether they
 * have opened it. One query.
 */
export function listLatestPacksForMember(db: Executor, partnershipId: number, userId: number) {
  return db
    .selectDistinctOn([meetings.boardId], {
      packId: meetingPacks.id,
      packVersion: meetingPacks.packVersion,
      title: meetingPacks.title,
      publishedAt: meetingPacks.publishedAt,
      meetingId: meetings.id,
      meetsOn: meetings.meetsOn,
      boardId: meetings.boardId,
      boardName: boards.name,
      opened: sql<boolean>`exists (select 1 from ${meetingPackReceipts} where ${meetingPackReceipts.packId} = ${meetingPacks.id} and ${meetingPackReceipts.userId} = ${userId})`,
    })
    .from(meetingPacks)
    .innerJoin(meetings, eq(meetings.id, meetingPacks.meetingId))
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .where(
      and(
        eq(meetingPacks.partnershipId, partnershipId),
        sql`exists (select 1 from ${boardSeats} where ${boardSeats.boardId} = ${meetings.boardId} and (${boardSeats.holderUserId} = ${userId} or ${boardSeats.deputyUserId} = ${userId}))`,
      ),
    )
    .orderBy(asc(meetings.boardId), desc(meetings.meetsOn), desc(meetingPacks.packVersion));
}
