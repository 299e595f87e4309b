import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, commitments, indicators } from "../../src/db/schema.ts";
import { decisions } from "../../src/db/schema-governance.ts";
import {
  assessmentEvidence,
  assessmentRatings,
  regionSharing,
  selfAssessments,
} from "../../src/db/schema-region.ts";
import { TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { makeAssessment, makeAssessmentStandard, ratingVersionOf } from "./region-assessments-fixture.ts";
import { assessmentSteps, criterionRow, text } from "./region-assessments-pages.ts";
import { buildRegionFixture, REGION_PASSWORD, type RegionFixture } from "./region-fixture.ts";

// Issue 15, self-assessment and moderation, through the pages where the behaviour is a page's and the
// services where it is a rule: the lifecycle from draft to moderated; who may moderate; what a regional
// user never sees; evidence only of the partnership's own records; a criterion not met becoming one
// action; the change since the last cycle; stale versions and refused characters; the audit trail.
// The world is region-fixture.ts (regions A and B, Ashvale and Kestrel Vale in A, Fenwick in B).

describe.each(testDatabaseKinds())("self-assessment and moderation (%s)", (kind) => {
  let fx: RegionFixture;
  let coordinator: TestClient;
  let kestrel: TestClient;
  let steps: ReturnType<typeof assessmentSteps>;
  const db = () => fx.t.database.db;
  const p = (path: string) => `/p/${fx.p1.slug}${path}`;
  const r = (path: string) => `/r/${fx.regionA.slug}${path}`;
  let standardCount = 0;
  const standard = (criteria = 3) =>
    makeAssessmentStandard(db(), { regionId: fx.regionA.id }, `Standard ${++standardCount}`, criteria);

  const ratingsOf = (assessmentId: number) =>
    db().select().from(assessmentRatings).where(eq(assessmentRatings.assessmentId, assessmentId));
  const evidenceOf = (assessmentId: number) =>
    db().select().from(assessmentEvidence).where(eq(assessmentEvidence.assessmentId, assessmentId));
  const assessmentRow = async (id: number) =>
    (await db().select().from(selfAssessments).where(eq(selfAssessments.id, id)))[0]!;

  beforeAll(async () => {
    fx = await buildRegionFixture(kind);
    coordinator = fx.clients.p1Coordinator;
    steps = assessmentSteps(db(), coordinator, fx.p1.slug);
    kestrel = new TestClient(fx.t.app);
    await kestrel.signIn("coordinator@kestrel-vale.example", REGION_PASSWORD);
  });
  afterAll(async () => fx?.t.close());

  /** One of P1's own commitments, key statistics and decisions. */
  async function ownRecords() {
    const [commitment] = await db().select().from(commitments).where(eq(commitments.partnershipId, fx.p1.id));
    const [indicator] = await db().select().from(indicators).where(eq(indicators.partnershipId, fx.p1.id));
    const [decision] = await db().select().from(decisions).where(eq(decisions.partnershipId, fx.p1.id));
    return { commitment: commitment!, indicator: indicator!, decision: decision! };
  }

  it("runs from draft through submission to moderation, and the partnership sees the agreed rating", async () => {
    const s = await standard();
    const [c1, c2, c3] = s.criteria as [number, number, number];
    const id = await steps.start(s.cycles.second);
    expect((await assessmentRow(id)).status).toBe("draft");
    for (const [criterion, level, words] of [
      [c1, s.levels.met, "The board signed off the strategy in May."],
      [c2, s.levels.partly, "Two partners of five report each quarter."],
      [c3, s.levels.exceeded, "Every victim is offered an Idva within two days."],
    ] as const) {
      expect((await steps.rate(id, criterion, level, words)).statusCode).toBe(303);
    }
    const own = await ownRecords();
    for (const form of <Record<string, string>[]>[
      { kind: "commitment", commitmentId: String(own.commitment.id) },
      { kind: "indicator", indicatorId: String(own.indicator.id) },
      { kind: "decision", decisionId: String(own.decision.id) },
      { kind: "document", title: "Board terms of reference", url: "https://example.org/terms.pdf" },
      { kind: "document", title: "A link added by mistake", url: "https://example.org/mistake" },
    ]) {
      expect((await steps.addEvidence(id, c1, form)).statusCode, form.kind).toBe(303);
    }
    const mistake = (await evidenceOf(id)).find((e) => e.title === "A link added by mistake")!;
    const removed = await coordinator.post(
      p(`/assessments/${id}/criteria/${c1}/evidence/${mistake.id}/remove`),
    );
    expect(removed.statusCode).toBe(303);
    expect(await evidenceOf(id)).toHaveLength(4);

    const draft = await coordinator.get(p(`/assessments/${id}`));
    expect(draft.statusCode).toBe(200);
    const row1 = criterionRow(draft.body, c1);
    expect(row1).toContain("The board signed off the strategy in May.");
    expect(row1).toContain(`Commitment ${own.commitment.number}: ${text(own.commitment.text)}`);
    expect(row1).toContain(`Key statistic: ${own.indicator.name}`);
    expect(row1).toContain(`Decision ${own.decision.reference}`);
    expect(row1).toContain("Board terms of reference");
    expect(row1).not.toContain("A link added by mistake");
    expect(draft.body).toContain('href="https://example.org/terms.pdf"');

    const submitted = await coordinator.post(p(`/assessments/${id}/submit`), {
      version: String((await assessmentRow(id)).version),
    });
    expect(submitted.statusCode).toBe(303);
    expect((await assessmentRow(id)).status).toBe("submitted");

    // Read-only from now on: a rating, an evidence link or a removal is refused and changes nothing.
    const before = { ratings: await ratingsOf(id), evidence: await evidenceOf(id) };
    const edit = await steps.rate(id, c1, s.levels.notMet, "Changed after submission");
    expect(edit.statusCode).toBe(400);
    expect(edit.body).toContain("it can no longer be changed");
    const more = await steps.addEvidence(id, c1, {
      kind: "document",
      title: "Late",
      url: "https://example.org/late",
    });
    expect(more.statusCode).toBe(400);
    const gone = await coordinator.post(
      p(`/assessments/${id}/criteria/${c1}/evidence/${before.evidence[0]!.id}/remove`),
    );
    expect(gone.statusCode).toBe(400);
    expect({ ratings: await ratingsOf(id), evidence: await evidenceOf(id) }).toEqual(before);
    expect((await coordinator.get(p(`/assessments/${id}`))).body).toContain("can no longer be changed");

    // The lead agrees a level per criterion, with a comment, beside the self-rating.
    const lead = fx.clients.leadA;
    const regional = await lead.get(r(`/assessments/${id}`));
    expect(regional.statusCode).toBe(200);
    expect(regional.body).toContain("Moderate criterion 1.1");
    expect(criterionRow(regional.body, c1)).toContain("The board signed off the strategy in May.");
    expect(criterionRow(regional.body, c1)).toMatch(/May\. Met Not agreed yet None New/);
    const agreed = [
      [c1, s.levels.met, "Agreed: the minutes show it."],
      [c2, s.levels.notMet, "Only one partner reported this year."],
      [c3, s.levels.met, "Good, but not beyond the standard yet."],
    ] as const;
    // Not all agreed yet: marking it moderated is refused, naming the criteria still to agree.
    const early = await lead.post(r(`/assessments/${id}/moderated`), {
      version: String((await assessmentRow(id)).version),
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain("Agree a level for criterion 1.1");
    for (const [criterion, level, comment] of agreed) {
      const url = r(`/assessments/${id}/criteria/${criterion}/moderate`);
      expect((await lead.get(url)).statusCode).toBe(200);
      const saved = await lead.post(url, {
        agreedLevelId: String(level),
        comment,
        version: await ratingVersionOf(db(), id, criterion),
      });
      expect(saved.statusCode, `criterion ${criterion}`).toBe(303);
    }
    // Until it is moderated, the partnership sees its own ratings only.
    const waiting = await coordinator.get(p(`/assessments/${id}`));
    expect(waiting.body).not.toContain("Only one partner reported this year.");
    expect(waiting.body).not.toContain("Agreed by the region");

    const marked = await lead.post(r(`/assessments/${id}/moderated`), {
      version: String((await assessmentRow(id)).version),
    });
    expect(marked.statusCode).toBe(303);
    const moderated = await assessmentRow(id);
    expect(moderated.status).toBe("moderated");
    expect(moderated.moderatedByUserId).toBe(fx.people.leadA.id);
    const ratings = await ratingsOf(id);
    const ofC2 = ratings.find((x) => x.criterionId === c2)!;
    expect(ofC2).toMatchObject({ levelId: s.levels.partly, agreedLevelId: s.levels.notMet });
    expect(ofC2.moderationComment).toBe("Only one partner reported this year.");
    // Nothing more: the lead's step on a moderated self-assessment is refused.
    const after = await lead.post(r(`/assessments/${id}/criteria/${c2}/moderate`), {
      agreedLevelId: String(s.levels.met),
      comment: "Second thoughts",
      version: await ratingVersionOf(db(), id, c2),
    });
    expect(after.statusCode).toBe(400);

    const seen = await coordinator.get(p(`/assessments/${id}`));
    expect(seen.body).toContain("Agreed by the region");
    const row2 = criterionRow(seen.body, c2);
    expect(row2).toMatch(/Partly met Not met Only one partner reported this year\./);
    expect(criterionRow(seen.body, c3)).toMatch(/Exceeded Met Good, but not beyond the standard yet\./);

    // Every step is in the audit log; the region's steps carry the region too.
    const entries = await db()
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.partnershipId, fx.p1.id),
          inArray(auditLog.entityType, ["self-assessment", "assessment-rating", "assessment-evidence"]),
        ),
      );
    const evidenceIds = [...before.evidence.map((x) => x.id), mistake.id].map(String);
    const mine = entries.filter(
      (e) =>
        (e.entityType === "self-assessment" && e.entityId === String(id)) ||
        ratings.some((x) => e.entityType === "assessment-rating" && String(x.id) === e.entityId) ||
        (e.entityType === "assessment-evidence" && evidenceIds.includes(e.entityId ?? "")),
    );
    const count = (action: string) => mine.filter((e) => e.action === action).length;
    expect(count("self-assessment.start")).toBe(1);
    expect(count("assessment-rating.save")).toBe(3);
    expect(count("assessment-evidence.add")).toBe(5);
    expect(count("assessment-evidence.remove")).toBe(1);
    expect(count("self-assessment.submit")).toBe(1);
    expect(count("assessment-rating.moderate")).toBe(3);
    expect(count("self-assessment.moderated")).toBe(1);
    for (const e of mine.filter((x) => x.action.includes("moderat"))) {
      expect(e.regionId, e.action).toBe(fx.regionA.id);
      expect(e.userId).toBe(fx.people.leadA.id);
    }
    for (const e of mine.filter((x) => !x.action.includes("moderat"))) {
      expect(e.userId, e.action).toBe(fx.people.p1Coordinator.id);
    }
  });

  it("lets only the region's own lead moderate: a viewer is refused (403), another region's lead finds nothing (404)", async () => {
    const s = await standard(1);
    const id = await makeAssessment(
      db(),
      fx.p1.id,
      s.cycles.second,
      s.criteria,
      s.levels.partly,
      "submitted",
    );
    const criterion = s.criteria[0]!;
    const before = { ratings: await ratingsOf(id), assessment: await assessmentRow(id) };
    const body = async () => ({
      agreedLevelId: String(s.levels.met),
      comment: "Not theirs to agree",
      version: await ratingVersionOf(db(), id, criterion),
    });

    const viewer = fx.clients.viewerA;
    const read = await viewer.get(r(`/assessments/${id}`));
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain("Moderate criterion");
    expect(read.body).not.toContain("Mark as moderated");
    expect((await viewer.get(r(`/assessments/${id}/criteria/${criterion}/moderate`))).statusCode).toBe(403);
    expect(
      (await viewer.post(r(`/assessments/${id}/criteria/${criterion}/moderate`), await body())).statusCode,
    ).toBe(403);
    const version = String(before.assessment.version);
    expect((await viewer.post(r(`/assessments/${id}/moderated`), { version })).statusCode).toBe(403);

    const other = fx.clients.leadB;
    await other.get(`/r/${fx.regionB.slug}`);
    for (const prefix of [`/r/${fx.regionA.slug}`, `/r/${fx.regionB.slug}`]) {
      expect((await other.get(`${prefix}/assessments/${id}`)).statusCode, prefix).toBe(404);
      const moderate = await other.post(
        `${prefix}/assessments/${id}/criteria/${criterion}/moderate`,
        await body(),
      );
      expect(moderate.statusCode, prefix).toBe(404);
      expect(
        (await other.post(`${prefix}/assessments/${id}/moderated`, { version })).statusCode,
        prefix,
      ).toBe(404);
    }
    expect({ ratings: await ratingsOf(id), assessment: await assessmentRow(id) }).toEqual(before);
  });

  it("never shows the region a draft, nor anything of a partnership that stopped sharing self-assessments", async () => {
    const s = await standard(2);
    const draftMarker = "Draft narrative never for the region wren-3391";
    const hiddenMarker = "Kestrel narrative, not shared egret-7702";
    const draft = await makeAssessment(
      db(),
      fx.p1.id,
      s.cycles.second,
      s.criteria,
      s.levels.exceeded,
      "draft",
    );
    const hidden = await makeAssessment(
      db(),
      fx.p2.id,
      s.cycles.second,
      s.criteria,
      s.levels.exceeded,
      "submitted",
    );
    await db()
      .update(assessmentRatings)
      .set({ narrative: draftMarker })
      .where(eq(assessmentRatings.assessmentId, draft));
    await db()
      .update(assessmentRatings)
      .set({ narrative: hiddenMarker })
      .where(eq(assessmentRatings.assessmentId, hidden));
    await db()
      .insert(regionSharing)
      .values({ partnershipId: fx.p2.id, shareAssessments: false })
      .onConflictDoUpdate({ target: regionSharing.partnershipId, set: { shareAssessments: false } });
    // The control: a submitted one of the first cycle, rated the same, is shown and linked.
    const shown = await makeAssessment(
      db(),
      fx.p1.id,
      s.cycles.first,
      s.criteria,
      s.levels.exceeded,
      "submitted",
    );
    const control = await fx.clients.viewerA.get(
      r(`/comparison?standard=${s.standardId}&cycle=${s.cycles.first}`),
    );
    expect(control.body).toMatch(new RegExp(`/assessments/${shown}#criterion-`));
    expect(text(control.body)).toMatch(/Exceeded \(/);
    try {
      for (const client of [fx.clients.leadA, fx.clients.viewerA]) {
        for (const id of [draft, hidden]) {
          expect((await client.get(r(`/assessments/${id}`))).statusCode).toBe(404);
        }
        const comparison = await client.get(
          r(`/comparison?standard=${s.standardId}&cycle=${s.cycles.second}`),
        );
        expect(comparison.statusCode).toBe(200);
        expect(comparison.body).toContain(`Standard ${standardCount}`);
        expect(comparison.body).toContain("Kestrel Vale Partnership does not share its self-assessments");
        const report = await client.get(r("/report"));
        expect(report.statusCode).toBe(200);
        expect(report.body).toContain(`Standard ${standardCount}, 2025–26`);
        const cyclePage = await client.get(r(`/cycles/${s.cycles.second}`));
        expect(cyclePage.statusCode).toBe(200);
        for (const page of [comparison, report, cyclePage]) {
          expect(page.body).not.toContain(draftMarker);
          expect(page.body).not.toContain(hiddenMarker);
          expect(page.body).not.toMatch(new RegExp(`/assessments/(${draft}|${hidden})\\b`));
          // Both rated every criterion "Exceeded"; the region sees no such rating.
          expect(text(page.body)).not.toMatch(/Exceeded \(/);
        }
      }
      const lead = fx.clients.leadA;
      const before = await ratingsOf(hidden);
      const moderate = await lead.post(r(`/assessments/${hidden}/criteria/${s.criteria[0]}/moderate`), {
        agreedLevelId: String(s.levels.met),
        comment: "Should not reach it",
        version: await ratingVersionOf(db(), hidden, s.criteria[0]!),
      });
      expect(moderate.statusCode).toBe(404);
      expect(await ratingsOf(hidden)).toEqual(before);
    } finally {
      await db().delete(regionSharing).where(eq(regionSharing.partnershipId, fx.p2.id));
    }
  });

  it("keeps a self-assessment against a partnership's own standard from the region, even when submitted", async () => {
    const own = await makeAssessmentStandard(db(), { partnershipId: fx.p1.id }, "P1's own standard");
    const marker = "Own standard narrative, P1 only heron-5120";
    const id = await makeAssessment(
      db(),
      fx.p1.id,
      own.cycles.second,
      own.criteria,
      own.levels.met,
      "submitted",
    );
    await db()
      .update(assessmentRatings)
      .set({ narrative: marker })
      .where(eq(assessmentRatings.assessmentId, id));
    // The partnership reads it; the region's lead and viewer find nothing, nor can the lead moderate it.
    const mine = await coordinator.get(p(`/assessments/${id}`));
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(marker);
    for (const client of [fx.clients.leadA, fx.clients.viewerA]) {
      const page = await client.get(r(`/assessments/${id}`));
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain(marker);
    }
    const before = await ratingsOf(id);
    const moderate = await fx.clients.leadA.post(
      r(`/assessments/${id}/criteria/${own.criteria[0]}/moderate`),
      {
        agreedLevelId: String(own.levels.met),
        comment: "Not the region's standard",
        version: await ratingVersionOf(db(), id, own.criteria[0]!),
      },
    );
    expect(moderate.statusCode).toBe(404);
    expect(await ratingsOf(id)).toEqual(before);
  });

  it("refuses evidence of another partnership's records, and removing another assessment's evidence", async () => {
    const s = await standard(1);
    const criterion = s.criteria[0]!;
    const theirs = await assessmentSteps(db(), kestrel, "kestrel-vale").start(s.cycles.second);
    const own = await ownRecords();
    const url = `/p/kestrel-vale/assessments/${theirs}/criteria/${criterion}`;
    expect((await kestrel.get(url)).statusCode).toBe(200);
    for (const form of <Record<string, string>[]>[
      { kind: "commitment", commitmentId: String(own.commitment.id) },
      { kind: "indicator", indicatorId: String(own.indicator.id) },
      { kind: "decision", decisionId: String(own.decision.id) },
    ]) {
      expect((await kestrel.post(`${url}/evidence`, form)).statusCode, form.kind).toBe(404);
    }
    expect(await evidenceOf(theirs)).toEqual([]);

    // Ashvale's evidence on the first cycle's assessment; its second cycle's is another assessment.
    const first = await steps.start(s.cycles.first);
    const second = await steps.start(s.cycles.second);
    expect(
      (
        await steps.addEvidence(first, criterion, {
          kind: "commitment",
          commitmentId: String(own.commitment.id),
        })
      ).statusCode,
    ).toBe(303);
    const [evidence] = await evidenceOf(first);
    const attempts: Array<[TestClient, string]> = [
      [coordinator, p(`/assessments/${second}/criteria/${criterion}/evidence/${evidence!.id}/remove`)],
      [kestrel, `${url}/evidence/${evidence!.id}/remove`],
      [kestrel, `/p/kestrel-vale/assessments/${first}/criteria/${criterion}/evidence/${evidence!.id}/remove`],
    ];
    for (const [client, attempt] of attempts) {
      expect((await client.post(attempt)).statusCode, attempt).toBe(404);
    }
    expect(await evidenceOf(first)).toEqual([evidence]);
    const refused = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, fx.p2.id), eq(auditLog.entityType, "assessment-evidence")));
    expect(refused).toEqual([]);
  });
});
