import type { Config } from "../config.ts";
import { listAuditEntries } from "../data/audit.ts";
import { findRoundAction, listOpenRounds, listRoundActions, type RoundRow } from "../data/rounds.ts";
import * as data from "../data/updates.ts";
import { updateVersioned } from "../data/versioned.ts";
import type { Db, Executor } from "../db/database.ts";
import { updates } from "../db/schema.ts";
import { canSubmit, roundPhase } from "../domain/deadlines.ts";
import { ukDateOf } from "../domain/periods.ts";
import { type Rating, ratingNeedsRemedy } from "../domain/rag.ts";
import { isEditableStatus, isOwedUpdateLate, submissionErrors, workStatusOf } from "../domain/round-rules.ts";
import type { Actor } from "./actor.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "./errors.ts";
import { saveUpdateSpend, type UpdateSpendEntry, updateSpendSection } from "./funding/update-spend.ts";
import { canEditAction, found, isAdmin, partnershipOf, requireCanEditAction } from "./permissions.ts";
import { checkFreeText, guardText, recordAcknowledgement, updateFreeText } from "./privacy/guard.ts";
import { submittedOn, timingOf, type UpdateCycleOptions } from "./round-service.ts";
import { unwrapUpdate } from "./strategy-service.ts";
import { inTransaction } from "./unit-of-work.ts";
import { type AlreadyDone, alreadyDone } from "./updates/already-done.ts";
import { createUpdateReview } from "./updates/review.ts";
import { roundWindow } from "./updates/window.ts";

export type { AlreadyDone };

export interface UpdateInput {
  rating: Rating | null;
  narrative: string;
  /** "What we are doing about it": kept only for Red and Amber. */
  remedy: string;
  toNote: string;
  evidenceLinks: string[];
  /** The writer states that text the personal-data guard flagged identifies nobody. */
  identifiesNobody?: boolean;
  /** The Spend section (funding/update-spend.ts), when the action has an allocation. */
  spend?: UpdateSpendEntry[];
}

/** Save as draft (needs nothing) or submit for review (needs a rating, a narrative and, for Red or Amber, a remedy). */
export type Intent = "draft" | "submit";

const sameText = (
  a: UpdateInput,
  b: { rating: Rating | null; narrative: string; remedy: string; toNote: string; evidenceLinks: string[] },
) =>
  a.rating === b.rating &&
  a.narrative === b.narrative &&
  a.toNote === b.toNote &&
  a.evidenceLinks.join("\n") === b.evidenceLinks.join("\n") &&
  (a.remedy === b.remedy || b.remedy === "");

export function createUpdateService(db: Db, config: Config, options: UpdateCycleOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const today = () => ukDateOf(clock());
  const _baseUrl = config.baseUrl.replace(/\/$/, "");

  /**
   * The round and the action with its commitment, priority and leads, checking the action is one the
   * round asks about (404 otherwise). One query.
   */
  async function roundAndAction(ex: Executor, actor: Actor, roundId: number, actionId: number) {
    const pid = partnershipOf(actor);
    const row = found(await findRoundAction(ex, pid, roundId, actionId), "That round");
    const { round, action, commitment, priority, leads, inRound } = row;
    if (!action || !commitment || !inRound) throw new NotFoundError("That action");
    return { round, action, commitment, priority: priority ?? null, leads };
  }

  const windowOf = (round: RoundRow) => roundWindow(round, today());
  const review = createUpdateReview(db, config, options, clock);

  /** Only the coordinator and the lead organisations' editors see updates before they are accepted. */
  function requireCanSee(actor: Actor, leads: { id: number }[], update: data.UpdateRow) {
    const involved = canEditAction(
      actor,
      leads.map((l) => l.id),
    );
    if (!involved && update.status !== "accepted") {
      throw new ForbiddenError(
        "Only the coordinator and the lead organisation can see an update before it is accepted",
      );
    }
  }

  return {
    /**
     * "Your updates": per open round, the actions the actor's organisation leads (every action for the
     * coordinator), with their state and whether they are late.
     */
    async owed(actor: Actor) {
      const pid = partnershipOf(actor);
      const admin = isAdmin(actor);
      const organisationId = actor.kind === "member" ? actor.organisationId : undefined;
      if (!admin && (actor.kind !== "member" || actor.role !== "editor"))
        return { rounds: [], owesUpdates: false };
      const open = await listOpenRounds(db, pid);
      const rows = await listRoundActions(
        db,
        pid,
        open.map((r) => r.id),
        admin || organisationId === undefined ? {} : { leadOrganisationId: organisationId },
      );
      const now = today();
      const result = open.map((round) => {
        const timing = timingOf(round);
        const items = rows
          .filter((r) => r.roundId === round.id)
          .map((r) => {
            const update = r.update?.id ? r.update : null;
            const status = workStatusOf(update);
            return {
              ...r,
              update,
              status,
              late: isOwedUpdateLate(update ? { submittedOn: submittedOn(update) } : null, timing, now),
            };
          });
        return { round, items, phase: roundPhase(timing, now), canSubmit: canSubmit(timing, now) };
      });
      return { rounds: result.filter((r) => r.items.length > 0), owesUpdates: true };
    },

    /** What the update form needs. Only the lead organisations' editors and the coordinator may open it. */
    async form(actor: Actor, roundId: number, actionId: number) {
      const pid = partnershipOf(actor);
      const { round, action, commitment, priority, leads } = await roundAndAction(
        db,
        actor,
        roundId,
        actionId,
      );
      requireCanEditAction(
        actor,
        leads.map((l) => l.id),
      );
      const update = await data.findUpdateFor(db, pid, roundId, actionId);
      const previous = await data.previousAcceptedUpdate(db, pid, actionId, {
        roundId,
        openedAt: round.openedAt,
      });
      return {
        round,
        action,
        commitment,
        priority,
        leads,
        update: update ?? null,
        // The last accepted update, shown beside the fields so the partner writes what changed since.
        previous: previous
          ? {
              roundName: previous.roundName,
              updateId: previous.update.id,
              rating: previous.update.rating,
              narrative: previous.update.narrative,
              remedy: previous.update.remedy,
              toNote: previous.update.toNote,
              acceptedAt: previous.update.acceptedAt,
            }
          : null,
        editable: round.status === "open" && isEditableStatus(update?.status),
        spend: await updateSpendSection(db, pid, actionId, round),
        ...windowOf(round),
      };
    },

    /**
     * Saves the partner's update. `expectedVersion` is the version the form was opened with, or null
     * when there was no update yet: if someone else created or changed it meanwhile, ConflictError
     * carries what is stored now and nothing is overwritten.
     */
    async save(
      actor: Actor,
      roundId: number,
      actionId: number,
      expectedVersion: number | null,
      input: UpdateInput,
      intent: Intent,
    ) {
      return inTransaction(db, actor, async (work) => {
        const { tx, audit } = work;
        const pid = partnershipOf(actor);
        const { round, leads } = await roundAndAction(tx, actor, roundId, actionId);
        const saveSpend = (updateId: number) =>
          saveUpdateSpend(work, pid, actionId, round, updateId, input.spend, input.identifiesNobody);
        const leadIds = leads.map((l) => l.id);
        requireCanEditAction(actor, leadIds);
        // Before anything is written: text that may identify a person is refused unless stated otherwise
        // (with what else a submission lacks, so that every problem is shown at once).
        const flagged = guardText(
          updateFreeText(input),
          { identifiesNobody: input.identifiesNobody },
          intent === "submit" ? submissionErrors(input) : [],
        );
        if (round.status === "closed") {
          throw new ValidationError([
            { field: "form", message: "This round is closed, so its updates cannot be changed" },
          ]);
        }
        if (intent === "submit") {
          const errors = submissionErrors(input);
          if (errors.length > 0) throw new ValidationError(errors);
          if (!windowOf(round).canSubmit) {
            throw new ValidationError([
              {
                field: "form",
                message:
                  "The deadline and grace period for this round have passed, so the update cannot be submitted. " +
                  "Save it as a draft and ask the coordinator to reopen the round.",
              },
            ]);
          }
        }
        const existing = await data.findUpdateFor(tx, pid, roundId, actionId);
        if (
          existing &&
          intent === "submit" &&
          existing.status === "submitted" &&
          existing.submittedAt !== null &&
          sameText(input, existing)
        ) {
          // The same submission sent again (Back, then Submit): nothing to do, and no conflict.
          return {
            ...existing,
            already: await alreadyDone(
              tx,
              actor,
              "submitted",
              existing.updatedAt,
              existing.authorUserId,
              clock(),
            ),
          };
        }
        if (existing && expectedVersion !== existing.version) throw new ConflictError(existing);
        if (existing && !isEditableStatus(existing.status)) {
          throw new ValidationError([
            {
              field: "form",
              message:
                existing.status === "accepted"
                  ? "This update has been accepted, so it cannot be changed"
                  : "This update has been submitted, so it cannot be changed unless the coordinator returns it",
            },
          ]);
        }
        const now = clock();
        const memberOrg = actor.kind === "member" ? actor.organisationId : undefined;
        const values = {
          rating: input.rating,
          narrative: input.narrative,
          // A submitted Green, Grey or Complete update has nothing to remedy; a draft keeps what was typed.
          remedy:
            intent === "submit" && !(input.rating !== null && ratingNeedsRemedy(input.rating))
              ? ""
              : input.remedy,
          toNote: input.toNote,
          evidenceLinks: input.evidenceLinks,
          authorUserId: actor.kind === "member" ? actor.userId : null,
          // The coordinator writing on a partner's behalf: the update is still the lead organisation's.
          authorOrganisationId:
            memberOrg !== undefined && leadIds.includes(memberOrg) ? memberOrg : (leadIds[0] ?? null),
          updatedAt: now,
          status:
            intent === "submit"
              ? ("submitted" as const)
              : existing?.status === "returned"
                ? ("returned" as const)
                : ("draft" as const),
          // The first submission is the one judged against the deadline; a resubmission after a
          // return does not make an on-time partner late.
          submittedAt: intent === "submit" ? (existing?.submittedAt ?? now) : (existing?.submittedAt ?? null),
        };
        const auditAction = intent === "submit" ? "update.submit" : "update.save";
        if (!existing) {
          if (expectedVersion !== null) throw new NotFoundError("That update");
          const row = await data.insertUpdateIfAbsent(tx, {
            ...values,
            partnershipId: pid,
            roundId,
            actionId,
          });
          if (!row) {
            // Someone else created the first draft between our read and our insert.
            throw new ConflictError(
              found(await data.findUpdateFor(tx, pid, roundId, actionId), "That update"),
            );
          }
          audit({
            partnershipId: pid,
            action: auditAction,
            entityType: "update",
            entityId: row.id,
            after: row,
          });
          recordAcknowledgement(audit, flagged, {
            partnershipId: pid,
            entityType: "update",
            entityId: row.id,
          });
          await saveSpend(row.id);
          return { ...row, already: null };
        }
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            updates,
            { partnershipId: pid, id: existing.id, expectedVersion: existing.version },
            values,
          ),
          "That update",
        );
        audit({
          partnershipId: pid,
          action: auditAction,
          entityType: "update",
          entityId: existing.id,
          before,
          after,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: "update",
          entityId: existing.id,
        });
        await saveSpend(existing.id);
        return { ...after, already: null };
      });
    },

    /** The update with its round, action, people and history, for the review page. */
    async get(actor: Actor, updateId: number) {
      const pid = partnershipOf(actor);
      const update = found(await data.findUpdate(db, pid, updateId), "That update");
      const { round, action, commitment, leads } = await roundAndAction(
        db,
        actor,
        update.roundId,
        update.actionId,
      );
      requireCanSee(actor, leads, update);
      const history = await listAuditEntries(db, pid, { entityType: "update", entityId: String(update.id) });
      const people = await data.userNames(db, [
        update.authorUserId,
        update.reviewerUserId,
        ...history.map((h) => h.userId),
      ]);
      const timing = timingOf(round);
      return {
        update,
        round,
        action,
        commitment,
        leads,
        author: update.authorUserId ? (people.get(update.authorUserId) ?? null) : null,
        authorOrganisation: leads.find((l) => l.id === update.authorOrganisationId)?.name ?? null,
        reviewer: update.reviewerUserId ? (people.get(update.reviewerUserId) ?? null) : null,
        late:
          update.submittedAt !== null &&
          isOwedUpdateLate({ submittedOn: submittedOn(update) }, timing, today()),
        history: history.map((h) => ({
          ...h,
          who: h.userId ? (people.get(h.userId)?.name ?? h.actor) : h.actor,
        })),
        canEdit: canEditAction(
          actor,
          leads.map((l) => l.id),
        ),
        canReview: isAdmin(actor) && update.status === "submitted",
        // The quarter's spend, for those who may see it: the coordinator and the lead organisation.
        spend: canEditAction(
          actor,
          leads.map((l) => l.id),
        )
          ? await updateSpendSection(db, pid, update.actionId, round)
          : null,
        /** What the coordinator should know before accepting: text that may identify a person. */
        privacyFindings: checkFreeText(updateFreeText(update)),
        ...windowOf(round),
      };
    },
    ...review,
  };
}

export type UpdateService = ReturnType<typeof createUpdateService>;
