import { and, eq, inArray } from "drizzle-orm";
import { nextActionPosition } from "../data/action-plans.ts";
import type { Executor } from "../db/database.ts";
import { actionPlans, actions, roundActions, rounds, updates } from "../db/schema.ts";
import { financialYearEnd, financialYearStart, formatFinancialYear } from "../domain/periods.ts";
import type { HistoricalUpdate } from "../imports/review-history.ts";
import { insertActionPlan } from "./action-plan-service.ts";
import { recomputeFromRound } from "./rating-engine.ts";
import type { Work } from "./unit-of-work.ts";

// The past progress of a strategy review appendix (imports/review-history.ts), written inside the
// framework import's transaction as the history Waymark would have recorded: for each year named, the
// strategy's action plan for that financial year (created when there is none), a closed round
// "Strategy review 2018/19" at the year's end, and for each commitment an action "Progress reported in
// the strategy review" with one accepted update carrying the progress and its rating. Ratings are then
// derived for those rounds as for any accepted update. Importing the same review again adds nothing.

export const HISTORY_ACTION = "Progress reported in the strategy review";

export async function writeHistory(
  work: Work,
  pid: number,
  strategyId: number,
  history: HistoricalUpdate[],
  commitmentIds: Map<string, number>,
): Promise<number> {
  const { tx } = work;
  let written = 0;
  const idOf = (h: HistoricalUpdate) =>
    h.commitment.kind === "existing"
      ? h.commitment.id
      : commitmentIds.get(h.commitment.number.toLowerCase())!;
  for (const startYear of [...new Set(history.map((h) => h.startYear))].sort()) {
    const fy = { startYear };
    const startsOn = financialYearStart(fy);
    const endsOn = financialYearEnd(fy);
    const yearEnd = new Date(`${endsOn}T12:00:00Z`);
    const [existingPlan] = await tx
      .select()
      .from(actionPlans)
      .where(
        and(
          eq(actionPlans.partnershipId, pid),
          eq(actionPlans.strategyId, strategyId),
          eq(actionPlans.startsOn, startsOn),
        ),
      );
    const plan =
      existingPlan ??
      (await insertActionPlan(work, pid, strategyId, {
        name: formatFinancialYear(fy, "dash"),
        startsOn,
        endsOn,
      }));
    const name = `Strategy review ${formatFinancialYear(fy)}`;
    const [existingRound] = await tx
      .select()
      .from(rounds)
      .where(and(eq(rounds.partnershipId, pid), eq(rounds.actionPlanId, plan.id), eq(rounds.name, name)));
    const round =
      existingRound ??
      (
        await tx
          .insert(rounds)
          .values({
            partnershipId: pid,
            actionPlanId: plan.id,
            name,
            periodStart: startsOn,
            periodEnd: endsOn,
            deadline: endsOn,
            status: "closed",
            // At the year's end, so rounds stay in order of the year they report on.
            openedAt: yearEnd,
            closedAt: yearEnd,
          })
          .returning()
      )[0]!;
    const ofYear = history.filter((h) => h.startYear === startYear);
    const commitmentsOfYear = [...new Set(ofYear.map(idOf))];
    const planActions = await tx
      .select({ id: actions.id, commitmentId: actions.commitmentId })
      .from(actions)
      .where(
        and(
          eq(actions.partnershipId, pid),
          eq(actions.actionPlanId, plan.id),
          eq(actions.what, HISTORY_ACTION),
          inArray(actions.commitmentId, commitmentsOfYear),
        ),
      );
    let position = await nextActionPosition(tx, plan.id);
    for (const h of ofYear) {
      const commitmentId = idOf(h);
      let action = planActions.find((a) => a.commitmentId === commitmentId);
      if (!action) {
        [action] = await tx
          .insert(actions)
          .values({
            partnershipId: pid,
            actionPlanId: plan.id,
            commitmentId,
            what: HISTORY_ACTION,
            how: "",
            position: position++,
          })
          .returning({ id: actions.id, commitmentId: actions.commitmentId });
        planActions.push(action!);
      }
      await tx
        .insert(roundActions)
        .values({ partnershipId: pid, roundId: round.id, actionId: action!.id })
        .onConflictDoNothing();
      const inserted = await tx
        .insert(updates)
        .values({
          partnershipId: pid,
          roundId: round.id,
          actionId: action!.id,
          status: "accepted",
          rating: h.rating,
          narrative: h.narrative,
          submittedAt: yearEnd,
          reviewedAt: yearEnd,
          acceptedAt: yearEnd,
        })
        .onConflictDoNothing()
        .returning({ id: updates.id });
      written += inserted.length;
    }
    await recomputeFromRound(tx, pid, round.id, commitmentsOfYear);
  }
  return written;
}

/**
 * The review's progress less what Waymark already holds: a commitment with an accepted update in
 * that year's plan already has its history (from a round, or an earlier import of the review), so
 * Waymark's own strategy review export imported back records nothing twice.
 */
export async function unrecordedHistory(
  ex: Executor,
  pid: number,
  strategyId: number,
  history: HistoricalUpdate[],
): Promise<HistoricalUpdate[]> {
  const existing = history.filter((h) => h.commitment.kind === "existing");
  if (existing.length === 0) return history;
  const known = await ex
    .select({ commitmentId: actions.commitmentId, startsOn: actionPlans.startsOn })
    .from(updates)
    .innerJoin(actions, eq(actions.id, updates.actionId))
    .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
    .where(
      and(
        eq(updates.partnershipId, pid),
        eq(updates.status, "accepted"),
        eq(actionPlans.strategyId, strategyId),
        inArray(
          actions.commitmentId,
          existing.map((h) => (h.commitment.kind === "existing" ? h.commitment.id : 0)),
        ),
      ),
    );
  const held = new Set(known.map((k) => `${k.commitmentId}:${k.startsOn}`));
  return history.filter(
    (h) =>
      h.commitment.kind === "new" ||
      !held.has(`${h.commitment.id}:${financialYearStart({ startYear: h.startYear })}`),
  );
}
