import type { Config } from "../../config.ts";
import { findAction } from "../../data/action-plans.ts";
import { findRound, partnershipRef } from "../../data/rounds.ts";
import * as data from "../../data/updates.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db, Executor } from "../../db/database.ts";
import { updates } from "../../db/schema.ts";
import { ukDateOf } from "../../domain/periods.ts";
import { enqueueMail } from "../../notify/outbox.ts";
import { mailDate } from "../../notify/templates.ts";
import type { Actor } from "../actor.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { recomputeFromRound } from "../rating-engine.ts";
import type { UpdateCycleOptions } from "../round-service.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import { alreadyDone } from "./already-done.ts";
import { roundWindow } from "./window.ts";

// The coordinator's review of a submitted update: accept it (its commitment's rating is derived in
// the same transaction) or return it to its author with a comment (the author is e-mailed). Sending
// either again after Back says who took the step and when (already-done.ts).

export function createUpdateReview(db: Db, config: Config, options: UpdateCycleOptions, clock: () => Date) {
  const baseUrl = config.baseUrl.replace(/\/$/, "");

  return {
    /** Accepts a submitted update and, in the same transaction, re-derives its commitment's rating. */
    async accept(actor: Actor, updateId: number, expectedVersion: number) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const stored = found(await data.findUpdate(tx, pid, updateId), "That update");
        if (stored.status === "accepted" && stored.acceptedAt) {
          const already = await alreadyDone(
            tx,
            actor,
            "accepted",
            stored.acceptedAt,
            stored.reviewerUserId,
            clock(),
          );
          return { update: stored, rating: null, already };
        }
        const current = await submittedForReview(tx, pid, updateId, expectedVersion, "accepted", actor);
        const now = clock();
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            updates,
            { partnershipId: pid, id: updateId, expectedVersion },
            {
              status: "accepted",
              acceptedAt: now,
              reviewedAt: now,
              reviewerUserId: actor.kind === "member" ? actor.userId : null,
              reviewComment: "",
            },
          ),
          "That update",
        );
        const action = found(await findAction(tx, pid, current.actionId), "That action");
        const ratings = await recomputeFromRound(tx, pid, current.roundId, [action.commitmentId]);
        audit({
          partnershipId: pid,
          action: "update.accept",
          entityType: "update",
          entityId: updateId,
          before,
          after,
        });
        return { update: after, rating: ratings.get(action.commitmentId) ?? null, already: null };
      });
    },

    /** Returns a submitted update to its author with a comment; the author is e-mailed. */
    async returnUpdate(
      actor: Actor,
      updateId: number,
      expectedVersion: number,
      comment: string,
      guard: { identifiesNobody?: boolean } = {},
    ) {
      requireAdmin(actor);
      if (comment.trim() === "") {
        throw new ValidationError([{ field: "comment", message: "Enter what the partner needs to change" }]);
      }
      const flagged = guardText({ comment }, guard);
      return inTransaction(db, actor, async ({ tx, audit, afterCommit }) => {
        const pid = partnershipOf(actor);
        const stored = found(await data.findUpdate(tx, pid, updateId), "That update");
        if (stored.status === "returned" && stored.reviewedAt && stored.reviewComment === comment.trim()) {
          const already = await alreadyDone(
            tx,
            actor,
            "returned",
            stored.reviewedAt,
            stored.reviewerUserId,
            clock(),
          );
          return { ...stored, already };
        }
        const current = await submittedForReview(tx, pid, updateId, expectedVersion, "returned", actor);
        const now = clock();
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            updates,
            { partnershipId: pid, id: updateId, expectedVersion },
            {
              status: "returned",
              reviewedAt: now,
              reviewerUserId: actor.kind === "member" ? actor.userId : null,
              reviewComment: comment.trim(),
            },
          ),
          "That update",
        );
        audit({
          partnershipId: pid,
          action: "update.return",
          entityType: "update",
          entityId: updateId,
          before,
          after,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: "update",
          entityId: updateId,
        });
        // One after the other: a transaction's queries share one connection.
        const round = await findRound(tx, pid, current.roundId);
        const action = await findAction(tx, pid, current.actionId);
        const partnership = await partnershipRef(tx, pid);
        const author = (await data.userNames(tx, [current.authorUserId])).get(current.authorUserId ?? -1);
        if (author && round && action && partnership) {
          const link = `${baseUrl}/p/${partnership.slug}/rounds/${round.id}/actions/${action.id}/update`;
          const window = roundWindow(round, ukDateOf(clock()));
          const by =
            window.phase === "open" ? round.deadline : window.phase === "grace" ? window.graceEndsOn : null;
          await enqueueMail(tx, [
            {
              partnershipId: pid,
              // One mail per return: the version after the return names it.
              dedupeKey: `update:${updateId}:returned:v${after.version}`,
              kind: "update-returned",
              to: author.email,
              subject: `${round.name}: your update has been returned`,
              text:
                `Hello ${author.name},\n\n` +
                `The coordinator of ${partnership.name} has returned your ${round.name} update on ` +
                `"${action.what}" and asks you to change it:\n\n${comment.trim()}\n\n` +
                (!window.canSubmit
                  ? `You can change it now and submit it again when the coordinator reopens the round:\n${link}\n\n`
                  : by
                    ? `Change it and submit it again by ${mailDate(by)}:\n${link}\n\n`
                    : `Change it and submit it again:\n${link}\n\n`) +
                "This is an automatic email from Waymark. Replies to it are not read.\n",
            },
          ]);
          afterCommit(() => options.onMailQueued?.());
        }
        return { ...after, already: null };
      });
    },
  };

  /** The update, if it is waiting for review and has the version the coordinator saw. */
  async function submittedForReview(
    tx: Executor,
    pid: number,
    updateId: number,
    expectedVersion: number,
    verb: string,
    actorOfReview: Actor,
  ) {
    const current = found(await data.findUpdate(tx, pid, updateId), "That update");
    if (
      current.status !== "submitted" &&
      (current.status === "accepted" || current.status === "returned") &&
      current.reviewedAt
    ) {
      // Someone (perhaps this person, from another tab) has already reviewed it: say who and when.
      const done = await alreadyDone(
        tx,
        actorOfReview,
        current.status,
        current.reviewedAt,
        current.reviewerUserId,
        clock(),
      );
      throw new ValidationError([
        { field: "form", message: `${done.sentence}, so it can no longer be ${verb}` },
      ]);
    }
    if (current.version !== expectedVersion) throw new ConflictError(current);
    if (current.status !== "submitted") {
      throw new ValidationError([{ field: "form", message: `Only a submitted update can be ${verb}` }]);
    }
    return current;
  }
}
