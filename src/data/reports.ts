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

export async function findPartnershipForReport(db: Executor, partnershipId: number) {
  const [row] = await db
    .select({ id: partnerships.id, slug: partnerships.slug, name: partnerships.name })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row;
}

/** What the reports page offers: every strategy, action plan and round of the partnership, in order. */
export async function listReportChoices(db: Executor, partnershipId: number) {
  const [strategyRows, planRows, roundRows] = await Promise.all([
    db
      .select({
        id: strategies.id,
        title: strategies.title,
        startYear: strategies.startYear,
        endYear: strategies.endYear,
        framework: strategies.framework,
        itemLabel: strategies.itemLabel,
      })
      .from(strategies)
      .where(eq(strategies.partnershipId, partnershipId))
      .orderBy(asc(strategies.startYear), asc(strategies.id)),
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
    db
      .select({
        id: rounds.id,
        name: rounds.name,
        actionPlanId: rounds.actionPlanId,
        strategyId: actionPlans.strategyId,
        openedAt: rounds.openedAt,
      })
      .from(rounds)
      .innerJoin(actionPlans, eq(actionPlans.id, rounds.actionPlanId))
      .where(eq(rounds.partnershipId, partnershipId))
      .orderBy(asc(rounds.openedAt), asc(rounds.id)),
  ]);
  return { strategies: strategyRows, plans: planRows, rounds: roundRows };
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

/** Everything that happened to a strategy's ratings and progress before `before`. Five queries. */
export async function loadStrategyHistory(
  db: Executor,
  partnershipId: number,
  strategyId: number,
  before: Date,
): Promise<StrategyHistory> {
  const inStrategy = and(
    eq(actionPlans.partnershipId, partnershipId),
    eq(actionPlans.strategyId, strategyId),
  );
  const [roundRows, actionRows, updateRows, ratingRows, overrideRows] = await Promise.all([
    db
      .select({
        id: rounds.id,
        name: rounds.name,
        actionPlanId: rounds.actionPlanId,
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
      .where(and(eq(rounds.partnershipId, partnershipId), inStrategy, lt(rounds.openedAt, before)))
      .orderBy(asc(rounds.openedAt), asc(rounds.id)),
    db
      .select({ id: actions.id, commitmentId: actions.commitmentId, actionPlanId: actions.actionPlanId })
      .from(actions)
      .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
      .where(and(eq(actions.partnershipId, partnershipId), inStrategy))
      .orderBy(asc(actions.position), asc(actions.id)),
    db
      .select({
        id: updates.id,
        roundId: updates.roundId,
        actionId: updates.actionId,
        rating: updates.rating,
        narrative: updates.narrative,
        toNote: updates.toNote,
        acceptedAt: updates.acceptedAt,
        organisationName: organisations.name,
      })
      .from(updates)
      .innerJoin(rounds, eq(rounds.id, updates.roundId))
      .innerJoin(actionPlans, eq(actionPlans.id, rounds.actionPlanId))
      .leftJoin(organisations, eq(organisations.id, updates.authorOrganisationId))
      .where(
        and(
          eq(updates.partnershipId, partnershipId),
          inStrategy,
          eq(updates.status, "accepted"),
          lt(updates.acceptedAt, before),
          lt(rounds.openedAt, before),
        ),
      )
      .orderBy(asc(rounds.periodEnd), asc(rounds.openedAt), asc(updates.acceptedAt), asc(updates.id)),
    db
      .select({
        roundId: commitmentRatings.roundId,
        commitmentId: commitmentRatings.commitmentId,
        ruleVersion: commitmentRatings.ruleVersion,
      })
      .from(commitmentRatings)
      .innerJoin(rounds, eq(rounds.id, commitmentRatings.roundId))
      .innerJoin(actionPlans, eq(actionPlans.id, rounds.actionPlanId))
      .where(and(eq(commitmentRatings.partnershipId, partnershipId), inStrategy)),
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
          eq(commitments.strategyId, strategyId),
          lt(ratingOverrides.createdAt, before),
        ),
      )
      .orderBy(asc(ratingOverrides.createdAt), asc(ratingOverrides.id)),
  ]);
  return {
    rounds: roundRows,
    actions: actionRows,
    // acceptedAt is never null here (the query filters on it); the type does not know that.
    updates: updateRows.flatMap((u) => (u.acceptedAt ? [{ ...u, acceptedAt: u.acceptedAt }] : [])),
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
