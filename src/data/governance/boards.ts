import { and, asc, eq, gte, inArray, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/database.ts";
import { boards, memberships, organisations, partnerships, users } from "../../db/schema.ts";
import { boardSeats, boardTerms, meetings } from "../../db/schema-governance.ts";
import type { UpdateOutcome } from "../versioned.ts";

// Boards with their terms of reference, seats and the meetings each page lists. Every query filters
// on the partnership first (an id of another partnership is "not found").

export type BoardRow = typeof boards.$inferSelect;
export type BoardTermsRow = typeof boardTerms.$inferSelect;
export type SeatRow = typeof boardSeats.$inferSelect;

const boardWithTerms = {
  id: boards.id,
  partnershipId: boards.partnershipId,
  name: boards.name,
  description: boards.description,
  parentBoardId: boards.parentBoardId,
  version: boards.version,
  kind: sql<string>`coalesce(${boardTerms.kind}, 'operational')`,
  chair: sql<string>`coalesce(${boardTerms.chair}, '')`,
};

/** Every board of the partnership with its kind and chair, by name. */
export async function listBoards(db: Executor, partnershipId: number) {
  return db
    .select(boardWithTerms)
    .from(boards)
    .leftJoin(boardTerms, eq(boardTerms.boardId, boards.id))
    .where(eq(boards.partnershipId, partnershipId))
    .orderBy(asc(boards.name), asc(boards.id));
}
export type BoardListRow = Awaited<ReturnType<typeof listBoards>>[number];

export async function findBoard(db: Executor, partnershipId: number, boardId: number) {
  const [row] = await db
    .select()
    .from(boards)
    .where(and(eq(boards.partnershipId, partnershipId), eq(boards.id, boardId)));
  return row;
}

export async function findTerms(db: Executor, partnershipId: number, boardId: number) {
  const [row] = await db
    .select()
    .from(boardTerms)
    .where(and(eq(boardTerms.partnershipId, partnershipId), eq(boardTerms.boardId, boardId)));
  return row;
}

/** The board and its terms in one read (the terms row is made with the board). */
export async function findBoardWithTerms(db: Executor, partnershipId: number, boardId: number) {
  const [row] = await db
    .select({ board: boards, terms: boardTerms })
    .from(boards)
    .innerJoin(boardTerms, eq(boardTerms.boardId, boards.id))
    .where(and(eq(boards.partnershipId, partnershipId), eq(boards.id, boardId)));
  return row;
}

/**
 * Updates the terms only if they still have the version the editor read (data/versioned.ts does the
 * same for tables keyed by `id`; the terms are keyed by their board).
 */
export async function updateTermsVersioned(
  db: Executor,
  key: { partnershipId: number; boardId: number; expectedVersion: number },
  values: Partial<typeof boardTerms.$inferInsert>,
): Promise<UpdateOutcome<BoardTermsRow>> {
  const where = and(eq(boardTerms.partnershipId, key.partnershipId), eq(boardTerms.boardId, key.boardId));
  const [before] = await db.select().from(boardTerms).where(where).for("update");
  if (!before) return { kind: "missing" };
  if (before.version !== key.expectedVersion) return { kind: "conflict", current: before };
  const [after] = await db
    .update(boardTerms)
    .set({ ...values, version: sql`${boardTerms.version} + 1`, updatedAt: sql`now()` })
    .where(and(where, eq(boardTerms.version, key.expectedVersion)))
    .returning();
  if (!after) return { kind: "conflict", current: before };
  return { kind: "updated", before, after };
}

/** Each board's next meeting (not cancelled) on or after `today`: one row per board that has one. */
export async function nextMeetings(db: Executor, partnershipId: number, today: string, boardIds?: number[]) {
  return db
    .selectDistinctOn([meetings.boardId], {
      boardId: meetings.boardId,
      id: meetings.id,
      meetsOn: meetings.meetsOn,
      startsAt: meetings.startsAt,
      location: meetings.location,
    })
    .from(meetings)
    .where(
      and(
        eq(meetings.partnershipId, partnershipId),
        gte(meetings.meetsOn, today),
        ne(meetings.status, "cancelled"),
        boardIds ? inArray(meetings.boardId, boardIds.length ? boardIds : [-1]) : undefined,
      ),
    )
    .orderBy(meetings.boardId, asc(meetings.meetsOn), asc(meetings.id));
}

const holder = alias(users, "holder");
const deputy = alias(users, "deputy");

/** A board's seats in order, with the names of their organisation, holder and deputy. */
export async function seatsOfBoard(db: Executor, partnershipId: number, boardId: number) {
  return db
    .select({
      seat: boardSeats,
      organisationName: organisations.name,
      holderUserName: holder.name,
      deputyUserName: deputy.name,
    })
    .from(boardSeats)
    .leftJoin(organisations, eq(organisations.id, boardSeats.organisationId))
    .leftJoin(holder, eq(holder.id, boardSeats.holderUserId))
    .leftJoin(deputy, eq(deputy.id, boardSeats.deputyUserId))
    .where(and(eq(boardSeats.partnershipId, partnershipId), eq(boardSeats.boardId, boardId)))
    .orderBy(asc(boardSeats.position), asc(boardSeats.id));
}
export type SeatView = Awaited<ReturnType<typeof seatsOfBoard>>[number];

export async function findSeat(db: Executor, partnershipId: number, boardId: number, seatId: number) {
  const [row] = await db
    .select()
    .from(boardSeats)
    .where(
      and(
        eq(boardSeats.partnershipId, partnershipId),
        eq(boardSeats.boardId, boardId),
        eq(boardSeats.id, seatId),
      ),
    );
  return row;
}

export async function nextSeatPosition(db: Executor, partnershipId: number, boardId: number) {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${boardSeats.position}), 0)::int + 1` })
    .from(boardSeats)
    .where(and(eq(boardSeats.partnershipId, partnershipId), eq(boardSeats.boardId, boardId)));
  return row?.n ?? 1;
}

/** Is the user a member of the partnership (a seat's holder or deputy must be)? */
export async function isMember(db: Executor, partnershipId: number, userId: number) {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.partnershipId, partnershipId), eq(memberships.userId, userId)));
  return row !== undefined;
}

/** The seats a person holds or deputises in, with their board. */
export async function seatsOfUser(db: Executor, partnershipId: number, userId: number) {
  return db
    .select({
      boardId: boards.id,
      boardName: boards.name,
      seatTitle: boardSeats.title,
      deputy: sql<boolean>`${boardSeats.holderUserId} is distinct from ${userId}`,
    })
    .from(boardSeats)
    .innerJoin(boards, eq(boards.id, boardSeats.boardId))
    .where(
      and(
        eq(boardSeats.partnershipId, partnershipId),
        or(eq(boardSeats.holderUserId, userId), eq(boardSeats.deputyUserId, userId)),
      ),
    )
    .orderBy(asc(boards.name), asc(boardSeats.position));
}

/** The board whose calendar feed has this secret, in whatever partnership. */
export async function findBoardByCalendarToken(db: Executor, token: string) {
  const [row] = await db
    .select({ board: boards, slug: partnerships.slug })
    .from(boardTerms)
    .innerJoin(boards, eq(boards.id, boardTerms.boardId))
    .innerJoin(partnerships, eq(partnerships.id, boards.partnershipId))
    .where(eq(boardTerms.calendarToken, token));
  return row;
}
