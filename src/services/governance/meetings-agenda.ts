// A meeting's agenda (issue 13, part B), for admins: items added, changed, moved within their
// siblings, deleted with everything under them, and the minute of each. Every change is one
// transaction with its audit entries; the item's row is versioned, so two coordinators editing the
// same item at once are told.

import { and, eq, inArray, sql } from "drizzle-orm";
import { findAgendaItem, findMeeting, listAgendaItems } from "../../data/governance/meetings-reads.ts";
import { listReportChoices } from "../../data/reports.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db, Executor } from "../../db/database.ts";
import { commitments } from "../../db/schema.ts";
import { agendaItems, contextAttachments, decisions, meetingActions } from "../../db/schema-governance.ts";
import {
  AGENDA_REPORT_KINDS,
  type AgendaReportKind,
  descendantsOf,
  moveWithinSiblings,
  possibleParents,
} from "../../domain/governance/agenda.ts";
import type { AgendaPurpose, AgendaSubject } from "../../domain/governance/vocabulary.ts";
import type { Actor } from "../actor.ts";
import { ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { type GuardOptions, guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";

export const AGENDA_ENTITY = "agenda-item";

export interface AgendaItemInput {
  title: string;
  parentItemId: number | null;
  purpose: AgendaPurpose;
  presenter: string;
  durationMinutes: number | null;
  subject: AgendaSubject;
  reportKind: AgendaReportKind | null;
  reportSubjectId: number | null;
  commitmentId: number | null;
  description: string;
}

/** The subject as stored: only the fields of the chosen kind of subject, the others emptied. */
async function checkedSubject(ex: Executor, pid: number, input: AgendaItemInput) {
  const none = { reportKind: null, reportSubjectId: null, commitmentId: null };
  if (input.subject === "text") return { subject: "text" as const, ...none };
  if (input.subject === "commitment") {
    if (input.commitmentId === null)
      throw new ValidationError([{ field: "commitmentId", message: "Select the commitment" }]);
    const [row] = await ex
      .select({ id: commitments.id })
      .from(commitments)
      .where(and(eq(commitments.partnershipId, pid), eq(commitments.id, input.commitmentId)));
    if (!row) throw new ValidationError([{ field: "commitmentId", message: "Select the commitment" }]);
    return { subject: "commitment" as const, ...none, commitmentId: row.id };
  }
  const kind = AGENDA_REPORT_KINDS.find((k) => k.value === input.reportKind);
  if (!kind) throw new ValidationError([{ field: "report", message: "Select the report" }]);
  if (kind.subject === null) return { subject: "report" as const, ...none, reportKind: kind.value };
  const choices = await listReportChoices(ex, pid);
  const list = { strategy: choices.strategies, plan: choices.plans, round: choices.rounds }[kind.subject];
  if (!list.some((s) => s.id === input.reportSubjectId))
    throw new ValidationError([{ field: "report", message: "Select the report" }]);
  return {
    subject: "report" as const,
    ...none,
    reportKind: kind.value,
    reportSubjectId: input.reportSubjectId,
  };
}

async function siblingsOf(ex: Executor, pid: number, meetingId: number) {
  return (await listAgendaItems(ex, pid, meetingId)).map((r) => r.item);
}

export function createAgendaService(db: Db) {
  return {
    async add(actor: Actor, meetingId: number, input: AgendaItemInput, options: GuardOptions = {}) {
      requireAdmin(actor);
      const flagged = guardText({ description: input.description }, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        found(await findMeeting(tx, pid, meetingId), "That meeting");
        const items = await siblingsOf(tx, pid, meetingId);
        if (input.parentItemId !== null && !items.some((i) => i.id === input.parentItemId))
          throw new ValidationError([{ field: "parentItemId", message: "Select an item of this agenda" }]);
        const subject = await checkedSubject(tx, pid, input);
        const last = Math.max(
          0,
          ...items.filter((i) => i.parentItemId === input.parentItemId).map((i) => i.position),
        );
        const [row] = await tx
          .insert(agendaItems)
          .values({ ...input, ...subject, partnershipId: pid, meetingId, position: last + 1 })
          .returning();
        const item = found(row, "That agenda item");
        audit({
          partnershipId: pid,
          action: "agenda-item.create",
          entityType: AGENDA_ENTITY,
          entityId: item.id,
          after: item,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: AGENDA_ENTITY,
          entityId: item.id,
        });
        return item;
      });
    },

    async edit(
      actor: Actor,
      agendaItemId: number,
      expectedVersion: number,
      input: AgendaItemInput,
      options: GuardOptions = {},
    ) {
      requireAdmin(actor);
      const flagged = guardText({ description: input.description }, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await findAgendaItem(tx, pid, agendaItemId), "That agenda item");
        const items = await siblingsOf(tx, pid, current.item.meetingId);
        const parents = possibleParents(items, agendaItemId);
        if (input.parentItemId !== null && !parents.some((i) => i.id === input.parentItemId))
          throw new ValidationError([
            { field: "parentItemId", message: "An item cannot sit under itself or an item below it" },
          ]);
        const subject = await checkedSubject(tx, pid, input);
        // A new parent puts the item last among its new siblings.
        const moved = input.parentItemId !== current.item.parentItemId;
        const position = moved
          ? Math.max(
              0,
              ...items.filter((i) => i.parentItemId === input.parentItemId).map((i) => i.position),
            ) + 1
          : current.item.position;
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            agendaItems,
            { partnershipId: pid, id: agendaItemId, expectedVersion },
            { ...input, ...subject, position },
          ),
          "That agenda item",
        );
        audit({
          partnershipId: pid,
          action: "agenda-item.update",
          entityType: AGENDA_ENTITY,
          entityId: agendaItemId,
          before,
          after,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: AGENDA_ENTITY,
          entityId: agendaItemId,
        });
        return after;
      });
    },

    /** Up or down one place among its siblings; at the end already, nothing changes. */
    async move(actor: Actor, agendaItemId: number, direction: "up" | "down") {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await findAgendaItem(tx, pid, agendaItemId), "That agenda item");
        // Lock the meeting's items so two moves at once cannot interleave their renumbering.
        await tx
          .select({ id: agendaItems.id })
          .from(agendaItems)
          .where(and(eq(agendaItems.partnershipId, pid), eq(agendaItems.meetingId, current.item.meetingId)))
          .for("update");
        const items = await siblingsOf(tx, pid, current.item.meetingId);
        const positions = moveWithinSiblings(items, agendaItemId, direction);
        if (!positions) return { moved: false, meetingId: current.item.meetingId };
        const changed = positions.filter((p) => items.find((i) => i.id === p.id)?.position !== p.position);
        for (const p of changed)
          await tx
            .update(agendaItems)
            .set({ position: p.position, version: sql`${agendaItems.version} + 1` })
            .where(and(eq(agendaItems.partnershipId, pid), eq(agendaItems.id, p.id)));
        audit({
          partnershipId: pid,
          action: "agenda-item.move",
          entityType: AGENDA_ENTITY,
          entityId: agendaItemId,
          before: { position: current.item.position },
          after: { direction, position: positions.find((p) => p.id === agendaItemId)?.position },
        });
        return { moved: true, meetingId: current.item.meetingId };
      });
    },

    /** What deleting an item removes: the item and every item under it, for the confirm page. */
    async deletion(actor: Actor, agendaItemId: number) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      const current = found(await findAgendaItem(db, pid, agendaItemId), "That agenda item");
      const items = await siblingsOf(db, pid, current.item.meetingId);
      const ids = descendantsOf(items, agendaItemId);
      return { ...current, removed: items.filter((i) => ids.includes(i.id) && i.id !== agendaItemId) };
    },

    /**
     * Deletes the item and everything under it. Decisions and actions recorded against them stay in
     * the logs, no longer tied to an item; context items are detached, not deleted.
     */
    async remove(actor: Actor, agendaItemId: number) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await findAgendaItem(tx, pid, agendaItemId), "That agenda item");
        const items = await siblingsOf(tx, pid, current.item.meetingId);
        const ids = descendantsOf(items, agendaItemId);
        await tx
          .update(decisions)
          .set({ agendaItemId: null })
          .where(and(eq(decisions.partnershipId, pid), inArray(decisions.agendaItemId, ids)));
        await tx
          .update(meetingActions)
          .set({ agendaItemId: null })
          .where(and(eq(meetingActions.partnershipId, pid), inArray(meetingActions.agendaItemId, ids)));
        await tx
          .delete(contextAttachments)
          .where(
            and(eq(contextAttachments.partnershipId, pid), inArray(contextAttachments.agendaItemId, ids)),
          );
        // One statement: the parent link is checked at its end, when parent and children are all gone.
        const deleted = await tx
          .delete(agendaItems)
          .where(and(eq(agendaItems.partnershipId, pid), inArray(agendaItems.id, ids)))
          .returning();
        for (const row of deleted)
          audit({
            partnershipId: pid,
            action: "agenda-item.delete",
            entityType: AGENDA_ENTITY,
            entityId: row.id,
            before: row,
          });
        return { meetingId: current.item.meetingId, deleted: deleted.length };
      });
    },

    async saveMinutes(
      actor: Actor,
      agendaItemId: number,
      expectedVersion: number,
      minutes: string,
      options: GuardOptions = {},
    ) {
      requireAdmin(actor);
      const flagged = guardText({ minutes }, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            agendaItems,
            { partnershipId: pid, id: agendaItemId, expectedVersion },
            { minutes },
          ),
          "That agenda item",
        );
        audit({
          partnershipId: pid,
          action: "agenda-item.minutes",
          entityType: AGENDA_ENTITY,
          entityId: agendaItemId,
          before,
          after,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: AGENDA_ENTITY,
          entityId: agendaItemId,
        });
        return after;
      });
    },

    item: async (actor: Actor, agendaItemId: number) =>
      found(await findAgendaItem(db, partnershipOf(actor), agendaItemId), "That agenda item"),
  };
}

export type AgendaService = ReturnType<typeof createAgendaService>;
