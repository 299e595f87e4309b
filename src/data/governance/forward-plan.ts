// The forward plan's rows: reports (forward_plan_items) and the stops of their routes
// (forward_plan_stops), read set-based for the plan, one board, or one report.

import { and, asc, eq, gte, inArray, isNull, lte, or } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { boards } from "../../db/schema.ts";
import { forwardPlanItems, forwardPlanStops, meetings } from "../../db/schema-governance.ts";

export type ForwardItemRow = typeof forwardPlanItems.$inferSelect;
export type ForwardStopRow = typeof forwardPlanStops.$inferSelect;

export interface ForwardStopView extends ForwardStopRow {
  boardName: string;
  meetsOn: string | null;
  meetingStatus: string | null;
}

export async function listForwardItems(db: Executor, partnershipId: number): Promise<ForwardItemRow[]> {
  return db
    .select()
    .from(forwardPlanItems)
    .where(eq(forwardPlanItems.partnershipId, partnershipId))
    .orderBy(asc(forwardPlanItems.id));
}

export async function findForwardItem(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(forwardPlanItems)
    .where(and(eq(forwardPlanItems.partnershipId, partnershipId), eq(forwardPlanItems.id, id)));
  return row;
}

/** The stops of the given reports (all of them when `itemIds` is undefined), each with its board and meeting. */
export async function listForwardStops(
  db: Executor,
  partnershipId: number,
  itemIds?: readonly number[],
): Promise<ForwardStopView[]> {
  if (itemIds?.length === 0) return [];
  const conditions = [eq(forwardPlanStops.partnershipId, partnershipId)];
  if (itemIds) conditions.push(inArray(forwardPlanStops.itemId, [...itemIds]));
  const rows = await db
    .select({
      stop: forwardPlanStops,
      boardName: boards.name,
      meetsOn: meetings.meetsOn,
      meetingStatus: meetings.status,
    })
    .from(forwardPlanStops)
    .innerJoin(boards, eq(boards.id, forwardPlanStops.boardId))
    .leftJoin(meetings, eq(meetings.id, forwardPlanStops.meetingId))
    .where(and(...conditions))
    .orderBy(asc(forwardPlanStops.itemId), asc(forwardPlanStops.position));
  return rows.map((r) => ({
    ...r.stop,
    boardName: r.boardName,
    meetsOn: r.meetsOn,
    meetingStatus: r.meetingStatus,
  }));
}

/** Replaces a report's stops with these, in order (positions 0, 1, …). */
export async function replaceForwardStops(
  tx: Executor,
  partnershipId: number,
  itemId: number,
  stops: readonly { boardId: number; meetingId: number | null; dueOn: string | null; status: string }[],
): Promise<ForwardStopRow[]> {
  await tx
    .delete(forwardPlanStops)
    .where(and(eq(forwardPlanStops.partnershipId, partnershipId), eq(forwardPlanStops.itemId, itemId)));
  if (stops.length === 0) return [];
  return tx
    .insert(forwardPlanStops)
    .values(stops.map((s, position) => ({ ...s, partnershipId, itemId, position })))
    .returning();
}

/**
 * Stops that may need a pack reminder: still planned, due by `dueBy`, and whose meeting (if any) is
 * not before `today`. One query, for the coordinator's home; the rule itself is applied by the caller.
 */
export async function listStopsDueBy(db: Executor, partnershipId: number, today: string, dueBy: string) {
  const rows = await db
    .select({
      stop: forwardPlanStops,
      item: { id: forwardPlanItems.id, title: forwardPlanItems.title },
      boardName: boards.name,
      meetsOn: meetings.meetsOn,
      meetingStatus: meetings.status,
    })
    .from(forwardPlanStops)
    .innerJoin(forwardPlanItems, eq(forwardPlanItems.id, forwardPlanStops.itemId))
    .innerJoin(boards, eq(boards.id, forwardPlanStops.boardId))
    .leftJoin(meetings, eq(meetings.id, forwardPlanStops.meetingId))
    .where(
      and(
        eq(forwardPlanStops.partnershipId, partnershipId),
        eq(forwardPlanStops.status, "planned"),
        lte(forwardPlanStops.dueOn, dueBy),
        or(isNull(meetings.id), gte(meetings.meetsOn, today)),
      ),
    )
    .orderBy(asc(forwardPlanStops.dueOn), asc(forwardPlanStops.itemId), asc(forwardPlanStops.position));
  return rows.map((r) => ({
    item: r.item,
    stop: { ...r.stop, boardName: r.boardName, meetsOn: r.meetsOn, meetingStatus: r.meetingStatus },
  }));
}
