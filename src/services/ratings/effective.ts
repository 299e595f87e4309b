// A commitment's effective rating from what is stored: the derived rating of the round that rated it,
// the coordinator's override on top, and where the rating shown comes from (its provenance).

import { type IsoDate, ukDateOf } from "../../domain/periods.ts";
import { RATING_LABELS, type Rating } from "../../domain/rag.ts";
import {
  type ProvenanceRound,
  ratingProvenance,
  ratingWithProvenance,
} from "../../domain/rating-provenance.ts";
import {
  applyOverride,
  type DerivedRating,
  deriveCommitmentRating,
  ROLLUP_RULE_SUMMARIES,
} from "../../domain/rollup.ts";
import type { CommitmentRatingView, RatingCounts } from "./types.ts";

export const zeroCounts = (): RatingCounts => ({ red: 0, amber: 0, green: 0, grey: 0, complete: 0 });

/** Paragraphs of a free-text field: split on blank lines, inner line breaks kept as spaces. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "");
}

/** "To note" points: one per line, without the bullet characters people paste from Word. */
export function points(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^\s*(?:[-*•·▪➢➤>]|\d+[.)])\s+/, "")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((line) => line !== "");
}

export const dayOf = (instant: Date | null): IsoDate | null => (instant === null ? null : ukDateOf(instant));

/**
 * A stored derived rating in the shape applyOverride takes. Counts are not stored with a rating (its
 * explanation carries them as text) and applyOverride reads only the rating and the explanation, so
 * they are left at zero here and never shown.
 */
function storedDerived(stored: {
  derivedRating: Rating;
  ruleVersion: string;
  explanation: string;
}): DerivedRating {
  return {
    rating: stored.derivedRating,
    ruleVersion: stored.ruleVersion,
    counts: zeroCounts(),
    unrated: 0,
    explanation: stored.explanation,
  };
}

export interface StoredRating {
  derivedRating: Rating;
  ruleVersion: string;
  explanation: string;
  roundName: string;
  /**
   * The round the rating counts as coming from: the last round of the action plan whose derived rating
   * this is (see ratingBasis), the same round the reports name (reports/history.ts).
   */
  ratingRound: ProvenanceRound;
}

export interface StoredOverride {
  rating: Rating | null;
  reason: string;
  createdAt: Date;
  by: string | null;
  /** The round the override was made in (the latest round then); null when made before any round. */
  round: ProvenanceRound | null;
}

/**
 * The effective rating from what is stored; `unrated` derives the fallback when nothing is stored;
 * `currentRound` is the round the page is about (the partnership's latest round), for the provenance.
 */
export function effectiveRating(
  stored: StoredRating | undefined,
  override: StoredOverride | undefined,
  unrated: number,
  currentRound: ProvenanceRound | null,
): CommitmentRatingView {
  const derived = stored ? storedDerived(stored) : deriveCommitmentRating(Array<null>(unrated).fill(null));
  const active =
    override && override.rating !== null ? { rating: override.rating, reason: override.reason } : null;
  const effective = applyOverride(derived, active);
  const provenance = ratingProvenance({
    currentRound,
    derivedRound: stored?.ratingRound ?? null,
    override: active && override ? { round: override.round } : null,
  });
  return {
    rating: effective.rating,
    derived: derived.rating,
    overridden: effective.overridden,
    reason: effective.reason,
    explanation: effective.explanation,
    derivedExplanation: derived.explanation,
    ruleVersion: derived.ruleVersion,
    ruleSummary: ROLLUP_RULE_SUMMARIES[derived.ruleVersion] ?? null,
    roundName: stored?.roundName ?? null,
    provenance,
    currentRoundName: currentRound?.name ?? null,
    labelWithProvenance: ratingWithProvenance(RATING_LABELS[effective.rating], provenance),
    overriddenAt: active && override ? override.createdAt : null,
    overriddenBy: active && override ? override.by : null,
  };
}
