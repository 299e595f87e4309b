import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { actions, organisations, rounds, updates, users } from "../db/schema.ts";

export type UpdateRow = typeof updates.$inferSelect;
export type UpdateInsert = typeof updates.$inferInsert;

// Two kinds of query live here. The workflow ones (findUpdate, findUpdateFor) see every state, for the
// partner's form and the coordinator's review. Everything that reports progress (listAcceptedUpdates,
// previousAcceptedUpdate) filters on status = 'accepted' itself, so a draft can never leak into a
// rating, a history or a report whichever caller forgets.

export async function findUpdate(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(updates)
    .where(and(eq(updates.partnershipId, partnershipId), eq(updates.id, id)));
  return row;
}

export async function findUpdateFor(db: Executor, partnershipId: number, roundId: number, actionId: number) {
  const [row] = await db
    .select()
    .from(updates)
    .where(
      and(
        eq(updates.partnershipId, partnershipId),
        eq(updates.roundId, roundId),
        eq(updates.actionId, actionId),
      ),
    );
  return row;
}

/**
 * Inserts the first update of an action in a round, or nothing when one exists already (someone else
 * created it first). Never raises the unique violation, so the caller's transaction stays usable.
 */
export async function insertUpdateIfAbsent(db: Executor, values: UpdateInsert) {
  const [row] = await db
    .insert(updates)
    .values(values)
    .onConflictDoNothing({ target: [updates.roundId, updates.actionId] })
    .returning();
  return row;
}

/**
 * The latest accepted update of an action from a round opened before `before` (the round being
 * answered), with that round's name: its "to note" points carry forward.
 */
export async function previousAcceptedUpdate(
  db: Executor,
  partnershipId: number,
  actionId: number,
  before: { roundId: number; openedAt: Date },
) {
  const [row] = await db
    .select({ update: updates, roundName: rounds.name })
    .from(updates)
    .innerJoin(rounds, eq(rounds.id, updates.roundId))
    .where(
      and(
        eq(updates.partnershipId, partnershipId),
        eq(updates.actionId, actionId),
        eq(updates.status, "accepted"),
        lt(rounds.openedAt, before.openedAt),
      ),
    )
    .orderBy(desc(rounds.openedAt), desc(updates.acceptedAt))
    .limit(1);
  return row;
}

/**
 * Accepted updates only, newest first, with their round and the author's organisation: what ratings,
 * the commitment's history and reports are built from. Filter by actions or by commitment.
 */
export async function listAcceptedUpdates(
  db: Executor,
  partnershipId: number,
  filter: { actionIds?: number[]; commitmentId?: number },
) {
  const conditions = [eq(updates.partnershipId, partnershipId), eq(updates.status, "accepted")];
  if (filter.actionIds !== undefined) {
    if (filter.actionIds.length === 0) return [];
    conditions.push(inArray(updates.actionId, filter.actionIds));
  }
  if (filter.commitmentId !== undefined) conditions.push(eq(actions.commitmentId, filter.commitmentId));
  return db
    .select({
      update: updates,
      round: {
        id: rounds.id,
        name: rounds.name,
        periodStart: rounds.periodStart,
        periodEnd: rounds.periodEnd,
      },
      organisationName: organisations.name,
    })
    .from(updates)
    .innerJoin(rounds, eq(rounds.id, updates.roundId))
    .innerJoin(actions, eq(actions.id, updates.actionId))
    .leftJoin(organisations, eq(organisations.id, updates.authorOrganisationId))
    .where(and(...conditions))
    .orderBy(desc(rounds.periodEnd), desc(updates.acceptedAt), desc(updates.id));
}

/** Names of users (authors, reviewers) by id. */
export async function userNames(db: Executor, ids: (number | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map<number, { name: string; email: string }>();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}
