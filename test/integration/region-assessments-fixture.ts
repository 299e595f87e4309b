// A small quality standard for the self-assessment tests and matrices, inserted straight into the
// tables: four levels (Not met, Partly met, Met, Exceeded — the last two meet the standard), two
// themes, three criteria, and two cycles a year apart.
import { eq } from "drizzle-orm";
import type { Db } from "../../src/db/database.ts";
import {
  assessmentCycles,
  assessmentRatings,
  qualityStandards,
  selfAssessments,
  standardCriteria,
  standardLevels,
  standardThemes,
} from "../../src/db/schema-region.ts";

export interface AssessmentStandard {
  standardId: number;
  levels: { notMet: number; partly: number; met: number; exceeded: number };
  criteria: number[];
  cycles: { first: number; second: number };
}

export async function makeAssessmentStandard(
  db: Db,
  owner: { regionId: number } | { partnershipId: number },
  name: string,
  criteriaCount = 3,
): Promise<AssessmentStandard> {
  const [standard] = await db
    .insert(qualityStandards)
    .values({ ...owner, name, status: "published" })
    .returning();
  const standardId = standard!.id;
  const labels = ["Not met", "Partly met", "Met", "Exceeded"];
  const levelRows = await db
    .insert(standardLevels)
    .values(labels.map((label, i) => ({ standardId, position: i + 1, label, meetsStandard: i >= 2 })))
    .returning();
  const themes = await db
    .insert(standardThemes)
    .values([
      { standardId, position: 1, title: "Leadership" },
      { standardId, position: 2, title: "Practice" },
    ])
    .returning();
  const criteria = await db
    .insert(standardCriteria)
    .values(
      Array.from({ length: criteriaCount }, (_, i) => ({
        standardId,
        themeId: themes[i === 0 ? 0 : 1]!.id,
        position: i + 1,
        title: `Criterion title ${i + 1}`,
      })),
    )
    .returning();
  const cycles = await db
    .insert(assessmentCycles)
    .values([
      { standardId, name: "2024–25", opensOn: "2024-04-01", dueOn: "2025-03-31" },
      { standardId, name: "2025–26", opensOn: "2025-04-01", dueOn: "2026-03-31" },
    ])
    .returning();
  const id = (label: string) => levelRows.find((l) => l.label === label)!.id;
  return {
    standardId,
    levels: { notMet: id("Not met"), partly: id("Partly met"), met: id("Met"), exceeded: id("Exceeded") },
    criteria: criteria.map((c) => c.id),
    cycles: { first: cycles[0]!.id, second: cycles[1]!.id },
  };
}

/** A self-assessment in the given state with every criterion rated at `levelId`. */
export async function makeAssessment(
  db: Db,
  partnershipId: number,
  cycleId: number,
  criteria: number[],
  levelId: number,
  status: "draft" | "submitted" | "moderated",
) {
  const [row] = await db
    .insert(selfAssessments)
    .values({ partnershipId, cycleId, status, submittedAt: status === "draft" ? null : new Date() })
    .returning();
  await db.insert(assessmentRatings).values(
    criteria.map((criterionId) => ({
      partnershipId,
      assessmentId: row!.id,
      criterionId,
      levelId,
      agreedLevelId: status === "moderated" ? levelId : null,
    })),
  );
  return row!.id;
}

export async function ratingVersionOf(db: Db, assessmentId: number, criterionId: number) {
  const rows = await db
    .select()
    .from(assessmentRatings)
    .where(eq(assessmentRatings.assessmentId, assessmentId));
  return String(rows.find((r) => r.criterionId === criterionId)?.version ?? 0);
}
