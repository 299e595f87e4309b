// The region matrix's part for moderation (region-matrix.test.ts): a submitted self-assessment of P1
// (region A) and one of P3 (region B), each with one criterion rated.
import { eq } from "drizzle-orm";
import { assessmentRatings, selfAssessments } from "../../src/db/schema-region.ts";
import { makeAssessment, makeAssessmentStandard } from "./region-assessments-fixture.ts";
import type { RegionMatrixPart } from "./region-matrix-part.ts";

let levels: { own: number; foreign: number } = { own: 0, foreign: 0 };

export const regionMatrix: RegionMatrixPart = {
  async ids(fx) {
    const db = fx.t.database.db;
    const a = await makeAssessmentStandard(db, { regionId: fx.regionA.id }, "Moderation matrix A", 1);
    const b = await makeAssessmentStandard(db, { regionId: fx.regionB.id }, "Moderation matrix B", 1);
    levels = { own: a.levels.partly, foreign: b.levels.partly };
    const own = await makeAssessment(db, fx.p1.id, a.cycles.second, a.criteria, a.levels.partly, "submitted");
    const foreign = await makeAssessment(
      db,
      fx.p3.id,
      b.cycles.second,
      b.criteria,
      b.levels.partly,
      "submitted",
    );
    return {
      own: { assessmentId: own, criterionId: a.criteria[0]! },
      foreign: { assessmentId: foreign, criterionId: b.criteria[0]! },
    };
  },
  bodies(fx) {
    const db = fx.t.database.db;
    /** Back to "submitted", so the lead's step can be taken again. */
    async function submitted(assessmentId: number) {
      await db
        .update(selfAssessments)
        .set({ status: "submitted" })
        .where(eq(selfAssessments.id, assessmentId));
    }
    return {
      "POST /r/:regionSlug/assessments/:assessmentId/criteria/:criterionId/moderate": async (ids) => {
        await submitted(ids.assessmentId!);
        const [rating] = await db
          .select()
          .from(assessmentRatings)
          .where(eq(assessmentRatings.assessmentId, ids.assessmentId!));
        return {
          agreedLevelId: String(rating?.levelId ?? levels.own),
          comment: "Agreed at the moderation panel",
          version: String(rating?.version ?? 1),
        };
      },
      "POST /r/:regionSlug/assessments/:assessmentId/moderated": async (ids) => {
        await submitted(ids.assessmentId!);
        await db
          .update(assessmentRatings)
          .set({ agreedLevelId: levels.own })
          .where(eq(assessmentRatings.assessmentId, ids.assessmentId!));
        const [row] = await db
          .select()
          .from(selfAssessments)
          .where(eq(selfAssessments.id, ids.assessmentId!));
        return { version: String(row?.version ?? 1) };
      },
    };
  },
};
