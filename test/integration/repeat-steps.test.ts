import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionLeads, actionPlans, actions, auditLog, organisations, updates } from "../../src/db/schema.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { openRoundThroughForm } from "../support/rounds.ts";

// Back, then the same button again: the step was already taken, so the page says who took it and
// when ("You accepted this update at 10:42") and changes nothing, instead of "Someone else changed
// this record".

const TIME = /\d{2}:\d{2}/;

describe.each(testDatabaseKinds())("repeating a step already taken (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let police: TestClient;
  let actionIds: number[];
  let roundId: number;
  const formUrl = (actionId: number) => `/p/ashvale/rounds/${roundId}/actions/${actionId}/update`;
  const auditCount = async () => Number((await t.database.db.select({ n: count() }).from(auditLog))[0]?.n);
  const updateFor = async (actionId: number) =>
    (
      await t.database.db
        .select()
        .from(updates)
        .where(and(eq(updates.roundId, roundId), eq(updates.actionId, actionId)))
    )[0]!;
  const versionOn = (body: string) => /name="version" value="(\d*)"/.exec(body)?.[1] ?? "";
  /** Follows a 303 and returns the page it leads to. */
  const landing = async (client: TestClient, response: { headers: Record<string, unknown> }) =>
    (await client.get(String(response.headers.location))).body;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const db = t.database.db;
    [admin, police] = [new TestClient(t.app), new TestClient(t.app)];
    await admin.signIn(demoUser("admin").email);
    await police.signIn(demoUser("editor", "police").email);
    const [plan] = await db.select().from(actionPlans).orderBy(desc(actionPlans.startsOn)).limit(1);
    const led = await db
      .select({ id: actions.id })
      .from(actions)
      .innerJoin(actionLeads, eq(actionLeads.actionId, actions.id))
      .innerJoin(organisations, eq(organisations.id, actionLeads.organisationId))
      .where(and(eq(actions.actionPlanId, plan!.id), eq(organisations.name, "Marston Police")))
      .orderBy(actions.id)
      .limit(2);
    actionIds = led.map((r) => r.id);
    expect(actionIds).toHaveLength(2);
    roundId = await openRoundThroughForm(admin, {
      actionPlanId: plan!.id,
      actionIds: actionIds,
      name: "Repeat test round",
    });
  });
  afterAll(async () => t?.close());

  it("submitting the same update twice says it was already submitted; accepting twice says it was already accepted", async () => {
    const actionId = actionIds[0]!;
    const form = await police.get(formUrl(actionId));
    const fields = {
      intent: "submit",
      rating: "green",
      narrative: "All 40 officers trained",
      version: versionOn(form.body),
    };
    expect((await police.post(formUrl(actionId), fields)).statusCode).toBe(303);
    const submitted = await updateFor(actionId);
    const entries = await auditCount();

    // Back to the form as it was, and Submit again.
    const again = await police.post(formUrl(actionId), fields);
    expect(again.statusCode).toBe(303);
    const page = await landing(police, again);
    expect(page).toMatch(new RegExp(`You submitted this update at ${TIME.source}`));
    expect(page).not.toContain("Someone else changed");
    expect((await updateFor(actionId)).version).toBe(submitted.version);
    expect(await auditCount()).toBe(entries);

    // A changed text after Back is still a conflict with what is stored, not a silent success.
    const changed = await police.post(formUrl(actionId), { ...fields, narrative: "Different words" });
    expect(changed.statusCode).toBe(409);

    const review = await admin.get(`/p/ashvale/updates/${submitted.id}`);
    const accept = { version: versionOn(review.body) };
    expect(accept.version).toBe(String(submitted.version));
    expect((await admin.post(`/p/ashvale/updates/${submitted.id}/accept`, accept)).statusCode).toBe(303);
    const accepted = await updateFor(actionId);
    const afterAccept = await auditCount();

    const acceptAgain = await admin.post(`/p/ashvale/updates/${submitted.id}/accept`, accept);
    expect(acceptAgain.statusCode).toBe(303);
    const roundPage = await landing(admin, acceptAgain);
    expect(roundPage).toMatch(new RegExp(`You accepted this update at ${TIME.source}`));
    expect(roundPage).not.toContain("Someone else changed");
    expect((await updateFor(actionId)).version).toBe(accepted.version);
    expect(await auditCount()).toBe(afterAccept);

    // One status style everywhere: submitted and accepted are tags like every other state.
    const owed = (await police.get("/p/ashvale/your-updates")).body;
    expect(owed).toMatch(/<strong class="govuk-tag govuk-tag--green">\s*Accepted\s*<\/strong>/);
    expect(roundPage).toMatch(/<strong class="govuk-tag govuk-tag--green">\s*Accepted\s*<\/strong>/);

    // Back once more and Return instead: refused, saying what happened rather than blaming someone else.
    const late = await admin.post(`/p/ashvale/updates/${submitted.id}/return`, {
      ...accept,
      comment: "More detail",
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toMatch(
      new RegExp(`You accepted this update at ${TIME.source}, so it can no longer be returned`),
    );
    expect((await updateFor(actionId)).status).toBe("accepted");
  });

  it("returning twice with the same comment says it was already returned; accepting after a return says so", async () => {
    const actionId = actionIds[1]!;
    const form = await police.get(formUrl(actionId));
    await police.post(formUrl(actionId), {
      intent: "submit",
      rating: "green",
      narrative: "Champions named in every station",
      version: versionOn(form.body),
    });
    const submitted = await updateFor(actionId);
    const review = await admin.get(`/p/ashvale/updates/${submitted.id}`);
    const sent = { version: versionOn(review.body), comment: "Say how many stations" };
    expect((await admin.post(`/p/ashvale/updates/${submitted.id}/return`, sent)).statusCode).toBe(303);
    const returned = await updateFor(actionId);
    const entries = await auditCount();

    const again = await admin.post(`/p/ashvale/updates/${submitted.id}/return`, sent);
    expect(again.statusCode).toBe(303);
    expect(await landing(admin, again)).toMatch(new RegExp(`You returned this update at ${TIME.source}`));
    expect((await updateFor(actionId)).version).toBe(returned.version);
    expect(await auditCount()).toBe(entries);

    const accept = await admin.post(`/p/ashvale/updates/${submitted.id}/accept`, { version: sent.version });
    expect(accept.statusCode).toBe(400);
    expect(accept.body).toMatch(
      new RegExp(`You returned this update at ${TIME.source}, so it can no longer be accepted`),
    );
    expect((await updateFor(actionId)).status).toBe("returned");
  });
});
