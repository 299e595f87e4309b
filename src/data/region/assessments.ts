// Self-assessments against a quality standard (issue 15): the cycles open to a partnership, its
// assessment of each, the ratings and evidence per criterion, and the region's reads of them. Every
// partnership-side query filters on the partnership first; every regional one on the region.
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { actionPlans, commitments, indicators, partnerships, strategies } from "../../db/schema.ts";
import { decisions } from "../../db/schema-governance.ts";
import {
  assessmentCycles,
  assessmentEvidence,
  assessmentRatings,
  qualityStandards,
  selfAssessments,
  standardCriteria,
} from "../../db/schema-region.ts";

export type CycleRow = typeof assessmentCycles.$inferSelect;
export type AssessmentRow = typeof selfAssessments.$inferSelect;
export type RatingRow = typeof assessmentRatings.$inferSelect;
export type EvidenceRow = typeof assessmentEvidence.$inferSelect;

/** The standards a partnership may assess itself against: its region's published ones and its own. */
function openToPartnership(partnershipId: number, regionId: number | null) {
  const own = eq(qualityStandards.partnershipId, partnershipId);
  if (regionId === null) return own;
  return or(own, and(eq(qualityStandards.regionId, regionId), eq(qualityStandards.status, "published")));
}

const standardSummary = {
  id: qualityStandards.id,
  name: qualityStandards.name,
  regionId: qualityStandards.regionId,
  partnershipId: qualityStandards.partnershipId,
};

/** Every cycle open to the partnership with its self-assessment, if started. One query. */
export async function listPartnershipCycles(db: Executor, partnershipId: number, regionId: number | null) {
  return db
    .select({
      cycle: assessmentCycles,
      standard: standardSummary,
      assessment: { id: selfAssessments.id, status: selfAssessments.status },
    })
    .from(assessmentCycles)
    .innerJoin(qualityStandards, eq(qualityStandards.id, assessmentCycles.standardId))
    .leftJoin(
      selfAssessments,
      and(eq(selfAssessments.cycleId, assessmentCycles.id), eq(selfAssessments.partnershipId, partnershipId)),
    )
    .where(openToPartnership(partnershipId, regionId))
    .orderBy(asc(qualityStandards.name), desc(assessmentCycles.opensOn), desc(assessmentCycles.id));
}

export async function findPartnershipCycle(
  db: Executor,
  partnershipId: number,
  regionId: number | null,
  cycleId: number,
) {
  const [row] = await db
    .select({ cycle: assessmentCycles, standard: standardSummary })
    .from(assessmentCycles)
    .innerJoin(qualityStandards, eq(qualityStandards.id, assessmentCycles.standardId))
    .where(and(eq(assessmentCycles.id, cycleId), openToPartnership(partnershipId, regionId)));
  return row;
}

export async function findAssessmentOfCycle(db: Executor, partnershipId: number, cycleId: number) {
  const [row] = await db
    .select()
    .from(selfAssessments)
    .where(and(eq(selfAssessments.partnershipId, partnershipId), eq(selfAssessments.cycleId, cycleId)));
  return row;
}

/** A partnership's own self-assessment with its cycle and standard. */
export async function findAssessment(db: Executor, partnershipId: number, assessmentId: number) {
  const [row] = await db
    .select({ assessment: selfAssessments, cycle: assessmentCycles, standard: standardSummary })
    .from(selfAssessments)
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, selfAssessments.cycleId))
    .innerJoin(qualityStandards, eq(qualityStandards.id, assessmentCycles.standardId))
    .where(and(eq(selfAssessments.partnershipId, partnershipId), eq(selfAssessments.id, assessmentId)));
  return row;
}

/**
 * A self-assessment of a partnership in the region against one of the region's own standards, with
 * the partnership's name; any status. A standard a partnership adopted for itself stays its own: the
 * region neither reads nor moderates assessments against it.
 */
export async function findRegionalAssessment(db: Executor, regionId: number, assessmentId: number) {
  const [row] = await db
    .select({
      assessment: selfAssessments,
      cycle: assessmentCycles,
      standard: standardSummary,
      partnership: { id: partnerships.id, name: partnerships.name, areaName: partnerships.areaName },
    })
    .from(selfAssessments)
    .innerJoin(partnerships, eq(partnerships.id, selfAssessments.partnershipId))
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, selfAssessments.cycleId))
    .innerJoin(qualityStandards, eq(qualityStandards.id, assessmentCycles.standardId))
    .where(
      and(
        eq(partnerships.regionId, regionId),
        eq(qualityStandards.regionId, regionId),
        eq(selfAssessments.id, assessmentId),
      ),
    );
  return row;
}

export async function listRatings(db: Executor, partnershipId: number, assessmentId: number) {
  return db
    .select()
    .from(assessmentRatings)
    .where(
      and(
        eq(assessmentRatings.partnershipId, partnershipId),
        eq(assessmentRatings.assessmentId, assessmentId),
      ),
    );
}

export async function findRating(
  db: Executor,
  partnershipId: number,
  assessmentId: number,
  criterionId: number,
) {
  const [row] = await db
    .select()
    .from(assessmentRatings)
    .where(
      and(
        eq(assessmentRatings.partnershipId, partnershipId),
        eq(assessmentRatings.assessmentId, assessmentId),
        eq(assessmentRatings.criterionId, criterionId),
      ),
    );
  return row;
}

/** A criterion's first rating; nothing when a concurrent save inserted it first. */
export async function insertRating(db: Executor, values: typeof assessmentRatings.$inferInsert) {
  const [row] = await db.insert(assessmentRatings).values(values).onConflictDoNothing().returning();
  return row;
}

/** Evidence with what each link points at named (a commitment's number, a decision's reference). */
export async function listEvidence(db: Executor, partnershipId: number, assessmentId: number) {
  return db
    .select({
      evidence: assessmentEvidence,
      commitment: { number: commitments.number, text: commitments.text },
      indicator: { name: indicators.name },
      decision: { reference: decisions.reference, decision: decisions.decision },
    })
    .from(assessmentEvidence)
    .leftJoin(commitments, eq(commitments.id, assessmentEvidence.commitmentId))
    .leftJoin(indicators, eq(indicators.id, assessmentEvidence.indicatorId))
    .leftJoin(decisions, eq(decisions.id, assessmentEvidence.decisionId))
    .where(
      and(
        eq(assessmentEvidence.partnershipId, partnershipId),
        eq(assessmentEvidence.assessmentId, assessmentId),
      ),
    )
    .orderBy(asc(assessmentEvidence.createdAt), asc(assessmentEvidence.id));
}

export async function insertEvidence(db: Executor, values: typeof assessmentEvidence.$inferInsert) {
  const [row] = await db.insert(assessmentEvidence).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

export async function deleteEvidence(db: Executor, partnershipId: number, assessmentId: number, id: number) {
  const [row] = await db
    .delete(assessmentEvidence)
    .where(
      and(
        eq(assessmentEvidence.partnershipId, partnershipId),
        eq(assessmentEvidence.assessmentId, assessmentId),
        eq(assessmentEvidence.id, id),
      ),
    )
    .returning();
  return row;
}

/**
 * The partnership's assessment of the standard's cycle before this one (by opening date) that reached
 * the region — submitted or moderated — with its ratings. Drafts of earlier cycles are not history.
 */
export async function findPreviousAssessment(
  db: Executor,
  partnershipId: number,
  cycle: Pick<CycleRow, "id" | "standardId" | "opensOn">,
) {
  const [previous] = await db
    .select({ assessment: selfAssessments, cycle: assessmentCycles })
    .from(selfAssessments)
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, selfAssessments.cycleId))
    .where(
      and(
        eq(selfAssessments.partnershipId, partnershipId),
        eq(assessmentCycles.standardId, cycle.standardId),
        lt(assessmentCycles.opensOn, cycle.opensOn),
        inArray(selfAssessments.status, ["submitted", "moderated"]),
      ),
    )
    .orderBy(desc(assessmentCycles.opensOn), desc(assessmentCycles.id))
    .limit(1);
  if (!previous) return undefined;
  return { ...previous, ratings: await listRatings(db, partnershipId, previous.assessment.id) };
}

/** What a coordinator may link as evidence: the partnership's commitments, indicators and decisions. */
export async function listEvidenceChoices(db: Executor, partnershipId: number) {
  const [commitmentRows, indicatorRows, decisionRows] = await Promise.all([
    db
      .select({
        id: commitments.id,
        number: commitments.number,
        text: commitments.text,
        strategy: strategies.title,
      })
      .from(commitments)
      .innerJoin(strategies, eq(strategies.id, commitments.strategyId))
      .where(eq(commitments.partnershipId, partnershipId))
      .orderBy(desc(strategies.startYear), asc(commitments.position), asc(commitments.id)),
    db
      .select({ id: indicators.id, name: indicators.name })
      .from(indicators)
      .where(eq(indicators.partnershipId, partnershipId))
      .orderBy(asc(indicators.name)),
    db
      .select({ id: decisions.id, reference: decisions.reference, decision: decisions.decision })
      .from(decisions)
      .where(eq(decisions.partnershipId, partnershipId))
      .orderBy(desc(decisions.decidedOn), desc(decisions.id)),
  ]);
  return { commitments: commitmentRows, indicators: indicatorRows, decisions: decisionRows };
}

/** Whether the record of this kind with this id is the partnership's own. */
export async function ownsEvidenceTarget(
  db: Executor,
  partnershipId: number,
  kind: "commitment" | "indicator" | "decision",
  id: number,
): Promise<boolean> {
  const table = { commitment: commitments, indicator: indicators, decision: decisions }[kind];
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.partnershipId, partnershipId), eq(table.id, id)));
  return row !== undefined;
}

/** The current action plan: the latest plan of the latest strategy (as home takes the latest). */
export async function findCurrentActionPlan(db: Executor, partnershipId: number) {
  const [row] = await db
    .select({ plan: actionPlans, strategy: { id: strategies.id, title: strategies.title } })
    .from(actionPlans)
    .innerJoin(strategies, eq(strategies.id, actionPlans.strategyId))
    .where(
      and(
        eq(actionPlans.partnershipId, partnershipId),
        eq(
          strategies.id,
          sql`(select s.id from ${strategies} s where s.partnership_id = ${partnershipId} order by s.start_year desc, s.id desc limit 1)`,
        ),
      ),
    )
    .orderBy(desc(actionPlans.startsOn), desc(actionPlans.id))
    .limit(1);
  return row;
}

/** The criterion of a self-assessment an action came from, for the action's page. */
export async function findActionOrigin(db: Executor, partnershipId: number, actionId: number) {
  const [row] = await db
    .select({
      assessmentId: selfAssessments.id,
      criterionId: standardCriteria.id,
      criterionTitle: standardCriteria.title,
      standardId: qualityStandards.id,
      standardName: qualityStandards.name,
      cycleName: assessmentCycles.name,
    })
    .from(assessmentRatings)
    .innerJoin(selfAssessments, eq(selfAssessments.id, assessmentRatings.assessmentId))
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, selfAssessments.cycleId))
    .innerJoin(qualityStandards, eq(qualityStandards.id, assessmentCycles.standardId))
    .innerJoin(standardCriteria, eq(standardCriteria.id, assessmentRatings.criterionId))
    .where(and(eq(assessmentRatings.partnershipId, partnershipId), eq(assessmentRatings.actionId, actionId)))
    .limit(1);
  return row;
}

/** Marks a rating's criterion as having become this action, only if it has none yet. */
export async function linkRatingToAction(
  db: Executor,
  partnershipId: number,
  ratingId: number,
  actionId: number,
) {
  const [row] = await db
    .update(assessmentRatings)
    .set({ actionId, version: sql`${assessmentRatings.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(assessmentRatings.partnershipId, partnershipId),
        eq(assessmentRatings.id, ratingId),
        isNull(assessmentRatings.actionId),
      ),
    )
    .returning();
  return row;
}
