// How an action's rating moves over the rounds, as SQL over the columns of steps/updates.ts (r, y and
// the hashed choices done, risk, slow, roll, status_roll, draft_roll):
//   - before its plan's year starts (a round of an earlier year asks about it): Grey, not started;
//   - in its first quarter, three in ten have not started yet (Grey);
//   - it is delivered (Complete) between the second quarter of its year and the end of the next year,
//     or, for one in eight, not within the strategy (carried over);
//   - until then Green, Amber or Red, by the action's risk (six in ten low, three medium, one high),
//     held for two quarters at a time so ratings do not flicker every round.
// The open round (the last) has most updates missing and some drafts without a rating yet.
import type { BenchScale } from "../scale.ts";

/** The hashed choices the rules below read, with their ranges (see SALT in model.ts). */
export const RATING_CHOICES = {
  /** per action: % 100 below 12 = never delivered; else (done / 100) % 7 = quarters to delivery */
  done: 700,
  /** per action: 0–5 low, 6–8 medium, 9 high */
  risk: 10,
  /** per action: below 3 = a slow start */
  slow: 10,
  /** per action and pair of rounds */
  roll: 100,
  /** per update */
  status_roll: 100,
  /** per update: below 3 = a draft without a rating yet */
  draft_roll: 10,
} as const;

/** Closed rounds: accepted. The open round: 55% missing, then draft, submitted, returned, accepted. */
export function statusSql(scale: BenchScale): string {
  return `case when r < ${scale.rounds} then 'accepted'
    when status_roll < 55 then null when status_roll < 83 then 'draft' when status_roll < 93 then 'submitted'
    when status_roll < 95 then 'returned' else 'accepted' end`;
}

export function ratingSql(scale: BenchScale): string {
  const quarterOfPlan = "(r - 4 * (y - 1))";
  const doneAt = "case when done % 100 < 12 then null else 4 * (y - 1) + 2 + (done / 100) % 7 end";
  const red = "case when risk < 6 then 2 when risk < 9 then 6 else 25 end";
  const redOrAmber = "case when risk < 6 then 12 when risk < 9 then 36 else 65 end";
  return `case
      when r = ${scale.rounds} and status = 'draft' and draft_roll < 3 then null
      when ${quarterOfPlan} < 1 then 'grey'
      when r >= ${doneAt} then 'complete'
      when ${quarterOfPlan} = 1 and slow < 3 then 'grey'
      when roll < ${red} then 'red'
      when roll < ${redOrAmber} then 'amber'
      else 'green' end`;
}
