import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCurrentActionPlan } from "../../src/data/region/assessments.ts";
import { actions, auditLog, commitments, organisations } from "../../src/db/schema.ts";
import { assessmentRatings, selfAssessments } from "../../src/db/schema-region.ts";
import type { Actor } from "../../src/services/actor.ts";
import type { TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { makeAssessmentStandard, ratingVersionOf } from "./region-assessments-fixture.ts";
import { assessmentSteps, criterionRow } from "./region-assessments-pages.ts";
import { buildRegionFixture, type RegionFixture } from "./region-fixture.ts";

// Issue 15, self-assessment (continued from region-assessments.test.ts): a criterion not met becomes
// exactly one action of the current plan, linked both ways; each criterion shows its change since the
// last cycle (domain/region/assessment-change.ts); a stale rating form and refused characters change
// nothing and keep what was typed.

describe.each(testDatabaseKinds())("self-assessment steps (%s)", (kind) => {
  let fx: RegionFixture;
  let coordinator: TestClient;
  let actor: Actor;
  let steps: ReturnType<typeof assessmentSteps>;
  const db = () => fx.t.database.db;
  const p = (path: string) => `/p/${fx.p1.slug}${path}`;
  let standardCount = 0;
  const standard = (criteria = 3) =>
    makeAssessmentStandard(db(), { regionId: fx.regionA.id }, `Steps standard ${++standardCount}`, criteria);
  const ratingOf = async (assessmentId: number, criterionId: number) =>
    (
      await db()
        .select()
        .from(assessmentRatings)
        .where(
          and(
            eq(assessmentRatings.assessmentId, assessmentId),
            eq(assessmentRatings.criterionId, criterionId),
          ),
        )
    )[0];

  beforeAll(async () => {
    fx = await buildRegionFixture(kind);
    coordinator = fx.clients.p1Coordinator;
    actor = (await fx.t.services.auth.memberActor(fx.people.p1Coordinator.id, fx.p1.slug))!;
    steps = assessmentSteps(db(), coordinator, fx.p1.slug);
  });
  afterAll(async () => fx?.t.close());

  it("makes a criterion not met an action of the current plan in one step, once, linked both ways", async () => {
    const s = await standard();
    const [c1, c2, c3] = s.criteria as [number, number, number];
    const id = await steps.start(s.cycles.second);
    await steps.rate(id, c1, s.levels.notMet, "No training offer yet.");
    await steps.rate(id, c2, s.levels.partly, "Some partners only.");
    await steps.rate(id, c3, s.levels.met, "Done.");
    const current = (await findCurrentActionPlan(db(), fx.p1.id))!;
    const [commitment] = await db()
      .select()
      .from(commitments)
      .where(and(eq(commitments.partnershipId, fx.p1.id), eq(commitments.strategyId, current.strategy.id)));
    const [lead] = await db().select().from(organisations).where(eq(organisations.partnershipId, fx.p1.id));

    const formUrl = `${steps.criterionUrl(id, c1)}/action`;
    const form = await coordinator.get(formUrl);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Improve criterion title 1: ");
    expect(form.body).toContain(current.plan.name);
    const what = "Improve criterion title 1: a training offer for every partner";
    const body = { commitmentId: String(commitment!.id), what, leadOrganisationIds: String(lead!.id) };
    const made = await coordinator.post(formUrl, body);
    expect(made.statusCode).toBe(303);
    const actionId = Number(/\/actions\/(\d+)$/.exec(String(made.headers.location))?.[1]);
    const [action] = await db().select().from(actions).where(eq(actions.id, actionId));
    expect(action).toMatchObject({ actionPlanId: current.plan.id, commitmentId: commitment!.id, what });
    expect((await ratingOf(id, c1))?.actionId).toBe(actionId);

    // The second post (Back, then the button again) answers with the same action.
    await coordinator.get(formUrl);
    const again = await coordinator.post(formUrl, { ...body, what: `${what}, again` });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(p(`/actions/${actionId}`));
    const byWhat = await db().select().from(actions).where(eq(actions.partnershipId, fx.p1.id));
    expect(byWhat.filter((a) => a.what.startsWith(what))).toHaveLength(1);

    // Two at once make one action too: the rating row is locked.
    const input = {
      commitmentId: commitment!.id,
      what: "Improve criterion title 2: all partners report",
      leadOrganisationId: lead!.id,
      identifiesNobody: false,
    };
    const both = await Promise.all([
      fx.t.services.assessments.createAction(actor, id, c2, input),
      fx.t.services.assessments.createAction(actor, id, c2, input),
    ]);
    expect(both[0].actionId).toBe(both[1].actionId);
    expect(both.map((b) => b.existed).sort()).toEqual([false, true]);
    const twice = await db().select().from(actions).where(eq(actions.what, input.what));
    expect(twice).toHaveLength(1);

    // A criterion that meets the standard needs no action.
    const metUrl = `${steps.criterionUrl(id, c3)}/action`;
    await coordinator.get(metUrl);
    const refused = await coordinator.post(metUrl, { ...body, what: "Not needed" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Only a criterion rated at a level that does not meet the standard");
    expect(await db().select().from(actions).where(eq(actions.what, "Not needed"))).toEqual([]);

    // Linked both ways: the action names the criterion; the criterion and the assessment link the action.
    const actionPage = await coordinator.get(p(`/actions/${actionId}`));
    expect(actionPage.body).toMatch(
      new RegExp(
        `id="action-origin">From self-assessment: <a class="govuk-link" href="/p/${fx.p1.slug}/assessments/${id}#criterion-${c1}">Steps standard \\d+ 2025–26, criterion 1\\.1</a>`,
      ),
    );
    const criterionPage = await coordinator.get(steps.criterionUrl(id, c1));
    expect(criterionPage.body).toContain(`href="/p/${fx.p1.slug}/actions/${actionId}">view the action</a>`);
    const page = await coordinator.get(p(`/assessments/${id}`));
    expect(criterionRow(page.body, c1)).toContain("View the action for criterion 1.1");
    expect(criterionRow(page.body, c3)).not.toContain("action for criterion");

    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, fx.p1.id), eq(auditLog.action, "assessment-rating.action")));
    const rating1 = await ratingOf(id, c1);
    expect(audited.filter((e) => e.entityId === String(rating1!.id))).toHaveLength(1);
    const created = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "action.create"), eq(auditLog.entityId, String(actionId))));
    expect(created).toHaveLength(1);
  });

  it("shows each criterion's change since the last moderated cycle: up, down, the same or new", async () => {
    const s = await standard(4);
    const [c1, c2, c3, c4] = s.criteria as [number, number, number, number];
    // The previous cycle, moderated: the agreed level is what counts, not the self-rating.
    const [previous] = await db()
      .insert(selfAssessments)
      .values({
        partnershipId: fx.p1.id,
        cycleId: s.cycles.first,
        status: "moderated",
        submittedAt: new Date(),
        moderatedAt: new Date(),
      })
      .returning();
    await db()
      .insert(assessmentRatings)
      .values(
        [
          [c1, s.levels.notMet, s.levels.partly],
          [c2, s.levels.exceeded, s.levels.met],
          [c3, s.levels.met, s.levels.met],
        ].map(([criterionId, levelId, agreedLevelId]) => ({
          partnershipId: fx.p1.id,
          assessmentId: previous!.id,
          criterionId: criterionId!,
          levelId: levelId!,
          agreedLevelId: agreedLevelId!,
        })),
      );
    const id = await steps.start(s.cycles.second);
    const before = await coordinator.get(p(`/assessments/${id}`));
    // Every cell says it in words, "Not rated" and "None" too.
    expect(criterionRow(before.body, c1)).toMatch(/Not rated Partly met Not rated yet/);
    expect(criterionRow(before.body, c4)).toMatch(/Not rated None Not rated yet/);
    for (const [criterion, level] of [
      [c1, s.levels.met],
      [c2, s.levels.partly],
      [c3, s.levels.met],
      [c4, s.levels.met],
    ] as const) {
      expect((await steps.rate(id, criterion, level, "")).statusCode).toBe(303);
    }
    const page = await coordinator.get(p(`/assessments/${id}`));
    expect(page.body).toContain("Previous cycle (2024–25)");
    expect(criterionRow(page.body, c1)).toMatch(/Met Partly met Up from Partly met/);
    expect(criterionRow(page.body, c2)).toMatch(/Partly met Met Down from Met/);
    expect(criterionRow(page.body, c3)).toMatch(/Met Met No change/);
    expect(criterionRow(page.body, c4)).toMatch(/Met None New/);
    expect(page.body).toMatch(/app-change--up govuk-tag--green">Up from Partly met/);
    expect(page.body).toMatch(/app-change--down govuk-tag--red">Down from Met/);
    const criterionPage = await coordinator.get(steps.criterionUrl(id, c2));
    expect(criterionPage.body).toContain("Down from Met");

    // The region reads the same changes once it is submitted, against the agreed levels.
    await coordinator.post(p(`/assessments/${id}/submit`), {
      version: String(
        (await db().select().from(selfAssessments).where(eq(selfAssessments.id, id)))[0]!.version,
      ),
    });
    const regional = await fx.clients.viewerA.get(`/r/${fx.regionA.slug}/assessments/${id}`);
    expect(regional.statusCode).toBe(200);
    expect(criterionRow(regional.body, c1)).toContain("Up from Partly met");
    expect(criterionRow(regional.body, c4)).toContain("New");
  });

  it("refuses a stale rating with the GOV.UK error and keeps the input; refuses NUL bytes", async () => {
    const s = await standard(1);
    const criterion = s.criteria[0]!;
    const id = await steps.start(s.cycles.second);
    expect((await steps.rate(id, criterion, s.levels.partly, "Saved first by a colleague.")).statusCode).toBe(
      303,
    );
    const stored = await ratingOf(id, criterion);
    const url = steps.criterionUrl(id, criterion);

    await coordinator.get(url);
    const stale = await coordinator.post(url, {
      levelId: String(s.levels.met),
      narrative: "My words, typed on an old form",
      version: "0",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("govuk-error-summary");
    expect(stale.body).toContain('href="#conflict"');
    expect(stale.body).toContain("Someone else changed this while you were editing");
    expect(stale.body).toContain("Saved first by a colleague.");
    expect(stale.body).toMatch(
      /<textarea[^>]*name="narrative"[^>]*>My words, typed on an old form<\/textarea>/,
    );
    expect(stale.body).toMatch(new RegExp(`name="levelId" type="radio" value="${s.levels.met}" checked`));
    expect(stale.body).toContain(`name="version" value="${stored!.version}"`);
    expect(await ratingOf(id, criterion)).toEqual(stored);

    await coordinator.get(url);
    const nul = await coordinator.post(url, {
      levelId: String(s.levels.met),
      narrative: "Pasted\u0000 from elsewhere",
      version: await ratingVersionOf(db(), id, criterion),
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.body).toContain('href="#narrative"');
    expect(nul.body).toContain("Narrative must not contain hidden or control characters");
    expect(nul.body).toContain("Pasted from elsewhere");
    expect(await ratingOf(id, criterion)).toEqual(stored);

    // The moderation comment too, once submitted.
    await coordinator.post(p(`/assessments/${id}/submit`), {
      version: String(
        (await db().select().from(selfAssessments).where(eq(selfAssessments.id, id)))[0]!.version,
      ),
    });
    const lead = fx.clients.leadA;
    const moderate = `/r/${fx.regionA.slug}/assessments/${id}/criteria/${criterion}/moderate`;
    await lead.get(moderate);
    const comment = await lead.post(moderate, {
      agreedLevelId: String(s.levels.met),
      comment: "Agreed\u0000",
      version: await ratingVersionOf(db(), id, criterion),
    });
    expect(comment.statusCode).toBe(400);
    expect(comment.body).toContain('href="#comment"');
    expect((await ratingOf(id, criterion))?.agreedLevelId).toBeNull();
  });
});
