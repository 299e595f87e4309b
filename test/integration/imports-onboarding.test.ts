import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionLeads,
  actionPlans,
  actions,
  commitments,
  organisations,
  priorities,
  rounds,
  updates,
} from "../../src/db/schema.ts";
import { type Actor, systemActor } from "../../src/services/actor.ts";
import {
  ACTION_PLAN,
  csvOf,
  docxOf,
  FRAMEWORK,
  STRATEGY_REVIEW,
  xlsxOf,
} from "../fixtures/council/council-files.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// Issue 12 through the web: a coordinator whose partnership has no strategy (or no plan for the
// year) imports the council's files, creating the strategy and the plan in the import's own
// transaction, and corrects a near-miss match on the preview.

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const tokenOf = (body: string) => /name="token" value="([^"]+)"/.exec(body)?.[1];
const hidden = (body: string) =>
  Object.fromEntries(
    [...body.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );

describe.each(testDatabaseKinds())("imports that create their strategy and plan (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let actor: Actor;
  let pid: number;
  let strategyId: number;

  const count = async (table: typeof actionPlans) =>
    (await t.database.db.select({ id: table.id }).from(table).where(eq(table.partnershipId, pid))).length;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    pid = (await t.services.partnerships.findBySlug("ashvale"))!.id;
    actor = systemActor("test", pid);
  });
  afterAll(async () => t?.close());

  it("asks for the new strategy's title and years, with the GOV.UK error summary and the values kept", async () => {
    const page = await admin.get("/p/ashvale/strategies/import");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="title"');
    const refused = await admin.postMultipart(
      "/p/ashvale/strategies/import",
      { title: "", period: "2016 until 2021" },
      { filename: "framework.csv", content: csvOf(FRAMEWORK), contentType: "text/csv" },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#title"');
    expect(refused.body).toContain('href="#period"');
    expect(refused.body).toContain('value="2016 until 2021"');
  });

  it("creates the strategy only when the import is confirmed, with its priorities and commitments", async () => {
    const before = await count(actionPlans);
    const strategiesBefore = (await t.services.strategies.list(actor)).length;
    const preview = await admin.postMultipart(
      "/p/ashvale/strategies/import",
      { title: "Marbridge Domestic Abuse Strategy", period: "2016-2021" },
      { filename: "framework.xlsx", content: await xlsxOf(FRAMEWORK), contentType: XLSX },
    );
    expect(preview.statusCode).toBe(200);
    expect((await t.services.strategies.list(actor)).length).toBe(strategiesBefore);
    const confirm = await admin.post("/p/ashvale/strategies/import/confirm", hidden(preview.body));
    expect(confirm.statusCode).toBe(303);
    strategyId = Number(/\/strategies\/(\d+)$/.exec(String(confirm.headers.location))?.[1]);
    const strategy = await t.services.strategies.get(actor, strategyId);
    expect([strategy.title, strategy.startYear, strategy.endYear, strategy.framework]).toEqual([
      "Marbridge Domestic Abuse Strategy",
      2016,
      2021,
      "priorities",
    ]);
    const rows = await t.database.db.select().from(priorities).where(eq(priorities.strategyId, strategyId));
    expect(rows.map((p) => p.title)).toEqual([
      "Culture change",
      "Working together",
      "Early help",
      "Victims",
      "Children and young people",
      "Perpetrators",
    ]);
    expect(await count(actionPlans)).toBe(before);
  });

  it("records a strategy review's progress as accepted updates of the year each cell names, rated by word or shading", async () => {
    const url = `/p/ashvale/strategies/${strategyId}/import`;
    const preview = await admin.postMultipart(
      url,
      {},
      {
        filename: "review.docx",
        content: await docxOf(STRATEGY_REVIEW),
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      },
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("3 past progress updates");
    const confirm = await admin.post(`${url}/confirm`, hidden(preview.body));
    expect(confirm.statusCode).toBe(303);
    const recorded = await t.database.db
      .select({
        rating: updates.rating,
        status: updates.status,
        narrative: updates.narrative,
        round: rounds.name,
      })
      .from(updates)
      .innerJoin(rounds, eq(rounds.id, updates.roundId))
      .where(eq(rounds.name, "Strategy review 2018/19"))
      .orderBy(updates.id);
    expect(recorded.map((u) => [u.status, u.rating])).toEqual([
      ["accepted", "green"],
      ["accepted", "amber"],
      ["accepted", "grey"],
    ]);
    expect(recorded[0]!.narrative).toBe("The campaign ran in all five languages and reached 24,000 people.");
    const plans = await t.services.actionPlans.list(actor, strategyId);
    expect(plans.map((p) => p.name)).toContain("2018–19");
    // The same review again has nothing new: the year's progress is already held.
    const again = await admin.postMultipart(
      url,
      {},
      {
        filename: "review.docx",
        content: await docxOf(STRATEGY_REVIEW),
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      },
    );
    expect(again.body).toContain("Nothing to import");
    const count = await t.database.db
      .select({ id: updates.id })
      .from(updates)
      .innerJoin(rounds, eq(rounds.id, updates.roundId))
      .where(eq(rounds.name, "Strategy review 2018/19"));
    expect(count).toHaveLength(3);
  });

  it("creates nothing when the import fails after the preview (the plan is created in its transaction)", async () => {
    const before = await count(actionPlans);
    const preview = await admin.postMultipart(
      "/p/ashvale/action-plans/import",
      { strategy: String(strategyId), period: "2017-18" },
      { filename: "plan.csv", content: csvOf(ACTION_PLAN), contentType: "text/csv" },
    );
    expect(preview.statusCode).toBe(200);
    // Someone adds an organisation the file names: the plan the coordinator saw is no longer the one
    // that would be written, so the import stops — after creating the plan inside its transaction.
    const org = await t.services.organisations.create(actor, { name: "Probation", kind: "Probation" });
    const confirm = await admin.post("/p/ashvale/action-plans/import/confirm", hidden(preview.body));
    expect(confirm.statusCode).toBe(400);
    expect(confirm.body).toContain("changed after the file was checked");
    expect(await count(actionPlans)).toBe(before);
    await t.database.db.delete(organisations).where(eq(organisations.id, org.id));
  });

  it("creates the plan with the actions, keeping near misses as suggested unless corrected", async () => {
    const preview = await admin.postMultipart(
      "/p/ashvale/action-plans/import",
      { strategy: String(strategyId), period: "2017-18" },
      { filename: "plan.csv", content: csvOf(ACTION_PLAN), contentType: "text/csv" },
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toMatch(/Matched by wording \(8\d% alike\)/);
    expect(preview.body).toContain('name="commitment-5"');
    expect(preview.body).toContain("“All partners” (row 4) is not an organisation");
    const strategyCommitments = await t.database.db
      .select()
      .from(commitments)
      .where(eq(commitments.strategyId, strategyId));
    const idOf = (n: string) => strategyCommitments.find((c) => c.number === n)!.id;
    const form = { ...hidden(preview.body), "commitment-5": String(idOf("1.1")) };
    expect(tokenOf(preview.body)).toBe(form.token);
    const confirm = await admin.post("/p/ashvale/action-plans/import/confirm", form);
    expect(confirm.statusCode).toBe(303);
    const planId = Number(/\/action-plans\/(\d+)$/.exec(String(confirm.headers.location))?.[1]);
    const plan = await t.services.actionPlans.get(actor, planId);
    expect([plan.name, plan.startsOn, plan.endsOn]).toEqual(["2017–18", "2017-04-01", "2018-03-31"]);
    const written = await t.database.db
      .select()
      .from(actions)
      .where(and(eq(actions.partnershipId, pid), eq(actions.actionPlanId, planId)));
    expect(written).toHaveLength(8);
    const workplace = written.find((a) => a.what.startsWith("Agree a model workplace policy"))!;
    expect(workplace.commitmentId).toBe(idOf("1.1")); // corrected on the preview
    const routine = written.find((a) => a.what.startsWith("Routine enquiry training"))!;
    expect(routine.commitmentId).toBe(idOf("3.1")); // the suggestion kept
    const briefing = written.find((a) => a.what.startsWith("Brief every partner"))!;
    const leads = await t.database.db.select().from(actionLeads).where(eq(actionLeads.actionId, briefing.id));
    const everyOrganisation = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.partnershipId, pid));
    expect(leads).toHaveLength(everyOrganisation.length);
    expect(everyOrganisation.map((o) => o.name)).not.toContain("All partners");
  });
});
