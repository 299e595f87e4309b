// The comparison's world (region-compare.test.ts): the demo's region ("North Marston") with Ashvale and
// three more partnerships, a second region, and a published standard of three levels, two themes and
// three criteria with one cycle. Rows are written straight into the tables (the assessment services
// are another helper's), then the data versions bumped.
//
//   Ashvale       submitted: 1.1 Partly met, 1.2 Met, 2.1 unrated; two pieces of evidence on 1.1
//   Kestrel Vale  moderated: 1.1 self Partly met, agreed Met; 1.2 self Met, no agreed level
//   Larkfield     a DRAFT rating 1.1 Met with marker narrative (never shown)
//   Marshby       submitted, but shares no self-assessments with the region
//   Fenwick       region B's partnership, submitted against region B's own standard
import { eq } from "drizzle-orm";
import { partnerships, regions, users } from "../../src/db/schema.ts";
import {
  assessmentCycles,
  assessmentEvidence,
  assessmentRatings,
  qualityStandards,
  regionMemberships,
  regionSharing,
  selfAssessments,
  standardCriteria,
  standardLevels,
  standardThemes,
} from "../../src/db/schema-region.ts";
import { systemActor } from "../../src/services/actor.ts";
import { hashPassword } from "../../src/services/passwords.ts";
import { bumpDataVersion, createTestApp, type TestApp, TestClient } from "../support/app.ts";
import type { TestDatabaseKind } from "../support/database.ts";

export const PASSWORD = "compare lantern heron 42";
export const DRAFT_MARKER = "Draft self-assessment narrative osprey-7731";

export interface CompareFixture {
  t: TestApp;
  slug: string;
  regionB: string;
  partnerships: Record<"ashvale" | "kestrel" | "larkfield" | "marshby" | "fenwick", number>;
  standardId: number;
  cycleId: number;
  standardB: number;
  cycleB: number;
  themes: [number, number];
  criteria: [number, number, number];
  levels: { notMet: number; partly: number; met: number };
  assessments: { ashvale: number; kestrel: number };
  lead: TestClient;
  viewer: TestClient;
}

type Db = TestApp["database"]["db"];

async function standardOf(db: Db, regionId: number, name: string) {
  const [standard] = await db
    .insert(qualityStandards)
    .values({ regionId, name, status: "published" })
    .returning();
  const standardId = standard!.id;
  const levelRows = await db
    .insert(standardLevels)
    .values([
      { standardId, position: 1, label: "Not met" },
      { standardId, position: 2, label: "Partly met" },
      { standardId, position: 3, label: "Met", meetsStandard: true },
    ])
    .returning();
  const themeRows = await db
    .insert(standardThemes)
    .values([
      { standardId, position: 1, title: "Leadership and governance" },
      { standardId, position: 2, title: "Support for victims" },
    ])
    .returning();
  const criterionRows = await db
    .insert(standardCriteria)
    .values([
      { standardId, themeId: themeRows[0]!.id, position: 1, title: "The board owns the strategy" },
      { standardId, themeId: themeRows[0]!.id, position: 2, title: "Partners report each quarter" },
      { standardId, themeId: themeRows[1]!.id, position: 1, title: "Victims reach an Idva within a week" },
    ])
    .returning();
  const [cycle] = await db
    .insert(assessmentCycles)
    .values({ standardId, name: "2025 to 2027", opensOn: "2025-04-01", dueOn: "2026-03-31" })
    .returning();
  return {
    standardId,
    cycleId: cycle!.id,
    levels: { notMet: levelRows[0]!.id, partly: levelRows[1]!.id, met: levelRows[2]!.id },
    themes: [themeRows[0]!.id, themeRows[1]!.id] as [number, number],
    criteria: [criterionRows[0]!.id, criterionRows[1]!.id, criterionRows[2]!.id] as [number, number, number],
  };
}

async function assess(
  db: Db,
  partnershipId: number,
  cycleId: number,
  status: "draft" | "submitted" | "moderated",
  submittedAt: Date | null,
  ratings: Array<{ criterionId: number; levelId: number | null; agreedLevelId?: number; narrative?: string }>,
  moderatedAt: Date | null = null,
) {
  const [row] = await db
    .insert(selfAssessments)
    .values({ partnershipId, cycleId, status, submittedAt, moderatedAt })
    .returning();
  await db.insert(assessmentRatings).values(
    ratings.map((r) => ({
      partnershipId,
      assessmentId: row!.id,
      criterionId: r.criterionId,
      levelId: r.levelId,
      agreedLevelId: r.agreedLevelId ?? null,
      narrative: r.narrative ?? "",
    })),
  );
  return row!.id;
}

export async function buildCompareFixture(kind: TestDatabaseKind): Promise<CompareFixture> {
  const t = await createTestApp({ kind });
  const db = t.database.db;
  const [ashvale] = await db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
  const [region] = await db.select().from(regions).where(eq(regions.id, ashvale!.regionId!));
  const add = async (slug: string, name: string, regionName: string) =>
    (
      await t.services.partnerships.create(systemActor("test"), {
        slug,
        name,
        areaName: name,
        region: regionName,
      })
    ).id;
  const kestrel = await add("kestrel-vale", "Kestrel Vale Partnership", region!.name);
  await t.services.regionAdmin.create(systemActor("test"), { slug: "southmoor", name: "Southmoor" });
  const larkfield = await add("larkfield", "Larkfield Partnership", region!.name);
  const marshby = await add("marshby", "Marshby Partnership", region!.name);
  const fenwick = await add("fenwick", "Fenwick Partnership", "Southmoor");
  const [regionB] = await db.select().from(regions).where(eq(regions.name, "Southmoor"));
  await db.insert(regionSharing).values({ partnershipId: marshby, shareAssessments: false });

  const a = await standardOf(db, region!.id, "North Marston quality standard");
  const b = await standardOf(db, regionB!.id, "Southmoor quality standard");
  const [c1, c2, c3] = a.criteria;
  const submitted = new Date("2025-11-10T12:00:00Z");
  const ashvaleAssessment = await assess(db, ashvale!.id, a.cycleId, "submitted", submitted, [
    { criterionId: c1, levelId: a.levels.partly },
    { criterionId: c2, levelId: a.levels.met },
    { criterionId: c3, levelId: null },
  ]);
  await db.insert(assessmentEvidence).values([
    {
      partnershipId: ashvale!.id,
      assessmentId: ashvaleAssessment,
      criterionId: c1,
      kind: "document",
      url: "https://example.org/a",
      title: "Terms of reference",
    },
    {
      partnershipId: ashvale!.id,
      assessmentId: ashvaleAssessment,
      criterionId: c1,
      kind: "document",
      url: "https://example.org/b",
      title: "Minutes",
    },
  ]);
  const kestrelAssessment = await assess(
    db,
    kestrel,
    a.cycleId,
    "moderated",
    new Date("2025-10-01T12:00:00Z"),
    [
      { criterionId: c1, levelId: a.levels.partly, agreedLevelId: a.levels.met },
      { criterionId: c2, levelId: a.levels.met },
    ],
    new Date("2025-12-01T12:00:00Z"),
  );
  await assess(db, larkfield, a.cycleId, "draft", null, [
    { criterionId: c1, levelId: a.levels.met, narrative: DRAFT_MARKER },
  ]);
  await assess(db, marshby, a.cycleId, "submitted", submitted, [
    { criterionId: c1, levelId: a.levels.notMet },
  ]);
  await assess(db, fenwick, b.cycleId, "submitted", submitted, [
    { criterionId: b.criteria[0], levelId: b.levels.met },
  ]);
  for (const id of [ashvale!.id, kestrel, larkfield, marshby, fenwick]) await bumpDataVersion(t.database, id);

  const hash = await hashPassword(PASSWORD);
  const people = await db
    .insert(users)
    .values([
      { email: "lead@north-marston.example", name: "Regional Lead", passwordHash: hash },
      { email: "viewer@north-marston.example", name: "Regional Viewer", passwordHash: hash },
    ])
    .returning();
  await db.insert(regionMemberships).values([
    { regionId: region!.id, userId: people[0]!.id, role: "lead" },
    { regionId: region!.id, userId: people[1]!.id, role: "viewer" },
  ]);
  const lead = new TestClient(t.app);
  await lead.signIn("lead@north-marston.example", PASSWORD);
  const viewer = new TestClient(t.app);
  await viewer.signIn("viewer@north-marston.example", PASSWORD);
  return {
    t,
    slug: region!.slug,
    regionB: regionB!.slug,
    partnerships: { ashvale: ashvale!.id, kestrel, larkfield, marshby, fenwick },
    standardId: a.standardId,
    cycleId: a.cycleId,
    standardB: b.standardId,
    cycleB: b.cycleId,
    themes: a.themes,
    criteria: a.criteria,
    levels: a.levels,
    assessments: { ashvale: ashvaleAssessment, kestrel: kestrelAssessment },
    lead,
    viewer,
  };
}

/** More partnerships in the region, each with a submitted self-assessment rating every criterion. */
export async function addSubmittedPartnerships(f: CompareFixture, how: number): Promise<void> {
  const db = f.t.database.db;
  const [ashvale] = await db.select().from(partnerships).where(eq(partnerships.id, f.partnerships.ashvale));
  const [region] = await db.select().from(regions).where(eq(regions.id, ashvale!.regionId!));
  for (let i = 0; i < how; i++) {
    const row = await f.t.services.partnerships.create(systemActor("test"), {
      slug: `growth-${i}`,
      name: `Growth Partnership ${i}`,
      areaName: `Growth ${i}`,
      region: region!.name,
    });
    const assessmentId = await assess(
      db,
      row.id,
      f.cycleId,
      "submitted",
      new Date("2025-11-01T12:00:00Z"),
      f.criteria.map((criterionId) => ({ criterionId, levelId: f.levels.met })),
    );
    await db.insert(assessmentEvidence).values({
      partnershipId: row.id,
      assessmentId,
      criterionId: f.criteria[0],
      kind: "document",
      url: "https://example.org/growth",
      title: "Growth evidence",
    });
  }
}
