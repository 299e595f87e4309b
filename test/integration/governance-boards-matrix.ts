// The boards part of the permission matrix (permissions.test.ts): the ids its routes need in each
// partnership (a board, a seat, a meeting), and a valid body for each of its POST routes, so a
// refusal proves the permission check and not validation.
import { and, eq, sql } from "drizzle-orm";
import { boards } from "../../src/db/schema.ts";
import { boardSeats, boardTerms, meetingAttendance, meetings } from "../../src/db/schema-governance.ts";
import type { Actor } from "../../src/services/actor.ts";
import { partnershipOf } from "../../src/services/permissions.ts";
import type { TestApp } from "../support/app.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;

const BOARD = {
  description: "",
  parentBoardId: null,
  kind: "strategic",
  purpose: "",
  chair: "",
  quorum: 2,
  meetingFrequency: "quarterly",
  reviewOn: null,
  packLeadDays: 7,
};

export async function governanceBoardsMatrixIds(t: TestApp, actor: Actor): Promise<Ids> {
  const service = t.services.governanceBoards;
  const pid = partnershipOf(actor);
  const [existing] = await t.database.db.select().from(boards).where(eq(boards.partnershipId, pid)).limit(1);
  const board = existing ?? (await service.create(actor, { ...BOARD, name: "Matrix board" }));
  const seat = await service.createSeat(actor, board.id, {
    title: "Matrix seat",
    organisationId: null,
    holderUserId: null,
    holderName: "A Member",
    holderRole: "",
    deputyUserId: null,
    deputyName: "",
    categories: ["health"],
    voting: true,
  });
  const [meeting] = await service.addMeetings(actor, board.id, [
    {
      meetsOn: "2031-06-18",
      startsAt: "14:00",
      endsAt: "16:00",
      location: "Room 1",
      onlineLink: "",
      status: "planned",
      packDueOn: null,
    },
  ]);
  return { boardId: board.id, seatId: seat.id, meetingId: meeting!.id };
}

export function governanceBoardsMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  const db = () => app().database.db;
  const date = (name: string, iso: string) => {
    const [y, m, d] = iso.split("-");
    return {
      [`${name}-day`]: String(Number(d)),
      [`${name}-month`]: String(Number(m)),
      [`${name}-year`]: String(y),
    };
  };
  const boardForm = (name: string) => ({
    name,
    description: "",
    parentBoardId: "",
    kind: "operational",
    purpose: "Runs the matrix",
    chair: "Chair of the matrix",
    quorum: "3",
    meetingFrequency: "quarterly",
    packLeadDays: "7",
  });
  const seatForm = () => ({
    title: `Seat ${next()}`,
    organisationId: "",
    holderUserId: "",
    holderName: "A Member",
    holderRole: "",
    deputyUserId: "",
    deputyName: "",
    categories: ["victims"],
    voting: "yes",
  });
  const meetingForm = (meetsOn: string) => ({
    ...date("meetsOn", meetsOn),
    startsAt: "14:00",
    endsAt: "16:00",
    location: "Room 2",
    onlineLink: "",
    status: "planned",
  });
  const futureDate = () => `20${40 + (next() % 50)}-03-1${next() % 10}`;
  return {
    "POST /p/:slug/boards/new": async () => boardForm(`Matrix board ${next()}`),
    "POST /p/:slug/boards/:boardId/edit": async (ids) => {
      const [row] = await db()
        .select({ board: boards, terms: boardTerms })
        .from(boards)
        .innerJoin(boardTerms, eq(boardTerms.boardId, boards.id))
        .where(eq(boards.id, ids.boardId!));
      return {
        ...boardForm(row?.board.name ?? "Board"),
        parentBoardId: row?.board.parentBoardId ? String(row.board.parentBoardId) : "",
        version: String(row?.board.version ?? 1),
        termsVersion: String(row?.terms.version ?? 1),
      };
    },
    "POST /p/:slug/boards/:boardId/calendar/regenerate": async () => ({}),
    "POST /p/:slug/boards/:boardId/seats/new": async () => seatForm(),
    "POST /p/:slug/boards/:boardId/seats/:seatId/edit": async (ids) => {
      const [seat] = await db().select().from(boardSeats).where(eq(boardSeats.id, ids.seatId!));
      return { ...seatForm(), version: String(seat?.version ?? 1) };
    },
    "POST /p/:slug/boards/:boardId/seats/:seatId/delete": async (ids) => {
      // Every role meets the seat as it was, without attendance (a seat with a history is kept).
      await db().delete(meetingAttendance).where(eq(meetingAttendance.seatId, ids.seatId!));
      const [board] = await db().select().from(boards).where(eq(boards.id, ids.boardId!));
      if (board)
        await db().execute(sql`insert into board_seats (id, partnership_id, board_id, title, holder_name)
          overriding system value values (${ids.seatId}, ${board.partnershipId}, ${board.id}, 'Matrix seat', 'A Member')
          on conflict (id) do nothing`);
      return {};
    },
    "POST /p/:slug/boards/:boardId/meetings/plan": async () => ({
      step: "save",
      rule: "weekday",
      count: "1",
      keep: ["0"],
      ...date("meeting0", futureDate()),
      startsAt: "14:00",
      endsAt: "16:00",
      location: "",
      onlineLink: "",
    }),
    "POST /p/:slug/boards/:boardId/meetings/new": async () => meetingForm(futureDate()),
    "POST /p/:slug/meetings/:meetingId/edit": async (ids) => {
      const [m] = await db().select().from(meetings).where(eq(meetings.id, ids.meetingId!));
      return { ...meetingForm(m?.meetsOn ?? "2031-06-18"), version: String(m?.version ?? 1) };
    },
    "POST /p/:slug/meetings/:meetingId/attendance": async (ids) => {
      const [m] = await db().select().from(meetings).where(eq(meetings.id, ids.meetingId!));
      const seats = m
        ? await db()
            .select({ id: boardSeats.id })
            .from(boardSeats)
            .where(and(eq(boardSeats.boardId, m.boardId), eq(boardSeats.partnershipId, m.partnershipId)))
        : [];
      return Object.fromEntries(
        seats.flatMap((s) => [
          [`status-${s.id}`, next() % 2 ? "present" : "apology"],
          [`attendee-${s.id}`, ""],
        ]),
      );
    },
  };
}
