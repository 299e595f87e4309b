// The API's governance reads for a token (read-only, one partnership): boards, a board with its terms
// and seats, a meeting with its agenda, the decision and meeting-action logs. Ids of another
// partnership are not found.

import * as data from "../../data/governance/packs-api-reads.ts";
import { readTogether } from "../../data/read-together.ts";
import type { Db } from "../../db/database.ts";
import type { Actor } from "../actor.ts";
import { NotFoundError } from "../errors.ts";
import { found, partnershipOf } from "../permissions.ts";

export function createGovernanceApiReads(db: Db) {
  async function requireBoard(pid: number, boardId: number | undefined) {
    if (boardId !== undefined && !(await data.boardExists(db, pid, boardId)))
      throw new NotFoundError("That board");
  }
  return {
    boards: (actor: Actor) => data.listBoardsWithKind(db, partnershipOf(actor)),

    async board(actor: Actor, boardId: number) {
      const pid = partnershipOf(actor);
      const [row, seats, deputies, meetingRows] = await readTogether(db, [
        () => data.findBoardWithTerms(db, pid, boardId),
        () => data.listSeats(db, pid, boardId),
        () => data.listDeputyNames(db, pid, boardId),
        () => data.listBoardMeetings(db, pid, boardId),
      ] as const);
      const board = found(row, "That board");
      const deputyName = new Map(deputies.map((d) => [d.seatId, d.name]));
      return {
        ...board,
        seats: seats.map((s) => ({ ...s, deputyUserName: deputyName.get(s.seat.id) ?? null })),
        meetings: meetingRows,
      };
    },

    async meeting(actor: Actor, meetingId: number) {
      const pid = partnershipOf(actor);
      const [meeting, agenda, attendance, packs] = await readTogether(db, [
        () => data.findMeeting(db, pid, meetingId),
        () => data.listMeetingAgenda(db, pid, meetingId),
        () => data.listAttendance(db, pid, meetingId),
        () => data.listPackVersions(db, pid, meetingId),
      ] as const);
      return { meeting: found(meeting, "That meeting"), agenda, attendance, packs };
    },

    async decisions(actor: Actor, filter: data.LogFilter) {
      const pid = partnershipOf(actor);
      await requireBoard(pid, filter.boardId);
      return data.listDecisionLog(db, pid, filter);
    },

    async meetingActions(actor: Actor, filter: data.LogFilter) {
      const pid = partnershipOf(actor);
      await requireBoard(pid, filter.boardId);
      return data.listMeetingActionLog(db, pid, filter);
    },
  };
}
