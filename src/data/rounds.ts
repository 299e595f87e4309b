import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import {
  actionLeads,
  actionPlans,
  actions,
  commitments,
  memberships,
  partnerships,
  priorities,
  roundActions,
  rounds,
  updates,
  users,
} from "../db/schema.ts";
import { commitmentColumns, leadsOf, priorityColumns } from "./action-plans.ts";

export type RoundRow = typeof rounds.$inferSelect;
export type RoundInsert = typeof rounds.$inferInsert;

/** A round with its action plan, in one query. */
export async function findRoundWithPlan(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select({ round: rounds, plan: actionPlans })
    .from(rounds)
    .innerJoin(actionPlans, eq(actionPlans.id, rounds.actionPlanId))
    .where(and(eq(rounds.partnershipId, partnershipId), eq(rounds.id, id)));
  return row;
}

export async function findRound(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(rounds)
    .where(and(eq(rounds.partnershipId, partnershipId), eq(rounds.id, id)));
  return row;
}

/** A round with the same name (any case) in the partnership, to refuse a duplicate or a retried open. */
export async function findRoundByName(db: Executor, partnershipId: number, name: string) {
  const [row] = await db
    .select()
    .from(rounds)
    .where(
      and(eq(rounds.partnershipId, partnershipId), eq(sql`lower(${rounds.name})`, name.trim().toLowerCase())),
    );
  return row;
}

/**
 * Newest first, with the plan's name and how many updates are owed, submitted and accepted. Three
 * queries, one after the other (`db` may be a transaction); each reaches round_actions and updates
 * through the partnership's rounds, so it reads only this partnership's rows.
 */
export async function listRounds(db: Executor, partnershipId: number) {
  const rows = await db
    .select({ round: rounds, planName: actionPlans.name })
    .from(rounds)
    .innerJoin(actionPlans, eq(actionPlans.id, rounds.actionPlanId))
    .where(and(eq(rounds.partnershipId, partnershipId), eq(actionPlans.partnershipId, partnershipId)))
    .orderBy(desc(rounds.openedAt), desc(rounds.id));
  const owed = await db
    .select({ roundId: roundActions.roundId, n: count() })
    .from(roundActions)
    .innerJoin(rounds, eq(rounds.id, roundActions.roundId))
    .where(and(eq(rounds.partnershipId, partnershipId), eq(roundActions.partnershipId, partnershipId)))
    .groupBy(roundActions.roundId);
  const states = await db
    .select({ roundId: updates.roundId, status: updates.status, n: count() })
    .from(updates)
    .innerJoin(rounds, eq(rounds.id, updates.roundId))
    .innerJoin(
      roundActions,
      and(eq(roundActions.roundId, updates.roundId), eq(roundActions.actionId, updates.actionId)),
    )
    .where(and(eq(rounds.partnershipId, partnershipId), eq(updates.partnershipId, partnershipId)))
    .groupBy(updates.roundId, updates.status);
  const owedBy = new Map(owed.map((o) => [o.roundId, Number(o.n)]));
  const stateCount = (roundId: number, status: string) =>
    Number(states.find((s) => s.roundId === roundId && s.status === status)?.n ?? 0);
  return rows.map(({ round, planName }) => ({
    round,
    planName,
    owed: owedBy.get(round.id) ?? 0,
    submitted: stateCount(round.id, "submitted"),
    accepted: stateCount(round.id, "accepted"),
  }));
}

/** Open rounds (status open), newest first. */
export async function listOpenRounds(db: Executor, partnershipId: number) {
  return db
    .select()
    .from(rounds)
    .where(and(eq(rounds.partnershipId, partnershipId), eq(rounds.status, "open")))
    .orderBy(desc(rounds.openedAt), desc(rounds.id));
}

export async function insertRound(db: Executor, values: RoundInsert) {
  const [row] = await db.insert(rounds).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function insertRoundActions(
  db: Executor,
  partnershipId: number,
  roundId: number,
  actionIds: number[],
) {
  if (actionIds.length === 0) return;
  await db
    .insert(roundActions)
    .values(actionIds.map((actionId) => ({ partnershipId, roundId, actionId })))
    .onConflictDoNothing();
}

/**
 * A round and one action with its commitment, priority and lead organisations, and whether the round
 * asks about it, in one query. Undefined when the round is not the partnership's; `action` is null
 * when the action is not.
 */
export async function findRoundAction(
  db: Executor,
  partnershipId: number,
  roundId: number,
  actionId: number,
) {
  const [row] = await db
    .select({
      round: rounds,
      action: actions,
      commitment: commitmentColumns,
      priority: priorityColumns,
      leads: leadsOf(actions.id, actions.partnershipId),
      inRound: sql<boolean>`${roundActions.actionId} is not null`,
    })
    .from(rounds)
    .leftJoin(actions, and(eq(actions.partnershipId, partnershipId), eq(actions.id, actionId)))
    .leftJoin(commitments, eq(commitments.id, actions.commitmentId))
    .leftJoin(priorities, eq(priorities.id, commitments.priorityId))
    .leftJoin(
      roundActions,
      and(
        eq(roundActions.partnershipId, partnershipId),
        eq(roundActions.roundId, rounds.id),
        eq(roundActions.actionId, actions.id),
      ),
    )
    .where(and(eq(rounds.partnershipId, partnershipId), eq(rounds.id, roundId)));
  return row;
}

/**
 * The actions a round asks about, in the action plan's table order, each with its commitment, its
 * priority, its lead organisations and this round's update (null when nobody has started it).
 * Workflow view: every state. One query, for any number of rounds and actions.
 */
export async function listRoundActions(
  db: Executor,
  partnershipId: number,
  roundIds: number[],
  filter: { leadOrganisationId?: number } = {},
) {
  if (roundIds.length === 0) return [];
  const conditions = [eq(roundActions.partnershipId, partnershipId), inArray(roundActions.roundId, roundIds)];
  if (filter.leadOrganisationId !== undefined) {
    conditions.push(
      inArray(
        roundActions.actionId,
        db
          .select({ id: actionLeads.actionId })
          .from(actionLeads)
          .where(
            and(
              eq(actionLeads.partnershipId, partnershipId),
              eq(actionLeads.organisationId, filter.leadOrganisationId),
            ),
          ),
      ),
    );
  }
  return db
    .select({
      roundId: roundActions.roundId,
      action: {
        id: actions.id,
        what: actions.what,
        commitmentId: actions.commitmentId,
        dueOn: actions.dueOn,
        closed: actions.closed,
      },
      commitment: { id: commitments.id, number: commitments.number, text: commitments.text },
      priority: { id: priorities.id, number: priorities.number, title: priorities.title },
      update: {
        id: updates.id,
        status: updates.status,
        rating: updates.rating,
        submittedAt: updates.submittedAt,
        acceptedAt: updates.acceptedAt,
        version: updates.version,
      },
      leads: leadsOf(actions.id, actions.partnershipId),
    })
    .from(roundActions)
    .innerJoin(actions, eq(actions.id, roundActions.actionId))
    .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
    .leftJoin(priorities, eq(priorities.id, commitments.priorityId))
    .leftJoin(
      updates,
      and(eq(updates.roundId, roundActions.roundId), eq(updates.actionId, roundActions.actionId)),
    )
    .where(and(...conditions))
    .orderBy(
      asc(roundActions.roundId),
      asc(priorities.position),
      asc(commitments.position),
      asc(actions.position),
      asc(actions.id),
    );
}

/** Actions of a plan with their commitment and priority, for choosing which need an update. */
export async function listPlanActions(db: Executor, partnershipId: number, actionPlanId: number) {
  return db
    .select({
      action: { id: actions.id, what: actions.what, closed: actions.closed },
      commitment: { id: commitments.id, number: commitments.number },
      priority: { id: priorities.id, number: priorities.number, title: priorities.title },
    })
    .from(actions)
    .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
    .leftJoin(priorities, eq(priorities.id, commitments.priorityId))
    .where(and(eq(actions.partnershipId, partnershipId), eq(actions.actionPlanId, actionPlanId)))
    .orderBy(asc(priorities.position), asc(commitments.position), asc(actions.position), asc(actions.id));
}

/** The editors of the given organisations: the people asked for updates. */
export async function listEditorsOf(db: Executor, partnershipId: number, organisationIds: number[]) {
  if (organisationIds.length === 0) return [];
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      organisationId: memberships.organisationId,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.partnershipId, partnershipId),
        eq(memberships.role, "editor"),
        inArray(memberships.organisationId, organisationIds),
      ),
    )
    .orderBy(asc(users.id));
}

/**
 * Locks the partnership's row for the rest of the transaction and returns its name and slug. Opening
 * rounds takes this lock so that two opens at once (a double click, a retry) run one after the other
 * and the second sees the first's round.
 */
export async function lockPartnership(db: Executor, partnershipId: number) {
  const [row] = await db
    .select({ id: partnerships.id, name: partnerships.name, slug: partnerships.slug })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId))
    .for("update");
  return row;
}

/** The partnership's name and slug, for e-mails and links. */
export async function partnershipRef(db: Executor, partnershipId: number) {
  const [row] = await db
    .select({ id: partnerships.id, name: partnerships.name, slug: partnerships.slug })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row;
}
