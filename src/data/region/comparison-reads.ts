// The comparison's reads (issue 15): a region's published standards and their cycles, and for a set
// of cycles the submitted and moderated self-assessments of a set of partnerships, their ratings and
// the count of evidence per criterion. Each is one statement whatever the number of partnerships,
// criteria or cycles, so a region of 40 partnerships costs the same number of queries as one of 4.
// Drafts are filtered out here, in the SQL: their ratings never reach the service.

import { and, asc, count, desc, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import {
  assessmentCycles,
  assessmentEvidence,
  assessmentRatings,
  qualityStandards,
  selfAssessments,
} from "../../db/schema-region.ts";
import { readTogether } from "../read-together.ts";

export interface RegionStandardChoice {
  id: number;
  name: string;
}

export interface RegionCycleChoice {
  id: number;
  standardId: number;
  name: string;
  opensOn: string;
  dueOn: string;
  closedAt: Date | null;
}

/** The region's published standards (by name) and their cycles (latest first), in two statements. */
export async function listRegionStandardsAndCycles(
  db: Executor,
  regionId: number,
): Promise<{ standards: RegionStandardChoice[]; cycles: RegionCycleChoice[] }> {
  const published = and(eq(qualityStandards.regionId, regionId), eq(qualityStandards.status, "published"));
  const [standards, cycles] = await readTogether(db, [
    () =>
      db
        .select({ id: qualityStandards.id, name: qualityStandards.name })
        .from(qualityStandards)
        .where(published)
        .orderBy(asc(qualityStandards.name), asc(qualityStandards.id)),
    () =>
      db
        .select({
          id: assessmentCycles.id,
          standardId: assessmentCycles.standardId,
          name: assessmentCycles.name,
          opensOn: assessmentCycles.opensOn,
          dueOn: assessmentCycles.dueOn,
          closedAt: assessmentCycles.closedAt,
        })
        .from(assessmentCycles)
        .innerJoin(qualityStandards, eq(qualityStandards.id, assessmentCycles.standardId))
        .where(published)
        .orderBy(desc(assessmentCycles.opensOn), desc(assessmentCycles.id)),
  ] as const);
  return { standards, cycles };
}

export interface SharedAssessment {
  id: number;
  cycleId: number;
  partnershipId: number;
  /** As the region sees it at the date asked for: a moderation after it counts as not yet made. */
  status: "submitted" | "moderated";
  submittedAt: Date | null;
  moderatedAt: Date | null;
}

export interface SharedRating {
  assessmentId: number;
  criterionId: number;
  levelId: number | null;
  agreedLevelId: number | null;
}

export interface EvidenceCount {
  assessmentId: number;
  criterionId: number;
  items: number;
}

export interface ComparisonData {
  assessments: SharedAssessment[];
  ratings: SharedRating[];
  evidence: EvidenceCount[];
}

/**
 * The submitted or moderated self-assessments of these partnerships for these cycles, with their
 * ratings and evidence counts: three statements, run together. `before`: only what had been
 * submitted before that instant (the regional report's "as at"), and a moderation only if made
 * before it too — the agreed level of a later moderation is left out.
 */
export async function loadComparisonData(
  db: Executor,
  cycleIds: readonly number[],
  partnershipIds: readonly number[],
  before?: Date,
): Promise<ComparisonData> {
  if (cycleIds.length === 0 || partnershipIds.length === 0)
    return { assessments: [], ratings: [], evidence: [] };
  const shown = and(
    inArray(selfAssessments.cycleId, [...cycleIds]),
    inArray(selfAssessments.partnershipId, [...partnershipIds]),
    or(eq(selfAssessments.status, "submitted"), eq(selfAssessments.status, "moderated")),
    isNotNull(selfAssessments.submittedAt),
    before ? lt(selfAssessments.submittedAt, before) : undefined,
  );
  const moderatedInTime = before
    ? sql<boolean>`${selfAssessments.status} = 'moderated' and ${selfAssessments.moderatedAt} < ${before}`
    : sql<boolean>`${selfAssessments.status} = 'moderated'`;
  const [assessments, ratings, evidence] = await readTogether(db, [
    () =>
      db
        .select({
          id: selfAssessments.id,
          cycleId: selfAssessments.cycleId,
          partnershipId: selfAssessments.partnershipId,
          moderated: moderatedInTime,
          submittedAt: selfAssessments.submittedAt,
          moderatedAt: selfAssessments.moderatedAt,
        })
        .from(selfAssessments)
        .where(shown),
    () =>
      db
        .select({
          assessmentId: assessmentRatings.assessmentId,
          criterionId: assessmentRatings.criterionId,
          levelId: assessmentRatings.levelId,
          agreedLevelId: sql<
            number | null
          >`case when ${moderatedInTime} then ${assessmentRatings.agreedLevelId} end`,
        })
        .from(assessmentRatings)
        .innerJoin(
          selfAssessments,
          and(
            eq(selfAssessments.id, assessmentRatings.assessmentId),
            eq(selfAssessments.partnershipId, assessmentRatings.partnershipId),
          ),
        )
        .where(shown),
    () =>
      db
        .select({
          assessmentId: assessmentEvidence.assessmentId,
          criterionId: assessmentEvidence.criterionId,
          items: count(),
        })
        .from(assessmentEvidence)
        .innerJoin(
          selfAssessments,
          and(
            eq(selfAssessments.id, assessmentEvidence.assessmentId),
            eq(selfAssessments.partnershipId, assessmentEvidence.partnershipId),
          ),
        )
        .where(shown)
        .groupBy(assessmentEvidence.assessmentId, assessmentEvidence.criterionId),
  ] as const);
  return {
    assessments: assessments.map(({ moderated, ...a }) => ({
      ...a,
      status: moderated === true || String(moderated) === "true" ? "moderated" : "submitted",
      moderatedAt: moderated === true || String(moderated) === "true" ? a.moderatedAt : null,
    })),
    ratings: ratings.map((r) => ({
      ...r,
      agreedLevelId: r.agreedLevelId === null ? null : Number(r.agreedLevelId),
    })),
    evidence: evidence.map((e) => ({ ...e, items: Number(e.items) })),
  };
}
