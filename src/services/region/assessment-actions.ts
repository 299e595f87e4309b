// A criterion not met becomes an action in one step (issue 15, "criterion to action"): the action goes
// into the partnership's current action plan (the latest plan of its latest strategy) through the
// action plan's own insert path, under the commitment the coordinator picks, and the rating remembers
// it, so a second click finds the action instead of making another.
import { and, eq } from "drizzle-orm";
import { listOrganisations } from "../../data/organisations.ts";
import * as data from "../../data/region/assessments.ts";
import { loadStandardOutline } from "../../data/region/standards.ts";
import { listCommitments } from "../../data/strategies.ts";
import type { Db } from "../../db/database.ts";
import { assessmentRatings } from "../../db/schema-region.ts";
import { insertAction } from "../action-plan-service.ts";
import type { Actor } from "../actor.ts";
import { ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { inTransaction } from "../unit-of-work.ts";
import { buildAssessmentView } from "./assessment-view.ts";

export interface CriterionActionInput {
  commitmentId: number;
  what: string;
  leadOrganisationId: number;
  identifiesNobody: boolean;
}

/** "Improve <criterion title>: …", the action's wording before the coordinator finishes it. */
export function prefilledActionText(criterionTitle: string): string {
  return `Improve ${criterionTitle.replace(/[.\s]+$/, "").toLowerCase()}: `;
}

export function createAssessmentActions(db: Db) {
  async function criterionOf(actor: Actor, assessmentId: number, criterionId: number) {
    const found_ = found(
      await data.findAssessment(db, partnershipOf(actor), assessmentId),
      "That self-assessment",
    );
    const view = await buildAssessmentView(db, found_.assessment, found_.cycle, { showModeration: false });
    const criterion = found(
      view.criteria.find((c) => c.id === criterionId),
      "That criterion",
    );
    return { ...found_, criterion };
  }

  return {
    /**
     * The "Create an action" form: the current plan, its strategy's commitments (the one linked as
     * evidence first choice), the organisations to lead it, and the wording prefilled.
     */
    async actionForm(actor: Actor, assessmentId: number, criterionId: number) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      const { assessment, cycle, standard, criterion } = await criterionOf(actor, assessmentId, criterionId);
      const current = await data.findCurrentActionPlan(db, pid);
      const [commitments, organisations] = await Promise.all([
        current ? listCommitments(db, pid, current.strategy.id) : Promise.resolve([]),
        listOrganisations(db, pid),
      ]);
      const linked = new Set(criterion.evidence.map((e) => e.commitmentId).filter((id) => id !== null));
      const defaultCommitment = commitments.find((c) => linked.has(c.id)) ?? commitments[0];
      return {
        assessment,
        cycle,
        standard,
        criterion,
        plan: current?.plan ?? null,
        strategy: current?.strategy ?? null,
        commitments,
        organisations,
        defaults: {
          commitmentId: defaultCommitment ? String(defaultCommitment.id) : "",
          what: prefilledActionText(criterion.title),
        },
      };
    },

    /**
     * Makes the action and links the criterion to it. A criterion that already became an action
     * answers with that action (`existed`), so a second click never makes a second one.
     */
    async createAction(actor: Actor, assessmentId: number, criterionId: number, input: CriterionActionInput) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      return inTransaction(db, actor, async (work) => {
        const { tx, audit } = work;
        const { assessment, cycle } = found(
          await data.findAssessment(tx, pid, assessmentId),
          "That self-assessment",
        );
        // The rating row is locked, so two clicks at once make one action: the second waits, then finds it.
        const [rating] = await tx
          .select()
          .from(assessmentRatings)
          .where(
            and(
              eq(assessmentRatings.partnershipId, pid),
              eq(assessmentRatings.assessmentId, assessmentId),
              eq(assessmentRatings.criterionId, criterionId),
            ),
          )
          .for("update");
        const view = await buildAssessmentView(tx, assessment, cycle, { showModeration: false });
        const criterion = found(
          view.criteria.find((c) => c.id === criterionId),
          "That criterion",
        );
        if (rating?.actionId) return { actionId: rating.actionId, existed: true };
        if (!rating || !criterion.notMet) {
          throw new ValidationError([
            {
              field: "form",
              message: "Only a criterion rated at a level that does not meet the standard becomes an action",
            },
          ]);
        }
        const current = await data.findCurrentActionPlan(tx, pid);
        if (!current) {
          throw new ValidationError([
            { field: "form", message: "Add an action plan to the current strategy first" },
          ]);
        }
        const findings = guardText({ what: input.what }, { identifiesNobody: input.identifiesNobody });
        const action = await insertAction(work, pid, current.plan.id, {
          commitmentId: input.commitmentId,
          what: input.what,
          how: "",
          leadOrganisationIds: [input.leadOrganisationId],
          performanceTarget: "",
          dueOn: null,
          closed: false,
          milestones: [],
        });
        recordAcknowledgement(audit, findings, {
          partnershipId: pid,
          entityType: "action",
          entityId: action.id,
        });
        const linked = found(await data.linkRatingToAction(tx, pid, rating.id, action.id), "That criterion");
        audit({
          partnershipId: pid,
          action: "assessment-rating.action",
          entityType: "assessment-rating",
          entityId: rating.id,
          before: rating,
          after: linked,
        });
        return { actionId: action.id, existed: false };
      });
    },

    /** Where an action came from, when a self-assessment's criterion became it; for the action's page. */
    async originOfAction(actor: Actor, actionId: number) {
      const origin = await data.findActionOrigin(db, partnershipOf(actor), actionId);
      if (!origin) return null;
      const outline = await loadStandardOutline(db, origin.standardId);
      const number = outline?.themes
        .flatMap((t) => t.criteria)
        .find((c) => c.id === origin.criterionId)?.number;
      return { ...origin, criterionNumber: number ?? "" };
    },
  };
}
