import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { actions, commitmentRatings, commitments, organisations, rounds, updates } from "../db/schema.ts";
import type { TokenActor } from "./actor.ts";
import { NotFoundError } from "./errors.ts";

// What the API tells a token about update rounds: the rounds, their updates and the derived commitment
// ratings with the rule version that made each. Only accepted updates, unless the coordinator let this
// token read drafts (`waymark token create --include-drafts`).

export function createUpdateFeedService(db: Db) {
  async function requireRound(actor: TokenActor, roundId: number) {
    const [round] = await db
      .select()
      .from(rounds)
      .where(and(eq(rounds.partnershipId, actor.partnershipId), eq(rounds.id, roundId)));
    if (!round) throw new NotFoundError("That round");
    return round;
  }

  return {
    rounds: (actor: TokenActor) =>
      db
        .select()
        .from(rounds)
        .where(eq(rounds.partnershipId, actor.partnershipId))
        .orderBy(desc(rounds.openedAt), desc(rounds.id)),

    async updates(actor: TokenActor, roundId: number) {
      const round = await requireRound(actor, roundId);
      const statuses = actor.allowDrafts
        ? (["draft", "submitted", "returned", "accepted"] as const)
        : (["accepted"] as const);
      const rows = await db
        .select({
          update: updates,
          commitmentId: actions.commitmentId,
          organisation: { id: organisations.id, name: organisations.name },
        })
        .from(updates)
        .innerJoin(actions, eq(actions.id, updates.actionId))
        .leftJoin(organisations, eq(organisations.id, updates.authorOrganisationId))
        .where(
          and(
            eq(updates.partnershipId, actor.partnershipId),
            eq(updates.roundId, roundId),
            inArray(updates.status, [...statuses]),
          ),
        )
        .orderBy(asc(updates.actionId));
      return { round, rows, includesDrafts: actor.allowDrafts };
    },

    async ratings(actor: TokenActor, roundId: number) {
      const round = await requireRound(actor, roundId);
      const rows = await db
        .select({ rating: commitmentRatings, number: commitments.number })
        .from(commitmentRatings)
        .innerJoin(commitments, eq(commitments.id, commitmentRatings.commitmentId))
        .where(
          and(
            eq(commitmentRatings.partnershipId, actor.partnershipId),
            eq(commitmentRatings.roundId, roundId),
          ),
        )
        .orderBy(asc(commitments.position));
      return { round, rows };
    },
  };
}

export type UpdateFeedService = ReturnType<typeof createUpdateFeedService>;
