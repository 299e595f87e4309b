import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../src/db/schema.ts";
import {
  assessmentRatings,
  qualityStandards,
  selfAssessments,
  standardLevels,
} from "../../src/db/schema-region.ts";
import type { Actor, RegionActor } from "../../src/services/actor.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../src/services/errors.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { buildRegionFixture, type RegionFixture } from "./region-fixture.ts";

// Issue 15, quality standards: the regional lead builds one from a template, edits and publishes it;
// a viewer cannot; a partnership adopts a copy of the region's published standard; the scale locks
// once a self-assessment rates against it; cycles; the regional cycle page shows each partnership's
// state only where it shares its self-assessments.

describe.each(testDatabaseKinds())("quality standards (%s)", (kind) => {
  let fx: RegionFixture;
  let lead: RegionActor;
  let viewer: RegionActor;
  let coordinator: Actor;
  beforeAll(async () => {
    fx = await buildRegionFixture(kind);
    const region = { regionId: fx.regionA.id, regionSlug: fx.regionA.slug };
    lead = { kind: "region", role: "lead", ...region, ...fx.people.leadA, userId: fx.people.leadA.id };
    viewer = {
      kind: "region",
      role: "viewer",
      ...region,
      ...fx.people.viewerA,
      userId: fx.people.viewerA.id,
    };
    coordinator = (await fx.t.services.auth.memberActor(fx.people.p1Coordinator.id, fx.p1.slug))!;
  });
  afterAll(async () => fx?.t.close());

  it("lets the lead create one from a template, edit and publish it, audited in the region's log", async () => {
    const { standards } = fx.t.services;
    const created = await standards.create(lead, {
      source: { kind: "template", key: "marac-ten-principles" },
      name: "",
    });
    expect(created.regionId).toBe(fx.regionA.id);
    expect(created.cycleMonths).toBe(12);
    const view = await standards.view(lead, created.id);
    expect(view.outline.themes).toHaveLength(10);
    expect(view.outline.levels.map((l) => l.label)).toEqual(["Not met", "Partly met", "Met", "Exceeded"]);
    expect(view.outline.themes[0]!.criteria[0]!.number).toBe("1.1");

    const edited = await standards.update(lead, created.id, created.version, {
      name: "Marac standard 2025",
      summary: "Our Marac, assessed each year.",
      cycleMonths: 12,
    });
    expect(edited.name).toBe("Marac standard 2025");
    await expect(
      standards.update(lead, created.id, created.version, { name: "Stale", summary: "", cycleMonths: 12 }),
    ).rejects.toBeInstanceOf(ConflictError);

    const theme = view.outline.themes[1]!;
    await standards.moveTheme(lead, created.id, theme.id, "up");
    const moved = await standards.view(lead, created.id);
    expect(moved.outline.themes[0]!.title).toBe("Referral to Marac and Idva");
    const extra = await standards.addCriterion(lead, created.id, theme.id, {
      title: "Cases are heard within two weeks",
      whatGoodLooksLike: "A case referred is heard at the next meeting.",
      howEvidenced: "Days from referral to meeting.",
    });
    await standards.removeCriterion(lead, created.id, extra.id);

    const published = await standards.publish(lead, created.id);
    expect(published.standard.status).toBe("published");
    expect((await standards.publish(lead, created.id)).already).toBe(true);

    const entries = await fx.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "quality-standard"), eq(auditLog.entityId, String(created.id))));
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "quality-standard.create",
        "quality-standard.update",
        "quality-standard.publish",
      ]),
    );
    expect(entries.every((e) => e.regionId === fx.regionA.id && e.partnershipId === null)).toBe(true);
  });

  it("refuses a viewer's changes and another region's standard, changing nothing", async () => {
    const { standards } = fx.t.services;
    await expect(
      standards.create(viewer, { source: { kind: "blank", scale: "four-level" }, name: "Viewer's" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const [theirs] = await fx.t.database.db
      .insert(qualityStandards)
      .values({ regionId: fx.regionB.id, name: "Southmoor standard" })
      .returning();
    await expect(standards.view(lead, theirs!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(standards.publish(lead, theirs!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      standards.update(viewer, theirs!.id, 1, { name: "x", summary: "", cycleMonths: 12 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses to publish a standard without themes, or with a theme without criteria", async () => {
    const { standards } = fx.t.services;
    const blank = await standards.create(lead, {
      source: { kind: "blank", scale: "one-to-five" },
      name: "Blank one",
    });
    await expect(standards.publish(lead, blank.id)).rejects.toBeInstanceOf(ValidationError);
    await standards.addTheme(lead, blank.id, { title: "Leadership", description: "" });
    await expect(standards.publish(lead, blank.id)).rejects.toThrow(/at least one criterion/);
  });

  it("lets a partnership adopt a copy of the region's published standard, in its own log", async () => {
    const { standards } = fx.t.services;
    const list = await standards.list(coordinator);
    const regional = list.regional.find((s) => s.name === "Marac standard 2025");
    expect(regional).toBeDefined();
    // Drafts of the region are never offered to a partnership.
    expect(list.regional.some((s) => s.name === "Blank one")).toBe(false);
    const copy = await standards.create(coordinator, {
      source: { kind: "copy", standardId: regional!.id },
      name: "",
    });
    expect(copy.partnershipId).toBe(fx.p1.id);
    expect(copy.regionId).toBeNull();
    expect(copy.status).toBe("draft");
    const view = await standards.view(coordinator, copy.id);
    expect(view.outline.themes).toHaveLength(10);
    // The region's own standard is read-only to the partnership.
    await expect(
      standards.update(coordinator, regional!.id, 1, { name: "Taken", summary: "", cycleMonths: 12 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const [entry] = await fx.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "quality-standard.create"), eq(auditLog.entityId, String(copy.id))));
    expect(entry?.partnershipId).toBe(fx.p1.id);
    // The region does not see the partnership's own standard.
    await expect(standards.view(lead, copy.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("locks the scale's shape once a self-assessment rates against it: then labels only", async () => {
    const { standards } = fx.t.services;
    const s = await standards.create(lead, {
      source: { kind: "template", key: "daha-eight-priority-areas" },
      name: "Housing 2025",
    });
    const levels = [
      { label: "No", description: "", meetsStandard: false },
      { label: "Yes", description: "", meetsStandard: true },
    ];
    await expect(
      standards.saveScale(lead, s.id, s.version, [{ label: "Only", description: "", meetsStandard: true }]),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      standards.saveScale(lead, s.id, s.version, [
        { label: "Same", description: "", meetsStandard: false },
        { label: "same", description: "", meetsStandard: true },
      ]),
    ).rejects.toThrow(/different label/);
    const twoLevels = await standards.saveScale(lead, s.id, s.version, levels);
    await standards.publish(lead, s.id);
    const cycle = await standards.createCycle(lead, s.id, {
      name: "2025–28",
      opensOn: "2025-04-01",
      dueOn: "2028-03-31",
    });
    const outline = (await standards.view(lead, s.id)).outline;
    const db = fx.t.database.db;
    const [assessment] = await db
      .insert(selfAssessments)
      .values({ partnershipId: fx.p2.id, cycleId: cycle.id, status: "submitted" })
      .returning();
    await db.insert(assessmentRatings).values({
      partnershipId: fx.p2.id,
      assessmentId: assessment!.id,
      criterionId: outline.themes[0]!.criteria[0]!.id,
      levelId: outline.levels[1]!.id,
    });
    const current = (await standards.view(lead, s.id)).outline.standard;
    expect(current.version).toBe(twoLevels.version + 1);
    await expect(
      standards.saveScale(lead, s.id, current.version, [
        ...levels,
        { label: "More", description: "", meetsStandard: true },
      ]),
    ).rejects.toThrow(/already rates against this scale/);
    const relabelled = await standards.saveScale(lead, s.id, current.version, [
      { label: "Not yet", description: "Not in place", meetsStandard: false },
      { label: "In place", description: "", meetsStandard: true },
    ]);
    const stored = await db.select().from(standardLevels).where(eq(standardLevels.standardId, s.id));
    expect(stored.map((l) => l.label).sort()).toEqual(["In place", "Not yet"]);
    expect(stored.find((l) => l.label === "In place")!.id).toBe(outline.levels[1]!.id);
    expect(relabelled.version).toBe(current.version + 1);
    // A rated criterion cannot be removed, nor its theme.
    await expect(
      standards.removeCriterion(lead, s.id, outline.themes[0]!.criteria[0]!.id),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(standards.removeTheme(lead, s.id, outline.themes[0]!.id)).rejects.toBeInstanceOf(
      ValidationError,
    );

    // The cycle page: P2 submitted; P1 has not started; a partnership that stops sharing shows "Not shared".
    const status = await standards.cycleStatus(viewer, cycle.id);
    const byName = Object.fromEntries(status.rows.map((r) => [r.name, r.state]));
    expect(byName["Kestrel Vale Partnership"]).toMatchObject({
      kind: "submitted",
      assessmentId: assessment!.id,
    });
    expect(byName[fx.p1.name]).toMatchObject({ kind: "not-started" });
    await fx.t.database.execute(
      "insert into region_sharing (partnership_id, share_assessments) values ($1, false)",
      [fx.p2.id],
    );
    const hidden = await standards.cycleStatus(viewer, cycle.id);
    expect(hidden.rows.find((r) => r.name === "Kestrel Vale Partnership")!.state).toEqual({
      kind: "not-shared",
      label: "Not shared",
    });
    await fx.t.database.execute("delete from region_sharing where partnership_id = $1", [fx.p2.id]);
  });

  it("suggests the next cycle after the last one, refuses a due date before opening, and closes once", async () => {
    const { standards } = fx.t.services;
    const s = await standards.create(lead, {
      source: { kind: "template", key: "marac-ten-principles" },
      name: "Cycles test",
    });
    await standards.publish(lead, s.id);
    expect((await standards.suggestedCycle(lead, s.id, "2025-04-01")).suggestion).toEqual({
      name: "2025–26",
      opensOn: "2025-04-01",
      dueOn: "2026-03-31",
    });
    await expect(
      standards.createCycle(lead, s.id, { name: "Bad", opensOn: "2025-04-01", dueOn: "2025-03-01" }),
    ).rejects.toThrow(/after the opening date/);
    const first = await standards.createCycle(lead, s.id, {
      name: "2025–26",
      opensOn: "2025-04-01",
      dueOn: "2026-03-31",
    });
    expect((await standards.suggestedCycle(lead, s.id, "2025-04-01")).suggestion.opensOn).toBe("2026-04-01");
    await expect(
      standards.createCycle(viewer, s.id, { name: "V", opensOn: "2025-04-01", dueOn: "2026-01-01" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await standards.closeCycle(lead, s.id, first.id)).already).toBe(false);
    expect((await standards.closeCycle(lead, s.id, first.id)).already).toBe(true);
  });
});

describe.each(testDatabaseKinds())("quality standards' pages (%s)", (kind) => {
  let fx: RegionFixture;
  beforeAll(async () => {
    fx = await buildRegionFixture(kind);
  });
  afterAll(async () => fx?.t.close());

  it("takes the lead from a template through editing and publishing to a cycle, in forms; viewers read", async () => {
    const { leadA, viewerA, p1Coordinator } = fx.clients;
    const r = `/r/${fx.regionA.slug}`;
    expect((await leadA.get(`${r}/standards/new`)).body).toContain("Ten principles of an effective Marac");
    const created = await leadA.post(`${r}/standards/new`, {
      source: "template:daha-eight-priority-areas",
      name: "",
    });
    expect(created.statusCode).toBe(303);
    const url = String(created.headers.location);
    const id = Number(/standards\/(\d+)/.exec(url)?.[1]);
    const view = await viewerA.get(url);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain("Perpetrator management");
    expect(view.body).toMatch(/govuk-tag--green[^>]*>\s*Met/);
    expect(view.body).not.toContain("Publish standard");
    expect((await viewerA.get(`${r}/standards/${id}/edit`)).statusCode).toBe(403);

    // Bad input: the error summary, nothing changed.
    await leadA.get(`${r}/standards/${id}/edit`);
    const bad = await leadA.post(`${r}/standards/${id}/edit`, {
      name: "",
      summary: "",
      cycleMonths: "x",
      version: "1",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#name"');
    expect(bad.body).toContain('href="#cycleMonths"');
    const saved = await leadA.post(`${r}/standards/${id}/edit`, {
      name: "Housing standard",
      summary: "How housing providers respond.",
      cycleMonths: "36",
      version: "1",
    });
    expect(saved.statusCode).toBe(303);
    const stale = await leadA.post(`${r}/standards/${id}/edit`, {
      name: "Stale",
      summary: "",
      cycleMonths: "36",
      version: "1",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Housing standard");

    const scale = await leadA.get(`${r}/standards/${id}/scale`);
    expect(scale.body).toContain('name="label-7"');
    const noneMeet = await leadA.post(`${r}/standards/${id}/scale`, {
      "label-1": "No",
      "label-2": "Yes",
      version: "2",
    });
    expect(noneMeet.statusCode).toBe(400);
    expect(noneMeet.body).toContain("At least one level must meet the standard");

    await leadA.get(`${r}/standards/${id}`);
    expect((await leadA.post(`${r}/standards/${id}/publish`, {})).statusCode).toBe(303);
    const published = await leadA.get(`${r}/standards/${id}`);
    expect(published.body).toContain("Standard published");
    await leadA.get(`${r}/standards/${id}/cycles/new`);
    const cycle = await leadA.post(`${r}/standards/${id}/cycles/new`, {
      name: "2025–28",
      "opensOn-day": "1",
      "opensOn-month": "4",
      "opensOn-year": "2025",
      "dueOn-day": "31",
      "dueOn-month": "3",
      "dueOn-year": "2028",
    });
    expect(cycle.statusCode).toBe(303);
    const withCycle = await viewerA.get(`${r}/standards/${id}`);
    const cycleId = Number(/cycles\/(\d+)"/.exec(withCycle.body)?.[1]);
    const cyclePage = await viewerA.get(`${r}/cycles/${cycleId}`);
    expect(cyclePage.statusCode).toBe(200);
    expect(cyclePage.body).toContain("Kestrel Vale Partnership");
    expect(cyclePage.body).toContain("Not started");

    // The partnership reads the region's published standard and adopts a copy.
    const list = await p1Coordinator.get(`/p/${fx.p1.slug}/standards`);
    expect(list.body).toContain("Housing standard");
    const choices = await p1Coordinator.get(`/p/${fx.p1.slug}/standards/new`);
    expect(choices.body).toContain(`value="copy:${id}"`);
    const copy = await p1Coordinator.post(`/p/${fx.p1.slug}/standards/new`, {
      source: `copy:${id}`,
      name: "",
    });
    expect(copy.statusCode).toBe(303);
    const copied = await p1Coordinator.get(String(copy.headers.location));
    expect(copied.body).toContain("Housing standard");
    expect(copied.body).toContain("Publish standard");
  });
});
