// The self-assessments' part of the permission matrix (permissions.test.ts), the partnership's side:
// the partnership's own published standard (region-assessments-fixture.ts: four levels, one criterion,
// two cycles), a draft self-assessment of its second cycle with the criterion rated "Not met" and one
// document as evidence; the first cycle is not started, so :cycleId's start is a real one. And a valid
// body for each POST route, so a refusal proves the permission check, not validation. The region's
// moderation is region-assessments-region-matrix.ts.
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../../src/db/database.ts";
import { actionPlans, commitments, organisations, priorities, strategies } from "../../src/db/schema.ts";
import {
  assessmentCycles,
  assessmentRatings,
  selfAssessments,
  standardLevels,
} from "../../src/db/schema-region.ts";
import type { Actor } from "../../src/services/actor.ts";
import type { TestApp } from "../support/app.ts";
import { makeAssessment, makeAssessmentStandard } from "./region-assessments-fixture.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;

/** Ids of the actor's partnership's own standard, its cycle, self-assessment, criterion and evidence. */
export async function regionAssessmentsMatrixIds(t: TestApp, actor: Actor): Promise<Ids> {
  if (actor.kind !== "system" || actor.partnershipId === undefined)
    throw new Error("a partnership's system actor");
  const db = t.database.db;
  const pid = actor.partnershipId;
  const standard = await makeAssessmentStandard(db, { partnershipId: pid }, "Matrix assessment standard", 1);
  const criterionId = standard.criteria[0]!;
  const assessmentId = await makeAssessment(
    db,
    pid,
    standard.cycles.second,
    standard.criteria,
    standard.levels.notMet,
    "draft",
  );
  const evidence = await t.services.assessments.addEvidence(actor, assessmentId, criterionId, {
    kind: "document",
    url: "https://example.org/matrix-evidence",
    title: "Matrix evidence",
    identifiesNobody: false,
  });
  return { cycleId: standard.cycles.first, assessmentId, criterionId, evidenceId: evidence.id };
}

/** The self-assessment's partnership, after putting it back in draft (a submitted one is read-only). */
async function draftAgain(db: Db, assessmentId: number): Promise<{ partnershipId: number; version: number }> {
  const [row] = await db
    .update(selfAssessments)
    .set({ status: "draft", submittedAt: null })
    .where(eq(selfAssessments.id, assessmentId))
    .returning();
  return { partnershipId: row?.partnershipId ?? 0, version: row?.version ?? 1 };
}

/** The lowest level of the self-assessment's standard: "Not met", so the criterion may become an action. */
async function notMetLevel(db: Db, assessmentId: number): Promise<number> {
  const [row] = await db
    .select({ id: standardLevels.id })
    .from(selfAssessments)
    .innerJoin(assessmentCycles, eq(assessmentCycles.id, selfAssessments.cycleId))
    .innerJoin(standardLevels, eq(standardLevels.standardId, assessmentCycles.standardId))
    .where(eq(selfAssessments.id, assessmentId))
    .orderBy(asc(standardLevels.position))
    .limit(1);
  return row?.id ?? 0;
}

/**
 * A commitment of the partnership's current plan and an organisation to lead the action. The current
 * plan is the latest plan of the latest strategy, and the matrix adds strategies of its own before it
 * reaches these routes; such a strategy gets a plan and a commitment here, straight in the database.
 */
async function currentPlanChoices(db: Db, partnershipId: number) {
  const [strategy] = await db
    .select()
    .from(strategies)
    .where(eq(strategies.partnershipId, partnershipId))
    .orderBy(desc(strategies.startYear), desc(strategies.id))
    .limit(1);
  const strategyId = strategy?.id ?? 0;
  const [plan] = await db.select().from(actionPlans).where(eq(actionPlans.strategyId, strategyId)).limit(1);
  if (!plan && strategy) {
    await db.insert(actionPlans).values({
      partnershipId,
      strategyId,
      name: "Matrix plan",
      startsOn: `${strategy.startYear}-04-01`,
      endsOn: `${strategy.startYear + 1}-03-31`,
    });
  }
  let [commitment] = await db
    .select({ id: commitments.id })
    .from(commitments)
    .where(eq(commitments.strategyId, strategyId))
    .orderBy(asc(commitments.id))
    .limit(1);
  if (!commitment && strategy) {
    let [priority] = await db
      .select({ id: priorities.id })
      .from(priorities)
      .where(eq(priorities.strategyId, strategyId))
      .limit(1);
    if (!priority && strategy.framework === "priorities") {
      [priority] = await db
        .insert(priorities)
        .values({ partnershipId, strategyId, number: "M", title: "Matrix priority", position: 999 })
        .returning({ id: priorities.id });
    }
    [commitment] = await db
      .insert(commitments)
      .values({
        partnershipId,
        strategyId,
        priorityId: priority?.id ?? null,
        number: "M.1",
        text: "Matrix commitment",
        position: 999,
      })
      .returning({ id: commitments.id });
  }
  const [organisation] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.partnershipId, partnershipId))
    .orderBy(asc(organisations.id))
    .limit(1);
  return { commitmentId: String(commitment?.id ?? 0), leadOrganisationIds: String(organisation?.id ?? 0) };
}

export function regionAssessmentsMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  const db = () => app().database.db;
  return {
    // The first time the coordinator starts it; after that the route opens the one there is.
    "POST /p/:slug/cycles/:cycleId/assessment": async () => ({}),
    "POST /p/:slug/assessments/:assessmentId/criteria/:criterionId": async (ids) => {
      await draftAgain(db(), ids.assessmentId!);
      const [rating] = await db()
        .select()
        .from(assessmentRatings)
        .where(
          and(
            eq(assessmentRatings.assessmentId, ids.assessmentId!),
            eq(assessmentRatings.criterionId, ids.criterionId!),
          ),
        );
      return {
        levelId: String(rating?.levelId ?? (await notMetLevel(db(), ids.assessmentId!))),
        narrative: `Matrix narrative ${next()}`,
        version: String(rating?.version ?? 0),
      };
    },
    "POST /p/:slug/assessments/:assessmentId/criteria/:criterionId/evidence": async (ids) => {
      await draftAgain(db(), ids.assessmentId!);
      return { kind: "document", url: "https://example.org/matrix", title: `Matrix document ${next()}` };
    },
    // The coordinator's removal succeeds once: the body puts the evidence back before each request.
    "POST /p/:slug/assessments/:assessmentId/criteria/:criterionId/evidence/:evidenceId/remove": async (
      ids,
    ) => {
      const { partnershipId } = await draftAgain(db(), ids.assessmentId!);
      await app().database.execute(
        "insert into assessment_evidence (id, partnership_id, assessment_id, criterion_id, kind, url, title) overriding system value values ($1, $2, $3, $4, 'document', 'https://example.org/matrix-evidence', 'Matrix evidence') on conflict (id) do nothing",
        [ids.evidenceId, partnershipId, ids.assessmentId, ids.criterionId],
      );
      return {};
    },
    "POST /p/:slug/assessments/:assessmentId/criteria/:criterionId/action": async (ids) => {
      const { partnershipId } = await draftAgain(db(), ids.assessmentId!);
      return { ...(await currentPlanChoices(db(), partnershipId)), what: `Matrix action ${next()}` };
    },
    // Every role meets it in draft (the permitted one submits it: its one criterion is rated).
    "POST /p/:slug/assessments/:assessmentId/submit": async (ids) => {
      const { version } = await draftAgain(db(), ids.assessmentId!);
      return { version: String(version) };
    },
  };
}
