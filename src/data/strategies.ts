import { and, asc, eq, inArray, max, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database.ts";
import {
  actionLeads,
  actionPlans,
  actions,
  commitmentLinks,
  commitments,
  organisations,
  priorities,
  strategies,
} from "../db/schema.ts";

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

/**
 * A strategy's commitments in order, each with its number of actions across every action plan of the
 * strategy and the ids of the commitments it cross-references (in their order in the strategy). One
 * query, whatever the number of commitments.
 */
export async function listCommitmentsWithLinks(db: Executor, partnershipId: number, strategyId: number) {
  const counted = db
    .select({ n: sql<number>`count(*)::int`.as("action_count") })
    .from(actions)
    .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
    .where(and(eq(actions.commitmentId, commitments.id), eq(actionPlans.strategyId, commitments.strategyId)))
    .as("counted");
  const target = alias(commitments, "see_also");
  const linked = db
    .select({
      ids: sql<
        number[]
      >`coalesce(array_agg(${commitmentLinks.toCommitmentId} order by ${target.position}, ${target.id}), '{}')`.as(
        "see_also_ids",
      ),
    })
    .from(commitmentLinks)
    .innerJoin(target, eq(target.id, commitmentLinks.toCommitmentId))
    .where(
      and(
        eq(commitmentLinks.partnershipId, commitments.partnershipId),
        eq(commitmentLinks.fromCommitmentId, commitments.id),
      ),
    )
    .as("linked");
  const rows = await db
    .select({ commitment: commitments, actionCount: counted.n, seeAlsoIds: linked.ids })
    .from(commitments)
    .leftJoinLateral(counted, sql`true`)
    .leftJoinLateral(linked, sql`true`)
    .where(and(eq(commitments.partnershipId, partnershipId), eq(commitments.strategyId, strategyId)))
    .orderBy(asc(commitments.position), asc(commitments.id));
  return rows.map((r) => ({
    commitment: r.commitment,
    actionCount: Number(r.actionCount ?? 0),
    seeAlsoIds: r.seeAlsoIds ?? [],
  }));
}

/** A commitment with its strategy and its priority (null when it has none), in one query. */
export async function findCommitmentWithContext(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select({ commitment: commitments, strategy: strategies, priority: priorities })
    .from(commitments)
    .innerJoin(strategies, eq(strategies.id, commitments.strategyId))
    .leftJoin(priorities, eq(priorities.id, commitments.priorityId))
    .where(and(eq(commitments.partnershipId, partnershipId), eq(commitments.id, id)));
  return row;
}

/**
 * The commitments a commitment cross-references ("see also") and those that cross-reference it, with
 * the other commitment's row, in strategy order. One query.
 */
export async function listLinkedCommitments(db: Executor, partnershipId: number, commitmentId: number) {
  return db
    .select({
      direction: sql<
        "to" | "from"
      >`case when ${commitmentLinks.fromCommitmentId} = ${commitmentId} then 'to' else 'from' end`,
      commitment: commitments,
    })
    .from(commitmentLinks)
    .innerJoin(
      commitments,
      or(
        and(
          eq(commitmentLinks.fromCommitmentId, commitmentId),
          eq(commitments.id, commitmentLinks.toCommitmentId),
        ),
        and(
          eq(commitmentLinks.toCommitmentId, commitmentId),
          eq(commitments.id, commitmentLinks.fromCommitmentId),
        ),
      ),
    )
    .where(
      and(
        eq(commitmentLinks.partnershipId, partnershipId),
        eq(commitments.partnershipId, partnershipId),
        or(
          eq(commitmentLinks.fromCommitmentId, commitmentId),
          eq(commitmentLinks.toCommitmentId, commitmentId),
        ),
      ),
    )
    .orderBy(asc(commitments.position), asc(commitments.id));
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

/**
 * Which organisations lead actions on each of a strategy's commitments, in any of its action plans:
 * for filtering the strategy page by lead organisation. One query.
 */
export async function listCommitmentLeads(db: Executor, partnershipId: number, strategyId: number) {
  return db
    .selectDistinct({
      commitmentId: actions.commitmentId,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(actions)
    .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
    .innerJoin(actionLeads, eq(actionLeads.actionId, actions.id))
    .innerJoin(organisations, eq(organisations.id, actionLeads.organisationId))
    .where(and(eq(actions.partnershipId, partnershipId), eq(actionPlans.strategyId, strategyId)))
    .orderBy(asc(organisations.name));
}
