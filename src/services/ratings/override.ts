// The coordinator's override of a commitment's derived rating, with a reason kept for ever.

import type { Db } from "../../db/database.ts";
import { ratingOverrides } from "../../db/schema.ts";
import { isRating } from "../../domain/rag.ts";
import type { Actor } from "../actor.ts";
import { ValidationError } from "../errors.ts";
import { partnershipOf, requireAdmin } from "../permissions.ts";
import { guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { inTransaction } from "../unit-of-work.ts";
import { latestOverrides, latestRound, requireCommitment } from "./basis.ts";
import {
  OVERRIDE_REASON_MAX,
  OVERRIDE_REASON_MESSAGES,
  OVERRIDE_REASON_MIN,
  type OverrideInput,
} from "./types.ts";

/**
 * The coordinator overrides the commitment's rating (or clears the override, rating null) with a
 * reason, kept for ever with the latest round. Admin only; audited as `rating.override`.
 */
export async function overrideRating(db: Db, actor: Actor, commitmentId: number, input: OverrideInput) {
  requireAdmin(actor);
  const reason = input.reason.trim();
  if (input.rating !== null && !isRating(input.rating)) {
    throw new ValidationError([{ field: "rating", message: "Select a rating" }]);
  }
  if (reason === "")
    throw new ValidationError([{ field: "reason", message: OVERRIDE_REASON_MESSAGES.missing }]);
  if (reason.length < OVERRIDE_REASON_MIN) {
    throw new ValidationError([{ field: "reason", message: OVERRIDE_REASON_MESSAGES.short }]);
  }
  if (reason.length > OVERRIDE_REASON_MAX) {
    throw new ValidationError([{ field: "reason", message: OVERRIDE_REASON_MESSAGES.long }]);
  }
  const flagged = guardText({ reason }, { identifiesNobody: input.identifiesNobody });
  return inTransaction(db, actor, async ({ tx, audit }) => {
    const pid = partnershipOf(actor);
    await requireCommitment(tx, pid, commitmentId);
    const previous = (await latestOverrides(tx, pid, [commitmentId])).get(commitmentId);
    const previousRating = previous?.rating ?? null;
    if (input.rating === null && previousRating === null) {
      throw new ValidationError([
        {
          field: "rating",
          message:
            "The rating is not overridden, so there is nothing to clear: select the rating it should be",
        },
      ]);
    }
    const round = await latestRound(tx, pid);
    const [row] = await tx
      .insert(ratingOverrides)
      .values({
        partnershipId: pid,
        commitmentId,
        roundId: round?.id ?? null,
        rating: input.rating,
        reason,
        userId: actor.kind === "member" ? actor.userId : null,
      })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    audit({
      partnershipId: pid,
      action: "rating.override",
      entityType: "commitment",
      entityId: commitmentId,
      before: previous ? { rating: previous.rating, reason: previous.reason } : null,
      after: { rating: row.rating, reason: row.reason, roundId: row.roundId, overrideId: row.id },
    });
    recordAcknowledgement(audit, flagged, {
      partnershipId: pid,
      entityType: "commitment",
      entityId: commitmentId,
    });
    return row;
  });
}
