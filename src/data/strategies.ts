import { and, asc, count, eq, inArray, max, or } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { actionPlans, actions, commitmentLinks, commitments, priorities, strategies } from "../db/schema.ts";

export type StrategyRow = typeof strategies.$inferSelect;
export type PriorityRow = typeof priorities.$inferSelect;
export type CommitmentRow = typeof commitments.$inferSelect;

export async function listStrategies(db: Executor, partnershipId: number): Promise<StrategyRow[]> {
  return db
    .select()
    .from(strategies)
    .where(eq(strategies.partnershipId, partnershipId))
    .orderBy(asc(strategies.startYear), asc(strategies.id));
}

export async function findStrategy(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(strategies)
    .where(and(eq(strategies.partnershipId, partnershipId), eq(strategies.id, id)));
  return row;
}

export async function listPriorities(db: Executor, partnershipId: number, strategyId: number) {
  return db
    .select()
    .from(priorities)
    .where(and(eq(priorities.partnershipId, partnershipId), eq(priorities.strategyId, strategyId)))
    .orderBy(asc(priorities.position), asc(priorities.id));
}

export async function findPriority(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(priorities)
    .where(and(eq(priorities.partnershipId, partnershipId), eq(priorities.id, id)));
  return row;
}

export async function listCommitments(db: Executor, partnershipId: number, strategyId: number) {
  return db
    .select()
    .from(commitments)
    .where(and(eq(commitments.partnershipId, partnershipId), eq(commitments.strategyId, strategyId)))
    .orderBy(asc(commitments.position), asc(commitments.id));
}

export async function findCommitment(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(commitments)
    .where(and(eq(commitments.partnershipId, partnershipId), eq(commitments.id, id)));
  return row;
}

/** Number of actions per commitment across every action plan of a strategy, in one query. */
export async function countActionsByCommitment(db: Executor, partnershipId: number, strategyId: number) {
  const rows = await db
    .select({ commitmentId: actions.commitmentId, n: count() })
    .from(actions)
    .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
    .where(and(eq(actions.partnershipId, partnershipId), eq(actionPlans.strategyId, strategyId)))
    .groupBy(actions.commitmentId);
  return new Map(rows.map((r) => [r.commitmentId, Number(r.n)]));
}

/** Cross-references of a commitment in both directions, with the other commitment's number and text. */
export async function listLinks(db: Executor, partnershipId: number, commitmentId: number) {
  return db
    .select({
      fromCommitmentId: commitmentLinks.fromCommitmentId,
      toCommitmentId: commitmentLinks.toCommitmentId,
    })
    .from(commitmentLinks)
    .where(
      and(
        eq(commitmentLinks.partnershipId, partnershipId),
        or(
          eq(commitmentLinks.fromCommitmentId, commitmentId),
          eq(commitmentLinks.toCommitmentId, commitmentId),
        ),
      ),
    );
}

/** Every cross-reference in a strategy: from-id → to-ids. */
export async function listStrategyLinks(db: Executor, partnershipId: number, strategyId: number) {
  const rows = await db
    .select({ from: commitmentLinks.fromCommitmentId, to: commitmentLinks.toCommitmentId })
    .from(commitmentLinks)
    .innerJoin(commitments, eq(commitments.id, commitmentLinks.fromCommitmentId))
    .where(and(eq(commitmentLinks.partnershipId, partnershipId), eq(commitments.strategyId, strategyId)));
  const map = new Map<number, number[]>();
  for (const r of rows) map.set(r.from, [...(map.get(r.from) ?? []), r.to]);
  return map;
}

export async function replaceLinks(
  db: Executor,
  partnershipId: number,
  fromCommitmentId: number,
  toCommitmentIds: number[],
): Promise<void> {
  await db
    .delete(commitmentLinks)
    .where(
      and(
        eq(commitmentLinks.partnershipId, partnershipId),
        eq(commitmentLinks.fromCommitmentId, fromCommitmentId),
      ),
    );
  if (toCommitmentIds.length > 0) {
    await db
      .insert(commitmentLinks)
      .values(toCommitmentIds.map((to) => ({ partnershipId, fromCommitmentId, toCommitmentId: to })));
  }
}

export async function findCommitmentsByIds(db: Executor, partnershipId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(commitments)
    .where(and(eq(commitments.partnershipId, partnershipId), inArray(commitments.id, ids)));
}

export async function nextPosition(
  db: Executor,
  table: typeof priorities | typeof commitments,
  strategyId: number,
): Promise<number> {
  const [row] = await db
    .select({ max: max(table.position) })
    .from(table)
    .where(eq(table.strategyId, strategyId));
  return (row?.max ?? 0) + 1;
}
