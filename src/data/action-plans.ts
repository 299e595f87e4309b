import { and, asc, eq, inArray, max, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database.ts";
import {
  actionLeads,
  actionPlans,
  actions,
  commitments,
  milestones,
  organisations,
  priorities,
  strategies,
} from "../db/schema.ts";

export type ActionPlanRow = typeof actionPlans.$inferSelect;
export type ActionRow = typeof actions.$inferSelect;
export type MilestoneRow = typeof milestones.$inferSelect;

export async function listActionPlans(db: Executor, partnershipId: number, strategyId?: number) {
  const conditions = [eq(actionPlans.partnershipId, partnershipId)];
  if (strategyId !== undefined) conditions.push(eq(actionPlans.strategyId, strategyId));
  return db
    .select()
    .from(actionPlans)
    .where(and(...conditions))
    .orderBy(asc(actionPlans.startsOn), asc(actionPlans.id));
}

/** An action plan with its strategy, in one query. */
export async function findActionPlanWithStrategy(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select({ plan: actionPlans, strategy: strategies })
    .from(actionPlans)
    .innerJoin(strategies, eq(strategies.id, actionPlans.strategyId))
    .where(and(eq(actionPlans.partnershipId, partnershipId), eq(actionPlans.id, id)));
  return row;
}

export async function findActionPlan(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(actionPlans)
    .where(and(eq(actionPlans.partnershipId, partnershipId), eq(actionPlans.id, id)));
  return row;
}

export async function findAction(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(actions)
    .where(and(eq(actions.partnershipId, partnershipId), eq(actions.id, id)));
  return row;
}

export interface LeadRef {
  id: number;
  name: string;
}

/** The commitment and priority an action serves, as action lists and the update form show them. */
export const commitmentColumns = {
  id: commitments.id,
  number: commitments.number,
  text: commitments.text,
  position: commitments.position,
};
export const priorityColumns = {
  id: priorities.id,
  number: priorities.number,
  title: priorities.title,
  outcome: priorities.outcome,
  position: priorities.position,
};

/**
 * The lead organisations of the action in the row being selected, in name order, as a column: no
 * second query per action or per page. `actionId` is the outer query's action id column.
 */
export function leadsOf(actionId: AnyPgColumn, partnershipId: AnyPgColumn): SQL<LeadRef[]> {
  return sql<LeadRef[]>`coalesce((
    select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.name, o.id)
    from ${actionLeads} al join ${organisations} o on o.id = al.organisation_id
    where al.action_id = ${actionId} and al.partnership_id = ${partnershipId}
  ), '[]'::json)`;
}

/**
 * Actions with their commitment, priority, plan and lead organisations, for a plan, a commitment or
 * one action, in table order. One query.
 */
export async function listActionsWithContext(
  db: Executor,
  partnershipId: number,
  filter: { actionPlanId?: number; commitmentId?: number; actionId?: number },
) {
  const conditions = [eq(actions.partnershipId, partnershipId)];
  if (filter.actionPlanId !== undefined) conditions.push(eq(actions.actionPlanId, filter.actionPlanId));
  if (filter.commitmentId !== undefined) conditions.push(eq(actions.commitmentId, filter.commitmentId));
  if (filter.actionId !== undefined) conditions.push(eq(actions.id, filter.actionId));
  return db
    .select({
      action: actions,
      commitment: commitmentColumns,
      priority: priorityColumns,
      plan: { id: actionPlans.id, name: actionPlans.name, startsOn: actionPlans.startsOn },
      leads: leadsOf(actions.id, actions.partnershipId),
    })
    .from(actions)
    .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
    .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
    .leftJoin(priorities, eq(priorities.id, commitments.priorityId))
    .where(and(...conditions))
    .orderBy(
      asc(actionPlans.startsOn),
      asc(priorities.position),
      asc(commitments.position),
      asc(actions.position),
      asc(actions.id),
    );
}

/** Lead organisations for many actions in one query: action id → leads in name order. */
export async function leadsForActions(db: Executor, partnershipId: number, actionIds: number[]) {
  const map = new Map<number, LeadRef[]>();
  if (actionIds.length === 0) return map;
  const rows = await db
    .select({ actionId: actionLeads.actionId, id: organisations.id, name: organisations.name })
    .from(actionLeads)
    .innerJoin(organisations, eq(organisations.id, actionLeads.organisationId))
    .where(and(eq(actionLeads.partnershipId, partnershipId), inArray(actionLeads.actionId, actionIds)))
    .orderBy(asc(organisations.name));
  for (const r of rows) map.set(r.actionId, [...(map.get(r.actionId) ?? []), { id: r.id, name: r.name }]);
  return map;
}

export async function replaceLeads(
  db: Executor,
  partnershipId: number,
  actionId: number,
  organisationIds: number[],
) {
  await db
    .delete(actionLeads)
    .where(and(eq(actionLeads.partnershipId, partnershipId), eq(actionLeads.actionId, actionId)));
  if (organisationIds.length > 0) {
    await db
      .insert(actionLeads)
      .values(organisationIds.map((organisationId) => ({ partnershipId, actionId, organisationId })));
  }
}

export async function listMilestones(db: Executor, partnershipId: number, actionId: number) {
  return db
    .select()
    .from(milestones)
    .where(and(eq(milestones.partnershipId, partnershipId), eq(milestones.actionId, actionId)))
    .orderBy(asc(milestones.position), asc(milestones.id));
}

/** The milestones of several actions in one query (a regional project's deliverables), in order. */
export async function listMilestonesOfActions(
  db: Executor,
  partnershipId: number,
  actionIds: readonly number[],
) {
  if (actionIds.length === 0) return [];
  return db
    .select()
    .from(milestones)
    .where(and(eq(milestones.partnershipId, partnershipId), inArray(milestones.actionId, [...actionIds])))
    .orderBy(asc(milestones.actionId), asc(milestones.position), asc(milestones.id));
}

export async function nextActionPosition(db: Executor, actionPlanId: number): Promise<number> {
  const [row] = await db
    .select({ max: max(actions.position) })
    .from(actions)
    .where(eq(actions.actionPlanId, actionPlanId));
  return (row?.max ?? 0) + 1;
}
