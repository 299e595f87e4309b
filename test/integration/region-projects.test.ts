import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema.ts";
import { regionalProjectDeliverables, regionalProjects } from "../../src/db/schema-region.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { dateFields } from "../support/rounds.ts";
import {
  ACCEPTED_NARRATIVE,
  createRegionProjectsFixture,
  DRAFT_NARRATIVE,
  REGION,
  type RegionProjectsFixture,
} from "./region-projects-fixture.ts";

// Issue 15, regional projects: the lead's project and deliverables, the money as the host's stream
// (total made up exactly), progress from the host's action (accepted updates only, milestones), the
// host's coordinator linking its own action, and every outsider refused without a change.

describe.each(testDatabaseKinds())("regional projects (%s)", (kind) => {
  let f: RegionProjectsFixture;
  let projectId: number;
  const deliverableIds: number[] = [];

  const fingerprint = async () => {
    const { rows } = await f.t.database.execute(
      "select (select count(*)::int from audit_log) as audit, (select count(*)::int from regional_projects) as projects, (select coalesce(sum(version), 0)::int from regional_project_deliverables) as versions, (select count(*)::int from regional_project_deliverables) as deliverables",
    );
    return JSON.stringify(rows[0]);
  };
  const projectForm = (extra: Record<string, string> = {}) => ({
    name: "Regional quality standard",
    purpose: "A shared standard for every partnership of the region",
    hostPartnershipId: String(f.ashvaleId),
    fundingStreamId: String(f.streamId),
    status: "active",
    ...dateFields("startsOn", "2026-04-01"),
    ...dateFields("endsOn", "2027-03-31"),
    ...extra,
  });

  beforeAll(async () => {
    f = await createRegionProjectsFixture(kind);
  });
  afterAll(async () => f?.t.close());

  it("lets the lead add a project whose money is the host's stream, its total exact and in words", async () => {
    expect((await f.lead.get(`${REGION}/projects/new`)).statusCode).toBe(200);
    const bad = await f.lead.post(
      `${REGION}/projects/new`,
      projectForm({ name: "", fundingStreamId: String(f.eastStreamId) }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#name"');
    expect(await f.db.select().from(regionalProjects)).toHaveLength(0);
    // A stream of another partnership than the host is refused, with nothing saved.
    const wrongStream = await f.lead.post(
      `${REGION}/projects/new`,
      projectForm({ fundingStreamId: String(f.eastStreamId) }),
    );
    expect(wrongStream.statusCode).toBe(400);
    expect(wrongStream.body).toContain("Select one of the host partnership&#39;s funding streams");
    // A host outside the region is refused too.
    const outside = await f.lead.post(
      `${REGION}/projects/new`,
      projectForm({ hostPartnershipId: String(f.southfieldId) }),
    );
    expect(outside.statusCode).toBe(400);

    const created = await f.lead.post(`${REGION}/projects/new`, projectForm());
    expect(created.statusCode).toBe(303);
    projectId = Number(/\/projects\/(\d+)$/.exec(String(created.headers.location))?.[1]);
    const page = await f.regionViewer.get(`${REGION}/projects/${projectId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("£34,500 = 3 × £8,000 + £10,500");
    expect(page.body).toContain("Police and Crime Commissioner");
    expect(page.body).toContain("£10,500");
    const [entry] = await f.db.select().from(auditLog).where(eq(auditLog.action, "region-project.create"));
    expect(entry?.regionId).toBe(f.regionId);
    expect(entry?.partnershipId).toBeNull();
    const list = await f.regionViewer.get(`${REGION}/projects`);
    expect(list.body).toContain("Regional quality standard");
  });

  it("lets the lead add, change, move and remove deliverables, refusing a stale version", async () => {
    for (const title of [
      "A quality standard tool",
      "A review of governance",
      "A financial analysis",
      "A regional report",
    ]) {
      await f.lead.get(`${REGION}/projects/${projectId}/deliverables/new`);
      const r = await f.lead.post(`${REGION}/projects/${projectId}/deliverables/new`, {
        title,
        description: "",
        ...dateFields("dueOn", "2027-01-31"),
        actionId: String(f.actionId), // ignored: the lead cannot pick the host's action
      });
      expect(r.statusCode).toBe(303);
    }
    const rows = await f.db
      .select()
      .from(regionalProjectDeliverables)
      .where(eq(regionalProjectDeliverables.projectId, projectId))
      .orderBy(regionalProjectDeliverables.position);
    expect(rows.map((r) => r.actionId)).toEqual([null, null, null, null]);
    deliverableIds.push(...rows.map((r) => r.id));
    const [first, second, , fourth] = rows;

    const url = `${REGION}/projects/${projectId}/deliverables/${first!.id}/edit`;
    await f.lead.get(url);
    expect(
      (await f.lead.post(url, { title: "A quality standard tool, tested", description: "", version: "1" }))
        .statusCode,
    ).toBe(303);
    const stale = await f.lead.post(url, { title: "An older idea", description: "", version: "1" });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("A quality standard tool, tested");

    await f.lead.get(`${REGION}/projects/${projectId}`);
    expect(
      (
        await f.lead.post(`${REGION}/projects/${projectId}/deliverables/${second!.id}/move`, {
          direction: "up",
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await f.lead.post(`${REGION}/projects/${projectId}/deliverables/${fourth!.id}/remove`)).statusCode,
    ).toBe(303);
    const after = await f.db
      .select()
      .from(regionalProjectDeliverables)
      .where(eq(regionalProjectDeliverables.projectId, projectId))
      .orderBy(regionalProjectDeliverables.position);
    expect(after.map((r) => [r.title, r.position])).toEqual([
      ["A review of governance", 1],
      ["A quality standard tool, tested", 2],
      ["A financial analysis", 3],
    ]);
  });

  it("lets only the host's coordinator link its own action; progress is the latest accepted update, never a draft", async () => {
    const deliverableId = deliverableIds[0]!;
    const linkUrl = `/p/ashvale/regional-projects/${projectId}/deliverables/${deliverableId}/action`;
    const [row] = await f.db
      .select()
      .from(regionalProjectDeliverables)
      .where(eq(regionalProjectDeliverables.id, deliverableId));
    const body = { actionId: String(f.actionId), version: String(row!.version) };

    // Eastvale's coordinator reads the project (same region) but may not link Ashvale's action.
    expect((await f.eastAdmin.get(`/p/eastvale/regional-projects/${projectId}`)).statusCode).toBe(200);
    const before = await fingerprint();
    const refused = await f.eastAdmin.post(
      `/p/eastvale/regional-projects/${projectId}/deliverables/${deliverableId}/action`,
      body,
    );
    expect(refused.statusCode).toBe(403);
    // Ashvale's viewer may not either, and the region's lead is no member of Ashvale.
    await f.hostViewer.get(`/p/ashvale/regional-projects/${projectId}`);
    expect((await f.hostViewer.post(linkUrl, body)).statusCode).toBe(403);
    expect((await f.lead.post(linkUrl, body)).statusCode).toBe(404);
    expect(await fingerprint()).toBe(before);

    const page = await f.hostAdmin.get(`/p/ashvale/regional-projects/${projectId}`);
    expect(page.body).toContain("Save the link");
    const linked = await f.hostAdmin.post(linkUrl, body);
    expect(linked.statusCode).toBe(303);
    const [entry] = await f.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "region-deliverable.link"))
      .orderBy(desc(auditLog.id));
    expect(entry?.partnershipId).toBe(f.ashvaleId);
    expect(entry?.regionId).toBe(f.regionId);

    const regional = await f.regionViewer.get(`${REGION}/projects/${projectId}`);
    expect(regional.body).toContain(ACCEPTED_NARRATIVE);
    expect(regional.body).toContain("Amber");
    expect(regional.body).toContain("Project round one");
    expect(regional.body).not.toContain(DRAFT_NARRATIVE);
    expect(regional.body).not.toContain("Project round two");
    expect(regional.body).toMatch(/Overdue\s*<\/strong>\s*Pilot finished/);
    expect(regional.body).toContain("Tool launched");
  });

  it("answers 404 to the lead of another region, and 403 to a regional viewer's changes, changing nothing", async () => {
    const before = await fingerprint();
    for (const path of ["", "/edit", `/deliverables/${deliverableIds[0]}/edit`]) {
      expect((await f.otherLead.get(`/r/northern-region/projects/${projectId}${path}`)).statusCode).toBe(404);
    }
    await f.otherLead.get("/r/southern-region/projects");
    expect((await f.otherLead.get(`/r/southern-region/projects/${projectId}`)).statusCode).toBe(404);
    expect((await f.otherLead.get(`/r/southern-region/projects/${projectId}/edit`)).statusCode).toBe(404);
    const post = await f.otherLead.post(`/r/southern-region/projects/${projectId}/edit`, {
      ...projectForm(),
      version: "1",
    });
    expect(post.statusCode).toBe(404);
    const move = await f.otherLead.post(
      `/r/southern-region/projects/${projectId}/deliverables/${deliverableIds[1]}/move`,
      {
        direction: "up",
      },
    );
    expect(move.statusCode).toBe(404);
    await f.regionViewer.get(`${REGION}/projects`);
    expect((await f.regionViewer.get(`${REGION}/projects/new`)).statusCode).toBe(403);
    expect((await f.regionViewer.post(`${REGION}/projects/new`, projectForm())).statusCode).toBe(403);
    expect(await fingerprint()).toBe(before);
    // A member of a partnership in another region sees none of this region's projects.
    const list = await f.hostViewer.get("/p/ashvale/regional-projects");
    expect(list.body).toContain("Regional quality standard");
    const [project] = await f.db
      .select()
      .from(regionalProjects)
      .where(and(eq(regionalProjects.id, projectId)));
    expect(project?.version).toBe(1);
  });

  it("leads a partnership of the region to its regional projects, and on to its self-assessments", async () => {
    /** The service navigation's items as [text, href, active]. */
    const nav = (body: string) =>
      [
        ...body.matchAll(
          /<li class="govuk-service-navigation__item([^"]*)">\s*<a[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g,
        ),
      ].map((m) => [m[3]!.replace(/<[^>]+>/g, "").trim(), m[2], m[1]!.includes("--active")]);
    const home = nav((await f.hostViewer.get("/p/ashvale")).body);
    expect(home).toContainEqual(["Region", "/p/ashvale/regional-projects", false]);
    const list = await f.hostViewer.get("/p/ashvale/regional-projects");
    expect(nav(list.body)).toContainEqual(["Region", "/p/ashvale/regional-projects", true]);
    expect(list.body).toContain('href="/p/ashvale/assessments"');
  });
});
