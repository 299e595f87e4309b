// Queries for the board pack (src/reports). Set-based: a report costs the same handful of queries
// however many commitments, actions and updates it covers. History is read "as at" an instant: only
// rounds opened, updates accepted and overrides made before it, so a report for a past date can be
// made again, exactly, at any later time.

import { and, asc, eq, lt, ne, sql } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import {
  actionLeads,
  actionPlans,
  actions,
  commitmentRatings,
  commitments,
  organisations,
  partnerships,
  ratingOverrides,
  roundActions,
  rounds,
  strategies,
  updates,
} from "../db/schema.ts";
import type { Rating } from "../domain/rag.ts";
import { ROLLUP_RULE } from "../domain/rollup.ts";
import { readTogether } from "./read-together.ts";

/**
 * What the reports page offers, and what a report starts from: the partnership, and every strategy,
 * action plan and round of it, in order. Rounds carry what reports need of their history. Three
 * queries, read together.
 */
export async function listReportChoices(db: Executor, partnershipId: number) {
  const [strategyRows, planRows, roundRows] = await readTogether(db, [
    () =>
      db
        .select({
          partnership: { id: partnerships.id, slug: partnerships.slug, name: partnerships.name },
          strategy: {
            id: strategies.id,
            title: strategies.title,
            startYear: strategies.startYear,
            endYear: strategies.endYear,
            framework: strategies.framework,
            itemLabel: strategies.itemLabel,
          },
        })
        .from(partnerships)
        .leftJoin(strategies, eq(strategies.partnershipId, partnerships.id))
        .where(eq(partnerships.id, partnershipId))
        .orderBy(asc(strategies.startYear), asc(strategies.id)),
    () =>
      db
        .select({
          id: actionPlans.id,
          strategyId: actionPlans.strategyId,
          name: actionPlans.name,
          startsOn: actionPlans.startsOn,
          endsOn: actionPlans.endsOn,
        })
        .from(actionPlans)
        .where(eq(actionPlans.partnershipId, partnershipId))
        .orderBy(asc(actionPlans.startsOn), asc(actionPlans.id)),
    () =>
      db
        .select({
          id: rounds.id,
          name: rounds.name,
          actionPlanId: rounds.actionPlanId,
          strategyId: actionPlans.strategyId,
          openedAt: rounds.openedAt,
          periodStart: rounds.periodStart,
          periodEnd: rounds.periodEnd,
          deadline: rounds.deadline,
          graceDays: rounds.graceDays,
          status: rounds.status,
          reopenedAt: rounds.reopenedAt,
        })
        .from(rounds)
        .innerJoin(actionPlans, eq(actionPlans.id, rounds.actionPlanId))
        .where(and(eq(rounds.partnershipId, partnershipId), eq(actionPlans.partnershipId, partnershipId)))
        .orderBy(asc(rounds.openedAt), asc(rounds.id)),
  ]);
  return {
    /** Undefined when there is no such partnership. */
    partnership: strategyRows[0]?.partnership,
    strategies: strategyRows.flatMap((r) => (r.strategy ? [r.strategy] : [])),
    plans: planRows,
    rounds: roundRows,
  };
}

export type ReportChoices = Awaited<ReturnType<typeof listReportChoices>>;

export interface HistoryRound {
  id: number;
  name: string;
  actionPlanId: number;
  openedAt: Date;
  periodStart: string;
  periodEnd: string;
  deadline: string;
  graceDays: number;
  status: "open" | "closed";
  reopenedAt: Date | null;
}

export interface HistoryUpdate {
  id: number;
  roundId: number;
  actionId: number;
  rating: Rating | null;
  narrative: string;
  toNote: string;
  acceptedAt: Date;
  organisationName: string | null;
}

export interface HistoryOverride {
  id: number;
  commitmentId: number;
  rating: Rating | null;
  reason: string;
  createdAt: Date;
  roundId: number | null;
}

export interface StrategyHistory {
  /** Rounds of the strategy's action plans opened before the instant, oldest first. */
  rounds: HistoryRound[];
  /** Every action of the strategy's action plans (structure is read as it is now). */
  actions: { id: number; commitmentId: number; actionPlanId: number }[];
  /** Updates accepted before the instant, in those rounds. */
  updates: HistoryUpdate[];
  /**
   * The roll-up rule version stored with a round's derived rating, `${roundId}:${commitmentId}`, where
   * it is not the current rule (ROLLUP_RULE.version): a missing key means the current rule.
   */
  ruleVersions: Map<string, string>;
  /** Overrides made before the instant, oldest first (clearing entries included, rating null). */
  overrides: HistoryOverride[];
}

/** An accepted update as the history query returns it (see readStrategyHistory). */
interface UpdateRow {
  id: number;
  roundId: number;
  actionId: number;
  rating: Rating | null;
  narrative: string;
  toNote: string;
  acceptedMs: number;
  organisationId: number | null;
}

/** What readStrategyHistory reads; strategyHistory puts it in order with the rounds. */
export type StrategyHistoryReads = Awaited<ReturnType<typeof readStrategyHistory>>;

/**
 * Everything that happened to a strategy's ratings and progress before `before`, as read: five
 * queries, read together. They need only the strategy and the instant, not the rounds (which
 * listReportChoices reads), so a report can start them while it checks its options.
 */
export async function readStrategyHistory(
  db: Executor,
  partnershipId: number,
  strategyId: number,
  before: Date,
) {
  const inStrategy = and(
    eq(actionPlans.partnershipId, partnershipId),
    eq(actionPlans.strategyId, strategyId),
  );
  // The strategy's rounds opened before the instant, as an array the updates and stored ratings are
  // picked by: on the updates' round index that is a few small index scans, where joining rounds
  // and action plans again had the database go through the partnership's every accepted update once
  // per round.
  const strategyRounds = sql`array(${db
    .select({ id: rounds.id })
    .from(rounds)
    .innerJoin(actionPlans, eq(actionPlans.id, rounds.actionPlanId))
    .where(and(eq(rounds.partnershipId, partnershipId), inStrategy, lt(rounds.openedAt, before)))})`;
  const [actionRows, updateResult, organisationRows, ratingRows, overrideRows] = await readTogether(db, [
    () =>
      db
        .select({ id: actions.id, commitmentId: actions.commitmentId, actionPlanId: actions.actionPlanId })
        .from(actions)
        .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
        .where(and(eq(actions.partnershipId, partnershipId), inStrategy))
        .orderBy(asc(actions.position), asc(actions.id)),
    // Thousands of rows for a strategy five years in: read as plain rows, without Drizzle's mapping
    // of each value, and the acceptance instant as epoch milliseconds (what Date keeps) rather than
    // text parsed into a Date. Both were most of the time of reading a strategy's history.
    () =>
      db.execute(sql`
        select ${updates.id} as "id", ${updates.roundId} as "roundId", ${updates.actionId} as "actionId",
          ${updates.rating} as "rating", ${updates.narrative} as "narrative", ${updates.toNote} as "toNote",
          floor(extract(epoch from ${updates.acceptedAt}) * 1000)::float8 as "acceptedMs",
          ${updates.authorOrganisationId} as "organisationId"
        from ${updates}
        where ${and(
          eq(updates.partnershipId, partnershipId),
          sql`${updates.roundId} = any(${strategyRounds})`,
          eq(updates.status, "accepted"),
          lt(updates.acceptedAt, before),
        )}`),
    // The authors' organisations by id: a dozen rows, rather than a join repeated for every update.
    () =>
      db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.partnershipId, partnershipId)),
    () =>
      db
        .select({
          roundId: commitmentRatings.roundId,
          commitmentId: commitmentRatings.commitmentId,
          ruleVersion: commitmentRatings.ruleVersion,
        })
        .from(commitmentRatings)
        .where(
          and(
            eq(commitmentRatings.partnershipId, partnershipId),
            sql`${commitmentRatings.roundId} = any(${strategyRounds})`,
            // Only ratings made under an earlier rule: the rest would say what a missing key says.
            ne(commitmentRatings.ruleVersion, ROLLUP_RULE.version),
          ),
        ),
    () =>
      db
        .select({
          id: ratingOverrides.id,
          commitmentId: ratingOverrides.commitmentId,
          rating: ratingOverrides.rating,
          reason: ratingOverrides.reason,
          createdAt: ratingOverrides.createdAt,
          roundId: ratingOverrides.roundId,
        })
        .from(ratingOverrides)
        .innerJoin(commitments, eq(commitments.id, ratingOverrides.commitmentId))
        .where(
          and(
            eq(ratingOverrides.partnershipId, partnershipId),
            eq(commitments.partnershipId, partnershipId),
            eq(commitments.strategyId, strategyId),
            lt(ratingOverrides.createdAt, before),
          ),
        )
        .orderBy(asc(ratingOverrides.createdAt), asc(ratingOverrides.id)),
  ]);
  return {
    actions: actionRows,
    updates: (updateResult as unknown as { rows: UpdateRow[] }).rows,
    organisations: organisationRows,
    ratings: ratingRows,
    overrides: overrideRows,
  };
}

/**
 * A strategy's history before `before` (see readStrategyHistory) in order. `partnershipRounds` are the
 * partnership's rounds, oldest first, as listReportChoices reads them: the strategy's are picked from
 * them rather than read again.
 */
export function strategyHistory(
  reads: StrategyHistoryReads,
  strategyId: number,
  before: Date,
  partnershipRounds: readonly (HistoryRound & { strategyId: number })[],
): StrategyHistory {
  const roundRows = partnershipRounds
    .filter((r) => r.strategyId === strategyId && r.openedAt < before)
    .map(({ strategyId: _, ...round }) => round);
  // In the order progress is told: by the round's period, the round, then acceptance. Sorted here
  // rather than by the database, which would sort every update's text along with it; each update
  // gets a numeric key first, so the comparisons are cheap.
  const byPeriod = roundRows
    .map((r, rank) => ({ id: r.id, periodEnd: r.periodEnd, rank }))
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : a.rank - b.rank));
  const roundOrder = new Map(byPeriod.map((r, i) => [r.id, i]));
  const organisationName = new Map(reads.organisations.map((o) => [o.id, o.name]));
  const keyed: { round: number; accepted: number; update: HistoryUpdate }[] = [];
  for (const u of reads.updates) {
    const organisation = u.organisationId === null ? undefined : organisationName.get(u.organisationId);
    keyed.push({
      round: roundOrder.get(u.roundId) ?? -1,
      accepted: u.acceptedMs,
      update: {
        id: u.id,
        roundId: u.roundId,
        actionId: u.actionId,
        rating: u.rating,
        narrative: u.narrative,
        toNote: u.toNote,
        acceptedAt: new Date(u.acceptedMs),
        organisationName: organisation ?? null,
      },
    });
  }
  keyed.sort((a, b) => a.round - b.round || a.accepted - b.accepted || a.update.id - b.update.id);
  return {
    rounds: roundRows,
    actions: reads.actions,
    updates: keyed.map((k) => k.update),
    ruleVersions: new Map(reads.ratings.map((r) => [`${r.roundId}:${r.commitmentId}`, r.ruleVersion])),
    overrides: reads.overrides,
  };
}

/**
 * Each update a round asks for, per lead organisation (null for an action with no lead), with what
 * has happened to it so far. One query.
 */
export async function listRoundResponses(db: Executor, partnershipId: number, roundId: number) {
  return db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      actionId: roundActions.actionId,
      status: updates.status,
      submittedAt: updates.submittedAt,
      reviewedAt: updates.reviewedAt,
      acceptedAt: updates.acceptedAt,
    })
    .from(roundActions)
    .leftJoin(actionLeads, eq(actionLeads.actionId, roundActions.actionId))
    .leftJoin(organisations, eq(organisations.id, actionLeads.organisationId))
    .leftJoin(
      updates,
      and(eq(updates.roundId, roundActions.roundId), eq(updates.actionId, roundActions.actionId)),
    )
    .where(and(eq(roundActions.partnershipId, partnershipId), eq(roundActions.roundId, roundId)))
    .orderBy(asc(organisations.name), asc(organisations.id), asc(roundActions.actionId));
}
