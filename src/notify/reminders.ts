// The scheduled reminder scan: for every open round, decide with the pure rules (domain/reminders.ts)
// which reminders are due today, find who still owes what, and queue the e-mails in the outbox.
//
// Exactly once: each mail's dedupe key names the round, the kind, the date it is about and the
// person; the outbox keeps one row per key (insert … on conflict do nothing), so running the scan
// again, after a restart or on several instances at once, queues nothing twice. The mails of a round
// are queued in one transaction and delivered only after it commits (afterCommit).

import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, Executor } from "../db/database.ts";
import {
  actionLeads,
  actions,
  commitments,
  memberships,
  organisations,
  partnerships,
  priorities,
  roundActions,
  rounds,
  updates,
  users,
} from "../db/schema.ts";
import { graceEndsOn } from "../domain/deadlines.ts";
import { type IsoDate, ukDateOf } from "../domain/periods.ts";
import {
  outstandingByOrganisation,
  REMINDER_MAIL_KINDS,
  type ReminderKind,
  type ReminderRound,
  type RoundActionState,
  reminderDedupeKey,
  remindersDue,
} from "../domain/reminders.ts";
import { workStatusOf } from "../domain/round-rules.ts";
import { systemActor } from "../services/actor.ts";
import { inTransaction } from "../services/unit-of-work.ts";
import { enqueueMail, type OutgoingMail } from "./outbox.ts";
import { deadlineApproachingMail, dueTodayMail, lateSummaryMail } from "./templates.ts";

export interface ScanOptions {
  /** The UK date to scan for; tests pass one, the scheduler passes the clock's. */
  today: IsoDate;
  /** BASE_URL, for the links in the e-mails. */
  baseUrl: string;
  /** Called after a round's transaction commits with new mails in it (to start delivery). */
  onQueued?: () => void;
}

export interface ScanResult {
  /** Open rounds looked at. */
  rounds: number;
  /** Mails newly queued, by kind of reminder. */
  queued: Record<ReminderKind, number>;
}

/** The links in the e-mails. */
export function yourUpdatesUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/p/${slug}/your-updates`;
}
export function roundUrl(baseUrl: string, slug: string, roundId: number): string {
  return `${baseUrl}/p/${slug}/rounds/${roundId}`;
}

type RoundRecord = typeof rounds.$inferSelect;

function reminderRound(round: RoundRecord): ReminderRound {
  return {
    id: round.id,
    deadline: round.deadline,
    graceDays: round.graceDays,
    reopened: round.reopenedAt !== null,
    closed: round.status === "closed",
    reminderDaysBefore: round.reminderDaysBefore,
    openedOn: ukDateOf(round.openedAt),
  };
}

/** The round's actions with their leads and this round's update state, in the plan's order. */
async function roundActionStates(tx: Executor, partnershipId: number, roundId: number) {
  const rows = await tx
    .select({
      actionId: actions.id,
      what: actions.what,
      closed: actions.closed,
      commitmentNumber: commitments.number,
      leadId: organisations.id,
      leadName: organisations.name,
      status: updates.status,
    })
    .from(roundActions)
    .innerJoin(actions, eq(actions.id, roundActions.actionId))
    .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
    .leftJoin(priorities, eq(priorities.id, commitments.priorityId))
    .innerJoin(actionLeads, eq(actionLeads.actionId, actions.id))
    .innerJoin(organisations, eq(organisations.id, actionLeads.organisationId))
    .leftJoin(
      updates,
      and(eq(updates.roundId, roundActions.roundId), eq(updates.actionId, roundActions.actionId)),
    )
    .where(and(eq(roundActions.partnershipId, partnershipId), eq(roundActions.roundId, roundId)))
    .orderBy(
      asc(priorities.position),
      asc(commitments.position),
      asc(actions.position),
      asc(actions.id),
      asc(organisations.id),
    );
  const byAction = new Map<number, RoundActionState & { leads: { id: number; name: string }[] }>();
  for (const row of rows) {
    let state = byAction.get(row.actionId);
    if (!state) {
      state = {
        actionId: row.actionId,
        label: `${row.commitmentNumber}: ${row.what}`,
        leads: [],
        status: workStatusOf(row.status ? { status: row.status } : null),
        closed: row.closed,
      };
      byAction.set(row.actionId, state);
    }
    state.leads.push({ id: row.leadId, name: row.leadName });
  }
  return [...byAction.values()];
}

async function membersWithRole(
  tx: Executor,
  partnershipId: number,
  role: "admin" | "editor",
  organisationIds?: number[],
) {
  if (organisationIds?.length === 0) return [];
  const conditions = [eq(memberships.partnershipId, partnershipId), eq(memberships.role, role)];
  if (organisationIds) conditions.push(inArray(memberships.organisationId, organisationIds));
  return tx
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      organisationId: memberships.organisationId,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...conditions))
    .orderBy(asc(users.id));
}

interface PartnershipInfo {
  id: number;
  slug: string;
  name: string;
}

/** The mails one round needs today, read inside the scanning transaction. */
async function mailsForRound(
  tx: Executor,
  partnership: PartnershipInfo,
  round: RoundRecord,
  kinds: readonly ReminderKind[],
  baseUrl: string,
): Promise<OutgoingMail[]> {
  const timing = reminderRound(round);
  const owed = outstandingByOrganisation(await roundActionStates(tx, partnership.id, round.id));
  if (owed.length === 0) return [];
  const mails: OutgoingMail[] = [];
  const partnerKinds = kinds.filter((k): k is "before" | "deadline" => k !== "late-summary");
  if (partnerKinds.length > 0) {
    const editors = await membersWithRole(
      tx,
      partnership.id,
      "editor",
      owed.map((o) => o.organisationId),
    );
    for (const kind of partnerKinds) {
      for (const editor of editors) {
        const organisation = owed.find((o) => o.organisationId === editor.organisationId);
        if (!organisation) continue;
        const content = (kind === "before" ? deadlineApproachingMail : dueTodayMail)({
          partnershipName: partnership.name,
          recipientName: editor.name,
          organisationName: organisation.name,
          roundName: round.name,
          deadline: round.deadline,
          actions: organisation.actions,
          yourUpdatesUrl: yourUpdatesUrl(baseUrl, partnership.slug),
        });
        mails.push({
          partnershipId: partnership.id,
          dedupeKey: reminderDedupeKey(timing, kind, editor.userId),
          kind: REMINDER_MAIL_KINDS[kind],
          to: editor.email,
          ...content,
        });
      }
    }
  }
  if (kinds.includes("late-summary")) {
    const coordinators = await membersWithRole(tx, partnership.id, "admin");
    for (const coordinator of coordinators) {
      const content = lateSummaryMail({
        partnershipName: partnership.name,
        recipientName: coordinator.name,
        roundName: round.name,
        deadline: round.deadline,
        graceEndedOn: graceEndsOn(timing),
        organisations: owed,
        roundUrl: roundUrl(baseUrl, partnership.slug, round.id),
      });
      mails.push({
        partnershipId: partnership.id,
        dedupeKey: reminderDedupeKey(timing, "late-summary", coordinator.userId),
        kind: REMINDER_MAIL_KINDS["late-summary"],
        to: coordinator.email,
        ...content,
      });
    }
  }
  return mails;
}

/**
 * Scans every open round of every partnership and queues the reminders due on `today`. Each round is
 * its own transaction, so one round's trouble does not hold back the others' reminders.
 */
export async function scanReminders(db: Db, options: ScanOptions): Promise<ScanResult> {
  const result: ScanResult = { rounds: 0, queued: { before: 0, deadline: 0, "late-summary": 0 } };
  const open = await db.select().from(rounds).where(eq(rounds.status, "open")).orderBy(asc(rounds.id));
  const errors: unknown[] = [];
  for (const candidate of open) {
    result.rounds += 1;
    // Most scans find nothing due: decide before opening a transaction, and again inside it.
    if (remindersDue(reminderRound(candidate), options.today).length === 0) continue;
    const { id, partnershipId } = candidate;
    try {
      const queued = await inTransaction(db, systemActor("reminders", partnershipId), async (work) => {
        const counts: Partial<Record<ReminderKind, number>> = {};
        const [row] = await work.tx
          .select({ round: rounds, slug: partnerships.slug, name: partnerships.name })
          .from(rounds)
          .innerJoin(partnerships, eq(partnerships.id, rounds.partnershipId))
          .where(and(eq(rounds.partnershipId, partnershipId), eq(rounds.id, id)));
        if (!row || row.round.status !== "open") return counts;
        const kinds = remindersDue(reminderRound(row.round), options.today);
        if (kinds.length === 0) return counts;
        const partnership = { id: partnershipId, slug: row.slug, name: row.name };
        const mails = await mailsForRound(work.tx, partnership, row.round, kinds, options.baseUrl);
        // One insert per kind, so the result says how many of each were new.
        let inserted = 0;
        for (const kind of kinds) {
          const n = await enqueueMail(
            work.tx,
            mails.filter((m) => m.kind === REMINDER_MAIL_KINDS[kind]),
          );
          counts[kind] = n;
          inserted += n;
        }
        if (inserted > 0 && options.onQueued) work.afterCommit(options.onQueued);
        return counts;
      });
      for (const [kind, n] of Object.entries(queued) as [ReminderKind, number][]) result.queued[kind] += n;
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) {
    throw new AggregateError(
      errors,
      `The reminder scan failed for ${errors.length} of ${open.length} rounds`,
    );
  }
  return result;
}
