// Context items (policy and legislation watch) and where each is attached: to agenda items, or to a
// report by its kind and subject. Set-based: the list page reads items and attachments in two queries.

import { and, asc, eq, gte, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { boards } from "../../db/schema.ts";
import { agendaItems, contextAttachments, contextItems, meetings } from "../../db/schema-governance.ts";

export type ContextItemRow = typeof contextItems.$inferSelect;
export type ContextAttachmentRow = typeof contextAttachments.$inferSelect;

/** A report as board papers name it: its kind, and its subject (null for one without, e.g. key statistics). */
export interface ReportRef {
  kind: string;
  subjectId: number | null;
}

export interface AttachmentView extends ContextAttachmentRow {
  /** For an agenda item: its title, its meeting and the meeting's board. */
  agendaTitle: string | null;
  meetingId: number | null;
  meetsOn: string | null;
  boardName: string | null;
}

export async function listContextItems(db: Executor, partnershipId: number): Promise<ContextItemRow[]> {
  return db
    .select()
    .from(contextItems)
    .where(eq(contextItems.partnershipId, partnershipId))
    .orderBy(sql`${contextItems.stageOn} desc nulls last`, asc(contextItems.title), asc(contextItems.id));
}

export async function findContextItem(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(contextItems)
    .where(and(eq(contextItems.partnershipId, partnershipId), eq(contextItems.id, id)));
  return row;
}

/** Attachments of the given context items (all when undefined), with the agenda item's meeting. */
export async function listAttachments(
  db: Executor,
  partnershipId: number,
  contextItemIds?: readonly number[],
): Promise<AttachmentView[]> {
  if (contextItemIds?.length === 0) return [];
  const conditions = [eq(contextAttachments.partnershipId, partnershipId)];
  if (contextItemIds) conditions.push(inArray(contextAttachments.contextItemId, [...contextItemIds]));
  return attachmentsWhere(db, and(...conditions));
}

async function attachmentsWhere(db: Executor, where: SQL | undefined): Promise<AttachmentView[]> {
  const rows = await db
    .select({
      attachment: contextAttachments,
      agendaTitle: agendaItems.title,
      meetingId: meetings.id,
      meetsOn: meetings.meetsOn,
      boardName: boards.name,
    })
    .from(contextAttachments)
    .leftJoin(agendaItems, eq(agendaItems.id, contextAttachments.agendaItemId))
    .leftJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .leftJoin(boards, eq(boards.id, meetings.boardId))
    .where(where)
    .orderBy(asc(contextAttachments.position), asc(contextAttachments.id));
  return rows.map((r) => ({
    ...r.attachment,
    agendaTitle: r.agendaTitle,
    meetingId: r.meetingId,
    meetsOn: r.meetsOn,
    boardName: r.boardName,
  }));
}

/** The condition naming one target: an agenda item, or a report. */
export function targetCondition(target: { agendaItemId: number } | { report: ReportRef }): SQL | undefined {
  if ("agendaItemId" in target) return eq(contextAttachments.agendaItemId, target.agendaItemId);
  return and(
    isNull(contextAttachments.agendaItemId),
    eq(contextAttachments.reportKind, target.report.kind),
    target.report.subjectId === null
      ? isNull(contextAttachments.reportSubjectId)
      : eq(contextAttachments.reportSubjectId, target.report.subjectId),
  );
}

export interface AttachedContextItem {
  attachmentId: number;
  agendaItemId: number | null;
  item: ContextItemRow;
}

/** The context items attached to any of these agenda items, or to a report, in attachment order. */
export async function contextItemsAttached(
  db: Executor,
  partnershipId: number,
  target: { agendaItemIds: readonly number[] } | { report: ReportRef },
): Promise<AttachedContextItem[]> {
  if ("agendaItemIds" in target && target.agendaItemIds.length === 0) return [];
  const which =
    "agendaItemIds" in target
      ? inArray(contextAttachments.agendaItemId, [...target.agendaItemIds])
      : targetCondition({ report: target.report });
  const rows = await db
    .select({ attachment: contextAttachments, item: contextItems })
    .from(contextAttachments)
    .innerJoin(contextItems, eq(contextItems.id, contextAttachments.contextItemId))
    .where(and(eq(contextAttachments.partnershipId, partnershipId), which))
    .orderBy(asc(contextAttachments.position), asc(contextAttachments.id));
  return rows.map((r) => ({
    attachmentId: r.attachment.id,
    agendaItemId: r.attachment.agendaItemId,
    item: r.item,
  }));
}

/** The partnership's agenda items that are still to come or recent, for the attach form's choices. */
export async function listAgendaChoices(db: Executor, partnershipId: number, from: string) {
  return db
    .select({
      id: agendaItems.id,
      title: agendaItems.title,
      meetingId: meetings.id,
      meetsOn: meetings.meetsOn,
      boardName: boards.name,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .where(and(eq(agendaItems.partnershipId, partnershipId), gte(meetings.meetsOn, from)))
    .orderBy(asc(meetings.meetsOn), asc(boards.name), asc(agendaItems.position), asc(agendaItems.id));
}

export async function findAgendaItem(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.id, id)));
  return row;
}
