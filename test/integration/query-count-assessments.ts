// The self-assessment pages of query-count.test.ts (issue 15): the partnership's page of its submitted
// self-assessment and the region's page of the same, read by the region's lead. The baseline is a
// regional standard of three criteria with a moderated previous cycle and one piece of evidence of
// each kind; growth adds two themes of ten criteria, each rated in both cycles with evidence of every
// kind. Rows are written straight into the tables, then the partnership's data version bumped.
import { and, asc, eq } from "drizzle-orm";
import { commitments, indicators, partnerships, regions, users } from "../../src/db/schema.ts";
import { decisions } from "../../src/db/schema-governance.ts";
import {
  assessmentEvidence,
  assessmentRatings,
  regionMemberships,
  standardCriteria,
  standardThemes,
} from "../../src/db/schema-region.ts";
import { hashPassword } from "../../src/services/passwords.ts";
import { bumpDataVersion, type TestApp, TestClient } from "../support/app.ts";
import {
  type AssessmentStandard,
  makeAssessment,
  makeAssessmentStandard,
} from "./region-assessments-fixture.ts";

export interface AssessmentPagesFixture {
  regionSlug: string;
  standard: AssessmentStandard;
  previousId: number;
  assessmentId: number;
  lead: TestClient;
}

const LEAD = { email: "lead@query-count-region.example", password: "query count region lantern 5" };

/** One of the partnership's own commitments, key statistics and decisions (the first of each). */
async function evidenceTargets(t: TestApp, pid: number) {
  const db = t.database.db;
  const first = async <T>(rows: Promise<T[]>) => (await rows)[0];
  return {
    commitment: await first(
      db.select().from(commitments).where(eq(commitments.partnershipId, pid)).orderBy(asc(commitments.id)),
    ),
    indicator: await first(
      db.select().from(indicators).where(eq(indicators.partnershipId, pid)).orderBy(asc(indicators.id)),
    ),
    decision: await first(
      db.select().from(decisions).where(eq(decisions.partnershipId, pid)).orderBy(asc(decisions.id)),
    ),
  };
}

/** Evidence of every kind the partnership has, on each criterion given. */
async function evidenceOnEach(
  t: TestApp,
  pid: number,
  assessmentId: number,
  criteria: number[],
  tag: string,
) {
  const targets = await evidenceTargets(t, pid);
  const base = { partnershipId: pid, assessmentId };
  await t.database.db.insert(assessmentEvidence).values(
    criteria.flatMap((criterionId, i) => [
      ...(targets.commitment
        ? [{ ...base, criterionId, kind: "commitment", commitmentId: targets.commitment.id }]
        : []),
      ...(targets.indicator
        ? [{ ...base, criterionId, kind: "indicator", indicatorId: targets.indicator.id }]
        : []),
      ...(targets.decision
        ? [{ ...base, criterionId, kind: "decision", decisionId: targets.decision.id }]
        : []),
      {
        ...base,
        criterionId,
        kind: "document",
        url: `https://example.org/${tag}-${i}`,
        title: `${tag} ${i}`,
      },
    ]),
  );
}

export async function assessmentPagesBaseline(t: TestApp, pid: number): Promise<AssessmentPagesFixture> {
  const db = t.database.db;
  const [partnership] = await db.select().from(partnerships).where(eq(partnerships.id, pid));
  const [region] = await db.select().from(regions).where(eq(regions.id, partnership!.regionId!));
  const standard = await makeAssessmentStandard(
    db,
    { regionId: region!.id },
    "Query-count regional standard",
  );
  const previousId = await makeAssessment(
    db,
    pid,
    standard.cycles.first,
    standard.criteria,
    standard.levels.partly,
    "moderated",
  );
  const assessmentId = await makeAssessment(
    db,
    pid,
    standard.cycles.second,
    standard.criteria,
    standard.levels.met,
    "submitted",
  );
  await evidenceOnEach(t, pid, assessmentId, standard.criteria.slice(0, 1), "Baseline evidence");
  await bumpDataVersion(t.database, pid);
  const [lead] = await db
    .insert(users)
    .values({
      email: LEAD.email,
      name: "Query-count regional lead",
      passwordHash: await hashPassword(LEAD.password),
    })
    .returning();
  await db.insert(regionMemberships).values({ regionId: region!.id, userId: lead!.id, role: "lead" });
  const client = new TestClient(t.app);
  await client.signIn(LEAD.email, LEAD.password);
  return { regionSlug: region!.slug, standard, previousId, assessmentId, lead: client };
}

/** Two more themes of ten criteria each, rated in both cycles, with evidence of every kind. */
export async function growAssessmentPages(t: TestApp, pid: number, f: AssessmentPagesFixture): Promise<void> {
  const db = t.database.db;
  const { standardId, levels } = f.standard;
  const themes = await db
    .insert(standardThemes)
    .values([3, 4].map((position) => ({ standardId, position, title: `Growth theme ${position}` })))
    .returning();
  const criteria = await db
    .insert(standardCriteria)
    .values(
      themes.flatMap((theme) =>
        Array.from({ length: 10 }, (_, i) => ({
          standardId,
          themeId: theme.id,
          position: i + 1,
          title: `Growth criterion ${theme.position}.${i + 1}`,
        })),
      ),
    )
    .returning();
  const ids = criteria.map((c) => c.id);
  for (const [assessmentId, levelId, agreed] of [
    [f.previousId, levels.notMet, true],
    [f.assessmentId, levels.exceeded, false],
  ] as const) {
    await db.insert(assessmentRatings).values(
      ids.map((criterionId) => ({
        partnershipId: pid,
        assessmentId,
        criterionId,
        levelId,
        narrative: `Growth narrative for ${criterionId}`,
        agreedLevelId: agreed ? levelId : null,
        moderationComment: agreed ? "Growth moderation comment" : "",
      })),
    );
  }
  await evidenceOnEach(t, pid, f.assessmentId, [...f.standard.criteria, ...ids], "Growth evidence");
  await db
    .update(assessmentRatings)
    .set({ agreedLevelId: levels.met, moderationComment: "Growth agreed comment" })
    .where(
      and(eq(assessmentRatings.assessmentId, f.assessmentId), eq(assessmentRatings.criterionId, ids[0]!)),
    );
  await bumpDataVersion(t.database, pid);
}
