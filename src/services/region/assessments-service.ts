// Self-assessment against a quality standard, the partnership's side (issue 15): the cycles open to it,
// starting one self-assessment per cycle, rating each criterion with a narrative and evidence, and
// submitting it to the region, after which it is read-only to the partnership. The coordinator
// writes; every member reads. The region's moderation is assessment-moderation.ts; a criterion not
// met becoming an action is assessment-actions.ts.
import { eq } from "drizzle-orm";
import * as data from "../../data/region/assessments.ts";
import { loadStandardOutline } from "../../data/region/standards.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db, Executor } from "../../db/database.ts";
import { partnerships } from "../../db/schema.ts";
import { assessmentRatings, selfAssessments } from "../../db/schema-region.ts";
import { unratedCriteria } from "../../domain/region/assessment-change.ts";
import type { Actor } from "../actor.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { inTransaction } from "../unit-of-work.ts";
import type { RegionAccess } from "./access.ts";
import { createAssessmentActions } from "./assessment-actions.ts";
import { createAssessmentModeration } from "./assessment-moderation.ts";
import { buildAssessmentView, statusLabel } from "./assessment-view.ts";

export interface RatingInput {
  levelId: number;
  narrative: string;
  identifiesNobody: boolean;
}

export type EvidenceInput =
  | { kind: "commitment"; commitmentId: number }
  | { kind: "indicator"; indicatorId: number }
  | { kind: "decision"; decisionId: number }
  | { kind: "document"; url: string; title: string; identifiesNobody: boolean };

async function regionOf(ex: Executor, partnershipId: number): Promise<number | null> {
  const [row] = await ex
    .select({ regionId: partnerships.regionId })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row?.regionId ?? null;
}

/** Refuses a change to a self-assessment the partnership has submitted (read-only from then on). */
function requireDraft(assessment: { status: string }): void {
  if (assessment.status !== "draft") {
    throw new ValidationError([
      {
        field: "form",
        message: "This self-assessment has been submitted to the region; it can no longer be changed",
      },
    ]);
  }
}

export function createAssessmentsService(db: Db, regionAccess: RegionAccess) {
  async function requireAssessment(ex: Executor, actor: Actor, assessmentId: number) {
    return found(await data.findAssessment(ex, partnershipOf(actor), assessmentId), "That self-assessment");
  }

  /** The assessment's criterion, or 404 when the standard has no such criterion. */
  async function requireCriterion(ex: Executor, standardId: number, criterionId: number) {
    const outline = found(await loadStandardOutline(ex, standardId), "That standard");
    const criterion = found(
      outline.themes.flatMap((t) => t.criteria).find((c) => c.id === criterionId),
      "That criterion",
    );
    return { outline, criterion };
  }

  return {
    /** Every cycle open to the partnership, with the state of its self-assessment. */
    async cycles(actor: Actor) {
      const pid = partnershipOf(actor);
      const rows = await data.listPartnershipCycles(db, pid, await regionOf(db, pid));
      return rows.map((r) => ({
        ...r,
        owner: r.standard.partnershipId === null ? "The region's standard" : "Our own standard",
        statusLabel: r.assessment ? statusLabel(r.assessment.status) : "Not started",
      }));
    },

    /** Starts the partnership's self-assessment for a cycle; `existed` when it had one already. */
    async start(actor: Actor, cycleId: number) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        found(await data.findPartnershipCycle(tx, pid, await regionOf(tx, pid), cycleId), "That cycle");
        const [row] = await tx
          .insert(selfAssessments)
          .values({ partnershipId: pid, cycleId })
          .onConflictDoNothing()
          .returning();
        if (!row) {
          const existing = found(await data.findAssessmentOfCycle(tx, pid, cycleId), "That self-assessment");
          return { assessment: existing, existed: true };
        }
        audit({
          partnershipId: pid,
          action: "self-assessment.start",
          entityType: "self-assessment",
          entityId: row.id,
          after: row,
        });
        return { assessment: row, existed: false };
      });
    },

    /** The self-assessment with every criterion's rating, evidence and change since the last cycle. */
    async get(actor: Actor, assessmentId: number) {
      const { assessment, cycle, standard } = await requireAssessment(db, actor, assessmentId);
      const view = await buildAssessmentView(db, assessment, cycle, { showModeration: false });
      return { assessment, cycle, standard, ...view, editable: assessment.status === "draft" };
    },

    /** One criterion's form: the scale, the criterion, its rating and evidence, the choices to link. */
    async criterion(actor: Actor, assessmentId: number, criterionId: number) {
      const pid = partnershipOf(actor);
      const { assessment, cycle, standard } = await requireAssessment(db, actor, assessmentId);
      await requireCriterion(db, standard.id, criterionId);
      const [view, choices] = await Promise.all([
        buildAssessmentView(db, assessment, cycle, { showModeration: false }),
        data.listEvidenceChoices(db, pid),
      ]);
      const criterion = found(
        view.criteria.find((c) => c.id === criterionId),
        "That criterion",
      );
      return { assessment, cycle, standard, levels: view.levels, criterion, choices };
    },

    /**
     * Rates a criterion and saves its narrative. `expectedVersion` is the rating's version (0 when the
     * criterion has not been rated yet); a concurrent save shows the stored rating.
     */
    async rate(
      actor: Actor,
      assessmentId: number,
      criterionId: number,
      expectedVersion: number,
      input: RatingInput,
    ) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const { assessment, standard } = await requireAssessment(tx, actor, assessmentId);
        const { outline } = await requireCriterion(tx, standard.id, criterionId);
        requireDraft(assessment);
        const levelErrors = outline.levels.some((l) => l.id === input.levelId)
          ? []
          : [{ field: "levelId", message: "Select a level of the standard's scale" }];
        const findings = guardText(
          { narrative: input.narrative },
          { identifiesNobody: input.identifiesNobody },
          levelErrors,
        );
        if (levelErrors.length > 0) throw new ValidationError(levelErrors);
        const values = { levelId: input.levelId, narrative: input.narrative, updatedAt: new Date() };
        const existing = await data.findRating(tx, pid, assessmentId, criterionId);
        let before: unknown = null;
        let after: data.RatingRow | undefined;
        if (!existing) {
          if (expectedVersion !== 0) throw new ConflictError(null);
          after = await data.insertRating(tx, { partnershipId: pid, assessmentId, criterionId, ...values });
          if (!after) throw new ConflictError(await data.findRating(tx, pid, assessmentId, criterionId));
        } else {
          const outcome = await updateVersioned(
            tx,
            assessmentRatings,
            { partnershipId: pid, id: existing.id, expectedVersion },
            values,
          );
          if (outcome.kind === "conflict") throw new ConflictError(outcome.current);
          if (outcome.kind === "missing") throw new ConflictError(null);
          before = outcome.before;
          after = outcome.after;
        }
        audit({
          partnershipId: pid,
          action: "assessment-rating.save",
          entityType: "assessment-rating",
          entityId: after.id,
          before,
          after,
        });
        recordAcknowledgement(audit, findings, {
          partnershipId: pid,
          entityType: "assessment-rating",
          entityId: after.id,
        });
        return after;
      });
    },

    /** Links a commitment, key statistic or decision of the partnership's own, or a document, as evidence. */
    async addEvidence(actor: Actor, assessmentId: number, criterionId: number, input: EvidenceInput) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const { assessment, standard } = await requireAssessment(tx, actor, assessmentId);
        await requireCriterion(tx, standard.id, criterionId);
        requireDraft(assessment);
        const base = { partnershipId: pid, assessmentId, criterionId, kind: input.kind };
        let values: Parameters<typeof data.insertEvidence>[1];
        let findings: ReturnType<typeof guardText> = [];
        if (input.kind === "document") {
          if (!/^https:\/\/[^\s/]+\.[^\s]+$/i.test(input.url)) {
            throw new ValidationError([{ field: "url", message: "Enter a link starting https://" }]);
          }
          findings = guardText(
            { title: input.title, url: input.url },
            { identifiesNobody: input.identifiesNobody },
          );
          values = { ...base, url: input.url, title: input.title };
        } else {
          const id =
            input.kind === "commitment"
              ? input.commitmentId
              : input.kind === "indicator"
                ? input.indicatorId
                : input.decisionId;
          // Another partnership's record is not found, as everywhere: nothing says it exists.
          if (!(await data.ownsEvidenceTarget(tx, pid, input.kind, id)))
            found(undefined, `That ${input.kind}`);
          values = { ...base, [`${input.kind}Id`]: id };
        }
        const row = await data.insertEvidence(tx, values);
        audit({
          partnershipId: pid,
          action: "assessment-evidence.add",
          entityType: "assessment-evidence",
          entityId: row.id,
          after: row,
        });
        recordAcknowledgement(audit, findings, {
          partnershipId: pid,
          entityType: "assessment-evidence",
          entityId: row.id,
        });
        return row;
      });
    },

    async removeEvidence(actor: Actor, assessmentId: number, evidenceId: number) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const { assessment } = await requireAssessment(tx, actor, assessmentId);
        requireDraft(assessment);
        const row = found(await data.deleteEvidence(tx, pid, assessmentId, evidenceId), "That evidence");
        audit({
          partnershipId: pid,
          action: "assessment-evidence.remove",
          entityType: "assessment-evidence",
          entityId: row.id,
          before: row,
        });
        return row;
      });
    },

    /**
     * Sends the self-assessment to the region. Every criterion must be rated: the refusal lists each
     * unrated one by number. Submitting one already submitted changes nothing and says when it was.
     */
    async submit(actor: Actor, assessmentId: number, expectedVersion: number) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const { assessment, standard } = await requireAssessment(tx, actor, assessmentId);
        if (assessment.status !== "draft") return { assessment, already: true };
        const outline = found(await loadStandardOutline(tx, standard.id), "That standard");
        const ratings = await data.listRatings(tx, pid, assessmentId);
        const rated = new Set(ratings.filter((r) => r.levelId !== null).map((r) => r.criterionId));
        const unrated = unratedCriteria(
          outline.themes.flatMap((t) => t.criteria),
          rated,
        );
        if (unrated.length > 0) {
          throw new ValidationError(
            unrated.map((c) => ({
              field: `criterion-${c.id}`,
              message: `Rate criterion ${c.number}, ${c.title}`,
            })),
          );
        }
        const outcome = await updateVersioned(
          tx,
          selfAssessments,
          { partnershipId: pid, id: assessmentId, expectedVersion },
          {
            status: "submitted",
            submittedAt: new Date(),
            submittedByUserId: actor.kind === "member" ? actor.userId : null,
          },
        );
        if (outcome.kind !== "updated")
          throw new ConflictError(outcome.kind === "conflict" ? outcome.current : null);
        audit({
          partnershipId: pid,
          action: "self-assessment.submit",
          entityType: "self-assessment",
          entityId: assessmentId,
          before: outcome.before,
          after: outcome.after,
        });
        return { assessment: outcome.after, already: false };
      });
    },

    ...createAssessmentActions(db),
    ...createAssessmentModeration(db, regionAccess),
  };
}

export type AssessmentsService = ReturnType<typeof createAssessmentsService>;
