// Ratings that explain themselves: a commitment's effective rating (derived by the roll-up rule, with
// the coordinator's override on top, and where it comes from), its override history, its "progress so
// far" (every accepted update across all action plans and rounds, as in the board's strategy review
// table), and the partnership home's summary of the latest round. The parts live in ratings/.
//
// Derived ratings are computed and stored by rating-engine.ts when an update is accepted; this service
// only reads them. Overrides are kept apart (rating_overrides, append-only), so recomputing a derived
// rating never loses the coordinator's judgement, and clearing an override is itself a kept entry.
//
// Every query is set-based: a page costs the same number of queries however many updates it shows.

import type { Db } from "../db/database.ts";
import { countProvenance, provenanceHeadline } from "../domain/rating-provenance.ts";
import type { Actor } from "./actor.ts";
import { found, partnershipOf } from "./permissions.ts";
import { latestRound, ratingBasis, requireCommitment } from "./ratings/basis.ts";
import { effectiveRating } from "./ratings/effective.ts";
import { homeSummary } from "./ratings/home.ts";
import { overrideRating } from "./ratings/override.ts";
import { overridesOf, progressOf } from "./ratings/progress.ts";
import type {
  CommitmentRatingView,
  HomeSummary,
  OverrideHistoryEntry,
  OverrideInput,
  ProgressYear,
} from "./ratings/types.ts";

export type {
  CommitmentRatingView,
  DistributionRow,
  HomeSummary,
  OverrideHistoryEntry,
  OverrideInput,
  ProgressItem,
  ProgressYear,
  RatingCounts,
} from "./ratings/types.ts";
export { OVERRIDE_REASON_MAX, OVERRIDE_REASON_MESSAGES, OVERRIDE_REASON_MIN } from "./ratings/types.ts";

/** A strategy's effective ratings, each with where it comes from, and the headline count. */
export interface StrategyRatings {
  /** The round the ratings are read against: the partnership's latest round; null before any. */
  readonly currentRound: { id: number; name: string } | null;
  /** "27 rated in Q4 2025/26; 11 carried from earlier rounds"; null before any round. */
  readonly headline: string | null;
  readonly byCommitment: ReadonlyMap<number, CommitmentRatingView & { number: string }>;
}

export function createRatingService(db: Db, options: { now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());

  /** The effective rating of one commitment; NotFoundError when it is not the partnership's. Two queries. */
  async function ratingOf(pid: number, commitmentId: number): Promise<CommitmentRatingView> {
    const [basis] = await ratingBasis(db, pid, { commitmentId }, { unrated: true });
    const { stored, override, unrated } = found(basis, "That commitment");
    const current = await latestRound(db, pid);
    return effectiveRating(stored, override, stored ? 0 : unrated, current ?? null);
  }

  async function strategyRatings(pid: number, strategyId: number): Promise<StrategyRatings> {
    const rows = await ratingBasis(db, pid, { strategyId }, { unrated: false });
    const round = await latestRound(db, pid);
    const currentRound = round ? { id: round.id, name: round.name } : null;
    const byCommitment = new Map(
      rows.map((c) => [
        c.id,
        { ...effectiveRating(c.stored, c.override, 0, currentRound), number: c.number },
      ]),
    );
    const counts = countProvenance([...byCommitment.values()].map((v) => v.provenance));
    return { currentRound, headline: provenanceHeadline(currentRound?.name ?? null, counts), byCommitment };
  }

  return {
    async commitmentRating(actor: Actor, commitmentId: number): Promise<CommitmentRatingView> {
      return ratingOf(partnershipOf(actor), commitmentId);
    },

    /**
     * Every commitment of a strategy with its effective rating and where it comes from (the strategy
     * page). Two queries, however many commitments.
     */
    async strategyRatings(actor: Actor, strategyId: number): Promise<StrategyRatings> {
      return strategyRatings(partnershipOf(actor), strategyId);
    },

    /**
     * Every accepted update on every action of the commitment, across all action plans and rounds,
     * newest first (by the round's period, then acceptance), grouped by the financial year of the
     * round's period end. Drafts, submitted and returned updates never appear. One query.
     */
    async progressSoFar(actor: Actor, commitmentId: number): Promise<ProgressYear[]> {
      const pid = partnershipOf(actor);
      await requireCommitment(db, pid, commitmentId);
      return progressOf(db, pid, commitmentId);
    },

    /** The commitment's override history, newest first, clearing entries included. */
    async overrides(actor: Actor, commitmentId: number): Promise<OverrideHistoryEntry[]> {
      const pid = partnershipOf(actor);
      await requireCommitment(db, pid, commitmentId);
      return overridesOf(db, pid, commitmentId);
    },

    /**
     * What the commitment's page shows of its rating: the effective rating (with where it comes
     * from), the override history and the progress so far. A fixed number of queries, however many
     * updates and overrides it has.
     */
    async commitmentPage(actor: Actor, commitmentId: number) {
      const pid = partnershipOf(actor);
      const rating = await ratingOf(pid, commitmentId);
      const overrideHistory = await overridesOf(db, pid, commitmentId);
      const progress = await progressOf(db, pid, commitmentId);
      return { rating, overrideHistory, progress };
    },

    /**
     * The coordinator overrides the commitment's rating (or clears the override, rating null) with a
     * reason, kept for ever with the latest round. Admin only; audited as `rating.override`.
     */
    override(actor: Actor, commitmentId: number, input: OverrideInput) {
      return overrideRating(db, actor, commitmentId, input);
    },

    /**
     * The partnership home for the latest round: effective ratings counted by priority and by where
     * they come from, organisations that are late, and the most recently accepted updates.
     */
    homeSummary(
      actor: Actor,
      /** The priorities of a strategy the caller has already read, so they are not read again. */
      known?: { strategyId: number; priorities: readonly { id: number; number: string; title: string }[] },
    ): Promise<HomeSummary> {
      return homeSummary(db, now, actor, known);
    },
  };
}

export type RatingService = ReturnType<typeof createRatingService>;
