import { and, desc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { actions, commitmentRatings, rounds, updates } from "../db/schema.ts";
import type { Rating } from "../domain/rag.ts";
import { deriveCommitmentRating } from "../domain/rollup.ts";

/**
 * Recomputes and stores the derived rating of commitments for one round: each commitment's rating is
 * derived (domain/rollup.ts) from the latest accepted rating of each of its actions in the round's
 * action plan, counting accepted updates from this round and earlier ones. The rule version is stored
 * with each row. Set-based: three queries whatever the number of commitments.
 */
export async function recomputeCommitmentRatings(
  tx: Executor,
  partnershipId: number,
  roundId: number,
  commitmentIds?: number[],
): Promise<Map<number, { rating: Rating; ruleVersion: string; explanation: string }>> {
  const [round] = await tx
    .select()
    .from(rounds)
    .where(and(eq(rounds.partnershipId, partnershipId), eq(rounds.id, roundId)));
  if (!round) throw new Error(`round ${roundId} not found`);
  const conditions = [eq(actions.partnershipId, partnershipId), eq(actions.actionPlanId, round.actionPlanId)];
  if (commitmentIds) {
    if (commitmentIds.length === 0) return new Map();
    conditions.push(inArray(actions.commitmentId, commitmentIds));
  }
  const planActions = await tx
    .select({ id: actions.id, commitmentId: actions.commitmentId })
    .from(actions)
    .where(and(...conditions));
  if (planActions.length === 0) return new Map();

  // The latest accepted update of each action, from rounds opened no later than this one.
  const latest = await tx
    .selectDistinctOn([updates.actionId], { actionId: updates.actionId, rating: updates.rating })
    .from(updates)
    .innerJoin(rounds, eq(rounds.id, updates.roundId))
    .where(
      and(
        eq(updates.partnershipId, partnershipId),
        eq(updates.status, "accepted"),
        isNotNull(updates.rating),
        inArray(
          updates.actionId,
          planActions.map((a) => a.id),
        ),
        // Compared in SQL: a JavaScript Date would drop PostgreSQL's microseconds.
        lte(rounds.openedAt, sql`(select r.opened_at from rounds r where r.id = ${roundId})`),
      ),
    )
    .orderBy(updates.actionId, desc(rounds.openedAt), desc(updates.acceptedAt));
  const ratingOf = new Map(latest.map((l) => [l.actionId, l.rating]));

  const byCommitment = new Map<number, (Rating | null)[]>();
  for (const a of planActions) {
    byCommitment.set(a.commitmentId, [
      ...(byCommitment.get(a.commitmentId) ?? []),
      ratingOf.get(a.id) ?? null,
    ]);
  }
  const results = new Map<number, { rating: Rating; ruleVersion: string; explanation: string }>();
  const rows = [...byCommitment].map(([commitmentId, ratings]) => {
    const derived = deriveCommitmentRating(ratings);
    results.set(commitmentId, {
      rating: derived.rating,
      ruleVersion: derived.ruleVersion,
      explanation: derived.explanation,
    });
    return {
      partnershipId,
      roundId,
      commitmentId,
      derivedRating: derived.rating,
      ruleVersion: derived.ruleVersion,
      explanation: derived.explanation,
    };
  });
  await tx
    .insert(commitmentRatings)
    .values(rows)
    .onConflictDoUpdate({
      target: [commitmentRatings.roundId, commitmentRatings.commitmentId],
      set: {
        derivedRating: sql`excluded.derived_rating`,
        ruleVersion: sql`excluded.rule_version`,
        explanation: sql`excluded.explanation`,
        computedAt: sql`now()`,
      },
    });
  return results;
}

/**
 * After an update is accepted in a round, that round's ratings change — and so may every later round
 * of the same plan whose action has no newer accepted update (a late acceptance in Q2 shows in Q3's
 * rating too). Recomputes the round and the later rounds of its plan, returning the round's own result.
 */
export async function recomputeFromRound(
  tx: Executor,
  partnershipId: number,
  roundId: number,
  commitmentIds: number[],
): Promise<Map<number, { rating: Rating; ruleVersion: string; explanation: string }>> {
  const own = await recomputeCommitmentRatings(tx, partnershipId, roundId, commitmentIds);
  const later = await tx
    .select({ id: rounds.id })
    .from(rounds)
    .where(
      and(
        eq(rounds.partnershipId, partnershipId),
        sql`${rounds.actionPlanId} = (select r.action_plan_id from rounds r where r.id = ${roundId})`,
        sql`${rounds.openedAt} > (select r.opened_at from rounds r where r.id = ${roundId})`,
      ),
    )
    .orderBy(rounds.openedAt);
  for (const round of later) await recomputeCommitmentRatings(tx, partnershipId, round.id, commitmentIds);
  return own;
}
