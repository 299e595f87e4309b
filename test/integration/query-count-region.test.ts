import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partnerships, regions } from "../../src/db/schema.ts";
import {
  assessmentCycles,
  qualityStandards,
  regionalProjects,
  selfAssessments,
} from "../../src/db/schema-region.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { growRegion, type RegionGrowthIds } from "./query-count-region-growth.ts";

// Issue 15 in the query-count test's terms (query-count.test.ts, issue 6): every page of the region
// (/r/:regionSlug …) and the partnership's regional projects cost as many statements in a region of
// eight partnerships, with four more self-assessments, statistics, funding, boards, deliverables and
// contributions, as in the demo's region of four. Each page is fetched once to warm up, measured,
// then measured again after the growth, and must show what was added.

interface Page {
  name: string;
  who: "lead" | "coordinator";
  url: string;
  /** Text the page shows once the region has grown. */
  grown: string;
}

const GROWN = 4;

describe.each(testDatabaseKinds())("the region's pages cost the same as the region grows (%s)", (kind) => {
  let t: TestApp;
  let lead: TestClient;
  let coordinator: TestClient;
  let pages: Page[];
  const before = new Map<string, { queries: number; status: number }>();
  const after = new Map<string, { queries: number; status: number; body: string }>();

  async function measure(page: Page) {
    const client = page.who === "lead" ? lead : coordinator;
    const start = t.database.queryCount();
    const response = await client.get(page.url);
    return { queries: t.database.queryCount() - start, status: response.statusCode, body: response.body };
  }

  beforeAll(async () => {
    t = await createTestApp({
      kind,
      demoProgress: true,
      demoRegion: true,
      config: { pageCache: false },
    });
    const db = t.database.db;
    const [region] = await db.select().from(regions).where(eq(regions.slug, "north-marston"));
    const [ashvale] = await db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
    const [standard] = await db
      .select()
      .from(qualityStandards)
      .where(and(eq(qualityStandards.regionId, region!.id), eq(qualityStandards.status, "published")))
      .orderBy(asc(qualityStandards.id))
      .limit(1);
    const [cycle] = await db
      .select()
      .from(assessmentCycles)
      .where(eq(assessmentCycles.standardId, standard!.id))
      .orderBy(desc(assessmentCycles.opensOn))
      .limit(1);
    const [assessment] = await db
      .select()
      .from(selfAssessments)
      .where(
        and(
          eq(selfAssessments.cycleId, cycle!.id),
          inArray(selfAssessments.status, ["submitted", "moderated"]),
        ),
      )
      .orderBy(asc(selfAssessments.id))
      .limit(1);
    const [project] = await db
      .select()
      .from(regionalProjects)
      .where(eq(regionalProjects.regionId, region!.id))
      .orderBy(asc(regionalProjects.id))
      .limit(1);
    const ids: RegionGrowthIds = {
      regionId: region!.id,
      regionName: region!.name,
      ashvaleId: ashvale!.id,
      standardId: standard!.id,
      cycleId: cycle!.id,
      projectId: project!.id,
    };
    const r = "/r/north-marston";
    const partnership = "Grown Region Partnership 4";
    pages = [
      { name: "region home", who: "lead", url: r, grown: partnership },
      { name: "region standards", who: "lead", url: `${r}/standards`, grown: standard!.name },
      { name: "region standard", who: "lead", url: `${r}/standards/${standard!.id}`, grown: standard!.name },
      { name: "region cycle", who: "lead", url: `${r}/cycles/${cycle!.id}`, grown: partnership },
      {
        name: "region assessment",
        who: "lead",
        url: `${r}/assessments/${assessment!.id}`,
        grown: standard!.name,
      },
      { name: "region comparison", who: "lead", url: `${r}/comparison`, grown: partnership },
      { name: "region report", who: "lead", url: `${r}/report`, grown: partnership },
      { name: "region spend", who: "lead", url: `${r}/spend`, grown: "Grown 4 contract" },
      { name: "region statistics", who: "lead", url: `${r}/statistics`, grown: partnership },
      { name: "region governance", who: "lead", url: `${r}/governance`, grown: "Grown 4 operational group" },
      { name: "region projects", who: "lead", url: `${r}/projects`, grown: "Grown regional project" },
      {
        name: "region project",
        who: "lead",
        url: `${r}/projects/${project!.id}`,
        grown: "Grown deliverable 4",
      },
      {
        name: "partnership's regional projects",
        who: "coordinator",
        url: "/p/ashvale/regional-projects",
        grown: "Grown regional project",
      },
      {
        name: "partnership's regional project",
        who: "coordinator",
        url: `/p/ashvale/regional-projects/${project!.id}`,
        grown: "Grown contributor 4",
      },
    ];
    lead = new TestClient(t.app);
    await lead.signIn("lead@north-marston.example");
    coordinator = new TestClient(t.app);
    await coordinator.signIn(demoUser("admin").email);
    // Once to warm up (the session's touch, the first chart's modules), then measured.
    for (const page of pages) await measure(page);
    for (const page of pages) before.set(page.name, await measure(page));
    await growRegion(t, ids, GROWN);
    for (const page of pages) after.set(page.name, await measure(page));
  }, 600_000);
  afterAll(async () => t?.close());

  it("every page answers 200 before and after, and shows what was added", () => {
    for (const page of pages) {
      expect(before.get(page.name)?.status, page.name).toBe(200);
      expect(after.get(page.name)?.status, page.name).toBe(200);
      expect(after.get(page.name)?.body, page.name).toContain(page.grown);
    }
  });

  it("every page costs exactly as many queries with twice the partnerships", () => {
    const changed = pages
      .map((p) => ({ page: p.name, before: before.get(p.name)?.queries, after: after.get(p.name)?.queries }))
      .filter((c) => c.before !== c.after);
    expect(changed).toEqual([]);
  });

  it("every page costs a small number of queries", () => {
    // The report gathers five sections, each asking the region's access what it may read.
    const limitOf = (name: string) => (name === "region report" ? 30 : 25);
    const costly = pages
      .map((p) => ({ page: p.name, queries: after.get(p.name)?.queries ?? 0 }))
      .filter((c) => c.queries > limitOf(c.page));
    expect(costly).toEqual([]);
  });
});
