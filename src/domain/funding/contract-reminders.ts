// When Waymark reminds the coordinator about a contract (issue 14): before it ends and before its
// extension decision is due, a number of months ahead (12 and 6 by default, per contract). Pure: the
// scan (notify/contract-reminders.ts) and the contract pages apply the same rule.
//
// The rule: for each date (the end, the extension decision), the reminder at M months falls due on
// the date M months before it (the last day of that month when it has fewer days). On any day up to
// and including the date itself, the reminder in force is the one with the fewest months whose day
// has come. So a contract added 5 months before its end gets its 6-month reminder at once, not a late
// 12-month one as well; and each (contract, reason, date, months) is sent once (the outbox's key).

import { daysInMonth, type IsoDate, parseIsoDate, toIsoDate } from "../periods.ts";

export type ContractReminderReason = "contract-end" | "extension-decision";

export const DEFAULT_REMINDER_MONTHS = [12, 6] as const;

export const CONTRACT_REMINDER_RULE =
  "Reminders go to the coordinator 12 and 6 months (or the months set for the contract) before a contract ends and before its extension decision is due; the one in force is the nearest whose day has come, until the date itself.";

export interface ContractDates {
  endsOn: IsoDate | null;
  extensionDecisionDueOn: IsoDate | null;
  reminderMonths: readonly number[];
}

export interface ContractReminder {
  reason: ContractReminderReason;
  /** The date the reminder is about: the contract's end or the extension decision's due date. */
  about: IsoDate;
  months: number;
  /** The day this reminder falls due. */
  remindOn: IsoDate;
}

/** `date` minus whole months; a day the earlier month lacks becomes its last day (31 Aug − 6 → 28/29 Feb). */
export function monthsBefore(date: IsoDate, months: number): IsoDate {
  const d = parseIsoDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  const index = d.year * 12 + (d.month - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return toIsoDate(year, month, Math.min(d.day, daysInMonth(year, month)));
}

/** The reminder months as stored: whole months 1–36, largest first, no repeats. */
export function normaliseReminderMonths(months: readonly number[]): number[] {
  return [...new Set(months.filter((m) => Number.isInteger(m) && m >= 1 && m <= 36))].sort((a, b) => b - a);
}

function reminderFor(
  reason: ContractReminderReason,
  about: IsoDate | null,
  months: readonly number[],
  today: IsoDate,
): ContractReminder | null {
  if (!about || today > about) return null;
  let inForce: ContractReminder | null = null;
  for (const m of normaliseReminderMonths(months)) {
    const remindOn = monthsBefore(about, m);
    if (remindOn <= today) inForce = { reason, about, months: m, remindOn };
  }
  return inForce;
}

/** The reminders in force on `today` for one contract (at most one per reason). */
export function contractRemindersDue(contract: ContractDates, today: IsoDate): ContractReminder[] {
  return [
    reminderFor("contract-end", contract.endsOn, contract.reminderMonths, today),
    reminderFor("extension-decision", contract.extensionDecisionDueOn, contract.reminderMonths, today),
  ].filter((r): r is ContractReminder => r !== null);
}

/** The outbox key: one mail per contract, reason, date, threshold and recipient, ever. */
export function contractReminderDedupeKey(
  contractId: number,
  reminder: ContractReminder,
  userId: number,
): string {
  return `contract:${contractId}:${reminder.reason}:${reminder.about}:${reminder.months}m:user:${userId}`;
}

export function contractReminderText(reminder: ContractReminder): string {
  const what = reminder.reason === "contract-end" ? "Contract ends" : "Extension decision due";
  return `${what} within ${reminder.months} months`;
}
