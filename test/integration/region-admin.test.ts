// Issue 15, "Region and its people": regions and their people from the command line (through
// services.regionAdmin, as the CLI calls it), the coordinator's sharing page changing what the region
// sees, and the region's People page and own audit log. The world is region-fixture.ts.
import { and, desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, partnerships, regions, strategies } from "../../src/db/schema.ts";
import { regionSharing } from "../../src/db/schema-region.ts";
import { RATINGS } from "../../src/domain/rag.ts";
import { systemActor } from "../../src/services/actor.ts";
import { demoUser, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { buildRegionFixture, REGION_PASSWORD, type RegionFixture } from "./region-fixture.ts";

const cli = systemActor("cli");

/** The form as the sharing page sends it, everything shared and the population given. */
const allShared = (version: number, extra: Record<string, string | string[]> = {}) => ({
  share: ["statistics", "ratings", "funding", "assessments", "governance"],
  population: "165,300",
  populationSource: "ONS mid-2024 estimate",
  version: String(version),
  ...extra,
});

describe.each(testDatabaseKinds())("the region and its people (%s)", (kind) => {
  let fx: RegionFixture;
  let viewerOfP1: TestClient;
  const db = () => fx.t.database.db;
  const services = () => fx.t.services;

  async function sharingVersion(partnershipId: number): Promise<number> {
    const [row] = await db()
      .select({ v: regionSharing.version })
      .from(regionSharing)
      .where(eq(regionSharing.partnershipId, partnershipId));
    return row?.v ?? 0;
  }

  async function leadActor() {
    const context = await services().regionAccess.context(fx.people.leadA.id, fx.regionA.slug);
    if (!context) throw new Error("region A's lead has no place");
    return context.actor;
  }

  beforeAll(async () => {
    fx = await buildRegionFixture(kind);
    viewerOfP1 = new TestClient(fx.t.app);
    await viewerOfP1.signIn(demoUser("viewer").email);
  });
  afterAll(async () => fx?.t.close());

  describe("from the command line", () => {
    it("adds a region, refusing a taken slug or name, a bad slug and text Waymark cannot store", async () => {
      const row = await services().regionAdmin.create(cli, { slug: "eastmere", name: "Eastmere" });
      expect(row).toMatchObject({ slug: "eastmere", name: "Eastmere" });
      await expect(services().regionAdmin.create(cli, { slug: "eastmere", name: "Other" })).rejects.toThrow(
        "The slug eastmere is already taken by another region",
      );
      await expect(services().regionAdmin.create(cli, { slug: "other", name: "eastmere" })).rejects.toThrow(
        "A region is already called eastmere",
      );
      await expect(services().regionAdmin.create(cli, { slug: "Not A Slug", name: "X" })).rejects.toThrow(
        "lower-case letters",
      );
      await expect(
        services().regionAdmin.create(cli, { slug: "nul", name: "Nul\u0000region" }),
      ).rejects.toThrow("hidden or control characters");
      const [created] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "region.create"), eq(auditLog.regionId, row.id)));
      expect(created).toMatchObject({ actor: "cli", partnershipId: null, entityType: "region" });
      const [nul] = await db().select().from(regions).where(eq(regions.slug, "nul"));
      expect(nul).toBeUndefined();
    });

    it("only the command line adds regions", async () => {
      await expect(
        services().regionAdmin.create(await leadActor(), { slug: "x", name: "X" }),
      ).rejects.toThrow("command line");
    });

    it("puts a new partnership in a region named by slug or exact name, and refuses an unknown one", async () => {
      const bySlug = await services().partnerships.create(cli, {
        slug: "eastmere-north",
        name: "Eastmere North",
        areaName: "Eastmere North",
        region: "eastmere",
      });
      const byName = await services().partnerships.create(cli, {
        slug: "eastmere-south",
        name: "Eastmere South",
        areaName: "Eastmere South",
        region: "Eastmere",
      });
      const [eastmere] = await db().select().from(regions).where(eq(regions.slug, "eastmere"));
      expect(bySlug.regionId).toBe(eastmere!.id);
      expect(byName.regionId).toBe(eastmere!.id);
      await expect(
        services().partnerships.create(cli, {
          slug: "nowhere-p",
          name: "Nowhere",
          areaName: "Nowhere",
          region: "nowhere",
        }),
      ).rejects.toThrow('No region has the slug or name "nowhere". Add it first with: waymark region add');
      expect(await services().partnerships.findBySlug("nowhere-p")).toBeUndefined();
      const [none] = await db().select().from(regions).where(eq(regions.name, "nowhere"));
      expect(none).toBeUndefined();
    });

    it("lets an existing partnership join a region, audited for both", async () => {
      const joined = await services().regionAdmin.join(cli, "eastmere", fx.p4.slug);
      expect(joined.already).toBe(false);
      const [p4] = await db().select().from(partnerships).where(eq(partnerships.id, fx.p4.id));
      expect(p4!.regionId).toBe(joined.region.id);
      const [entry] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "partnership.join-region"), eq(auditLog.partnershipId, fx.p4.id)));
      expect(entry).toMatchObject({ regionId: joined.region.id, after: { regionId: joined.region.id } });
      // Put it back in no region: the route matrix's "outside the region" partnership.
      await db().update(partnerships).set({ regionId: null }).where(eq(partnerships.id, fx.p4.id));
    });

    it("gives a person a place in a region, creating the account if new, and refuses a second place", async () => {
      const added = await services().regionAdmin.addPersonByCli(
        cli,
        "eastmere",
        {
          email: "lead@eastmere.example",
          name: "Eastmere Lead",
          organisationName: "Eastmere OPCC",
          role: "lead",
        },
        REGION_PASSWORD,
      );
      expect(added).toMatchObject({ existingUser: false, role: "lead", region: { slug: "eastmere" } });
      // An existing account (region A's viewer) keeps its password; it gains a second region.
      const again = await services().regionAdmin.addPersonByCli(cli, "eastmere", {
        email: fx.people.viewerA.email,
        name: "Another Name",
        organisationName: "Eastmere OPCC",
        role: "viewer",
      });
      expect(again.existingUser).toBe(true);
      expect(again.user.name).toBe(fx.people.viewerA.name);
      await expect(
        services().regionAdmin.addPersonByCli(cli, "eastmere", {
          email: "lead@eastmere.example",
          name: "Eastmere Lead",
          organisationName: "Eastmere OPCC",
          role: "viewer",
        }),
      ).rejects.toThrow("already has a place in this region");
      await expect(
        services().regionAdmin.addPersonByCli(
          cli,
          "eastmere",
          { email: "weak@eastmere.example", name: "W", organisationName: "O", role: "viewer" },
          "password",
        ),
      ).rejects.toThrow();
      const entries = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.regionId, added.region.id), isNull(auditLog.partnershipId)));
      expect(entries.map((e) => e.action)).toEqual(
        expect.arrayContaining(["region.create", "user.create", "region-membership.create"]),
      );
      expect(JSON.stringify(entries)).not.toContain("passwordHash");
      const listed = await services().regionAdmin.list(cli);
      expect(listed.find((r) => r.slug === "eastmere")).toMatchObject({ partnerships: 2, people: 2 });
    });
  });

  describe("the coordinator's sharing page", () => {
    const url = () => `/p/${fx.p1.slug}/manage/region`;

    it("shows the region, the five switches with what the region sees, and is linked from Manage", async () => {
      const manage = await fx.clients.p1Coordinator.get(`/p/${fx.p1.slug}/manage`);
      expect(manage.body).toContain(`href="/p/${fx.p1.slug}/manage/region"`);
      const page = await fx.clients.p1Coordinator.get(url());
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(fx.regionA.name);
      for (const label of [
        "Key statistics",
        "Commitment ratings",
        "Funding totals",
        "Self-assessments",
        "Governance",
      ])
        expect(page.body).toContain(label);
      expect(page.body).toContain(
        "never drafts, never people’s names or contact details, never your audit log",
      );
    });

    it("lets every member read it, and only the coordinator change it", async () => {
      const read = await viewerOfP1.get(url());
      expect(read.statusCode).toBe(200);
      expect(read.body).toContain("Only the partnership’s coordinator can change what is shared");
      expect(read.body).not.toContain('name="share"');
      const before = await sharingVersion(fx.p1.id);
      const refused = await viewerOfP1.post(url(), allShared(before, { share: [] }));
      expect(refused.statusCode).toBe(403);
      expect(await sharingVersion(fx.p1.id)).toBe(before);
    });

    it("switching self-assessments off takes the partnership out of the region's comparison", async () => {
      const lead = await leadActor();
      const sharingBefore = await services().regionAccess.sharing(lead, "assessments");
      expect(sharingBefore.map((p) => p.id)).toContain(fx.p1.id);
      const version = await sharingVersion(fx.p1.id);
      const saved = await fx.clients.p1Coordinator.post(
        url(),
        allShared(version, { share: ["statistics", "ratings", "funding"] }),
      );
      expect(saved.statusCode).toBe(303);
      const comparison = await services().regionComparison.compare(lead);
      expect(comparison.notSharing.map((p) => p.id)).toContain(fx.p1.id);
      const sharingAfter = await services().regionAccess.sharing(lead, "assessments");
      expect(sharingAfter.map((p) => p.id)).not.toContain(fx.p1.id);
      const people = await fx.clients.viewerA.get(`/r/${fx.regionA.slug}/people`);
      expect(people.body).toMatch(/Ashvale[\s\S]*?Not shared/);
      expect(people.body).toContain("165,300");
      // Back on: the region sees it again.
      const back = await fx.clients.p1Coordinator.post(url(), allShared(await sharingVersion(fx.p1.id)));
      expect(back.statusCode).toBe(303);
      expect((await services().regionComparison.compare(lead)).notSharing.map((p) => p.id)).not.toContain(
        fx.p1.id,
      );
    });

    it("shows the region each sharing partnership's commitment ratings as counts, and none once switched off", async () => {
      // What Ashvale's own strategy page shows, counted by rating.
      const [latest] = await db()
        .select()
        .from(strategies)
        .where(eq(strategies.partnershipId, fx.p1.id))
        .orderBy(desc(strategies.startYear), desc(strategies.id))
        .limit(1);
      const own = await services().ratings.strategyRatings(systemActor("test", fx.p1.id), latest!.id);
      const expected = Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<string, number>;
      for (const v of own.byCommitment.values()) expected[v.rating]! += 1;
      expect(own.byCommitment.size).toBeGreaterThan(0);
      const row = (body: string) =>
        /<table class="govuk-table" id="commitment-ratings">[\s\S]*?<\/table>/
          .exec(body)?.[0]
          .split("<tr")
          .find((r) => r.includes(fx.p1.name));
      const home = await fx.clients.viewerA.get(`/r/${fx.regionA.slug}`);
      expect(home.statusCode).toBe(200);
      const cells = [...(row(home.body) ?? "").matchAll(/govuk-table__cell--numeric">(\d+)</g)].map((m) =>
        Number(m[1]),
      );
      expect(cells).toEqual([...RATINGS.map((r) => expected[r]), own.byCommitment.size]);
      expect(home.body).toContain(latest!.title);
      // Off: the partnership leaves the table and is named as not sharing.
      await fx.clients.p1Coordinator.get(url());
      const off = await fx.clients.p1Coordinator.post(
        url(),
        allShared(await sharingVersion(fx.p1.id), { share: ["statistics", "funding", "assessments"] }),
      );
      expect(off.statusCode).toBe(303);
      const after = await fx.clients.viewerA.get(`/r/${fx.regionA.slug}`);
      expect(row(after.body)).toBeUndefined();
      expect(after.body).toMatch(
        new RegExp(`Not shared with the region, so not included: [^<]*${fx.p1.name}`),
      );
      const back = await fx.clients.p1Coordinator.post(url(), allShared(await sharingVersion(fx.p1.id)));
      expect(back.statusCode).toBe(303);
    });

    it("audits each change for the partnership and its region, with the switches before and after", async () => {
      const entries = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "region-sharing.update"), eq(auditLog.partnershipId, fx.p1.id)));
      const real = entries.filter((e) => e.actor === demoUser("admin").email);
      expect(real.length).toBeGreaterThanOrEqual(2);
      expect(real[0]).toMatchObject({ regionId: fx.regionA.id, entityType: "region-sharing" });
      const off = real.find((e) => (e.after as { shareAssessments: boolean }).shareAssessments === false);
      expect(off?.before).toMatchObject({ shareAssessments: true });
      const log = await fx.clients.p1Coordinator.get(`/p/${fx.p1.slug}/audit`);
      expect(log.body).toContain("What the partnership shares with its region changed");
      expect(log.body).toContain("Shares submitted self-assessments");
    });

    it("refuses a stale version, showing the saved values and keeping what was typed", async () => {
      const stale = (await sharingVersion(fx.p1.id)) - 1;
      const response = await fx.clients.p1Coordinator.post(
        url(),
        allShared(stale, { population: "170000", populationSource: "My typed source" }),
      );
      expect(response.statusCode).toBe(409);
      expect(response.body).toContain("govuk-error-summary");
      expect(response.body).toContain('href="#conflict"');
      expect(response.body).toContain("My typed source");
      expect(response.body).toContain('value="170000"');
      const [row] = await db().select().from(regionSharing).where(eq(regionSharing.partnershipId, fx.p1.id));
      expect(row!.populationSource).toBe("ONS mid-2024 estimate");
    });

    it("refuses a population without its source, and text Waymark cannot store, changing nothing", async () => {
      const version = await sharingVersion(fx.p1.id);
      const alone = await fx.clients.p1Coordinator.post(url(), allShared(version, { populationSource: "" }));
      expect(alone.statusCode).toBe(400);
      expect(alone.body).toContain('href="#populationSource"');
      expect(alone.body).toContain("Enter where the population comes from");
      const notNumber = await fx.clients.p1Coordinator.post(
        url(),
        allShared(version, { population: "lots" }),
      );
      expect(notNumber.statusCode).toBe(400);
      expect(notNumber.body).toContain('href="#population"');
      const nul = await fx.clients.p1Coordinator.post(
        url(),
        allShared(version, { populationSource: "ONS\u0000 estimate" }),
      );
      expect(nul.statusCode).toBe(400);
      expect(nul.body).toContain("hidden or control characters");
      expect(await sharingVersion(fx.p1.id)).toBe(version);
      await expect(
        services().regionSharing.save(fx.p1.actor, version, {
          shareStatistics: true,
          shareRatings: true,
          shareFunding: true,
          shareAssessments: true,
          shareGovernance: true,
          population: 10,
          populationSource: "Nul\u0000",
        }),
      ).rejects.toThrow("hidden or control characters");
      expect(await sharingVersion(fx.p1.id)).toBe(version);
    });

    it("tells a partnership in no region how to join one", async () => {
      const org = await services().organisations.create(fx.p4.actor, { name: "Oldwater Council", kind: "" });
      await services().people.add(
        fx.p4.actor,
        {
          email: "coordinator@oldwater.example",
          name: "Oldwater Coordinator",
          organisationId: org.id,
          role: "admin",
        },
        REGION_PASSWORD,
      );
      const client = new TestClient(fx.t.app);
      await client.signIn("coordinator@oldwater.example", REGION_PASSWORD);
      const page = await client.get(`/p/${fx.p4.slug}/manage/region`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("is not in a region");
      expect(page.body).toContain(`waymark region join --region north-marston --partnership ${fx.p4.slug}`);
      expect(page.body).not.toContain('name="share"');
      const refused = await client.post(`/p/${fx.p4.slug}/manage/region`, allShared(0));
      expect(refused.statusCode).toBe(400);
      expect(await sharingVersion(fx.p4.id)).toBe(0);
    });
  });

  describe("the region's People page and audit log", () => {
    const people = () => `/r/${fx.regionA.slug}/people`;

    it("shows the region's own people with role and organisation, to the lead and the viewers", async () => {
      for (const client of [fx.clients.viewerA, fx.clients.leadA]) {
        const page = await client.get(people());
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(fx.people.leadA.name);
        expect(page.body).toContain("Regional lead");
        expect(page.body).toContain("Regional viewer");
        expect(page.body).toContain("Office of the Police and Crime Commissioner");
        expect(page.body).toContain("Kestrel Vale Partnership");
        expect(page.body).not.toContain("Imogen Thackeray");
      }
      expect((await fx.clients.viewerA.get(people())).body).not.toContain("Add a regional viewer");
    });

    it("lets the lead add and remove a regional viewer, audited with the region; a viewer cannot", async () => {
      const viewerTry = await fx.clients.viewerA.post(`${people()}/new`, {
        email: "nobody@region-a.example",
        name: "Nobody",
        organisationName: "X",
      });
      expect(viewerTry.statusCode).toBe(403);
      await fx.clients.leadA.get(people());
      const bad = await fx.clients.leadA.post(`${people()}/new`, {
        email: "not an email",
        name: "",
        organisationName: "O",
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('href="#email"');
      const added = await fx.clients.leadA.post(`${people()}/new`, {
        email: "analyst@region-a.example",
        name: "Regional Analyst",
        organisationName: "North Marston OPCC",
      });
      expect(added.statusCode).toBe(303);
      const page = await fx.clients.leadA.get(people());
      expect(page.body).toContain("Regional Analyst");
      expect(page.body).toContain("Give them this password");
      const analyst = (await services().regionAdmin.people(await leadActor())).find(
        (p) => p.email === "analyst@region-a.example",
      )!;
      expect(analyst.role).toBe("viewer");
      const [addedEntry] = await db()
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.action, "region-membership.create"), eq(auditLog.entityId, String(analyst.userId))),
        );
      expect(addedEntry).toMatchObject({ regionId: fx.regionA.id, partnershipId: null });
      const stale = await fx.clients.leadA.post(`${people()}/${analyst.userId}/remove`, {
        version: String(analyst.version + 1),
      });
      expect(stale.statusCode).toBe(409);
      const removed = await fx.clients.leadA.post(`${people()}/${analyst.userId}/remove`, {
        version: String(analyst.version),
      });
      expect(removed.statusCode).toBe(303);
      const after = await fx.clients.leadA.get(people());
      expect(after.body).toContain("Regional Analyst no longer has a place in the region");
      expect(after.body).not.toContain(">Regional Analyst</th>");
      // The lead cannot remove a lead here.
      const leadRow = (await services().regionAdmin.people(await leadActor())).find(
        (p) => p.role === "lead",
      )!;
      const refused = await fx.clients.leadA.post(`${people()}/${leadRow.userId}/remove`, {
        version: String(leadRow.version),
      });
      expect(refused.statusCode).toBe(400);
    });

    it("shows the lead the region's own audit log, never a partnership's entries", async () => {
      const log = await fx.clients.leadA.get(`/r/${fx.regionA.slug}/audit`);
      expect(log.statusCode).toBe(200);
      expect(log.body).toContain("Person given a place in the region");
      expect(log.body).toContain("removed");
      expect(log.body).not.toContain(fx.planted.auditMarker);
      expect(log.body).not.toContain("What the partnership shares with its region changed");
      expect((await fx.clients.viewerA.get(`/r/${fx.regionA.slug}/audit`)).statusCode).toBe(403);
    });
  });
});
