// Context items (issue 13, part C): the policy and legislation watch a board reads beside a report
// ("Domestic Abuse Bill: Committee stage, 2020"), attached to agenda items or to reports. Everyone
// reads; only admins change. The pack (part D) reads them through `contextItemsFor`.

import { and, eq, max } from "drizzle-orm";
import * as data from "../../data/governance/context-items.ts";
import { readTogether } from "../../data/read-together.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db, Executor } from "../../db/database.ts";
import { contextAttachments, contextItems } from "../../db/schema-governance.ts";
import { addDays, ukDateOf } from "../../domain/calendar-dates.ts";
import { FORWARD_REPORT_KINDS, subjectTypeOf } from "../../domain/governance/routing.ts";
import { CONTEXT_ITEM_KINDS } from "../../domain/governance/vocabulary.ts";
import type { Actor } from "../actor.ts";
import { type FieldError, NotFoundError, ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { type GuardOptions, guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import {
  checkReport,
  type ReportSubjects,
  reportLabel,
  reportSubjects,
  subjectValue,
} from "./report-subjects.ts";

export const CONTEXT_ITEM_ENTITY = "context-item";

export interface ContextItemInput {
  title: string;
  kind: string;
  stage: string;
  stageOn: string | null;
  summary: string;
  link: string;
}

/** Where a context item is attached: an agenda item, or a report by kind and subject. */
export type AttachTarget = { agendaItemId: number } | { report: data.ReportRef };

/**
 * The attach form's one choice: "agenda:12", or "report:<kind>" with its subject
 * ("report:strategy-review:strategy:3", "report:key-statistics"). Null when it is neither.
 */
export function parseTarget(
  value: string,
): { agendaItemId: number } | { kind: string; subject: string } | null {
  const [what, ...rest] = value.split(":");
  if (what === "agenda" && rest.length === 1 && /^\d{1,9}$/.test(rest[0] ?? ""))
    return { agendaItemId: Number(rest[0]) };
  if (what === "report" && rest.length >= 1) return { kind: rest[0] ?? "", subject: rest.slice(1).join(":") };
  return null;
}

export function targetValue(a: {
  agendaItemId: number | null;
  reportKind: string | null;
  reportSubjectId: number | null;
}) {
  if (a.agendaItemId !== null) return `agenda:${a.agendaItemId}`;
  const subject = subjectValue(a.reportKind, a.reportSubjectId);
  return `report:${a.reportKind}${subject ? `:${subject}` : ""}`;
}

/** A link must be a whole https address: board papers are read off-site, and http or javascript: is refused. */
export function checkLink(link: string): string | null {
  if (link === "") return null;
  try {
    const url = new URL(link);
    if (url.protocol !== "https:" || url.hostname === "") return "Enter a link that starts with https://";
    return null;
  } catch {
    return "Enter a link that starts with https://, like https://www.gov.uk/…";
  }
}

function check(input: ContextItemInput): void {
  const errors: FieldError[] = [];
  if (!CONTEXT_ITEM_KINDS.some((k) => k.value === input.kind))
    errors.push({ field: "kind", message: "Select what kind of item it is" });
  const link = checkLink(input.link);
  if (link) errors.push({ field: "link", message: link });
  if (errors.length > 0) throw new ValidationError(errors);
}

export function createContextService(db: Db, options: { clock?: () => Date } = {}) {
  const today = () => ukDateOf((options.clock ?? (() => new Date()))());

  /** "Strategic board, 2 December 2026: Strategy review" or "Strategy review: …" — where an item is attached. */
  function placesOf(attachments: readonly data.AttachmentView[], subjects: ReportSubjects) {
    return attachments.map((a) => ({
      attachment: a,
      target: targetValue(a),
      agenda: a.agendaItemId !== null,
      label:
        a.agendaItemId !== null
          ? (a.agendaTitle ?? "Agenda item")
          : reportLabel(subjects, a.reportKind, a.reportSubjectId, a.reportKind ?? ""),
    }));
  }

  async function resolveTarget(ex: Executor, pid: number, value: string): Promise<AttachTarget> {
    const parsed = parseTarget(value);
    const refuse = () =>
      new ValidationError([{ field: "target", message: "Select an agenda item or a report" }]);
    if (!parsed) throw refuse();
    if ("agendaItemId" in parsed) {
      if (!(await data.findAgendaItem(ex, pid, parsed.agendaItemId))) throw refuse();
      return parsed;
    }
    if (parsed.kind === "other") throw refuse();
    const checked = checkReport(await reportSubjects(ex, pid), parsed.kind, parsed.subject, {
      kind: "target",
      subject: "target",
    });
    if (!checked.ok || checked.kind === null) throw refuse();
    return { report: { kind: checked.kind, subjectId: checked.subjectId } };
  }

  return {
    /** Every context item with where it is attached. */
    async list(actor: Actor) {
      const pid = partnershipOf(actor);
      const [items, attachments, subjects] = await readTogether(db, [
        () => data.listContextItems(db, pid),
        () => data.listAttachments(db, pid),
        () => reportSubjects(db, pid),
      ] as const);
      const places = placesOf(attachments, subjects);
      return items.map((item) => ({
        item,
        places: places.filter((p) => p.attachment.contextItemId === item.id),
      }));
    },

    /** One item, where it is attached, and what it could be attached to (for the edit page). */
    async detail(actor: Actor, id: number) {
      const pid = partnershipOf(actor);
      const [item, attachments, subjects, agenda] = await readTogether(db, [
        () => data.findContextItem(db, pid, id),
        () => data.listAttachments(db, pid, [id]),
        () => reportSubjects(db, pid),
        () => data.listAgendaChoices(db, pid, addDays(today(), -92)),
      ] as const);
      const reports = FORWARD_REPORT_KINDS.filter((k) => k.value !== "other").flatMap((k) => {
        const type = subjectTypeOf(k.value);
        if (!type) return [{ value: `report:${k.value}`, text: k.label }];
        return subjects[type].map((s) => ({
          value: `report:${k.value}:${type}:${s.id}`,
          text: `${k.label}: ${s.label}`,
        }));
      });
      return {
        item: found(item, "That context item"),
        places: placesOf(attachments, subjects),
        choices: {
          agenda: agenda.map((a) => ({
            value: `agenda:${a.id}`,
            text: `${a.boardName}, ${a.meetsOn}: ${a.title}`,
          })),
          reports,
        },
      };
    },

    async create(actor: Actor, input: ContextItemInput, guard: GuardOptions = {}) {
      requireAdmin(actor);
      check(input);
      const flagged = guardText({ title: input.title, stage: input.stage, summary: input.summary }, guard);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const [row] = await tx
          .insert(contextItems)
          .values({ ...input, partnershipId: pid })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: pid,
          action: "context-item.create",
          entityType: CONTEXT_ITEM_ENTITY,
          entityId: row.id,
          after: row,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: CONTEXT_ITEM_ENTITY,
          entityId: row.id,
        });
        return row;
      });
    },

    async update(
      actor: Actor,
      id: number,
      expectedVersion: number,
      input: ContextItemInput,
      guard: GuardOptions = {},
    ) {
      requireAdmin(actor);
      check(input);
      const flagged = guardText({ title: input.title, stage: input.stage, summary: input.summary }, guard);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const { before, after } = unwrapUpdate(
          await updateVersioned(tx, contextItems, { partnershipId: pid, id, expectedVersion }, input),
          "That context item",
        );
        audit({
          partnershipId: pid,
          action: "context-item.update",
          entityType: CONTEXT_ITEM_ENTITY,
          entityId: id,
          before,
          after,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: CONTEXT_ITEM_ENTITY,
          entityId: id,
        });
        return after;
      });
    },

    /** Attaches an item to an agenda item or a report; attaching it again changes nothing. */
    async attach(actor: Actor, id: number, target: string) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        if (!(await data.findContextItem(tx, pid, id))) throw new NotFoundError("That context item");
        const where = resolveTarget(tx, pid, target);
        const resolved = await where;
        const same = and(
          eq(contextAttachments.partnershipId, pid),
          eq(contextAttachments.contextItemId, id),
          data.targetCondition(resolved),
        );
        const [existing] = await tx
          .select({ id: contextAttachments.id })
          .from(contextAttachments)
          .where(same);
        if (existing) return { changed: false };
        const [{ last } = { last: null }] = await tx
          .select({ last: max(contextAttachments.position) })
          .from(contextAttachments)
          .where(and(eq(contextAttachments.partnershipId, pid), data.targetCondition(resolved)));
        const [row] = await tx
          .insert(contextAttachments)
          .values({
            partnershipId: pid,
            contextItemId: id,
            ...("agendaItemId" in resolved
              ? { agendaItemId: resolved.agendaItemId }
              : { reportKind: resolved.report.kind, reportSubjectId: resolved.report.subjectId }),
            position: (last ?? -1) + 1,
          })
          .returning();
        audit({
          partnershipId: pid,
          action: "context-item.attach",
          entityType: CONTEXT_ITEM_ENTITY,
          entityId: id,
          after: row,
        });
        return { changed: true };
      });
    },

    /** Detaches an item from an agenda item or a report; detaching what is not attached changes nothing. */
    async detach(actor: Actor, id: number, target: string) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        if (!(await data.findContextItem(tx, pid, id))) throw new NotFoundError("That context item");
        const parsed = parseTarget(target);
        if (!parsed)
          throw new ValidationError([{ field: "target", message: "Select what to detach it from" }]);
        const resolved: AttachTarget =
          "agendaItemId" in parsed
            ? parsed
            : {
                report: {
                  kind: parsed.kind,
                  subjectId: Number(parsed.subject.split(":")[1] ?? Number.NaN) || null,
                },
              };
        const removed = await tx
          .delete(contextAttachments)
          .where(
            and(
              eq(contextAttachments.partnershipId, pid),
              eq(contextAttachments.contextItemId, id),
              data.targetCondition(resolved),
            ),
          )
          .returning();
        if (removed.length > 0)
          audit({
            partnershipId: pid,
            action: "context-item.detach",
            entityType: CONTEXT_ITEM_ENTITY,
            entityId: id,
            before: removed,
          });
        return { changed: removed.length > 0 };
      });
    },

    /**
     * The context items attached to these agenda items (each with its agendaItemId), or to a report:
     * what a meeting's pack (part D) prints beside each item or report.
     */
    contextItemsFor: (
      actor: Actor,
      target: { agendaItemIds: readonly number[] } | { report: data.ReportRef },
    ) => data.contextItemsAttached(db, partnershipOf(actor), target),
  };
}

export type ContextService = ReturnType<typeof createContextService>;
