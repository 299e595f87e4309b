// Queries for the board pack (src/reports). Set-based: a report costs the same handful of queries
// however many commitments, actions and updates it covers. History is read "as at" an instant: only
// rounds opened, updates accepted and overrides made before it, so a report for a past date can be
// made again, exactly, at any later time.

import { and, asc, eq, lt } from "drizzle-orm";
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
  /** The roll-up rule version stored with each round's derived rating: `${roundId}:${commitmentId}`. */
  ruleVersions: Map<string, string>;
  /** Overrides made before the instant, oldest first (clearing entries included, rating null). */
  overrides: HistoryOverride[];
}

/**
 * Everything that happened to a strategy's ratings and progress before `before`. `partnershipRounds`
 * are the partnership's rounds, oldest first, as listReportChoices reads them: the strategy's are
 * picked from them rather than read again. Four queries, read together.
 */
export async function loadStrategyHistory(
  db: Executor,
  partnershipId: number,
  strategyId: number,
  before: Date,
  partnershipRounds: readonly (HistoryRound & { strategyId: number })[],
): Promise<StrategyHistory> {
  const inStrategy = and(
    eq(actionPlans.partnershipId, partnershipId),
    eq(actionPlans.strategyId, strategyId),
  );
  const roundRows = partnershipRounds
    .filter((r) => r.strategyId === strategyId && r.openedAt < before)
    .map(({ strategyId: _, ...round }) => round);
  const [actionRows, updateRows, organisationRows, ratingRows, overrideRows] = await readTogether(db, [
    () =>
      db
        .select({ id: actions.id, commitmentId: actions.commitmentId, actionPlanId: actions.actionPlanId })
        .from(actions)
        .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
        .where(and(eq(actions.partnershipId, partnershipId), inStrategy))
        .orderBy(asc(actions.position), asc(actions.id)),
    () =>
      db
        .select({
          id: updates.id,
          roundId: updates.roundId,
          actionId: updates.actionId,
          rating: updates.rating,
          narrative: updates.narrative,
          toNote: updates.toNote,
          acceptedAt: updates.acceptedAt,
          organisationId: updates.authorOrganisationId,
        })
        .from(updates)
        .innerJoin(rounds, eq(rounds.id, updates.roundId))
        .innerJoin(actionPlans, eq(actionPlans.id, rounds.actionPlanId))
        .where(
          and(
            eq(updates.partnershipId, partnershipId),
            eq(rounds.partnershipId, partnershipId),
            inStrategy,
            eq(updates.status, "accepted"),
            lt(updates.acceptedAt, before),
            lt(rounds.openedAt, before),
          ),
        ),
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
        .innerJoin(rounds, eq(rounds.id, commitmentRatings.roundId))
        .innerJoin(actionPlans, eq(actionPlans.id, rounds.actionPlanId))
        .where(
          and(
            eq(commitmentRatings.partnershipId, partnershipId),
            eq(rounds.partnershipId, partnershipId),
            inStrategy,
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
  // In the order progress is told: by the round's period, the round, then acceptance. Sorted here
  // rather than by the database, which would sort every update's text along with it; each update
  // gets a numeric key first, so the comparisons are cheap.
  const byPeriod = roundRows
    .map((r, rank) => ({ id: r.id, periodEnd: r.periodEnd, rank }))
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : a.rank - b.rank));
  const roundOrder = new Map(byPeriod.map((r, i) => [r.id, i]));
  const organisationName = new Map(organisationRows.map((o) => [o.id, o.name]));
  const keyed: { round: number; accepted: number; update: HistoryUpdate }[] = [];
  for (const u of updateRows) {
    // acceptedAt is never null here (the query filters on it); the type does not know that.
    if (!u.acceptedAt) continue;
    const organisation = u.organisationId === null ? undefined : organisationName.get(u.organisationId);
    keyed.push({
      round: roundOrder.get(u.roundId) ?? -1,
      accepted: u.acceptedAt.getTime(),
      update: {
        id: u.id,
        roundId: u.roundId,
        actionId: u.actionId,
        rating: u.rating,
        narrative: u.narrative,
        toNote: u.toNote,
        acceptedAt: u.acceptedAt,
        organisationName: organisation ?? null,
      },
    });
  }
  keyed.sort((a, b) => a.round - b.round || a.accepted - b.accepted || a.update.id - b.update.id);
  const history = keyed.map((k) => k.update);
  return {
    rounds: roundRows,
    actions: actionRows,
    updates: history,
    ruleVersions: new Map(ratingRows.map((r) => [`${r.roundId}:${r.commitmentId}`, r.ruleVersion])),
    overrides: overrideRows,
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
