// The forward plan's reminders (issue 13): when a report's paper is due for a meeting's pack within
// PACK_REMINDER_DAYS and the report is not marked ready (its stop is still "planned"), each of the
// partnership's coordinators is e-mailed through the outbox; and again once if the due date passes
// before the meeting. Exactly once per stop and reason: the dedupe key names the report, the board's
// meeting, the due date, the reason and the person (domain/governance/routing.ts), so scanning again,
// after a restart or on several instances at once, queues nothing twice. Run with the round reminders
// by the scheduler's scan (server.ts).

import { and, asc, eq, gte, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { boards, memberships, partnerships, users } from "../db/schema.ts";
import { forwardPlanItems, forwardPlanStops, meetings } from "../db/schema-governance.ts";
import { addDays, type IsoDate } from "../domain/calendar-dates.ts";
import {
  PACK_REMINDER_DAYS,
  type PackReminderReason,
  packReminderDedupeKey,
  packReminderReason,
} from "../domain/governance/routing.ts";
import { systemActor } from "../services/actor.ts";
import { reportLabel, reportSubjects } from "../services/governance/report-subjects.ts";
import { inTransaction } from "../services/unit-of-work.ts";
import { enqueueMail, type OutgoingMail } from "./outbox.ts";
import { mailDate } from "./templates.ts";

export const PACK_REMINDER_MAIL_KINDS: Readonly<Record<PackReminderReason, string>> = {
  soon: "pack-report-due",
  overdue: "pack-report-overdue",
};

export interface PackScanOptions {
  today: IsoDate;
  baseUrl: string;
  windowDays?: number;
  onQueued?: () => void;
}

export interface PackScanResult {
  /** Stops found needing a reminder. */
  stops: number;
  queued: Record<PackReminderReason, number>;
}

export interface PackReminderMail {
  partnershipName: string;
  recipientName: string;
  report: string;
  boardName: string;
  meetsOn: IsoDate | null;
  dueOn: IsoDate;
  reason: PackReminderReason;
  url: string;
}

/** The words of the mail (templates.ts style: what is needed, by when, the link). */
export function packReminderMail(m: PackReminderMail) {
  const meeting = m.meetsOn ? ` on ${mailDate(m.meetsOn)}` : "";
  const subject =
    m.reason === "soon"
      ? `Report due for a pack: ${m.report} for ${m.boardName} by ${mailDate(m.dueOn)}`
      : `Report overdue for a pack: ${m.report} for ${m.boardName}`;
  const lead =
    m.reason === "soon"
      ? `${m.report} is due for the pack of ${m.boardName}'s meeting${meeting}. The paper is due on ${mailDate(m.dueOn)}.`
      : `${m.report} was due for the pack of ${m.boardName}'s meeting${meeting} on ${mailDate(m.dueOn)}, and is not marked as in the pack.`;
  return {
    subject,
    text: `Hello ${m.recipientName},\n\n${lead}\n\nWhen it is ready, mark it "In the pack" on the forward plan:\n${m.url}\n\nThis is an automatic email from Waymark (${m.partnershipName}). Replies to it are not read.\n`,
  };
}

/** Scans every partnership's forward plan for reports due for packs and queues the coordinators' mails. */
export async function scanPackReminders(db: Db, options: PackScanOptions): Promise<PackScanResult> {
  const windowDays = options.windowDays ?? PACK_REMINDER_DAYS;
  const result: PackScanResult = { stops: 0, queued: { soon: 0, overdue: 0 } };
  // Set-based: only stops still planned, due within the window, whose meeting has not passed.
  const candidates = await db
    .select({
      partnershipId: forwardPlanStops.partnershipId,
      itemId: forwardPlanStops.itemId,
    })
    .from(forwardPlanStops)
    .leftJoin(meetings, eq(meetings.id, forwardPlanStops.meetingId))
    .where(
      and(
        eq(forwardPlanStops.status, "planned"),
        lte(forwardPlanStops.dueOn, addDays(options.today, windowDays)),
        or(isNull(meetings.id), gte(meetings.meetsOn, options.today)),
      ),
    )
    .orderBy(asc(forwardPlanStops.partnershipId));
  const byPartnership = new Map<number, Set<number>>();
  for (const c of candidates)
    byPartnership.set(c.partnershipId, (byPartnership.get(c.partnershipId) ?? new Set()).add(c.itemId));
  const errors: unknown[] = [];
  for (const [partnershipId, itemIds] of byPartnership) {
    try {
      const counts = await inTransaction(db, systemActor("pack reminders", partnershipId), async (work) => {
        const tx = work.tx;
        const counts: Record<PackReminderReason, number> = { soon: 0, overdue: 0 };
        const [partnership] = await tx
          .select({ slug: partnerships.slug, name: partnerships.name })
          .from(partnerships)
          .where(eq(partnerships.id, partnershipId));
        if (!partnership) return counts;
        const stops = await tx
          .select({
            stop: forwardPlanStops,
            item: forwardPlanItems,
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
              inArray(forwardPlanStops.itemId, [...itemIds]),
            ),
          )
          .orderBy(asc(forwardPlanStops.itemId), asc(forwardPlanStops.position));
        const due = stops.flatMap((s) => {
          const reason = packReminderReason(
            { ...s.stop, meetsOn: s.meetsOn, meetingStatus: s.meetingStatus },
            options.today,
            windowDays,
          );
          return reason && s.stop.dueOn ? [{ ...s, reason, dueOn: s.stop.dueOn }] : [];
        });
        result.stops += due.length;
        if (due.length === 0) return counts;
        const [coordinators, subjects] = [
          await tx
            .select({ userId: users.id, email: users.email, name: users.name })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(eq(memberships.partnershipId, partnershipId), eq(memberships.role, "admin")))
            .orderBy(asc(users.id)),
          await reportSubjects(tx, partnershipId),
        ];
        const mails: OutgoingMail[] = due.flatMap((d) =>
          coordinators.map((c) => ({
            partnershipId,
            dedupeKey: packReminderDedupeKey({ ...d.stop, dueOn: d.dueOn }, d.reason, c.userId),
            kind: PACK_REMINDER_MAIL_KINDS[d.reason],
            to: c.email,
            ...packReminderMail({
              partnershipName: partnership.name,
              recipientName: c.name,
              report: d.item.title || reportLabel(subjects, d.item.reportKind, d.item.reportSubjectId),
              boardName: d.boardName,
              meetsOn: d.meetsOn,
              dueOn: d.dueOn,
              reason: d.reason,
              url: `${options.baseUrl}/p/${partnership.slug}/forward-plan/${d.item.id}`,
            }),
          })),
        );
        for (const reason of ["soon", "overdue"] as const)
          counts[reason] = await enqueueMail(
            tx,
            mails.filter((m) => m.kind === PACK_REMINDER_MAIL_KINDS[reason]),
          );
        if (counts.soon + counts.overdue > 0 && options.onQueued) work.afterCommit(options.onQueued);
        return counts;
      });
      result.queued.soon += counts.soon;
      result.queued.overdue += counts.overdue;
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0)
    throw new AggregateError(errors, `The pack reminder scan failed for ${errors.length} partnerships`);
  return result;
}
