// What a commitment's effective rating is read from: its latest stored derived rating (with the round
// it counts as coming from), its latest override entry, and the partnership's latest round (the round
// pages are about). Set-based: one query for one commitment or every commitment of a strategy.

import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/database.ts";
import {
  actionPlans,
  actions,
  commitmentRatings,
  commitments,
  ratingOverrides,
  rounds,
  users,
} from "../../db/schema.ts";
import { found } from "../permissions.ts";
import type { StoredOverride } from "./effective.ts";

export async function requireCommitment(ex: Executor, pid: number, commitmentId: number) {
  const [row] = await ex
    .select({ id: commitments.id, strategyId: commitments.strategyId, number: commitments.number })
    .from(commitments)
    .where(and(eq(commitments.partnershipId, pid), eq(commitments.id, commitmentId)));
  return found(row, "That commitment");
}

/**
 * What a commitment's effective rating is made of, for one commitment or every commitment of a
 * strategy, in one query: the latest stored derived rating (from the latest round that rated it,
 * with the last round of that round's action plan: the round the rating counts as coming from, so
 * that a commitment rated by the current plan is "rated in" the latest round even before its own
 * update in it is accepted, while one the current plan does not rate is "from Q4 2024/25"),
 * the latest override entry (a cleared one included, with rating null) and, when asked, how many
 * actions it has in the latest action plan that has any for it (the "not yet rated" count of a
 * commitment no round has rated. WHY not derive from []: that would say the commitment "has no
 * actions" when it has some that are simply not rated yet).
 */
export async function ratingBasis(
  ex: Executor,
  /** One partnership, or several at once (the region's summary: one query for all of them). */
  pid: number | readonly number[],
  where: { commitmentId: number } | { strategyId: number } | { strategyIds: readonly number[] },
  options: { unrated: boolean },
) {
  const overrideRound = alias(rounds, "override_round");
  const stored = ex
    .select({
      derivedRating: commitmentRatings.derivedRating,
      ruleVersion: commitmentRatings.ruleVersion,
      explanation: commitmentRatings.explanation,
      roundName: sql<string>`${rounds.name}`.as("stored_round_name"),
      ratingRoundId: sql<number>`(
        select pr.id from ${rounds} pr
        where pr.partnership_id = ${rounds.partnershipId} and pr.action_plan_id = ${rounds.actionPlanId}
        order by pr.opened_at desc, pr.id desc limit 1
      )`.as("rating_round_id"),
      ratingRoundName: sql<string>`(
        select pr.name from ${rounds} pr
        where pr.partnership_id = ${rounds.partnershipId} and pr.action_plan_id = ${rounds.actionPlanId}
        order by pr.opened_at desc, pr.id desc limit 1
      )`.as("rating_round_name"),
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
      roundId: sql<number | null>`${overrideRound.id}`.as("override_round_id"),
      roundName: sql<string | null>`${overrideRound.name}`.as("override_round_name"),
      found: sql<boolean>`true`.as("override_found"),
    })
    .from(ratingOverrides)
    .leftJoin(users, eq(users.id, ratingOverrides.userId))
    .leftJoin(overrideRound, eq(overrideRound.id, ratingOverrides.roundId))
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
      partnershipId: commitments.partnershipId,
      number: commitments.number,
      priorityId: commitments.priorityId,
      derivedRating: stored.derivedRating,
      ruleVersion: stored.ruleVersion,
      explanation: stored.explanation,
      roundName: stored.roundName,
      ratingRoundId: stored.ratingRoundId,
      ratingRoundName: stored.ratingRoundName,
      overrideFound: override.found,
      overrideRating: override.rating,
      overrideReason: override.reason,
      overrideAt: override.createdAt,
      overrideBy: override.by,
      overrideRoundId: override.roundId,
      overrideRoundName: override.roundName,
      unrated,
    })
    .from(commitments)
    .leftJoinLateral(stored, sql`true`)
    .leftJoinLateral(override, sql`true`)
    .where(
      and(
        typeof pid === "number"
          ? eq(commitments.partnershipId, pid)
          : inArray(commitments.partnershipId, [...pid]),
        "commitmentId" in where
          ? eq(commitments.id, where.commitmentId)
          : "strategyId" in where
            ? eq(commitments.strategyId, where.strategyId)
            : inArray(commitments.strategyId, [...where.strategyIds]),
      ),
    )
    .orderBy(asc(commitments.position), asc(commitments.id));
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnershipId,
    number: r.number,
    priorityId: r.priorityId,
    stored:
      r.derivedRating === null || r.ruleVersion === null || r.explanation === null || r.roundName === null
        ? undefined
        : {
            derivedRating: r.derivedRating,
            ruleVersion: r.ruleVersion,
            explanation: r.explanation,
            roundName: r.roundName,
            ratingRound: { id: Number(r.ratingRoundId), name: r.ratingRoundName ?? r.roundName },
          },
    override:
      r.overrideFound && r.overrideReason !== null && r.overrideAt !== null
        ? {
            rating: r.overrideRating,
            reason: r.overrideReason,
            createdAt: r.overrideAt,
            by: r.overrideBy,
            round:
              r.overrideRoundId === null || r.overrideRoundName === null
                ? null
                : { id: Number(r.overrideRoundId), name: r.overrideRoundName },
          }
        : undefined,
    unrated: Number(r.unrated),
  }));
}

/** The latest override entry of each commitment (a cleared one included, with rating null). */
export async function latestOverrides(
  ex: Executor,
  pid: number,
  commitmentIds: number[],
): Promise<Map<number, Omit<StoredOverride, "round">>> {
  if (commitmentIds.length === 0) return new Map();
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
    .where(and(eq(ratingOverrides.partnershipId, pid), inArray(ratingOverrides.commitmentId, commitmentIds)))
    .orderBy(ratingOverrides.commitmentId, desc(ratingOverrides.createdAt), desc(ratingOverrides.id));
  return new Map(rows.map((r) => [r.commitmentId, r]));
}

/** The partnership's latest round (the round pages are about), with its plan's name and strategy. */
export async function latestRound(ex: Executor, pid: number) {
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
