// What the round and update services share about the update cycle: a round's timing as the calendar
// rules read it, an update's submission day, and the options both services take (clock, mail hook).

import type { RoundRow } from "../data/rounds.ts";
import type { RoundTiming } from "../domain/deadlines.ts";
import { type IsoDate, ukDateOf } from "../domain/periods.ts";

export type Clock = () => Date;

/** The calendar rules' view of a stored round. */
export function timingOf(round: RoundRow): RoundTiming {
  return {
    deadline: round.deadline,
    graceDays: round.graceDays,
    reopened: round.reopenedAt !== null,
    closed: round.status === "closed",
  };
}

/** The submission date of an update as the deadline rules read it (a UK calendar date). */
export function submittedOn(update: { submittedAt: Date | null } | null): IsoDate | null {
  return update?.submittedAt ? ukDateOf(update.submittedAt) : null;
}

export interface UpdateCycleOptions {
  /** "Now"; tests may pass another clock. */
  clock?: Clock;
  /** Called after a transaction that queued e-mails commits, to start their delivery. */
  onMailQueued?: () => void;
}
