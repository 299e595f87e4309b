import { and, eq } from "drizzle-orm";
import * as data from "../../data/governance/boards.ts";
import * as meetingData from "../../data/governance/boards-meetings.ts";
import { readTogether } from "../../data/read-together.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db } from "../../db/database.ts";
import { meetings } from "../../db/schema-governance.ts";
import { addDays } from "../../domain/calendar-dates.ts";
import { assessQuorum } from "../../domain/governance/quorum.ts";
import type { AttendanceStatus } from "../../domain/governance/vocabulary.ts";
import type { Actor } from "../actor.ts";
import { ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";

// A board's meetings: planned a year ahead from its frequency, added one at a time, edited (date,
// time, place, status, pack due date); attendance per seat with the quorum; the iCalendar feed's data.

export interface MeetingInput {
  meetsOn: string;
  startsAt: string | null;
  endsAt: string | null;
  location: string;
  onlineLink: string;
  status: string;
  /** null: the meeting date less the board's pack lead days. */
  packDueOn: string | null;
}

export interface AttendanceInput {
  seatId: number;
  /** undefined: not recorded. */
  status: AttendanceStatus | undefined;
  attendeeName: string;
}

const MAX_PLANNED = 60;

export function createBoardMeetingService(db: Db) {
  const values = (input: MeetingInput, packLeadDays: number) => ({
    ...input,
    packDueOn: input.packDueOn ?? addDays(input.meetsOn, -packLeadDays),
  });

  function checkTimes(input: MeetingInput) {
    if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt)
      throw new ValidationError([{ field: "endsAt", message: "The end time must be after the start time" }]);
  }

  /** The meeting, its seats with what was recorded for each, and the quorum sentence. */
  async function attendanceView(actor: Actor, meetingId: number) {
    const pid = partnershipOf(actor);
    const row = found(await meetingData.findMeeting(db, pid, meetingId), "That meeting");
    const [seats, recorded] = await readTogether(db, [
      () => data.seatsOfBoard(db, pid, row.meeting.boardId),
      () => meetingData.attendanceOf(db, pid, meetingId),
    ] as const);
    const bySeat = new Map(recorded.map((a) => [a.seatId, a]));
    const entries = seats.map((s) => ({
      ...s,
      status: (bySeat.get(s.seat.id)?.status as AttendanceStatus | undefined) ?? undefined,
      attendeeName: bySeat.get(s.seat.id)?.attendeeName ?? "",
    }));
    return {
      meeting: row.meeting,
      boardName: row.boardName,
      entries,
      quorum: assessQuorum(
        entries.map((e) => ({ voting: e.seat.voting, status: e.status })),
        row.quorum,
      ),
    };
  }

  return {
    getMeeting: async (actor: Actor, meetingId: number) =>
      found(await meetingData.findMeeting(db, partnershipOf(actor), meetingId), "That meeting"),

    /** Adds the meetings of a plan (or one meeting), each with its pack due date. */
    async addMeetings(actor: Actor, boardId: number, inputs: MeetingInput[]) {
      requireAdmin(actor);
      if (inputs.length === 0)
        throw new ValidationError([{ field: "meetings", message: "Keep at least one meeting" }]);
      if (inputs.length > MAX_PLANNED)
        throw new ValidationError([{ field: "meetings", message: `Plan ${MAX_PLANNED} meetings or fewer` }]);
      inputs.forEach(checkTimes);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const terms = found(await data.findTerms(tx, pid, boardId), "That board");
        const rows = await tx
          .insert(meetings)
          .values(
            inputs.map((input) => ({ ...values(input, terms.packLeadDays), partnershipId: pid, boardId })),
          )
          .returning();
        for (const row of rows)
          audit({
            partnershipId: pid,
            action: "meeting.create",
            entityType: "meeting",
            entityId: row.id,
            after: row,
          });
        return rows;
      });
    },

    async updateMeeting(actor: Actor, meetingId: number, expectedVersion: number, input: MeetingInput) {
      requireAdmin(actor);
      checkTimes(input);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const row = found(await meetingData.findMeeting(tx, pid, meetingId), "That meeting");
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            meetings,
            { partnershipId: pid, id: meetingId, expectedVersion },
            values(input, row.packLeadDays),
          ),
          "That meeting",
        );
        audit({
          partnershipId: pid,
          action: "meeting.update",
          entityType: "meeting",
          entityId: meetingId,
          before,
          after,
        });
        return after;
      });
    },

    /** For the attendance form and the meeting page (part B): who came, and the quorum. */
    attendance: attendanceView,

    /** Records attendance for every seat of the meeting's board at once. */
    async recordAttendance(actor: Actor, meetingId: number, entries: AttendanceInput[]) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const row = found(await meetingData.findMeeting(tx, pid, meetingId), "That meeting");
        const seats = new Set((await meetingData.seatVoting(tx, pid, row.meeting.boardId)).map((s) => s.id));
        const unknown = entries.find((e) => !seats.has(e.seatId));
        if (unknown) throw new ValidationError([{ field: "form", message: "A seat is not on this board" }]);
        const before = await meetingData.attendanceOf(tx, pid, meetingId);
        const rows = entries
          .filter((e): e is AttendanceInput & { status: AttendanceStatus } => e.status !== undefined)
          .map((e) => ({ seatId: e.seatId, status: e.status, attendeeName: e.attendeeName }));
        const after = await meetingData.replaceAttendance(tx, pid, meetingId, rows);
        audit({
          partnershipId: pid,
          action: "meeting.attendance",
          entityType: "meeting",
          entityId: meetingId,
          before: before.map(({ seatId, status, attendeeName }) => ({ seatId, status, attendeeName })),
          after: after.map(({ seatId, status, attendeeName }) => ({ seatId, status, attendeeName })),
        });
      });
    },

    /**
     * The feed's board and meetings, found by the secret in its address. No actor: Outlook cannot
     * sign in, so the secret is the permission (read only, one board, replaceable by the coordinator).
     */
    async calendarFeed(token: string) {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
      const row = await data.findBoardByCalendarToken(db, token);
      if (!row) return undefined;
      const list = await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.partnershipId, row.board.partnershipId), eq(meetings.boardId, row.board.id)))
        .orderBy(meetings.meetsOn, meetings.id);
      return { board: row.board, slug: row.slug, meetings: list };
    },

    /** The same feed for a signed-in member, by the board's id. */
    async calendarOf(actor: Actor, boardId: number) {
      const pid = partnershipOf(actor);
      const board = found(await data.findBoard(db, pid, boardId), "That board");
      return { board, meetings: await meetingData.meetingsOfBoard(db, pid, boardId) };
    },
  };
}
