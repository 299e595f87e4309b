import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_PASSWORD, coordinatorEmail, editorEmail, MEASURED_SLUG } from "../../bench/config.ts";
import { INDICATORS } from "../../bench/generate/content/indicators.ts";
import { type GenerateResult, generateBenchData } from "../../bench/generate/generate.ts";
import { type BenchScale, benchScale } from "../../bench/generate/scale.ts";
import {
  ITEMS_PER_MEETING,
  MEETINGS_PER_BOARD,
  SEATS_PER_BOARD,
} from "../../bench/generate/steps/governance.ts";
import { benchRegionSlug, regionCount } from "../../bench/generate/steps/region.ts";
import type { Database } from "../../src/db/database.ts";
import { hashPassword } from "../../src/services/passwords.ts";
import { recomputeCommitmentRatings } from "../../src/services/rating-engine.ts";
import { createTestAppOn, type TestApp, TestClient } from "../support/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../support/database.ts";

// The benchmark's synthetic data (bench/generate, GitHub issue 6) at a tiny scale: the right number of
// rows, partnership 1 the same however many partnerships are generated, ratings as the application
// derives them, and pages that render for partnership 1's coordinator and editors.

const TINY: Partial<BenchScale> = {
  organisationsPerPartnership: 4,
  editorsPerOrganisation: 1,
  priorities: 3,
  commitments: 10,
  actionPlans: 2,
  actionsPerPlan: 6,
  rounds: 8,
  indicators: INDICATORS.length,
  periods: 12,
};

async function count(database: Database, sql: string): Promise<number> {
  const { rows } = await database.execute(sql);
  return Number(rows[0]?.n);
}

/**
 * Partnership 1's content, hashed: everything but the times of the open round's updates, which follow
 * the moment of generation.
 */
async function digestOfPartnership1(database: Database): Promise<string> {
  const queries = [
    "select slug, name, area_name, region_id, data_version from partnerships where id = 1",
    "select id, name, kind from organisations where partnership_id = 1 order by id",
    `select u.id, u.email, u.name, m.role, m.organisation_id from users u
      join memberships m on m.user_id = u.id where m.partnership_id = 1 order by u.id`,
    "select id, title, start_year, end_year, vision from strategies where partnership_id = 1",
    "select id, number, title, outcome from priorities where partnership_id = 1 order by id",
    "select id, number, text, priority_id, position from commitments where partnership_id = 1 order by id",
    "select id, name, starts_on::text, ends_on::text from action_plans where partnership_id = 1 order by id",
    `select id, action_plan_id, commitment_id, what, how, performance_target, due_on::text, position
      from actions where partnership_id = 1 order by id`,
    "select action_id, organisation_id from action_leads where partnership_id = 1 order by 1, 2",
    "select id, action_id, description, due_on::text, done from milestones where partnership_id = 1 order by id",
    `select id, name, action_plan_id, period_start::text, period_end::text, status,
      case when status = 'closed' then deadline::text end from rounds where partnership_id = 1 order by id`,
    "select round_id, action_id from round_actions where partnership_id = 1 order by 1, 2",
    `select u.id, u.round_id, u.action_id, u.status, u.rating, u.narrative, u.remedy, u.to_note,
      u.evidence_links, u.author_user_id, u.author_organisation_id, u.reviewer_user_id, u.review_comment,
      case when r.status = 'closed' then u.submitted_at::text || u.accepted_at::text || u.created_at::text end
      from updates u join rounds r on r.id = u.round_id where u.partnership_id = 1 order by u.id`,
    `select round_id, commitment_id, derived_rating, rule_version, explanation from commitment_ratings
      where partnership_id = 1 order by 1, 2`,
    "select id, kind, name from areas where partnership_id = 1 order by id",
    `select id, name, unit, rate_base, owner_organisation_id, polarity, kind, baseline_value, target_value,
      thresholds from indicators where partnership_id = 1 order by id`,
    `select id, indicator_id, area_id, period_start::text, period_label, value, numerator, denominator
      from observations where partnership_id = 1 order by id`,
  ];
  const hash = createHash("sha256");
  for (const sql of queries) hash.update(JSON.stringify((await database.execute(sql)).rows));
  return hash.digest("hex");
}

describe.each(testDatabaseKinds())("the benchmark's synthetic data (%s)", (kind) => {
  const scale = benchScale({ ...TINY, partnerships: 2 });
  let t: TestApp;
  let single: Database;
  let generated: GenerateResult;
  const db = () => t.database;

  beforeAll(async () => {
    // Hashed once, as the CLI does: scrypt is slow on purpose.
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const two = await openTestDatabase(kind);
    generated = await generateBenchData(two, { scale, passwordHash });
    t = await createTestAppOn(two);
    single = await openTestDatabase(kind);
    await generateBenchData(single, { scale: { ...TINY, partnerships: 1 }, passwordHash });
  });
  afterAll(async () => {
    await t?.close();
    await single?.close();
  });

  it("fills every table to the scale", async () => {
    const N = scale.partnerships;
    const actions = N * scale.actionPlans * scale.actionsPerPlan;
    const people = N * (2 + scale.organisationsPerPartnership * scale.editorsPerOrganisation);
    expect(generated.counts).toMatchObject({
      partnerships: N,
      organisations: N * scale.organisationsPerPartnership,
      users: people,
      memberships: people,
      strategies: N,
      priorities: N * scale.priorities,
      commitments: N * scale.commitments,
      action_plans: N * scale.actionPlans,
      actions,
      rounds: N * scale.rounds,
      round_actions: actions * scale.rounds,
      areas: 2 * N,
      indicators: N * scale.indicators,
      board_terms: 2 * N,
      board_seats: 2 * N * SEATS_PER_BOARD,
      meetings: 2 * N * MEETINGS_PER_BOARD,
      agenda_items: 2 * N * MEETINGS_PER_BOARD * ITEMS_PER_MEETING,
      context_items: 4 * N,
    });
    const counts = generated.counts;
    // A year of meetings around today: two held, with their attendance, decisions and actions; three to come.
    expect(
      await count(
        db(),
        "select count(*) as n from meetings where status = 'held' and meets_on < current_date",
      ),
    ).toBe(2 * N * 2);
    expect(
      await count(
        db(),
        "select count(*) as n from meetings where status = 'planned' and meets_on >= current_date",
      ),
    ).toBe(2 * N * 3);
    expect(counts.meeting_attendance).toBe(2 * N * 2 * SEATS_PER_BOARD);
    expect(counts.decisions).toBe(counts.meeting_actions);
    expect(counts.meeting_action_updates).toBe(counts.meeting_actions);
    expect(
      await count(
        db(),
        "select count(*) as n from forward_plan_stops s join meetings m on m.id = s.meeting_id where s.due_on >= m.meets_on or m.board_id <> s.board_id",
      ),
    ).toBe(0);
    expect(counts.action_leads).toBeGreaterThanOrEqual(actions);
    expect(counts.action_leads).toBeLessThanOrEqual(2 * actions);
    expect(counts.milestones).toBeGreaterThanOrEqual(actions);
    // Every closed round has an accepted update on every action; the open round has some updates.
    expect(await count(db(), "select count(*) as n from rounds where status = 'open'")).toBe(N);
    const closed = `select count(*) as n from updates u join rounds r on r.id = u.round_id
      where r.status = 'closed' and u.status = 'accepted' and u.rating is not null`;
    expect(await count(db(), closed)).toBe(actions * (scale.rounds - 1));
    const open = await count(
      db(),
      "select count(*) as n from updates u join rounds r on r.id = u.round_id where r.status = 'open'",
    );
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(actions);
    expect(counts.updates).toBe(actions * (scale.rounds - 1) + open);
    // Figures: the own area for every indicator, the comparator too for percentages and rates.
    const perIndicator = INDICATORS.map((i) => (i.unit === "count" ? 1 : 2));
    expect(counts.observations).toBe(N * scale.periods * perIndicator.reduce((a, b) => a + b, 0));
  });

  it("rates every commitment with actions in each round's plan, as the rating engine would", async () => {
    const expected = `select count(*) as n from (select distinct r.id, a.commitment_id from rounds r
      join actions a on a.action_plan_id = r.action_plan_id) pairs`;
    expect(generated.counts.commitment_ratings).toBe(await count(db(), expected));
    const { rows } = await single.execute("select id from rounds where partnership_id = 1 order by id");
    for (const { id } of rows) {
      const roundId = Number(id);
      const stored = await single.execute(
        `select commitment_id, derived_rating, rule_version, explanation from commitment_ratings
          where round_id = ${roundId} order by commitment_id`,
      );
      const derived = await recomputeCommitmentRatings(single.db, 1, roundId);
      expect(
        stored.rows.map((r) => [Number(r.commitment_id), r.derived_rating, r.rule_version, r.explanation]),
      ).toEqual(
        [...derived].sort(([a], [b]) => a - b).map(([c, d]) => [c, d.rating, d.ruleVersion, d.explanation]),
      );
    }
  });

  it("makes partnership 1 the same whatever the number of partnerships", async () => {
    expect(await digestOfPartnership1(db())).toBe(await digestOfPartnership1(single));
    const texts = await db().execute(
      "select partnership_id, string_agg(text, '|' order by position) as t from commitments group by 1 order by 1",
    );
    expect(texts.rows[0]?.t).not.toBe(texts.rows[1]?.t);
  });

  it("leaves the identity sequences past the generated ids", async () => {
    const maxId = await count(db(), "select max(id) as n from updates");
    const maxRegion = await count(db(), "select max(id) as n from regions");
    const { rows } = await db().execute(
      "insert into regions (name, slug) values ('Bench test region', 'bench-test-region') returning id",
    );
    expect(Number(rows[0]?.id)).toBeGreaterThan(maxRegion);
    const maxRating = await count(db(), "select max(id) as n from assessment_ratings");
    expect(maxRating).toBeGreaterThan(0);
    expect(await count(db(), "select nextval(pg_get_serial_sequence('updates', 'id')) as n")).toBeGreaterThan(
      maxId,
    );
  });

  it("serves partnership 1's pages to its coordinator", async () => {
    const client = new TestClient(t.app);
    await client.signIn(coordinatorEmail(MEASURED_SLUG), BENCH_PASSWORD);
    const base = `/p/${MEASURED_SLUG}`;
    const open = await db().execute("select id from rounds where partnership_id = 1 and status = 'open'");
    const pages = [
      `${base}/`,
      `${base}/strategies/1`,
      `${base}/commitments/1`,
      `${base}/action-plans/1`,
      `${base}/action-plans/${scale.actionPlans}`,
      `${base}/actions/1`,
      `${base}/rounds`,
      `${base}/rounds/${open.rows[0]?.id}`,
      `${base}/indicators`,
      `${base}/indicators/1`,
    ];
    // The self-assessment the bench measures on both sides (bench/lib/ids.ts finds it the same way).
    const assessed = await db().execute(
      `select a.id, r.slug from self_assessments a join partnerships p on p.id = a.partnership_id
       join regions r on r.id = p.region_id where a.partnership_id = 1 and a.status <> 'draft' order by a.id limit 1`,
    );
    const assessment = assessed.rows[0] as { id: number; slug: string };
    pages.push(`${base}/assessments/${assessment.id}`, `/r/${assessment.slug}/assessments/${assessment.id}`);
    // The region's pages the bench measures (bench/lib/pages.ts), in every region the scale makes
    // (one at this scale: the lead's region 1; region 2 the coordinator views from 5 partnerships).
    for (let r = 1; r <= Math.min(2, regionCount(scale.partnerships)); r++)
      for (const page of ["comparison", "spend", "statistics", "governance", "report"])
        pages.push(`/r/${benchRegionSlug(r)}/${page}`);
    for (const url of pages) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(200);
    }
    const home = await client.get(`${base}/`);
    expect(home.body).toContain("Bench Partnership 001");
  });

  it("lets an editor submit an update in the open round", async () => {
    const { rows } = await db().execute(`
      select ra.round_id, ra.action_id, min(l.organisation_id) as organisation_id from round_actions ra
      join rounds r on r.id = ra.round_id and r.status = 'open'
      join action_leads l on l.action_id = ra.action_id
      left join updates u on u.round_id = ra.round_id and u.action_id = ra.action_id
      where ra.partnership_id = 1 and u.id is null
      group by ra.round_id, ra.action_id order by ra.action_id limit 1`);
    const row = rows[0]!;
    const client = new TestClient(t.app);
    await client.signIn(editorEmail(MEASURED_SLUG, Number(row.organisation_id), 1), BENCH_PASSWORD);
    const url = `/p/${MEASURED_SLUG}/rounds/${row.round_id}/actions/${row.action_id}/update`;
    expect((await client.get(url)).statusCode).toBe(200);
    const response = await client.post(url, {
      intent: "submit",
      rating: "green",
      narrative: "On track: the first sessions have taken place.",
      version: "",
    });
    expect(response.statusCode).toBe(303);
    const saved = await db().execute(
      `select status from updates where round_id = ${row.round_id} and action_id = ${row.action_id}`,
    );
    expect(saved.rows[0]?.status).toBe("submitted");
  });
});
