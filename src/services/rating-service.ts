// Ratings that explain themselves: a commitment's effective rating (derived by the roll-up rule, with
// the coordinator's override on top), its override history, its "progress so far" (every accepted
// update across all action plans and rounds, as in the board's strategy review table), and the
// partnership home's summary of the latest round.
//
// Derived ratings are computed and stored by rating-engine.ts when an update is accepted; this service
// only reads them. Overrides are kept apart (rating_overrides, append-only), so recomputing a derived
// rating never loses the coordinator's judgement, and clearing an override is itself a kept entry.
//
// Every query is set-based: a page costs the same number of queries however many updates it shows.

import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, Executor } from "../db/database.ts";
import {
  actionLeads,
  actionPlans,
  actions,
  commitmentRatings,
  commitments,
  organisations,
  priorities,
  ratingOverrides,
  roundActions,
  rounds,
  updates,
  users,
} from "../db/schema.ts";
import { isLate } from "../domain/deadlines.ts";
import { financialYearOf, formatFinancialYear, type IsoDate, ukDateOf } from "../domain/periods.ts";
import { isRating, RATINGS, type Rating } from "../domain/rag.ts";
import {
  applyOverride,
  type DerivedRating,
  deriveCommitmentRating,
  ROLLUP_RULE_SUMMARIES,
} from "../domain/rollup.ts";
import { TEXT_LIMITS } from "../domain/text-limits.ts";
import type { Actor } from "./actor.ts";
import { ValidationError } from "./errors.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { inTransaction } from "./unit-of-work.ts";

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

/** How many recently accepted updates the partnership home lists. */
const RECENT_UPDATES = 8;

const zeroCounts = (): RatingCounts => ({ red: 0, amber: 0, green: 0, grey: 0, complete: 0 });

/** Paragraphs of a free-text field: split on blank lines, inner line breaks kept as spaces. */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "");
}

/** "To note" points: one per line, without the bullet characters people paste from Word. */
function points(text: string): string[] {
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

const dayOf = (instant: Date | null): IsoDate | null => (instant === null ? null : ukDateOf(instant));

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

interface StoredRating {
  derivedRating: Rating;
  ruleVersion: string;
  explanation: string;
  roundName: string;
}

interface StoredOverride {
  rating: Rating | null;
  reason: string;
  createdAt: Date;
  by: string | null;
}

/** The effective rating from what is stored; `unrated` derives the fallback when nothing is stored. */
function effectiveRating(
  stored: StoredRating | undefined,
  override: StoredOverride | undefined,
  unrated: number,
): CommitmentRatingView {
  const derived = stored ? storedDerived(stored) : deriveCommitmentRating(Array<null>(unrated).fill(null));
  const active =
    override && override.rating !== null ? { rating: override.rating, reason: override.reason } : null;
  const effective = applyOverride(derived, active);
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
    overriddenAt: active && override ? override.createdAt : null,
    overriddenBy: active && override ? override.by : null,
  };
}

export function createRatingService(db: Db, options: { now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());

  async function requireCommitment(ex: Executor, pid: number, commitmentId: number) {
    const [row] = await ex
      .select({ id: commitments.id, strategyId: commitments.strategyId, number: commitments.number })
      .from(commitments)
      .where(and(eq(commitments.partnershipId, pid), eq(commitments.id, commitmentId)));
    return found(row, "That commitment");
  }

  /**
   * What a commitment's effective rating is made of, for one commitment or every commitment of a
   * strategy, in one query: the latest stored derived rating (from the latest round that rated it),
   * the latest override entry (a cleared one included, with rating null) and, when asked, how many
   * actions it has in the latest action plan that has any for it (the "not yet rated" count of a
   * commitment no round has rated. WHY not derive from []: that would say the commitment "has no
   * actions" when it has some that are simply not rated yet).
   */
  async function ratingBasis(
    ex: Executor,
    pid: number,
    where: { commitmentId: number } | { strategyId: number },
    options: { unrated: boolean },
  ) {
    const stored = ex
      .select({
        derivedRating: commitmentRatings.derivedRating,
        ruleVersion: commitmentRatings.ruleVersion,
        explanation: commitmentRatings.explanation,
        roundName: sql<string>`${rounds.name}`.as("stored_round_name"),
      })
      .from(commitmentRatings)
      .innerJoin(rounds, eq(rounds.id, commitmentRatings.roundId))
      .where(
        and(
          eq(commitmentRatings.partnershipId, commitments.partnershipId),
          eq(commitmentRatings.commitmentId, commitments.id),
        ),
      )
      .orderBy(desc(rounds.openedAt), desc(rounds.id))
      .limit(1)
      .as("stored");
    const override = ex
      .select({
        rating: ratingOverrides.rating,
        reason: ratingOverrides.reason,
        createdAt: ratingOverrides.createdAt,
        by: sql<string | null>`${users.name}`.as("override_by"),
        found: sql<boolean>`true`.as("override_found"),
      })
      .from(ratingOverrides)
      .leftJoin(users, eq(users.id, ratingOverrides.userId))
      .where(
        and(
          eq(ratingOverrides.partnershipId, commitments.partnershipId),
          eq(ratingOverrides.commitmentId, commitments.id),
        ),
      )
      .orderBy(desc(ratingOverrides.createdAt), desc(ratingOverrides.id))
      .limit(1)
      .as("latest_override");
    const unrated = options.unrated
      ? sql<number>`(
          select count(*)::int from ${actions} a
          where a.commitment_id = ${commitments.id} and a.partnership_id = ${commitments.partnershipId}
            and a.action_plan_id = (
              select a2.action_plan_id from ${actions} a2
              join ${actionPlans} ap on ap.id = a2.action_plan_id
              where a2.commitment_id = ${commitments.id} and a2.partnership_id = ${commitments.partnershipId}
              order by ap.starts_on desc, ap.id desc
              limit 1
            )
        )`
      : sql<number>`0`;
    const rows = await ex
      .select({
        id: commitments.id,
        priorityId: commitments.priorityId,
        derivedRating: stored.derivedRating,
        ruleVersion: stored.ruleVersion,
        explanation: stored.explanation,
        roundName: stored.roundName,
        overrideFound: override.found,
        overrideRating: override.rating,
        overrideReason: override.reason,
        overrideAt: override.createdAt,
        overrideBy: override.by,
        unrated,
      })
      .from(commitments)
      .leftJoinLateral(stored, sql`true`)
      .leftJoinLateral(override, sql`true`)
      .where(
        and(
          eq(commitments.partnershipId, pid),
          "commitmentId" in where
            ? eq(commitments.id, where.commitmentId)
            : eq(commitments.strategyId, where.strategyId),
        ),
      )
      .orderBy(asc(commitments.position), asc(commitments.id));
    return rows.map((r) => ({
      id: r.id,
      priorityId: r.priorityId,
      stored:
        r.derivedRating === null || r.ruleVersion === null || r.explanation === null || r.roundName === null
          ? undefined
          : {
              derivedRating: r.derivedRating,
              ruleVersion: r.ruleVersion,
              explanation: r.explanation,
              roundName: r.roundName,
            },
      override:
        r.overrideFound && r.overrideReason !== null && r.overrideAt !== null
          ? { rating: r.overrideRating, reason: r.overrideReason, createdAt: r.overrideAt, by: r.overrideBy }
          : undefined,
      unrated: Number(r.unrated),
    }));
  }

  /** The latest override entry of each commitment (a cleared one included, with rating null). */
  async function latestOverrides(ex: Executor, pid: number, commitmentIds: number[]) {
    if (commitmentIds.length === 0) return new Map<number, StoredOverride>();
    const rows = await ex
      .selectDistinctOn([ratingOverrides.commitmentId], {
        commitmentId: ratingOverrides.commitmentId,
        rating: ratingOverrides.rating,
        reason: ratingOverrides.reason,
        createdAt: ratingOverrides.createdAt,
        by: users.name,
      })
      .from(ratingOverrides)
      .leftJoin(users, eq(users.id, ratingOverrides.userId))
      .where(
        and(eq(ratingOverrides.partnershipId, pid), inArray(ratingOverrides.commitmentId, commitmentIds)),
      )
      .orderBy(ratingOverrides.commitmentId, desc(ratingOverrides.createdAt), desc(ratingOverrides.id));
    return new Map(rows.map((r) => [r.commitmentId, r]));
  }

  async function latestRound(ex: Executor, pid: number) {
    const [row] = await ex
      .select({
        id: rounds.id,
        name: rounds.name,
        deadline: rounds.deadline,
        graceDays: rounds.graceDays,
        status: rounds.status,
        reopenedAt: rounds.reopenedAt,
        actionPlanName: actionPlans.name,
        strategyId: actionPlans.strategyId,
      })
      .from(rounds)
      .innerJoin(actionPlans, eq(actionPlans.id, rounds.actionPlanId))
      .where(eq(rounds.partnershipId, pid))
      .orderBy(desc(rounds.openedAt), desc(rounds.id))
      .limit(1);
    return row;
  }

  /** The effective rating of one commitment; NotFoundError when it is not the partnership's. One query. */
  async function ratingOf(pid: number, commitmentId: number): Promise<CommitmentRatingView> {
    const [basis] = await ratingBasis(db, pid, { commitmentId }, { unrated: true });
    const { stored, override, unrated } = found(basis, "That commitment");
    return effectiveRating(stored, override, stored ? 0 : unrated);
  }

  async function commitmentRating(actor: Actor, commitmentId: number): Promise<CommitmentRatingView> {
    return ratingOf(partnershipOf(actor), commitmentId);
  }

  /** Every accepted update on the commitment's actions (see progressSoFar). One query. */
  async function progressOf(pid: number, commitmentId: number): Promise<ProgressYear[]> {
    const rows = await db
      .select({
        updateId: updates.id,
        rating: updates.rating,
        narrative: updates.narrative,
        remedy: updates.remedy,
        toNote: updates.toNote,
        acceptedAt: updates.acceptedAt,
        actionId: actions.id,
        what: actions.what,
        actionPlanName: actionPlans.name,
        roundName: rounds.name,
        periodEnd: rounds.periodEnd,
        organisationName: organisations.name,
      })
      .from(updates)
      .innerJoin(actions, eq(actions.id, updates.actionId))
      .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
      .innerJoin(rounds, eq(rounds.id, updates.roundId))
      .leftJoin(organisations, eq(organisations.id, updates.authorOrganisationId))
      .where(
        and(
          eq(updates.partnershipId, pid),
          eq(actions.partnershipId, pid),
          eq(actions.commitmentId, commitmentId),
          eq(updates.status, "accepted"),
        ),
      )
      .orderBy(desc(rounds.periodEnd), desc(rounds.openedAt), desc(updates.acceptedAt), desc(updates.id));
    const years: ProgressYear[] = [];
    for (const r of rows) {
      const year = formatFinancialYear(financialYearOf(r.periodEnd));
      const item: ProgressItem = {
        updateId: r.updateId,
        rating: r.rating,
        actionId: r.actionId,
        what: r.what,
        actionPlanName: r.actionPlanName,
        roundName: r.roundName,
        organisationName: r.organisationName,
        narrative: paragraphs(r.narrative),
        remedy: paragraphs(r.remedy),
        toNote: points(r.toNote),
        acceptedOn: dayOf(r.acceptedAt),
      };
      const last = years.at(-1);
      if (last && last.year === year) last.items.push(item);
      else years.push({ year, items: [item] });
    }
    return years;
  }

  /** The commitment's override entries, newest first (see overrides). One query. */
  async function overridesOf(pid: number, commitmentId: number): Promise<OverrideHistoryEntry[]> {
    return db
      .select({
        id: ratingOverrides.id,
        rating: ratingOverrides.rating,
        reason: ratingOverrides.reason,
        at: ratingOverrides.createdAt,
        by: users.name,
        roundName: rounds.name,
      })
      .from(ratingOverrides)
      .leftJoin(users, eq(users.id, ratingOverrides.userId))
      .leftJoin(rounds, eq(rounds.id, ratingOverrides.roundId))
      .where(and(eq(ratingOverrides.partnershipId, pid), eq(ratingOverrides.commitmentId, commitmentId)))
      .orderBy(desc(ratingOverrides.createdAt), desc(ratingOverrides.id));
  }

  return {
    commitmentRating,

    /**
     * Every accepted update on every action of the commitment, across all action plans and rounds,
     * newest first (by the round's period, then acceptance), grouped by the financial year of the
     * round's period end. Drafts, submitted and returned updates never appear. One query.
     */
    async progressSoFar(actor: Actor, commitmentId: number): Promise<ProgressYear[]> {
      const pid = partnershipOf(actor);
      await requireCommitment(db, pid, commitmentId);
      return progressOf(pid, commitmentId);
    },

    /** The commitment's override history, newest first, clearing entries included. */
    async overrides(actor: Actor, commitmentId: number): Promise<OverrideHistoryEntry[]> {
      const pid = partnershipOf(actor);
      await requireCommitment(db, pid, commitmentId);
      return overridesOf(pid, commitmentId);
    },

    /**
     * What the commitment's page shows of its rating: the effective rating, the override history and
     * the progress so far. Three queries, however many updates and overrides it has.
     */
    async commitmentPage(actor: Actor, commitmentId: number) {
      const pid = partnershipOf(actor);
      const rating = await ratingOf(pid, commitmentId);
      const overrideHistory = await overridesOf(pid, commitmentId);
      const progress = await progressOf(pid, commitmentId);
      return { rating, overrideHistory, progress };
    },

    /**
     * The coordinator overrides the commitment's rating (or clears the override, rating null) with a
     * reason, kept for ever with the latest round. Admin only; audited as `rating.override`.
     */
    async override(actor: Actor, commitmentId: number, input: OverrideInput) {
      requireAdmin(actor);
      const reason = input.reason.trim();
      if (input.rating !== null && !isRating(input.rating)) {
        throw new ValidationError([{ field: "rating", message: "Select a rating" }]);
      }
      if (reason === "")
        throw new ValidationError([{ field: "reason", message: OVERRIDE_REASON_MESSAGES.missing }]);
      if (reason.length < OVERRIDE_REASON_MIN) {
        throw new ValidationError([{ field: "reason", message: OVERRIDE_REASON_MESSAGES.short }]);
      }
      if (reason.length > OVERRIDE_REASON_MAX) {
        throw new ValidationError([{ field: "reason", message: OVERRIDE_REASON_MESSAGES.long }]);
      }
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        await requireCommitment(tx, pid, commitmentId);
        const previous = (await latestOverrides(tx, pid, [commitmentId])).get(commitmentId);
        const previousRating = previous?.rating ?? null;
        if (input.rating === null && previousRating === null) {
          throw new ValidationError([
            {
              field: "rating",
              message:
                "The rating is not overridden, so there is nothing to clear: select the rating it should be",
            },
          ]);
        }
        const round = await latestRound(tx, pid);
        const [row] = await tx
          .insert(ratingOverrides)
          .values({
            partnershipId: pid,
            commitmentId,
            roundId: round?.id ?? null,
            rating: input.rating,
            reason,
            userId: actor.kind === "member" ? actor.userId : null,
          })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: pid,
          action: "rating.override",
          entityType: "commitment",
          entityId: commitmentId,
          before: previous ? { rating: previous.rating, reason: previous.reason } : null,
          after: { rating: row.rating, reason: row.reason, roundId: row.roundId, overrideId: row.id },
        });
        return row;
      });
    },

    /**
     * The partnership home for the latest round: effective ratings counted by priority, organisations
     * that are late, and the most recently accepted updates. A fixed number of queries.
     */
    async homeSummary(
      actor: Actor,
      /** The priorities of a strategy the caller has already read, so they are not read again. */
      known?: { strategyId: number; priorities: readonly { id: number; number: string; title: string }[] },
    ): Promise<HomeSummary> {
      const pid = partnershipOf(actor);
      const round = await latestRound(db, pid);
      const empty = { rows: [], totals: zeroCounts(), total: 0 };
      if (!round) {
        return {
          round: null,
          distribution: empty,
          lateOrganisations: [],
          pastDeadline: false,
          recentlyAccepted: [],
        };
      }

      const priorityRows =
        known && known.strategyId === round.strategyId
          ? known.priorities.map(({ id, number, title }) => ({ id, number, title }))
          : await db
              .select({ id: priorities.id, number: priorities.number, title: priorities.title })
              .from(priorities)
              .where(and(eq(priorities.partnershipId, pid), eq(priorities.strategyId, round.strategyId)))
              .orderBy(asc(priorities.position), asc(priorities.id));
      const commitmentRows = await ratingBasis(db, pid, { strategyId: round.strategyId }, { unrated: false });
      // The few latest acceptances first (updates_partnership_accepted), then their details: joining
      // before the limit would join every accepted update of the partnership.
      const latest = db
        .select({
          id: updates.id,
          actionId: updates.actionId,
          roundId: updates.roundId,
          authorOrganisationId: updates.authorOrganisationId,
          rating: updates.rating,
          acceptedAt: updates.acceptedAt,
        })
        .from(updates)
        .where(and(eq(updates.partnershipId, pid), eq(updates.status, "accepted")))
        .orderBy(desc(updates.acceptedAt), desc(updates.id))
        .limit(RECENT_UPDATES)
        .as("latest");
      const recent = await db
        .select({
          updateId: latest.id,
          actionId: actions.id,
          what: actions.what,
          commitmentId: commitments.id,
          commitmentNumber: commitments.number,
          organisationName: organisations.name,
          rating: latest.rating,
          roundName: rounds.name,
          acceptedAt: latest.acceptedAt,
        })
        .from(latest)
        .innerJoin(actions, eq(actions.id, latest.actionId))
        .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
        .innerJoin(rounds, eq(rounds.id, latest.roundId))
        .leftJoin(organisations, eq(organisations.id, latest.authorOrganisationId))
        .orderBy(desc(latest.acceptedAt), desc(latest.id));

      const byPriority = new Map<number | null, RatingCounts>();
      const totals = zeroCounts();
      for (const c of commitmentRows) {
        // A commitment no round has rated counts as Grey, as on its own page.
        const { rating } = effectiveRating(c.stored, c.override, 0);
        const counts = byPriority.get(c.priorityId) ?? zeroCounts();
        counts[rating] += 1;
        byPriority.set(c.priorityId, counts);
        totals[rating] += 1;
      }
      const sum = (counts: RatingCounts) => RATINGS.reduce((n, r) => n + counts[r], 0);
      const rows: DistributionRow[] = priorityRows.map((p) => {
        const counts = byPriority.get(p.id) ?? zeroCounts();
        return { priority: p, counts, total: sum(counts) };
      });
      const unassigned = byPriority.get(null);
      if (unassigned) rows.push({ priority: null, counts: unassigned, total: sum(unassigned) });

      const today = ukDateOf(now());
      const pastDeadline = isLate(
        null,
        {
          deadline: round.deadline,
          graceDays: round.graceDays,
          reopened: round.reopenedAt !== null,
          closed: round.status === "closed",
        },
        today,
      );
      const late = pastDeadline
        ? await db
            .select({ id: organisations.id, name: organisations.name, actionId: roundActions.actionId })
            .from(roundActions)
            .innerJoin(actionLeads, eq(actionLeads.actionId, roundActions.actionId))
            .innerJoin(organisations, eq(organisations.id, actionLeads.organisationId))
            .leftJoin(
              updates,
              and(eq(updates.roundId, roundActions.roundId), eq(updates.actionId, roundActions.actionId)),
            )
            .where(
              and(
                eq(roundActions.partnershipId, pid),
                eq(roundActions.roundId, round.id),
                or(isNull(updates.id), inArray(updates.status, ["draft", "returned"])),
              ),
            )
            .orderBy(asc(organisations.name), asc(organisations.id))
        : [];
      const lateOrganisations: HomeSummary["lateOrganisations"] = [];
      for (const row of late) {
        const last = lateOrganisations.at(-1);
        if (last && last.id === row.id) last.outstanding += 1;
        else lateOrganisations.push({ id: row.id, name: row.name, outstanding: 1 });
      }

      return {
        round: {
          id: round.id,
          name: round.name,
          deadline: round.deadline,
          graceDays: round.graceDays,
          status: round.status,
          actionPlanName: round.actionPlanName,
          strategyId: round.strategyId,
        },
        distribution: { rows, totals, total: sum(totals) },
        lateOrganisations,
        pastDeadline,
        recentlyAccepted: recent.map(({ acceptedAt, ...r }) => ({ ...r, acceptedOn: dayOf(acceptedAt) })),
      };
    },
  };
}

export type RatingService = ReturnType<typeof createRatingService>;
