// The region's side of a self-assessment (issue 15, moderation): the regional lead agrees a level and
// writes a comment per criterion, kept beside the partnership's own rating, then marks the assessment
// moderated once every criterion has an agreed level. Regional viewers read submitted and moderated
// assessments. A draft, a partnership outside the region or one not sharing its self-assessments is
// "not found" to every regional user.
import * as data from "../../data/region/assessments.ts";
import { loadStandardOutline } from "../../data/region/standards.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db } from "../../db/database.ts";
import { assessmentRatings, selfAssessments } from "../../db/schema-region.ts";
import type { Actor } from "../actor.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { found, requireRegionLead } from "../permissions.ts";
import { guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { inTransaction } from "../unit-of-work.ts";
import type { RegionAccess } from "./access.ts";
import { buildAssessmentView } from "./assessment-view.ts";

export interface ModerationInput {
  agreedLevelId: number;
  comment: string;
  identifiesNobody: boolean;
}

function regionOf(actor: Actor): number {
  if (actor.kind !== "region") throw new ForbiddenError("Only the region's people read the region");
  return actor.regionId;
}

function requireSubmitted(assessment: { status: string }): void {
  if (assessment.status !== "submitted") {
    throw new ValidationError([
      { field: "form", message: "This self-assessment has been moderated; it can no longer be changed" },
    ]);
  }
}

export function createAssessmentModeration(db: Db, regionAccess: RegionAccess) {
  /** The assessment as the region may see it: submitted or moderated, of a partnership sharing them. */
  async function visible(actor: Actor, assessmentId: number, ex = db) {
    const row = await data.findRegionalAssessment(ex, regionOf(actor), assessmentId);
    if (!row || row.assessment.status === "draft") throw new NotFoundError("That self-assessment");
    const sharing = await regionAccess.sharing(actor, "assessments", ex);
    if (!sharing.some((p) => p.id === row.partnership.id)) throw new NotFoundError("That self-assessment");
    return row;
  }

  return {
    /** A submitted or moderated self-assessment with the region's moderation beside each rating. */
    async regionalAssessment(actor: Actor, assessmentId: number) {
      const row = await visible(actor, assessmentId);
      const view = await buildAssessmentView(db, row.assessment, row.cycle, { showModeration: true });
      return {
        ...row,
        ...view,
        canModerate:
          actor.kind === "region" && actor.role === "lead" && row.assessment.status === "submitted",
      };
    },

    /** One criterion's moderation form (the lead's). */
    async moderationForm(actor: Actor, assessmentId: number, criterionId: number) {
      requireRegionLead(actor);
      const row = await visible(actor, assessmentId);
      const view = await buildAssessmentView(db, row.assessment, row.cycle, { showModeration: true });
      const criterion = found(
        view.criteria.find((c) => c.id === criterionId),
        "That criterion",
      );
      return { ...row, levels: view.levels, criterion };
    },

    /** Agrees a level for a criterion, with a comment, under the rating's version. */
    async moderate(
      actor: Actor,
      assessmentId: number,
      criterionId: number,
      expectedVersion: number,
      input: ModerationInput,
    ) {
      requireRegionLead(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const row = await visible(actor, assessmentId, tx);
        const pid = row.partnership.id;
        const outline = found(await loadStandardOutline(tx, row.cycle.standardId), "That standard");
        const rating = found(await data.findRating(tx, pid, assessmentId, criterionId), "That criterion");
        requireSubmitted(row.assessment);
        const levelErrors = outline.levels.some((l) => l.id === input.agreedLevelId)
          ? []
          : [{ field: "agreedLevelId", message: "Select the level the region agrees" }];
        const findings = guardText(
          { comment: input.comment },
          { identifiesNobody: input.identifiesNobody },
          levelErrors,
        );
        if (levelErrors.length > 0) throw new ValidationError(levelErrors);
        const outcome = await updateVersioned(
          tx,
          assessmentRatings,
          { partnershipId: pid, id: rating.id, expectedVersion },
          {
            agreedLevelId: input.agreedLevelId,
            moderationComment: input.comment,
            moderatedByUserId: actor.kind === "region" ? actor.userId : null,
            moderatedAt: new Date(),
          },
        );
        if (outcome.kind !== "updated") {
          throw new ConflictError(outcome.kind === "conflict" ? outcome.current : rating);
        }
        audit({
          partnershipId: pid,
          regionId: regionOf(actor),
          action: "assessment-rating.moderate",
          entityType: "assessment-rating",
          entityId: rating.id,
          before: outcome.before,
          after: outcome.after,
        });
        recordAcknowledgement(audit, findings, {
          partnershipId: pid,
          entityType: "assessment-rating",
          entityId: rating.id,
        });
        return outcome.after;
      });
    },

    /**
     * Marks the assessment moderated when every criterion has an agreed level; the refusal lists the
     * criteria still to agree. Marking one already moderated changes nothing.
     */
    async markModerated(actor: Actor, assessmentId: number, expectedVersion: number) {
      requireRegionLead(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const row = await visible(actor, assessmentId, tx);
        if (row.assessment.status === "moderated") return { assessment: row.assessment, already: true };
        const pid = row.partnership.id;
        const outline = found(await loadStandardOutline(tx, row.cycle.standardId), "That standard");
        const ratings = await data.listRatings(tx, pid, assessmentId);
        const agreed = new Set(ratings.filter((r) => r.agreedLevelId !== null).map((r) => r.criterionId));
        const missing = outline.themes.flatMap((t) => t.criteria).filter((c) => !agreed.has(c.id));
        if (missing.length > 0) {
          throw new ValidationError(
            missing.map((c) => ({
              field: `criterion-${c.id}`,
              message: `Agree a level for criterion ${c.number}, ${c.title}`,
            })),
          );
        }
        const outcome = await updateVersioned(
          tx,
          selfAssessments,
          { partnershipId: pid, id: assessmentId, expectedVersion },
          {
            status: "moderated",
            moderatedAt: new Date(),
            moderatedByUserId: actor.kind === "region" ? actor.userId : null,
          },
        );
        if (outcome.kind !== "updated") {
          throw new ConflictError(outcome.kind === "conflict" ? outcome.current : row.assessment);
        }
        audit({
          partnershipId: pid,
          regionId: regionOf(actor),
          action: "self-assessment.moderated",
          entityType: "self-assessment",
          entityId: assessmentId,
          before: outcome.before,
          after: outcome.after,
        });
        return { assessment: outcome.after, already: false };
      });
    },
  };
}
