import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import * as data from "../../data/governance/boards.ts";
import { attendanceCountOfSeat, meetingsOfBoard } from "../../data/governance/boards-meetings.ts";
import { findOrganisation } from "../../data/organisations.ts";
import { readTogether } from "../../data/read-together.ts";
import { listMembers } from "../../data/users.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db, Executor } from "../../db/database.ts";
import { boards } from "../../db/schema.ts";
import { boardSeats, boardTerms } from "../../db/schema-governance.ts";
import { boardChain, makesLoop } from "../../domain/governance/board-chain.ts";
import { checkS58, needsS58Check } from "../../domain/governance/s58.ts";
import type { Actor } from "../actor.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { type GuardOptions, guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import { createBoardMeetingService } from "./boards-meetings.ts";

// Boards (issue 13, part A): the chain of boards, each with its terms of reference and seats.
// Everyone in the partnership reads them; only the coordinator changes them.

export interface BoardInput {
  name: string;
  description: string;
  parentBoardId: number | null;
  kind: string;
  purpose: string;
  chair: string;
  quorum: number | null;
  meetingFrequency: string;
  reviewOn: string | null;
  packLeadDays: number;
}

export interface SeatInput {
  title: string;
  organisationId: number | null;
  holderUserId: number | null;
  holderName: string;
  holderRole: string;
  deputyUserId: number | null;
  deputyName: string;
  categories: string[];
  voting: boolean;
}

/** What the audit log keeps of the terms: everything but the feed's secret. */
function termsForAudit(terms: data.BoardTermsRow) {
  const { calendarToken: _secret, ...rest } = terms;
  return rest;
}

const newCalendarToken = () => randomBytes(24).toString("base64url");

export function createGovernanceBoardService(db: Db) {
  /** A board must report to a board of the same partnership, and never (indirectly) to itself. */
  async function validateParent(ex: Executor, pid: number, boardId: number | null, parentId: number | null) {
    if (parentId === null) return;
    const all = await data.listBoards(ex, pid);
    if (!all.some((b) => b.id === parentId)) {
      throw new ValidationError([{ field: "parentBoardId", message: "Select a board of this partnership" }]);
    }
    if (makesLoop(all, boardId, parentId)) {
      throw new ValidationError([
        { field: "parentBoardId", message: "A board cannot report to itself or to a board below it" },
      ]);
    }
  }

  /** The holder, deputy and organisation of a seat must belong to the partnership. */
  async function validateSeat(ex: Executor, pid: number, input: SeatInput) {
    const errors = [];
    if (input.organisationId !== null && !(await findOrganisation(ex, pid, input.organisationId)))
      errors.push({ field: "organisationId", message: "Select an organisation of this partnership" });
    for (const [field, userId] of [
      ["holderUserId", input.holderUserId],
      ["deputyUserId", input.deputyUserId],
    ] as const) {
      if (userId !== null && !(await data.isMember(ex, pid, userId)))
        errors.push({ field, message: "Select a person of this partnership" });
    }
    if (errors.length > 0) throw new ValidationError(errors);
  }

  const boardValues = (input: BoardInput) => ({
    name: input.name,
    description: input.description,
    parentBoardId: input.parentBoardId,
  });
  const termsValues = (input: BoardInput) => ({
    kind: input.kind,
    purpose: input.purpose,
    chair: input.chair,
    quorum: input.quorum,
    meetingFrequency: input.meetingFrequency,
    reviewOn: input.reviewOn,
    packLeadDays: input.packLeadDays,
  });

  const meetingsService = createBoardMeetingService(db);

  return {
    ...meetingsService,

    /** The chain of boards in reporting order, each with its next meeting (none when none is planned). */
    async list(actor: Actor, today: string) {
      const pid = partnershipOf(actor);
      const [rows, next] = await readTogether(db, [
        () => data.listBoards(db, pid),
        () => data.nextMeetings(db, pid, today),
      ] as const);
      const nextBy = new Map(next.map((m) => [m.boardId, m]));
      return boardChain(rows).map((r) => ({ ...r, nextMeeting: nextBy.get(r.board.id) ?? null }));
    },

    /** Board and terms, for the edit form. */
    get: async (actor: Actor, boardId: number) =>
      found(await data.findBoardWithTerms(db, partnershipOf(actor), boardId), "That board"),

    /** Everything the board page shows. */
    async page(actor: Actor, boardId: number) {
      const pid = partnershipOf(actor);
      const [row, seats, meetingRows, all] = await readTogether(db, [
        () => data.findBoardWithTerms(db, pid, boardId),
        () => data.seatsOfBoard(db, pid, boardId),
        () => meetingsOfBoard(db, pid, boardId),
        () => data.listBoards(db, pid),
      ] as const);
      const { board, terms } = found(row, "That board");
      return {
        board,
        terms,
        parent: all.find((b) => b.id === board.parentBoardId) ?? null,
        reporting: all.filter((b) => b.parentBoardId === board.id),
        seats,
        s58: needsS58Check(terms.kind)
          ? checkS58(seats.map((s) => ({ title: s.seat.title, categories: s.seat.categories })))
          : null,
        meetings: meetingRows,
      };
    },

    /** All boards with kind and parent (the form's "Reports to" choices). */
    listAll: (actor: Actor) => data.listBoards(db, partnershipOf(actor)),

    /** The partnership's people, for a seat's holder and deputy. */
    members: (actor: Actor) => listMembers(db, partnershipOf(actor)),

    /** The boards a person sits on (holder or deputy) with each board's next meeting. */
    async yourBoards(actor: Actor, today: string) {
      if (actor.kind !== "member") return [];
      const pid = partnershipOf(actor);
      const seats = await data.seatsOfUser(db, pid, actor.userId);
      if (seats.length === 0) return [];
      const next = await data.nextMeetings(db, pid, today, [...new Set(seats.map((s) => s.boardId))]);
      const nextBy = new Map(next.map((m) => [m.boardId, m]));
      return seats.map((s) => ({ ...s, nextMeeting: nextBy.get(s.boardId) ?? null }));
    },

    async create(actor: Actor, input: BoardInput, options: GuardOptions = {}) {
      requireAdmin(actor);
      const flagged = guardText({ purpose: input.purpose }, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        await validateParent(tx, pid, null, input.parentBoardId);
        const [row] = await tx
          .insert(boards)
          .values({ ...boardValues(input), partnershipId: pid })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        const [terms] = await tx
          .insert(boardTerms)
          .values({ ...termsValues(input), boardId: row.id, partnershipId: pid })
          .returning();
        if (!terms) throw new Error("insert returned nothing");
        audit({
          partnershipId: pid,
          action: "board.create",
          entityType: "board",
          entityId: row.id,
          after: row,
        });
        audit({
          partnershipId: pid,
          action: "board-terms.update",
          entityType: "board",
          entityId: row.id,
          after: termsForAudit(terms),
        });
        recordAcknowledgement(audit, flagged, { partnershipId: pid, entityType: "board", entityId: row.id });
        return row;
      });
    },

    /** Board and terms together; either edited by someone else since the form was read → conflict. */
    async update(
      actor: Actor,
      boardId: number,
      versions: { version: number; termsVersion: number },
      input: BoardInput,
      options: GuardOptions = {},
    ) {
      requireAdmin(actor);
      const flagged = guardText({ purpose: input.purpose }, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        await validateParent(tx, pid, boardId, input.parentBoardId);
        const termsOutcome = await data.updateTermsVersioned(
          tx,
          { partnershipId: pid, boardId, expectedVersion: versions.termsVersion },
          termsValues(input),
        );
        const boardOutcome = await updateVersioned(
          tx,
          boards,
          { partnershipId: pid, id: boardId, expectedVersion: versions.version },
          boardValues(input),
        );
        if (termsOutcome.kind === "conflict" || boardOutcome.kind === "conflict") {
          // The form shows what is stored now: the board and its terms as one record.
          const current = found(await data.findBoardWithTerms(tx, pid, boardId), "That board");
          throw new ConflictError({
            ...current.terms,
            ...current.board,
            termsVersion: current.terms.version,
          });
        }
        const terms = unwrapUpdate(termsOutcome, "That board");
        const board = unwrapUpdate(boardOutcome, "That board");
        audit({
          partnershipId: pid,
          action: "board.update",
          entityType: "board",
          entityId: boardId,
          before: board.before,
          after: board.after,
        });
        audit({
          partnershipId: pid,
          action: "board-terms.update",
          entityType: "board",
          entityId: boardId,
          before: termsForAudit(terms.before),
          after: termsForAudit(terms.after),
        });
        recordAcknowledgement(audit, flagged, { partnershipId: pid, entityType: "board", entityId: boardId });
        return board.after;
      });
    },

    /** A new secret for the board's feed: subscriptions to the old address stop working. */
    async regenerateCalendarToken(actor: Actor, boardId: number) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        found(await data.findTerms(tx, pid, boardId), "That board");
        await tx
          .update(boardTerms)
          .set({ calendarToken: newCalendarToken() })
          .where(eq(boardTerms.boardId, boardId));
        // The secret itself stays out of the audit log.
        audit({ partnershipId: pid, action: "board.calendar-token", entityType: "board", entityId: boardId });
      });
    },

    getSeat: async (actor: Actor, boardId: number, seatId: number) =>
      found(await data.findSeat(db, partnershipOf(actor), boardId, seatId), "That seat"),

    async createSeat(actor: Actor, boardId: number, input: SeatInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        found(await data.findBoard(tx, pid, boardId), "That board");
        await validateSeat(tx, pid, input);
        const position = await data.nextSeatPosition(tx, pid, boardId);
        const [row] = await tx
          .insert(boardSeats)
          .values({ ...input, partnershipId: pid, boardId, position })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: pid,
          action: "board-seat.create",
          entityType: "board-seat",
          entityId: row.id,
          after: row,
        });
        return row;
      });
    },

    async updateSeat(
      actor: Actor,
      boardId: number,
      seatId: number,
      expectedVersion: number,
      input: SeatInput,
    ) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        found(await data.findSeat(tx, pid, boardId, seatId), "That seat");
        await validateSeat(tx, pid, input);
        const { before, after } = unwrapUpdate(
          await updateVersioned(tx, boardSeats, { partnershipId: pid, id: seatId, expectedVersion }, input),
          "That seat",
        );
        audit({
          partnershipId: pid,
          action: "board-seat.update",
          entityType: "board-seat",
          entityId: seatId,
          before,
          after,
        });
        return after;
      });
    },

    /** Removes a seat, unless meetings recorded its attendance (their record would lose it). */
    async deleteSeat(actor: Actor, boardId: number, seatId: number) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const seat = found(await data.findSeat(tx, pid, boardId, seatId), "That seat");
        const used = await attendanceCountOfSeat(tx, pid, seatId);
        if (used > 0) {
          throw new ValidationError([
            {
              field: "seat",
              message: `This seat's attendance is recorded at ${used} ${used === 1 ? "meeting" : "meetings"}, so it is kept. Change its holder instead`,
            },
          ]);
        }
        await tx.delete(boardSeats).where(eq(boardSeats.id, seat.id));
        audit({
          partnershipId: pid,
          action: "board-seat.delete",
          entityType: "board-seat",
          entityId: seatId,
          before: seat,
        });
        return seat;
      });
    },
  };
}

export type GovernanceBoardService = ReturnType<typeof createGovernanceBoardService>;
