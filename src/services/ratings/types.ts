// The shapes a commitment's rating is read in: the effective rating with its provenance, the progress
// so far, the override history and the partnership home's summary.

import type { IsoDate } from "../../domain/periods.ts";
import type { Rating } from "../../domain/rag.ts";
import type { ProvenanceCounts, RatingProvenance } from "../../domain/rating-provenance.ts";
import { TEXT_LIMITS } from "../../domain/text-limits.ts";

/** The rating that counts for a commitment, how it came about, and the round it belongs to. */
export interface CommitmentRatingView {
  /** The effective rating: the coordinator's override if there is one, otherwise the derived rating. */
  readonly rating: Rating;
  /** What the roll-up rule gives, always kept so an override is seen as a judgement. */
  readonly derived: Rating;
  readonly overridden: boolean;
  /** The coordinator's reason when overridden, otherwise null. */
  readonly reason: string | null;
  /** One sentence for the effective rating (the override's, when overridden). */
  readonly explanation: string;
  /** The rule's sentence with the counts behind the derived rating, as stored with it. */
  readonly derivedExplanation: string;
  /** The roll-up rule version stored with the derived rating. */
  readonly ruleVersion: string;
  /** The plain-English rule of that version; null for a version this build does not know. */
  readonly ruleSummary: string | null;
  /** The round whose derived rating this is; null when no round has rated the commitment yet. */
  readonly roundName: string | null;
  /**
   * Where the rating shown comes from and whether that is the latest round ("from Q4 2024/25; no
   * update since" when it is not): see domain/rating-provenance.ts.
   */
  readonly provenance: RatingProvenance;
  /** The round the provenance is read against: the partnership's latest round; null before any. */
  readonly currentRoundName: string | null;
  /** "Amber — from Q4 2024/25; no update since", or "Amber" when the rating is the latest round's. */
  readonly labelWithProvenance: string;
  /** When the override in force was made, and by whom; null when not overridden. */
  readonly overriddenAt: Date | null;
  readonly overriddenBy: string | null;
}

/** One accepted update in a commitment's "progress so far". */
export interface ProgressItem {
  readonly updateId: number;
  readonly rating: Rating | null;
  readonly actionId: number;
  /** The action's "what we will do". */
  readonly what: string;
  readonly actionPlanName: string;
  readonly roundName: string;
  /** The organisation of the update's author; null when not recorded. */
  readonly organisationName: string | null;
  /** The narrative, one entry per paragraph. */
  readonly narrative: string[];
  /** "What we are doing about it" (Red and Amber), one entry per paragraph; empty when none. */
  readonly remedy: string[];
  /** The "to note" points carried forward, one per line; empty when none. */
  readonly toNote: string[];
  /** The UK calendar date the coordinator accepted it. */
  readonly acceptedOn: IsoDate | null;
}

/** A financial year of progress, newest first. */
export interface ProgressYear {
  /** "2025/26": the financial year of the round's period end. */
  readonly year: string;
  readonly items: ProgressItem[];
}

export interface OverrideHistoryEntry {
  readonly id: number;
  /** Null when this entry cleared an earlier override (back to the derived rating). */
  readonly rating: Rating | null;
  readonly reason: string;
  readonly at: Date;
  readonly by: string | null;
  readonly roundName: string | null;
}

export interface OverrideInput {
  /** Null clears the override: the derived rating counts again. */
  readonly rating: Rating | null;
  readonly reason: string;
  /** The coordinator states that a reason the personal-data guard flagged identifies nobody. */
  readonly identifiesNobody?: boolean;
}

export type RatingCounts = Record<Rating, number>;

export interface DistributionRow {
  /** Null for commitments that belong to no priority (a flat list of recommendations). */
  readonly priority: { id: number; number: string; title: string } | null;
  readonly counts: RatingCounts;
  readonly total: number;
}

export interface HomeSummary {
  readonly round: {
    id: number;
    name: string;
    deadline: IsoDate;
    graceDays: number;
    status: "open" | "closed";
    actionPlanName: string;
    strategyId: number;
  } | null;
  readonly distribution: { rows: DistributionRow[]; totals: RatingCounts; total: number };
  /**
   * How many of those ratings are the latest round's and how many are carried from earlier rounds,
   * with the headline ("27 rated in Q4 2025/26; 11 carried from earlier rounds") and the carried ones.
   */
  readonly provenance: {
    readonly counts: ProvenanceCounts;
    readonly headline: string | null;
    readonly carried: readonly { commitmentId: number; number: string; rating: Rating; label: string }[];
  };
  /** Organisations that owe updates in the latest round, not submitted or accepted, after the deadline. */
  readonly lateOrganisations: { id: number; name: string; outstanding: number }[];
  /** True when the latest round's deadline has passed (so "no late organisations" means everyone answered). */
  readonly pastDeadline: boolean;
  readonly recentlyAccepted: {
    updateId: number;
    actionId: number;
    what: string;
    commitmentId: number;
    commitmentNumber: string;
    organisationName: string | null;
    rating: Rating | null;
    roundName: string;
    acceptedOn: IsoDate | null;
  }[];
}

/** The least and most characters an override's reason may have. */
export const OVERRIDE_REASON_MIN = 10;
export const OVERRIDE_REASON_MAX = TEXT_LIMITS.overrideReason;
export const OVERRIDE_REASON_MESSAGES = {
  missing: "Say why the derived rating is not right",
  short: `Say why the derived rating is not right, in ${OVERRIDE_REASON_MIN} characters or more`,
  long: `The reason must be ${OVERRIDE_REASON_MAX} characters or fewer`,
} as const;
