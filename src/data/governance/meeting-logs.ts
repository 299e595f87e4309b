// The decision log and the action log (issue 13, part B): every decision or meeting action of the
// partnership, or of one board, narrowed by the filters a board secretary uses. One statement each.

import { and, asc, desc, eq, gte, ilike, inArray, lt, lte, or, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { boards, organisations } from "../../db/schema.ts";
import { decisions, meetingActions, meetings } from "../../db/schema-governance.ts";

export interface DecisionFilter {
  boardId?: number;
  statuses?: readonly string[];
  keyDecision?: boolean;
  from?: string;
  to?: string;
  /** Words found in the reference, decision, reasons or alternatives. */
  words?: string;
}

export interface ActionFilter {
  boardId?: number;
  ownerOrganisationId?: number;
  statuses?: readonly string[];
  /** Open and due before this date. */
  overdueOn?: string;
}

/** "%" and "_" in a person's words are letters, not wildcards. */
const contains = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listDecisionLog(ex: Executor, partnershipId: number, filter: DecisionFilter) {
  const where: (SQL | undefined)[] = [eq(decisions.partnershipId, partnershipId)];
  if (filter.boardId !== undefined) where.push(eq(meetings.boardId, filter.boardId));
  if (filter.statuses && filter.statuses.length > 0)
    where.push(inArray(decisions.status, [...filter.statuses]));
  if (filter.keyDecision !== undefined) where.push(eq(decisions.keyDecision, filter.keyDecision));
  if (filter.from) where.push(gte(decisions.decidedOn, filter.from));
  if (filter.to) where.push(lte(decisions.decidedOn, filter.to));
  if (filter.words) {
    const pattern = contains(filter.words);
    where.push(
      or(
        ilike(decisions.reference, pattern),
        ilike(decisions.decision, pattern),
        ilike(decisions.reasons, pattern),
        ilike(decisions.alternativesConsidered, pattern),
      ),
    );
  }
  return ex
    .select({
      decision: decisions,
      meeting: { id: meetings.id, meetsOn: meetings.meetsOn },
      board: { id: boards.id, name: boards.name },
    })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .where(and(...where))
    .orderBy(desc(decisions.decidedOn), desc(decisions.reference));
}

export function listActionLog(ex: Executor, partnershipId: number, filter: ActionFilter) {
  const where: (SQL | undefined)[] = [eq(meetingActions.partnershipId, partnershipId)];
  if (filter.boardId !== undefined) where.push(eq(meetings.boardId, filter.boardId));
  if (filter.ownerOrganisationId !== undefined)
    where.push(eq(meetingActions.ownerOrganisationId, filter.ownerOrganisationId));
  if (filter.statuses && filter.statuses.length > 0)
    where.push(inArray(meetingActions.status, [...filter.statuses]));
  if (filter.overdueOn) {
    where.push(inArray(meetingActions.status, ["not_started", "in_progress"]));
    where.push(lt(meetingActions.dueOn, filter.overdueOn));
  }
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
    .where(and(...where))
    .orderBy(asc(meetingActions.dueOn), asc(meetingActions.reference));
}

/** The boards and organisations a log's filter offers. */
export function listBoardChoices(ex: Executor, partnershipId: number) {
  return ex
    .select({ id: boards.id, name: boards.name })
    .from(boards)
    .where(eq(boards.partnershipId, partnershipId))
    .orderBy(asc(boards.name));
}

export function listOrganisationChoices(ex: Executor, partnershipId: number) {
  return ex
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.partnershipId, partnershipId))
    .orderBy(asc(organisations.name));
}
