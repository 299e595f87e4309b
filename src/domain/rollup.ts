// The roll-up: how a commitment's overall rating follows from its actions' latest accepted ratings, and
// how a coordinator's override sits on top of it.
//
// Pure: no I/O; imports only the ratings vocabulary of the domain layer. The rule is versioned because
// a board pack must be reproducible years later with the rule that was in force when it was made.

import { isRating, RATING_LABELS, RATINGS, type Rating } from "./rag.ts";

/** A roll-up rule: the actions' ratings (null = not rated yet) in, the commitment's rating out. */
export type RollupFn = (actionRatings: readonly (Rating | null)[]) => Rating;

/**
 * How serious each rating is, worst first: Red, Amber, Grey (not started), Green, Complete. This is the
 * order in which the roll-up is monotonic: making any action's rating worse never makes the
 * commitment's rating better. Grey sits below Green because an action that has not started has made
 * less progress than one on track; it sits above Amber because "not started" is not, by itself, a
 * warning (a late start that endangers delivery should be rated Amber or Red by its lead).
 */
export const RATING_SEVERITY: Readonly<Record<Rating, number>> = {
  red: 4,
  amber: 3,
  grey: 2,
  green: 1,
  complete: 0,
};

/** Negative when `a` is less serious than `b`, 0 when equal, positive when more serious. */
export function compareSeverity(a: Rating, b: Rating): number {
  return RATING_SEVERITY[a] - RATING_SEVERITY[b];
}

/**
 * rollup-v1, "worst-of with completion". In order:
 *
 * 1. Actions without a rating are left out: a missing update is chased through the update round, not
 *    guessed at.
 * 2. No rated actions → Grey: nothing can be said to have started.
 * 3. Every rated action complete → Complete: the commitment has been delivered as planned.
 * 4. Any Red → Red; else any Amber → Amber. One off-track action puts the commitment off track; this is
 *    what a board needs to see first and what the paper reports did by eye.
 * 5. Only Grey (not started) → Grey.
 * 6. Otherwise (Green, Grey and Complete mixed, at least one Green or Complete and one not complete) →
 *    Green.
 *
 * WHY Grey + Green is Green and not Amber: Grey means "not started", usually because the action is
 * planned for later in the year, which is not a risk. Making the commitment Amber would raise a false
 * alarm each quarter and push leads to rate unstarted work Green to avoid it. An action whose late start
 * does endanger delivery is rated Amber or Red by its lead, and then rule 4 applies. The counts in the
 * explanation still say how many actions have not started.
 *
 * WHY Grey + Complete is Green and not Grey: some of the commitment has been delivered and nothing is at
 * risk, so "not started" would be untrue and "complete" premature; "on track" is what a board member
 * would say. (The Design glossary also reads Green as "on track or done".)
 */
const rollupV1: RollupFn = (actionRatings) => {
  const rated = actionRatings.filter((rating): rating is Rating => rating !== null);
  if (rated.length === 0) return "grey";
  if (rated.every((rating) => rating === "complete")) return "complete";
  if (rated.includes("red")) return "red";
  if (rated.includes("amber")) return "amber";
  if (rated.every((rating) => rating === "grey")) return "grey";
  return "green";
};

/** The rule in force for new derivations, with the sentence shown to board members. */
export const ROLLUP_RULE = {
  version: "rollup-v1",
  summary:
    "A commitment is Red if any of its actions is red, otherwise Amber if any is amber; it is Complete " +
    "when all its rated actions are complete, Grey when none of them has started or none is rated, and " +
    "Green otherwise; actions without a rating are left out.",
} as const;

/**
 * Every rule version ever used, by version. WHY keep old ones: a derived rating is stored with its rule
 * version, and a past board pack is reproduced by running the same version again. Never change a
 * published rule in place: add "rollup-v2" and make it ROLLUP_RULE. Frozen, and looked up with
 * Object.hasOwn only, so that "constructor" or "__proto__" are unknown versions rather than functions.
 */
export const ROLLUP_RULES: Readonly<Record<string, RollupFn>> = Object.freeze({
  [ROLLUP_RULE.version]: rollupV1,
});

/** The board-member sentence for each rule version in ROLLUP_RULES. */
export const ROLLUP_RULE_SUMMARIES: Readonly<Record<string, string>> = Object.freeze({
  [ROLLUP_RULE.version]: ROLLUP_RULE.summary,
});

/** Raised for a rule version this build of Waymark does not know (e.g. a report made by a newer one). */
export class UnknownRollupRuleError extends Error {
  constructor(readonly version: string) {
    super(
      `Unknown roll-up rule version "${version}". This version of Waymark knows: ` +
        `${Object.keys(ROLLUP_RULES).join(", ")}. ` +
        "A rating derived with another rule cannot be reproduced here.",
    );
    this.name = "UnknownRollupRuleError";
  }
}

/** True when `version` names a rule in ROLLUP_RULES. */
export function isKnownRollupRule(version: string): boolean {
  return Object.hasOwn(ROLLUP_RULES, version);
}

/** A commitment's derived rating with everything needed to show and audit how it was reached. */
export interface DerivedRating {
  readonly rating: Rating;
  /** The rule version used; store it with the rating so the result can be reproduced. */
  readonly ruleVersion: string;
  /** How many actions have each rating (unrated actions are not counted here). */
  readonly counts: Readonly<Record<Rating, number>>;
  /** How many actions have no rating yet. */
  readonly unrated: number;
  /** One sentence for a board member: the result, the counts behind it and the rule. */
  readonly explanation: string;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** How a rating reads in the counts of an explanation: "red", "grey (not started)". */
function countWord(rating: Rating): string {
  return rating === "grey" ? "grey (not started)" : rating;
}

/**
 * "Amber: 2 of 4 actions amber, 1 green, 1 grey (not started) — rule: …". WHY this shape: the result
 * comes first, then the evidence a board member can check against the action table, then the rule.
 */
function explain(rating: Rating, counts: Record<Rating, number>, unrated: number, summary: string): string {
  const rated = RATINGS.reduce((sum, r) => sum + counts[r], 0);
  const rule = `rule: ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`;
  const label = RATING_LABELS[rating];
  if (rated === 0) {
    const why =
      unrated === 0
        ? "this commitment has no actions"
        : `${plural(unrated, "action has", "actions have")} no rating yet`;
    return `${label}: no rated actions (${why}) — ${rule}`;
  }
  const present = RATINGS.filter((r) => counts[r] > 0);
  const [first, ...rest] = present as [Rating, ...Rating[]];
  const actions = unrated > 0 ? "rated actions" : rated === 1 ? "action" : "actions";
  let text = `${label}: ${counts[first]} of ${rated} ${actions} ${countWord(first)}`;
  for (const r of rest) text += `, ${counts[r]} ${countWord(r)}`;
  if (unrated > 0) text += `; ${plural(unrated, "action", "actions")} not yet rated`;
  return `${text} — ${rule}`;
}

/**
 * Derives a commitment's rating with a named rule version, e.g. the one stored with a past report.
 * Throws UnknownRollupRuleError for a version this build does not know (never falls back silently: a
 * reproduced report must be the same report), and TypeError for a value that is not a rating or null.
 */
export function deriveCommitmentRatingWith(
  version: string,
  actionRatings: readonly (Rating | null)[],
): DerivedRating {
  if (!isKnownRollupRule(version)) throw new UnknownRollupRuleError(version);
  const rule = ROLLUP_RULES[version]!;
  const summary = ROLLUP_RULE_SUMMARIES[version]!;
  const counts: Record<Rating, number> = { red: 0, amber: 0, green: 0, grey: 0, complete: 0 };
  let unrated = 0;
  for (const value of actionRatings) {
    if (value === null) unrated += 1;
    else if (isRating(value)) counts[value] += 1;
    else throw new TypeError(`Not a rating: ${JSON.stringify(value)}`);
  }
  const rating = rule(actionRatings);
  return {
    rating,
    ruleVersion: version,
    counts,
    unrated,
    explanation: explain(rating, counts, unrated, summary),
  };
}

/** Derives a commitment's rating from its actions' latest accepted ratings with the current rule. */
export function deriveCommitmentRating(actionRatings: readonly (Rating | null)[]): DerivedRating {
  return deriveCommitmentRatingWith(ROLLUP_RULE.version, actionRatings);
}

/** A coordinator's override of a derived rating. The reason is required and kept. */
export interface RatingOverride {
  readonly rating: Rating;
  readonly reason: string;
}

/** The rating that counts for a commitment, and how it came about. */
export interface EffectiveRating {
  readonly rating: Rating;
  /** True when the coordinator set the rating, even to the same value as the derived one. */
  readonly overridden: boolean;
  /** The derived rating is always kept, so the board can see what the rule said. */
  readonly derived: DerivedRating;
  /** The coordinator's reason, trimmed; null when not overridden. */
  readonly reason: string | null;
  readonly explanation: string;
}

/**
 * Applies a coordinator's override to a derived rating. WHY overrides exist: the rule cannot know that,
 * say, the one red action has been replaced by a better one; WHY the derived rating is kept and shown:
 * an override must be visible as a judgement, never disguised as the data. A blank reason is refused
 * (Error), because an unexplained override is exactly what the board cannot scrutinise.
 */
export function applyOverride(derived: DerivedRating, override: RatingOverride | null): EffectiveRating {
  if (override === null) {
    return {
      rating: derived.rating,
      overridden: false,
      derived,
      reason: null,
      explanation: derived.explanation,
    };
  }
  if (!isRating(override.rating)) throw new TypeError(`Not a rating: ${JSON.stringify(override.rating)}`);
  const reason = override.reason.trim().replace(/\s+/g, " ");
  if (reason === "")
    throw new Error("An overridden rating needs a reason: say why the derived rating is wrong.");
  const was = RATING_LABELS[derived.rating];
  const same = override.rating === derived.rating;
  const explanation =
    `${RATING_LABELS[override.rating]} (set by the coordinator: ${reason.replace(/[.\s]+$/, "")}; ` +
    `derived rating was ${same ? "also " : ""}${was})`;
  return { rating: override.rating, overridden: true, derived, reason, explanation };
}
