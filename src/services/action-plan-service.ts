import { and, eq } from "drizzle-orm";
import * as data from "../data/action-plans.ts";
import { findOrganisationsByIds } from "../data/organisations.ts";
import { findCommitment, findStrategy } from "../data/strategies.ts";
import { updateVersioned } from "../data/versioned.ts";
import type { Db, Executor } from "../db/database.ts";
import { actionPlans, actions, milestones } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { ValidationError } from "./errors.ts";
import { canEditAction, found, partnershipOf, requireAdmin, requireCanEditAction } from "./permissions.ts";
import { unwrapUpdate } from "./strategy-service.ts";
import { inTransaction, type Work } from "./unit-of-work.ts";

export interface ActionPlanInput {
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface MilestoneInput {
  description: string;
  dueOn: string | null;
  done: boolean;
}

export interface ActionInput {
  commitmentId: number;
  what: string;
  how: string;
  leadOrganisationIds: number[];
  performanceTarget: string;
  dueOn: string | null;
  closed: boolean;
  milestones: MilestoneInput[];
}

type ActionWithContext = Awaited<ReturnType<typeof data.listActionsWithContext>>[number];

/** Groups a plan's actions under their priorities, in the order the councils' tables use. */
function groupByPriority(rows: (ActionWithContext & { canEdit: boolean })[]) {
  const groups: { priority: ActionWithContext["priority"]; rows: typeof rows }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.priority?.id === row.priority?.id) last.rows.push(row);
    else groups.push({ priority: row.priority, rows: [row] });
  }
  return groups;
}

/** Adds an action plan inside `work`'s transaction (also used by an import that creates its plan). */
export async function insertActionPlan(
  { tx, audit }: Work,
  pid: number,
  strategyId: number,
  input: ActionPlanInput,
) {
  found(await findStrategy(tx, pid, strategyId), "That strategy");
  const [row] = await tx
    .insert(actionPlans)
    .values({ ...input, strategyId, partnershipId: pid })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  audit({
    partnershipId: pid,
    action: "action-plan.create",
    entityType: "action-plan",
    entityId: row.id,
    after: row,
  });
  return row;
}

async function validateAction(ex: Executor, pid: number, plan: data.ActionPlanRow, input: ActionInput) {
  const errors = [];
  const commitment = await findCommitment(ex, pid, input.commitmentId);
  if (!commitment || commitment.strategyId !== plan.strategyId) {
    errors.push({ field: "commitmentId", message: "Select a commitment of this plan's strategy" });
  }
  const uniqueLeads = [...new Set(input.leadOrganisationIds)];
  const orgs = await findOrganisationsByIds(ex, pid, uniqueLeads);
  if (uniqueLeads.length === 0) {
    errors.push({ field: "leadOrganisationIds", message: "Select at least one organisation to lead" });
  } else if (orgs.length !== uniqueLeads.length) {
    errors.push({ field: "leadOrganisationIds", message: "Select lead organisations of this partnership" });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return uniqueLeads;
}

async function replaceMilestones(
  ex: Executor,
  partnershipId: number,
  actionId: number,
  items: MilestoneInput[],
) {
  await ex
    .delete(milestones)
    .where(and(eq(milestones.partnershipId, partnershipId), eq(milestones.actionId, actionId)));
  if (items.length > 0) {
    await ex
      .insert(milestones)
      .values(items.map((m, i) => ({ ...m, partnershipId, actionId, position: i + 1 })));
  }
}

/**
 * Adds an action to a plan inside `work`'s transaction: checks its commitment and leads, places it
 * last, writes its leads and milestones and audits it. Also the path a self-assessment's criterion
 * not met takes to become an action (services/region/assessment-actions.ts).
 */
export async function insertAction({ tx, audit }: Work, pid: number, planId: number, input: ActionInput) {
  const plan = found(await data.findActionPlan(tx, pid, planId), "That action plan");
  const leads = await validateAction(tx, pid, plan, input);
  const position = await data.nextActionPosition(tx, planId);
  const [row] = await tx
    .insert(actions)
    .values({
      partnershipId: pid,
      actionPlanId: planId,
      commitmentId: input.commitmentId,
      what: input.what,
      how: input.how,
      performanceTarget: input.performanceTarget,
      dueOn: input.dueOn,
      closed: input.closed,
      position,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  await data.replaceLeads(tx, pid, row.id, leads);
  await replaceMilestones(tx, pid, row.id, input.milestones);
  audit({
    partnershipId: pid,
    action: "action.create",
    entityType: "action",
    entityId: row.id,
    after: { ...row, leadOrganisationIds: leads, milestones: input.milestones },
  });
  return row;
}

export function createActionPlanService(db: Db) {
  async function requirePlan(ex: Executor, actor: Actor, planId: number) {
    return found(await data.findActionPlan(ex, partnershipOf(actor), planId), "That action plan");
  }

  /** Whether the actor may edit each action, from the leads its row carries. */
  function withCanEdit(actor: Actor, rows: ActionWithContext[]) {
    return rows.map((r) => ({
      ...r,
      canEdit: canEditAction(
        actor,
        r.leads.map((l) => l.id),
      ),
    }));
  }

  return {
    list: (actor: Actor, strategyId?: number) => data.listActionPlans(db, partnershipOf(actor), strategyId),

    get: (actor: Actor, planId: number) => requirePlan(db, actor, planId),

    /**
     * The plan as the councils' table: priority | what | how | who will lead | performance target.
     * Two queries, however many actions the plan has.
     */
    async table(actor: Actor, planId: number) {
      const { plan, strategy } = found(
        await data.findActionPlanWithStrategy(db, partnershipOf(actor), planId),
        "That action plan",
      );
      const rows = await data.listActionsWithContext(db, plan.partnershipId, { actionPlanId: planId });
      return {
        plan,
        strategy,
        groups: groupByPriority(withCanEdit(actor, rows)),
        count: rows.length,
      };
    },

    /** Every action that delivers a commitment, in every action plan. One query. */
    async actionsForCommitment(actor: Actor, commitmentId: number) {
      const rows = await data.listActionsWithContext(db, partnershipOf(actor), { commitmentId });
      return withCanEdit(actor, rows);
    },

    async getAction(actor: Actor, actionId: number) {
      const pid = partnershipOf(actor);
      const context = found((await data.listActionsWithContext(db, pid, { actionId }))[0], "That action");
      const { action, leads } = context;
      const milestoneRows = await data.listMilestones(db, pid, actionId);
      return {
        action,
        commitment: context.commitment,
        priority: context.priority ?? null,
        plan: context.plan,
        leads,
        milestones: milestoneRows,
        canEdit: canEditAction(
          actor,
          leads.map((l) => l.id),
        ),
      };
    },

    async create(actor: Actor, strategyId: number, input: ActionPlanInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, (work) =>
        insertActionPlan(work, partnershipOf(actor), strategyId, input),
      );
    },

    async update(actor: Actor, planId: number, expectedVersion: number, input: ActionPlanInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const { before, after } = unwrapUpdate(
          await updateVersioned(tx, actionPlans, { partnershipId: pid, id: planId, expectedVersion }, input),
          "That action plan",
        );
        audit({
          partnershipId: pid,
          action: "action-plan.update",
          entityType: "action-plan",
          entityId: planId,
          before,
          after,
        });
        return after;
      });
    },

    async createAction(actor: Actor, planId: number, input: ActionInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, (work) => insertAction(work, partnershipOf(actor), planId, input));
    },

    /**
     * Editors of a lead organisation may change the wording, target, dates and milestones of their
     * action; only the coordinator may move it to another commitment or change who leads it.
     */
    async updateAction(actor: Actor, actionId: number, expectedVersion: number, input: ActionInput) {
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await data.findAction(tx, pid, actionId), "That action");
        const currentLeads = ((await data.leadsForActions(tx, pid, [actionId])).get(actionId) ?? []).map(
          (l) => l.id,
        );
        requireCanEditAction(actor, currentLeads);
        const plan = await requirePlan(tx, actor, current.actionPlanId);
        let leads = await validateAction(tx, pid, plan, input);
        let commitmentId = input.commitmentId;
        if (actor.kind !== "system" && actor.kind === "member" && actor.role !== "admin") {
          // Not the editor's to change: keep what is there.
          leads = currentLeads;
          commitmentId = current.commitmentId;
        }
        const beforeMilestones = await data.listMilestones(tx, pid, actionId);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            actions,
            { partnershipId: pid, id: actionId, expectedVersion },
            {
              commitmentId,
              what: input.what,
              how: input.how,
              performanceTarget: input.performanceTarget,
              dueOn: input.dueOn,
              closed: input.closed,
            },
          ),
          "That action",
        );
        await data.replaceLeads(tx, pid, actionId, leads);
        await replaceMilestones(tx, pid, actionId, input.milestones);
        audit({
          partnershipId: pid,
          action: "action.update",
          entityType: "action",
          entityId: actionId,
          before: {
            ...before,
            leadOrganisationIds: currentLeads,
            milestones: beforeMilestones.map(({ description, dueOn, done }) => ({
              description,
              dueOn,
              done,
            })),
          },
          after: { ...after, leadOrganisationIds: leads, milestones: input.milestones },
        });
        return after;
      });
    },
  };
}

export type ActionPlanService = ReturnType<typeof createActionPlanService>;
