// The rules of an update round's calendar: when partners may submit, when an update is late, and when
// the reminders go out.
//
// Pure: no I/O and no clock. `today` is always passed in as a UK calendar date (see ukDateOf in
// periods.ts), so every rule can be tested on its edges and gives the same answer on every server.
//
// The words, as the round page uses them:
// - the deadline day itself is on time, all of it;
// - the grace period is `graceDays` whole days after the deadline, during which the form stays open
//   without the coordinator doing anything; it ends at the end of day deadline + graceDays;
// - an update submitted after the deadline is "late", even within the grace period (WHY: the board is
//   told who met the deadline; grace only spares the coordinator from reopening the form);
// - a missing update is "overdue" once the grace period has ended, which is when the chasing starts.

import { addDays, type IsoDate, parseIsoDate } from "./periods.ts";

/** The parts of an update round that the calendar rules need. */
export interface RoundTiming {
  /** The last day for on-time updates (inclusive). */
  readonly deadline: IsoDate;
  /** Whole days after the deadline during which updates are still accepted (0 = none). */
  readonly graceDays: number;
  /** The coordinator reopened the round after its grace period, to accept late updates. */
  readonly reopened: boolean;
  /** The coordinator closed the round: nothing more can be submitted, whatever the dates say. */
  readonly closed: boolean;
}

/**
 * - open: on or before the deadline;
 * - grace: after the deadline, within the grace period;
 * - overdue: after the grace period (still submittable if the round was reopened);
 * - closed: the coordinator closed the round.
 */
export type RoundPhase = "open" | "grace" | "overdue" | "closed";

function requireDate(value: IsoDate, what: string): IsoDate {
  if (parseIsoDate(value) === null) {
    throw new RangeError(`The ${what} must be a calendar date written YYYY-MM-DD, not "${value}"`);
  }
  return value;
}

function requireRound(round: RoundTiming): void {
  requireDate(round.deadline, "deadline");
  if (!Number.isInteger(round.graceDays) || round.graceDays < 0) {
    throw new RangeError(`Grace days must be a whole number of days, 0 or more, not ${round.graceDays}`);
  }
}

/** The last day of the grace period: the deadline itself when there are no grace days. */
export function graceEndsOn(round: RoundTiming): IsoDate {
  requireRound(round);
  return addDays(round.deadline, round.graceDays);
}

/**
 * Where a round is on `today`. Closing wins over everything (WHY: closing is the coordinator's explicit
 * decision that the figures are final). Reopening does not change the phase, because the dates still
 * say the updates are overdue; it only lets them in (see canSubmit).
 */
export function roundPhase(round: RoundTiming, today: IsoDate): RoundPhase {
  requireDate(today, "date today");
  const graceEnd = graceEndsOn(round);
  if (round.closed) return "closed";
  if (today <= round.deadline) return "open";
  if (today <= graceEnd) return "grace";
  return "overdue";
}

/**
 * Whether a partner may submit an update today: while open or in grace, or at any time after a
 * reopening, until the round is closed.
 */
export function canSubmit(round: RoundTiming, today: IsoDate): boolean {
  const phase = roundPhase(round, today);
  if (phase === "closed") return false;
  return phase === "open" || phase === "grace" || round.reopened;
}

/**
 * Whether an update is late: submitted after the deadline day, or, if not submitted yet (null), the
 * deadline has passed by `today`. Updates in the grace period are late but accepted.
 */
export function isLate(submittedOn: IsoDate | null, round: RoundTiming, today: IsoDate): boolean {
  requireRound(round);
  requireDate(today, "date today");
  if (submittedOn !== null) return requireDate(submittedOn, "submission date") > round.deadline;
  return today > round.deadline;
}

/**
 * One update's standing in a round, for the round page:
 * - on-time / late: submitted, on or before the deadline / after it;
 * - due: not submitted, deadline not passed;
 * - in-grace: not submitted, deadline passed, grace period running;
 * - overdue: not submitted, grace period over (the coordinator chases).
 */
export type SubmissionStatus = "on-time" | "late" | "due" | "in-grace" | "overdue";

/** See SubmissionStatus. A closed round does not change it: an update missing at close stays overdue. */
export function submissionStatus(
  submittedOn: IsoDate | null,
  round: RoundTiming,
  today: IsoDate,
): SubmissionStatus {
  if (submittedOn !== null) return isLate(submittedOn, round, today) ? "late" : "on-time";
  requireDate(today, "date today");
  if (today <= round.deadline) return "due";
  return today <= graceEndsOn(round) ? "in-grace" : "overdue";
}

/** The dates on which a round's reminders are sent to partners who have not submitted. */
export interface ReminderDates {
  /** `daysBefore` days before the deadline: "your update is due on …". */
  readonly beforeDeadline: IsoDate;
  /** The deadline day: "your update is due today". */
  readonly deadline: IsoDate;
  /** The day after the grace period ends: "your update is overdue". */
  readonly afterGrace: IsoDate;
}

/**
 * The reminder dates of a round. `daysBefore` must be a whole number of at least 1 (WHY: 0 would send
 * the "before" and "deadline" reminders on the same day). The after-grace reminder goes on the first
 * day the update is overdue, never during grace, so partners are not chased while still welcome.
 */
export function reminderDates(round: RoundTiming, options: { readonly daysBefore: number }): ReminderDates {
  const { daysBefore } = options;
  if (!Number.isInteger(daysBefore) || daysBefore < 1) {
    throw new RangeError(`Days before the deadline must be a whole number, 1 or more, not ${daysBefore}`);
  }
  const graceEnd = graceEndsOn(round);
  return {
    beforeDeadline: addDays(round.deadline, -daysBefore),
    deadline: round.deadline,
    afterGrace: addDays(graceEnd, 1),
  };
}
