import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { boards } from "../../db/schema.ts";
import { boardSeats, boardTerms, meetingAttendance, meetings } from "../../db/schema-governance.ts";

// A board's meetings and who attended them.

export type MeetingRow = typeof meetings.$inferSelect;
export type AttendanceRow = typeof meetingAttendance.$inferSelect;

export async function meetingsOfBoard(db: Executor, partnershipId: number, boardId: number) {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.boardId, boardId)))
    .orderBy(asc(meetings.meetsOn), asc(meetings.id));
}

/** A meeting with its board's name and the terms the meeting pages need (quorum, pack lead days). */
export async function findMeeting(db: Executor, partnershipId: number, meetingId: number) {
  const [row] = await db
    .select({
      meeting: meetings,
      boardName: boards.name,
      quorum: boardTerms.quorum,
      packLeadDays: sql<number>`coalesce(${boardTerms.packLeadDays}, 7)`,
    })
    .from(meetings)
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .leftJoin(boardTerms, eq(boardTerms.boardId, meetings.boardId))
    .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId)));
  return row;
}

export async function attendanceOf(db: Executor, partnershipId: number, meetingId: number) {
  return db
    .select()
    .from(meetingAttendance)
    .where(
      and(eq(meetingAttendance.partnershipId, partnershipId), eq(meetingAttendance.meetingId, meetingId)),
    );
}

/** How many meetings have attendance recorded for the seat (a seat with a history is kept). */
export async function attendanceCountOfSeat(db: Executor, partnershipId: number, seatId: number) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(meetingAttendance)
    .where(and(eq(meetingAttendance.partnershipId, partnershipId), eq(meetingAttendance.seatId, seatId)));
  return row?.n ?? 0;
}

/** Replaces a meeting's attendance with these rows (one per seat recorded). */
export async function replaceAttendance(
  db: Executor,
  partnershipId: number,
  meetingId: number,
  rows: { seatId: number; status: string; attendeeName: string }[],
) {
  await db
    .delete(meetingAttendance)
    .where(
      and(eq(meetingAttendance.partnershipId, partnershipId), eq(meetingAttendance.meetingId, meetingId)),
    );
  if (rows.length === 0) return [];
  return db
    .insert(meetingAttendance)
    .values(rows.map((r) => ({ ...r, partnershipId, meetingId })))
    .returning();
}

/** Voting seats of a board, for the quorum. */
export async function seatVoting(db: Executor, partnershipId: number, boardId: number) {
  return db
    .select({ id: boardSeats.id, voting: boardSeats.voting })
    .from(boardSeats)
    .where(and(eq(boardSeats.partnershipId, partnershipId), eq(boardSeats.boardId, boardId)));
}
