import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions, partnerships, regions } from "../../src/db/schema.ts";
import { contracts, fundingContributions, fundingStreams } from "../../src/db/schema-funding.ts";
import {
  assessmentCycles,
  assessmentRatings,
  qualityStandards,
  regionalProjectDeliverables,
  regionalProjects,
  regionMemberships,
  regionSharing,
  selfAssessments,
  standardCriteria,
  standardThemes,
} from "../../src/db/schema-region.ts";
import { loadDemoRegion } from "../../src/demo/load-region.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The demo's North Marston region as loaded on a day of its own: four partnerships, the standard, two
// cycles, sharing and the regional project, with dates relative to that day.
const TODAY = "2026-12-03";

describe.each(testDatabaseKinds())("the demo's North Marston region (%s)", (kind) => {
  let t: TestApp;
  const db = () => t.database.db;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestApp({ kind, demoToday: TODAY, demoProgress: true, demoRegion: true });
    const rows = await db().select().from(partnerships);
    for (const p of rows) ids.set(p.slug, p.id);
  }, 120_000);
  afterAll(async () => t?.close());

  it("puts Ashvale and three smaller partnerships in the region north-marston", async () => {
    const [region] = await db().select().from(regions).where(eq(regions.slug, "north-marston"));
    expect(region?.name).toBe("North Marston");
    const members = await db().select().from(partnerships).where(eq(partnerships.regionId, region!.id));
    expect(members.map((p) => p.slug).sort()).toEqual(["ashvale", "brackenford", "corrow-vale", "deneholme"]);
    const roles = await db()
      .select()
      .from(regionMemberships)
      .where(eq(regionMemberships.regionId, region!.id));
    expect(roles.map((r) => r.role).sort()).toEqual(["lead", "viewer"]);
  });

  it("gives each smaller partnership ratings, shared statistics and contracts with service types", async () => {
    for (const slug of ["brackenford", "corrow-vale", "deneholme"]) {
      const pid = ids.get(slug)!;
      const { rows } = await t.database.execute(
        "select count(*)::int as n from commitment_ratings where partnership_id = $1",
        [pid],
      );
      expect((rows[0] as { n: number }).n).toBeGreaterThan(0);
      const { rows: shared } = await t.database.execute(
        `select count(*)::int as n from indicators i join indicators a on a.template_key = i.template_key
         where i.partnership_id = $1 and a.partnership_id = $2`,
        [pid, ids.get("ashvale")],
      );
      expect((shared[0] as { n: number }).n).toBeGreaterThanOrEqual(3);
      const list = await db().select().from(contracts).where(eq(contracts.partnershipId, pid));
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.every((c) => c.serviceType !== "")).toBe(true);
    }
  });

  it("has the published standard of 6 themes and 24 criteria, and two cycles around today", async () => {
    const [standard] = await db()
      .select()
      .from(qualityStandards)
      .where(eq(qualityStandards.name, "North Marston quality standard"));
    expect(standard?.status).toBe("published");
    const themes = await db()
      .select()
      .from(standardThemes)
      .where(eq(standardThemes.standardId, standard!.id));
    const criteria = await db()
      .select()
      .from(standardCriteria)
      .where(eq(standardCriteria.standardId, standard!.id));
    expect([themes.length, criteria.length]).toEqual([6, 24]);
    const cycles = await db()
      .select()
      .from(assessmentCycles)
      .where(eq(assessmentCycles.standardId, standard!.id));
    const closed = cycles.filter((c) => c.closedAt !== null);
    const open = cycles.filter((c) => c.closedAt === null);
    expect(closed).toHaveLength(1);
    expect(open).toHaveLength(1);
    expect(open[0]!.opensOn <= TODAY && open[0]!.dueOn > TODAY).toBe(true);
    expect(closed[0]!.dueOn < TODAY).toBe(true);
    const assessments = await db().select().from(selfAssessments);
    const previous = assessments.filter((a) => a.cycleId === closed[0]!.id);
    expect(previous.map((a) => a.status)).toEqual(["moderated", "moderated", "moderated", "moderated"]);
    const current = assessments.filter((a) => a.cycleId === open[0]!.id);
    const state = new Map(current.map((a) => [a.partnershipId, a.status]));
    expect(state.get(ids.get("ashvale")!)).toBe("submitted");
    expect(state.get(ids.get("deneholme")!)).toBe("draft");
    expect([...state.values()].sort()).toEqual(["draft", "moderated", "submitted", "submitted"]);
    const draft = current.find((a) => a.status === "draft")!;
    expect(draft.submittedAt).toBeNull();
    const ratings = await db()
      .select()
      .from(assessmentRatings)
      .where(eq(assessmentRatings.assessmentId, draft.id));
    expect(ratings).toHaveLength(24);
    expect(ratings.every((r) => r.agreedLevelId === null)).toBe(true);
  });

  it("turns criteria not met into actions of the partnership's own plan", async () => {
    const linked = await db()
      .select({ rating: assessmentRatings.partnershipId, action: actions.partnershipId })
      .from(assessmentRatings)
      .innerJoin(actions, eq(actions.id, assessmentRatings.actionId));
    expect(linked.length).toBeGreaterThanOrEqual(2);
    expect(linked.every((l) => l.rating === l.action)).toBe(true);
  });

  it("shares everything but Corrow Vale's governance, with populations and their source", async () => {
    const rows = await db().select().from(regionSharing);
    expect(rows).toHaveLength(4);
    expect(
      rows.every((r) => r.populationSource === "ONS mid-year estimate 2024" && (r.population ?? 0) > 0),
    ).toBe(true);
    expect(
      rows.every((r) => r.shareStatistics && r.shareRatings && r.shareFunding && r.shareAssessments),
    ).toBe(true);
    expect(rows.filter((r) => !r.shareGovernance).map((r) => r.partnershipId)).toEqual([
      ids.get("corrow-vale"),
    ]);
  });

  it("hosts the regional project in Ashvale, paid from its regional pot, with four deliverables", async () => {
    const [project] = await db().select().from(regionalProjects);
    expect(project?.hostPartnershipId).toBe(ids.get("ashvale"));
    const [stream] = await db()
      .select()
      .from(fundingStreams)
      .where(eq(fundingStreams.id, project!.fundingStreamId!));
    const contributions = await db()
      .select({ pence: fundingContributions.amountPence })
      .from(fundingContributions)
      .where(eq(fundingContributions.streamId, stream!.id));
    expect(contributions.map((c) => c.pence).sort()).toEqual([1_050_000, 800_000, 800_000, 800_000]);
    const deliverables = await db()
      .select()
      .from(regionalProjectDeliverables)
      .where(eq(regionalProjectDeliverables.projectId, project!.id));
    expect(deliverables).toHaveLength(4);
    const withActions = deliverables.filter((d) => d.actionId !== null).map((d) => d.actionId!);
    expect(withActions).toHaveLength(2);
    const { rows } = await t.database.execute(
      `select a.id from actions a where a.id = any($1::int[]) and a.partnership_id = $2
         and exists (select 1 from milestones m where m.action_id = a.id)
         and exists (select 1 from updates u where u.action_id = a.id and u.status = 'accepted')`,
      [withActions, ids.get("ashvale")],
    );
    expect(rows).toHaveLength(2);
  });

  it("loads once: a second call changes nothing", async () => {
    const result = await loadDemoRegion(db(), { today: TODAY });
    expect(result.loaded).toBe(false);
    const [n] = await db().select({ n: sql<number>`count(*)::int` }).from(qualityStandards);
    expect(n?.n).toBe(1);
  });
});
