// The region grown for query-count-region.test.ts: more partnerships in the demo's North Marston
// region, each sharing everything with a population, a submitted self-assessment rating every
// criterion of the region's cycle (with evidence), key statistics matched to Ashvale's by template,
// funding with a contract ending soon, and boards; the regional project gains deliverables and
// contributions, and the region a second project. Rows go straight into the tables (the forms are
// tested elsewhere); the partnership rows through the service, as `waymark partnership add` does.
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { areas, boards, indicators, observations } from "../../src/db/schema.ts";
import {
  contracts,
  fundingAllocations,
  fundingContributions,
  fundingStreams,
} from "../../src/db/schema-funding.ts";
import { boardTerms } from "../../src/db/schema-governance.ts";
import {
  assessmentEvidence,
  assessmentRatings,
  regionalProjectDeliverables,
  regionalProjects,
  regionSharing,
  selfAssessments,
  standardCriteria,
  standardLevels,
} from "../../src/db/schema-region.ts";
import { defaultThresholds } from "../../src/domain/thresholds.ts";
import { systemActor } from "../../src/services/actor.ts";
import type { TestApp } from "../support/app.ts";

export interface RegionGrowthIds {
  regionId: number;
  regionName: string;
  ashvaleId: number;
  standardId: number;
  cycleId: number;
  projectId: number;
}

export async function growRegion(t: TestApp, ids: RegionGrowthIds, how: number): Promise<void> {
  const db = t.database.db;
  const criteria = await db
    .select({ id: standardCriteria.id })
    .from(standardCriteria)
    .where(eq(standardCriteria.standardId, ids.standardId))
    .orderBy(asc(standardCriteria.position), asc(standardCriteria.id));
  const [level] = await db
    .select({ id: standardLevels.id })
    .from(standardLevels)
    .where(eq(standardLevels.standardId, ids.standardId))
    .orderBy(asc(standardLevels.position))
    .limit(1);
  // Ashvale's indicators started from a template: the grown partnerships hold the same ones.
  const templated = await db
    .select({ name: indicators.name, unit: indicators.unit, templateKey: indicators.templateKey })
    .from(indicators)
    .where(and(eq(indicators.partnershipId, ids.ashvaleId), isNotNull(indicators.templateKey)))
    .orderBy(asc(indicators.id))
    .limit(3);

  for (let n = 1; n <= how; n++) {
    const p = await t.services.partnerships.create(systemActor("query-count test"), {
      slug: `grown-region-${n}`,
      name: `Grown Region Partnership ${n}`,
      areaName: `Grown ${n}`,
      region: ids.regionName,
    });
    const pid = p.id;
    await db
      .insert(regionSharing)
      .values({ partnershipId: pid, shareGovernance: true, population: 50_000 + n, populationSource: "ONS" })
      .onConflictDoUpdate({
        target: regionSharing.partnershipId,
        set: { shareGovernance: true, population: 50_000 + n },
      });
    // A submitted self-assessment rating every criterion, with evidence on the first.
    const [assessment] = await db
      .insert(selfAssessments)
      .values({
        partnershipId: pid,
        cycleId: ids.cycleId,
        status: "submitted",
        submittedAt: new Date("2026-03-01T12:00:00Z"),
      })
      .returning();
    await db.insert(assessmentRatings).values(
      criteria.map((c) => ({
        partnershipId: pid,
        assessmentId: assessment!.id,
        criterionId: c.id,
        levelId: level!.id,
        narrative: `Grown ${n} narrative`,
      })),
    );
    await db.insert(assessmentEvidence).values({
      partnershipId: pid,
      assessmentId: assessment!.id,
      criterionId: criteria[0]!.id,
      kind: "document",
      url: "https://example.org/grown",
      title: `Grown ${n} evidence`,
    });
    // Key statistics: Ashvale's templated indicators, four quarters each.
    const [own] = await db
      .insert(areas)
      .values({ partnershipId: pid, kind: "own", name: `Grown ${n}`, position: 0 })
      .returning();
    for (const i of templated) {
      const [row] = await db
        .insert(indicators)
        .values({
          partnershipId: pid,
          name: i.name,
          unit: i.unit,
          templateKey: i.templateKey,
          frequency: "quarterly",
          polarity: "down",
          kind: "contextual",
          thresholds: defaultThresholds(i.unit),
        })
        .returning();
      await db.insert(observations).values(
        [1, 2, 3, 4].map((q) => ({
          partnershipId: pid,
          indicatorId: row!.id,
          areaId: own!.id,
          periodStart: ["2025-04-01", "2025-07-01", "2025-10-01", "2026-01-01"][q - 1]!,
          periodEnd: ["2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31"][q - 1]!,
          periodLabel: `Q${q} 2025/26`,
          value: 40 + n + q,
          numerator: 40 + n + q,
          denominator: 100,
          createdAt: new Date("2026-04-10T12:00:00Z"),
        })),
      );
    }
    // Funding with a contract ending within 18 months, and boards.
    const [stream] = await db
      .insert(fundingStreams)
      .values({
        partnershipId: pid,
        name: `Grown ${n} grant`,
        kind: "grant",
        funderName: `Grown funder ${n}`,
        firstYearStart: 2025,
        lastYearStart: 2026,
      })
      .returning();
    await db.insert(fundingAllocations).values({
      partnershipId: pid,
      streamId: stream!.id,
      yearStart: 2025,
      projectName: `Grown ${n} outreach`,
      serviceType: "community-support",
      amountPence: 1_000_000 * n,
    });
    await db.insert(contracts).values({
      partnershipId: pid,
      service: `Grown ${n} contract`,
      serviceType: "idva",
      endsOn: "2027-01-31",
    });
    const [lpb] = await db
      .insert(boards)
      .values({ partnershipId: pid, name: `Grown ${n} Local Partnership Board` })
      .returning();
    await db.insert(boardTerms).values({ boardId: lpb!.id, partnershipId: pid, kind: "strategic" });
    const [group] = await db
      .insert(boards)
      .values({ partnershipId: pid, name: `Grown ${n} operational group`, parentBoardId: lpb!.id })
      .returning();
    await db.insert(boardTerms).values({ boardId: group!.id, partnershipId: pid, kind: "operational" });
  }

  // The regional project: more deliverables and contributions; and a second project.
  const [project] = await db.select().from(regionalProjects).where(eq(regionalProjects.id, ids.projectId));
  await db.insert(regionalProjectDeliverables).values(
    Array.from({ length: how }, (_, i) => ({
      projectId: ids.projectId,
      position: 100 + i,
      title: `Grown deliverable ${i + 1}`,
      dueOn: "2027-03-31",
    })),
  );
  if (project?.fundingStreamId)
    await db.insert(fundingContributions).values(
      Array.from({ length: how }, (_, i) => ({
        partnershipId: project.hostPartnershipId,
        streamId: project.fundingStreamId!,
        contributorName: `Grown contributor ${i + 1}`,
        yearStart: 2026,
        amountPence: 100_000,
        position: 100 + i,
      })),
    );
  await db.insert(regionalProjects).values({
    regionId: ids.regionId,
    hostPartnershipId: ids.ashvaleId,
    name: "Grown regional project",
    status: "active",
  });
}
