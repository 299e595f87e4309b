// What the forward plan reads of other parts of governance (boards with their terms, meetings),
// read directly here so part C does not wait for the boards part (A); the coordinator folds duplicates.

import { and, asc, eq, gte } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { boards } from "../../db/schema.ts";
import { boardTerms, meetings } from "../../db/schema-governance.ts";

export interface ForwardBoard {
  id: number;
  name: string;
  parentBoardId: number | null;
  /** Days before a meeting its pack is due (the board's terms; 7 when it has none yet). */
  packLeadDays: number;
}

export interface ForwardMeeting {
  id: number;
  boardId: number;
  meetsOn: string;
  status: string;
  packDueOn: string | null;
}

export async function listForwardBoards(db: Executor, partnershipId: number): Promise<ForwardBoard[]> {
  const rows = await db
    .select({
      id: boards.id,
      name: boards.name,
      parentBoardId: boards.parentBoardId,
      packLeadDays: boardTerms.packLeadDays,
    })
    .from(boards)
    .leftJoin(boardTerms, eq(boardTerms.boardId, boards.id))
    .where(eq(boards.partnershipId, partnershipId))
    .orderBy(asc(boards.name), asc(boards.id));
  return rows.map((r) => ({ ...r, packLeadDays: r.packLeadDays ?? 7 }));
}

/** The partnership's meetings (from a date, if given), in date order. */
export async function listForwardMeetings(
  db: Executor,
  partnershipId: number,
  from?: string,
): Promise<ForwardMeeting[]> {
  const conditions = [eq(meetings.partnershipId, partnershipId)];
  if (from) conditions.push(gte(meetings.meetsOn, from));
  return db
    .select({
      id: meetings.id,
      boardId: meetings.boardId,
      meetsOn: meetings.meetsOn,
      status: meetings.status,
      packDueOn: meetings.packDueOn,
    })
    .from(meetings)
    .where(and(...conditions))
    .orderBy(asc(meetings.meetsOn), asc(meetings.id));
}
