// When an update round's reminder e-mails are due, and who still owes what. The dates come from
// deadlines.ts (reminderDates, roundPhase); this file decides, on a given day, which reminders a scan
// should queue. Each reminder carries a key naming the round, the deadline it is about and the person,
// and the outbox holds each key once, so a reminder goes out once however often the scan runs.
//
// Pure: no I/O and no clock. `today` is a UK calendar date (ukDateOf in periods.ts).
//
// The rules:
// - "deadline approaching" from `reminderDaysBefore` days before the deadline until the day before
//   it (WHY a window and not one day: a scan missed on the day, e.g. during a restart, still sends it
//   the next day). Not sent when the round opened on or after that date: the "round opened" e-mail
//   has just told them the deadline. Not sent when reminderDaysBefore is 0 (switched off).
// - "due today" on the deadline day only (WHY: "due today" sent a day late would be wrong), and not
//   for a round opened on its own deadline day.
// - "late summary" to the coordinators from the first day after the grace period (the day the
//   missing updates become overdue), while the round is open and someone still owes an update.
// - Nothing for a closed round.
// - An extended deadline is a new deadline: the keys name it, so partners are reminded again.

import { type RoundTiming, reminderDates, roundPhase } from "./deadlines.ts";
import type { IsoDate } from "./periods.ts";
import type { WorkStatus } from "./round-rules.ts";

export type ReminderKind = "before" | "deadline" | "late-summary";

/** The mail kinds stored in the outbox, with the words the coordinator's outbox page shows. */
export const REMINDER_MAIL_KINDS: Readonly<Record<ReminderKind, string>> = {
  before: "reminder-deadline-approaching",
  deadline: "reminder-due-today",
  "late-summary": "reminder-late-summary",
};

export interface ReminderRound extends RoundTiming {
  readonly id: number;
  /** Days before the deadline for the "deadline approaching" reminder; 0 switches it off. */
  readonly reminderDaysBefore: number;
  /** The UK date the round was opened. */
  readonly openedOn: IsoDate;
}

/** The reminders a scan on `today` should queue for a round, in the order they would be sent. */
export function remindersDue(round: ReminderRound, today: IsoDate): ReminderKind[] {
  const phase = roundPhase(round, today);
  if (phase === "closed") return [];
  const due: ReminderKind[] = [];
  const daysBefore = Number.isInteger(round.reminderDaysBefore) ? round.reminderDaysBefore : 0;
  const dates = reminderDates(round, { daysBefore: Math.max(1, daysBefore) });
  if (
    daysBefore >= 1 &&
    today >= dates.beforeDeadline &&
    today < dates.deadline &&
    round.openedOn < dates.beforeDeadline
  ) {
    due.push("before");
  }
  if (today === dates.deadline && round.openedOn < dates.deadline) due.push("deadline");
  if (today >= dates.afterGrace) due.push("late-summary");
  return due;
}

/**
 * The outbox key of one reminder to one person. It names the deadline (or, for the summary, the day
 * after grace) so that extending a round reminds people of the new date, once.
 */
export function reminderDedupeKey(round: ReminderRound, kind: ReminderKind, userId: number): string {
  const date = kind === "late-summary" ? reminderDates(round, { daysBefore: 1 }).afterGrace : round.deadline;
  return `round:${round.id}:${kind}:${date}:user:${userId}`;
}

/** Whether an update in this state is still owed: nothing yet, a draft, or returned for changes. */
export function isOutstanding(status: WorkStatus): boolean {
  return status === "not-started" || status === "draft" || status === "returned";
}

/** One action a round asks about, with its lead organisations and where its update stands. */
export interface RoundActionState {
  readonly actionId: number;
  /** How the action is named in a list, e.g. "1.4 Train key social role models". */
  readonly label: string;
  readonly leads: readonly { readonly id: number; readonly name: string }[];
  readonly status: WorkStatus;
  /** Closed actions need no more updates. */
  readonly closed: boolean;
}

export interface OutstandingOrganisation {
  readonly organisationId: number;
  readonly name: string;
  /** The actions the organisation still owes an update on, in the order given. */
  readonly actions: readonly { readonly actionId: number; readonly label: string }[];
}

/**
 * Who still owes what: each lead organisation with the open actions whose update is not submitted
 * or accepted. An action led jointly is owed by every lead until one of them submits it (there is
 * one update per action and round). Organisations are sorted by name; those owing nothing left out.
 */
export function outstandingByOrganisation(items: readonly RoundActionState[]): OutstandingOrganisation[] {
  const byId = new Map<
    number,
    { organisationId: number; name: string; actions: { actionId: number; label: string }[] }
  >();
  for (const item of items) {
    if (item.closed || !isOutstanding(item.status)) continue;
    for (const lead of item.leads) {
      let entry = byId.get(lead.id);
      if (!entry) {
        entry = { organisationId: lead.id, name: lead.name, actions: [] };
        byId.set(lead.id, entry);
      }
      if (!entry.actions.some((a) => a.actionId === item.actionId)) {
        entry.actions.push({ actionId: item.actionId, label: item.label });
      }
    }
  }
  return [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name, "en-GB") || a.organisationId - b.organisationId,
  );
}
