import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import {
  actionLeads,
  actionPlans,
  actions,
  commitments,
  milestones,
  organisations,
  priorities,
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

/** Actions with their commitment and priority, for a plan or a commitment, in table order. */
export async function listActionsWithContext(
  db: Executor,
  partnershipId: number,
  filter: { actionPlanId?: number; commitmentId?: number },
) {
  const conditions = [eq(actions.partnershipId, partnershipId)];
  if (filter.actionPlanId !== undefined) conditions.push(eq(actions.actionPlanId, filter.actionPlanId));
  if (filter.commitmentId !== undefined) conditions.push(eq(actions.commitmentId, filter.commitmentId));
  return db
    .select({
      action: actions,
      commitment: {
        id: commitments.id,
        number: commitments.number,
        text: commitments.text,
        position: commitments.position,
      },
      priority: {
        id: priorities.id,
        number: priorities.number,
        title: priorities.title,
        outcome: priorities.outcome,
        position: priorities.position,
      },
      plan: { id: actionPlans.id, name: actionPlans.name, startsOn: actionPlans.startsOn },
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

export interface LeadRef {
  id: number;
  name: string;
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

export async function nextActionPosition(db: Executor, actionPlanId: number): Promise<number> {
  const [row] = await db
    .select({ max: max(actions.position) })
    .from(actions)
    .where(eq(actions.actionPlanId, actionPlanId));
  return (row?.max ?? 0) + 1;
}
