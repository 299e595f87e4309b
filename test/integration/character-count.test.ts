import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionLeads, actionPlans, actions, organisations, updates } from "../../src/db/schema.ts";
import { TEXT_LIMITS } from "../../src/domain/text-limits.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { openRoundThroughForm } from "../support/rounds.ts";

// Every limited text area shows the GOV.UK character count with the limit the server checks, so a
// 10,000-character narrative is not refused only after it is submitted.

describe.each(testDatabaseKinds())("character counts match the server's limits (%s)", (kind) => {
  let t: TestApp;
  let police: TestClient;
  let formUrl: string;
  let roundId: number;
  let actionId: number;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const db = t.database.db;
    police = new TestClient(t.app);
    await police.signIn(demoUser("editor", "police").email);
    const [plan] = await db.select().from(actionPlans).orderBy(desc(actionPlans.startsOn)).limit(1);
    const [led] = await db
      .select({ id: actions.id })
      .from(actions)
      .innerJoin(actionLeads, eq(actionLeads.actionId, actions.id))
      .innerJoin(organisations, eq(organisations.id, actionLeads.organisationId))
      .where(and(eq(actions.actionPlanId, plan!.id), eq(organisations.name, "Marston Police")))
      .limit(1);
    actionId = led!.id;
    const admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    roundId = await openRoundThroughForm(admin, {
      actionPlanId: plan!.id,
      actionIds: [actionId],
      name: "Character count round",
    });
    expect(actionId).toBeDefined();
    formUrl = `/p/ashvale/rounds/${roundId}/actions/${actionId}/update`;
  });
  afterAll(async () => t?.close());

  it("shows a character count on the update's text areas with the server's limits", async () => {
    const page = await police.get(formUrl);
    expect(page.statusCode).toBe(200);
    for (const [field, limit] of [
      ["narrative", TEXT_LIMITS.updateNarrative],
      ["remedy", TEXT_LIMITS.updateRemedy],
      ["toNote", TEXT_LIMITS.updateToNote],
    ] as const) {
      const block = new RegExp(
        `<div class="govuk-form-group govuk-character-count" data-module="govuk-character-count" data-maxlength="${limit}">[\\s\\S]*?id="${field}"`,
      );
      expect(page.body).toMatch(block);
      // Without JavaScript the hint states the limit.
      expect(page.body).toContain(`You can enter up to ${limit} characters`);
    }
  });

  it("refuses one character over the limit, linked to the field, and saves nothing", async () => {
    const page = await police.get(formUrl);
    const version = /name="version" value="(\d*)"/.exec(page.body)?.[1] ?? "";
    const before = await t.database.db
      .select()
      .from(updates)
      .where(and(eq(updates.roundId, roundId), eq(updates.actionId, actionId)));
    const tooLong = await police.post(formUrl, {
      version,
      intent: "draft",
      narrative: "x".repeat(TEXT_LIMITS.updateNarrative + 1),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('href="#narrative"');
    expect(tooLong.body).toContain("The update must be 10,000 characters or fewer");
    const after = await t.database.db
      .select()
      .from(updates)
      .where(and(eq(updates.roundId, roundId), eq(updates.actionId, actionId)));
    expect(after).toEqual(before);

    const atLimit = await police.post(formUrl, {
      version,
      intent: "draft",
      narrative: "x".repeat(TEXT_LIMITS.updateNarrative),
    });
    expect(atLimit.statusCode).toBe(303);
  });
});
