// The regional records the bad-input property test (bad-input-property.test.ts) posts to (issue 15):
// Ashvale hosts a project in a region of its own (region-projects-matrix.ts), adopts a standard of its
// own (region-standards-matrix.ts) and assesses itself against it (region-assessments-matrix.ts); its
// coordinator is the region's lead, and the region has a published standard with a cycle and, of
// another standard, Ashvale's submitted self-assessment to moderate (region-assessments-fixture.ts);
// the project has two deliverables, so one can be moved; the region has a viewer the lead can remove.
// The /p/:slug routes take `partnership`'s ids, the /r/:regionSlug routes `region`'s.
import { eq } from "drizzle-orm";
import { partnerships, regions, users } from "../../src/db/schema.ts";
import {
  qualityStandards,
  regionalProjectDeliverables,
  regionMemberships,
} from "../../src/db/schema-region.ts";
import type { RegionActor, SystemActor } from "../../src/services/actor.ts";
import type { TestApp } from "../support/app.ts";
import { makeAssessment, makeAssessmentStandard } from "./region-assessments-fixture.ts";
import { regionAssessmentsMatrixIds } from "./region-assessments-matrix.ts";
import { regionProjectsMatrixIds } from "./region-projects-matrix.ts";
import { regionStandardsMatrixIds } from "./region-standards-matrix.ts";

type Ids = Record<string, number>;

export interface RegionalPropertyIds {
  partnership: Ids;
  region: Ids;
  regionSlug: string;
  /** Both published standards: only a draft shows its "Publish" form (see `whileDraft`). */
  standardIds: number[];
}

export async function regionalPropertyIds(
  t: TestApp,
  actor: SystemActor,
  coordinatorEmail: string,
): Promise<RegionalPropertyIds> {
  const db = t.database.db;
  const pid = actor.partnershipId!;
  const partnership = {
    ...(await regionProjectsMatrixIds(t, actor)),
    ...(await regionStandardsMatrixIds(t, actor)),
    ...(await regionAssessmentsMatrixIds(t, actor)),
  };
  // A second deliverable, so the project's page shows the buttons that move one.
  await db
    .insert(regionalProjectDeliverables)
    .values({ projectId: partnership.projectId!, position: 2, title: "Property deliverable" });
  const [region] = await db
    .select({ id: regions.id, slug: regions.slug })
    .from(regions)
    .innerJoin(partnerships, eq(partnerships.regionId, regions.id))
    .where(eq(partnerships.id, pid));
  const [coordinator] = await db.select().from(users).where(eq(users.email, coordinatorEmail));
  await db.insert(regionMemberships).values({
    regionId: region!.id,
    userId: coordinator!.id,
    role: "lead",
    organisationName: "Office of the Police and Crime Commissioner",
  });
  const lead: RegionActor = {
    kind: "region",
    role: "lead",
    regionId: region!.id,
    regionSlug: region!.slug,
    userId: coordinator!.id,
    email: coordinator!.email,
    name: coordinator!.name,
  };
  // A regional viewer, so the region's People page shows the lead's "Remove" form.
  const [viewer] = await db
    .insert(users)
    .values({ email: "property-viewer@region.example", name: "Property Viewer", passwordHash: "x" })
    .returning();
  await db
    .insert(regionMemberships)
    .values({ regionId: region!.id, userId: viewer!.id, role: "viewer", organisationName: "OPCC" });
  const standard = await regionStandardsMatrixIds(t, lead);
  const moderated = await makeAssessmentStandard(db, { regionId: region!.id }, "Property moderation", 1);
  const assessmentId = await makeAssessment(
    db,
    pid,
    moderated.cycles.second,
    moderated.criteria,
    moderated.levels.partly,
    "submitted",
  );
  return {
    partnership,
    // The region's cycle page takes :cycleId, the region's own standard's cycle.
    region: {
      ...partnership,
      ...standard,
      cycleId: standard.standardCycleId!,
      assessmentId,
      criterionId: moderated.criteria[0]!,
      userId: viewer!.id,
    },
    regionSlug: region!.slug,
    standardIds: [partnership.standardId!, standard.standardId!],
  };
}

/** Runs `read` with the standards back in draft for the while, then published again. */
export async function whileDraft(t: TestApp, standardIds: number[], read: () => Promise<void>) {
  const set = async (status: "draft" | "published") => {
    for (const id of standardIds) {
      await t.database.db.update(qualityStandards).set({ status }).where(eq(qualityStandards.id, id));
    }
  };
  await set("draft");
  await read();
  await set("published");
}
