import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionLeads, actionPlans, actions, memberships, users } from "../../src/db/schema.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { openRoundThroughForm } from "../support/rounds.ts";

// The coordinator's audit log reads as words: each action's label, and a Field | Before | After table
// of the fields that changed — never raw JSON. Its filters still narrow it to one record.

describe.each(testDatabaseKinds())("the audit log page (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let police: TestClient;
  let updateId: number;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const db = t.database.db;
    admin = new TestClient(t.app);
    police = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    await police.signIn(demoUser("editor", "police").email);
    const [plan] = await db.select().from(actionPlans).orderBy(desc(actionPlans.startsOn)).limit(1);
    const [org] = await db
      .select({ id: memberships.organisationId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, demoUser("editor", "police").email));
    const [led] = await db
      .select({ id: actions.id })
      .from(actions)
      .innerJoin(actionLeads, eq(actionLeads.actionId, actions.id))
      .where(and(eq(actions.actionPlanId, plan!.id), eq(actionLeads.organisationId, org!.id)))
      .limit(1);
    const roundId = await openRoundThroughForm(admin, {
      actionPlanId: plan!.id,
      actionIds: [led!.id],
      name: "Audit round",
    });
    const url = `/p/ashvale/rounds/${roundId}/actions/${led!.id}/update`;
    await police.get(url);
    await police.post(url, {
      version: "",
      intent: "draft",
      rating: "green",
      narrative: "Forty officers trained",
    });
    const page = await police.get(url);
    const version = /name="version" value="(\d*)"/.exec(page.body)?.[1] ?? "";
    const saved = await police.post(url, {
      version,
      intent: "draft",
      rating: "amber",
      narrative: "Thirty officers trained",
      remedy: "Two more sessions",
    });
    expect(saved.statusCode).toBe(303);
    updateId = Number((await t.database.execute("select max(id) as id from updates")).rows[0]?.id);
  });
  afterAll(async () => t?.close());

  it("labels each action and shows each changed field before and after, not JSON", async () => {
    const response = await admin.get(`/p/ashvale/audit?entityType=update&entityId=${updateId}`);
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain("Update saved");
    expect(body).not.toContain("update.save");
    expect(body).toMatch(
      /<th scope="col" class="govuk-table__header">Field<\/th>\s*<th[^>]*>Before<\/th>\s*<th[^>]*>After<\/th>/,
    );
    // The second save: narrative and rating changed, shown in words; the version is left out.
    expect(body).toMatch(
      /What has happened<\/th>\s*<td[^>]*>Forty officers trained<\/td>\s*<td[^>]*>Thirty officers trained<\/td>/,
    );
    expect(body).toMatch(/Rating<\/th>\s*<td[^>]*>Green<\/td>\s*<td[^>]*>Amber<\/td>/);
    expect(body).not.toMatch(/>Version</);
    expect(body).not.toMatch(/&quot;narrative&quot;|"narrative":/);
    expect(body).not.toContain('class="app-json');
  });

  it("keeps the filters: one record's changes only, and every change without them", async () => {
    const filtered = await admin.get(`/p/ashvale/audit?entityType=update&entityId=${updateId}`);
    expect(filtered.body).toContain("2 changes to update");
    expect(filtered.body).not.toContain("Round opened");
    const all = await admin.get("/p/ashvale/audit");
    expect(all.body).toContain("Round opened");
    expect(all.body).toContain("Update saved");
    expect(all.body).not.toContain("round.open");
  });

  it("is for the coordinator only", async () => {
    expect((await police.get("/p/ashvale/audit")).statusCode).toBe(403);
  });
});
