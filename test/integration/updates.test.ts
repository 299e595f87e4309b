import { and, count, desc, eq, inArray, notInArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAcceptedUpdates } from "../../src/data/updates.ts";
import {
  actionLeads,
  actionPlans,
  actions,
  auditLog,
  commitmentRatings,
  mailOutbox,
  memberships,
  organisations,
  rounds,
  updates,
  users,
} from "../../src/db/schema.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import { ROLLUP_RULE } from "../../src/domain/rollup.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

const today = () => ukDateOf(new Date());

function dateFields(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split("-");
  return {
    [`${name}-day`]: String(Number(d)),
    [`${name}-month`]: String(Number(m)),
    [`${name}-year`]: String(y),
  };
}

describe.each(testDatabaseKinds())("partners' updates and the coordinator's review (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let police: TestClient;
  let lanternway: TestClient;
  let planId: number;
  let partnershipId: number;
  /** Actions of the current plan that Marston Police leads and Lanternway does not. */
  let policeOnly: number[];
  /** Every action of the current plan Marston Police leads. */
  let policeLed: number[];
  let roundCounter = 0;

  const formUrl = (roundId: number, actionId: number) =>
    `/p/ashvale/rounds/${roundId}/actions/${actionId}/update`;
  const orgIdOf = async (email: string) => {
    const [row] = await t.database.db
      .select({ id: memberships.organisationId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, email));
    return row!.id;
  };
  const auditCount = async () => Number((await t.database.db.select({ n: count() }).from(auditLog))[0]?.n);

  /** Opens a round through the coordinator's form; returns its id. */
  async function openRound(actionIds: number[], options: { graceDays?: number } = {}) {
    await admin.get("/p/ashvale/rounds/new");
    const response = await admin.post("/p/ashvale/rounds/new", {
      actionPlanId: String(planId),
      name: `Test round ${++roundCounter}`,
      ...dateFields("periodStart", addDays(today(), -90)),
      ...dateFields("periodEnd", addDays(today(), -1)),
      ...dateFields("deadline", addDays(today(), 14)),
      graceDays: String(options.graceDays ?? 5),
      reminderDaysBefore: "7",
      actionIds: actionIds.map(String),
    });
    expect(response.statusCode).toBe(303);
    return Number(/\/rounds\/(\d+)$/.exec(String(response.headers.location))?.[1]);
  }

  /** Opens the form (for its CSRF token and version), then posts it with `fields`. */
  async function save(client: TestClient, roundId: number, actionId: number, fields: Record<string, string>) {
    const page = await client.get(formUrl(roundId, actionId));
    const version = /name="version" value="(\d*)"/.exec(page.body)?.[1] ?? "";
    return client.post(formUrl(roundId, actionId), { version, ...fields });
  }

  const findUpdate = async (roundId: number, actionId: number) =>
    (
      await t.database.db
        .select()
        .from(updates)
        .where(and(eq(updates.roundId, roundId), eq(updates.actionId, actionId)))
    )[0];

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const db = t.database.db;
    [admin, police, lanternway] = [new TestClient(t.app), new TestClient(t.app), new TestClient(t.app)];
    await admin.signIn(demoUser("admin").email);
    await police.signIn(demoUser("editor", "police").email);
    await lanternway.signIn(demoUser("editor", "specialist").email);
    const [plan] = await db.select().from(actionPlans).orderBy(desc(actionPlans.startsOn)).limit(1);
    planId = plan!.id;
    partnershipId = plan!.partnershipId;
    const policeOrg = await orgIdOf(demoUser("editor", "police").email);
    const specialistOrg = await orgIdOf(demoUser("editor", "specialist").email);
    const led = (orgId: number) =>
      db.select({ id: actionLeads.actionId }).from(actionLeads).where(eq(actionLeads.organisationId, orgId));
    policeLed = (
      await db
        .select({ id: actions.id })
        .from(actions)
        .where(and(eq(actions.actionPlanId, planId), inArray(actions.id, led(policeOrg))))
        .orderBy(actions.id)
    ).map((r) => r.id);
    policeOnly = (
      await db
        .select({ id: actions.id })
        .from(actions)
        .where(
          and(
            eq(actions.actionPlanId, planId),
            inArray(actions.id, led(policeOrg)),
            notInArray(actions.id, led(specialistOrg)),
          ),
        )
        .orderBy(actions.id)
    ).map((r) => r.id);
    expect(policeOnly.length).toBeGreaterThanOrEqual(2);
  });
  afterAll(async () => t?.close());

  it("runs a whole round: draft, submit, return, resubmit, accept, and the commitment's rating is derived", async () => {
    const actionId = policeOnly[0]!;
    const roundId = await openRound([actionId]);

    const form = await police.get(formUrl(roundId, actionId));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Off track: the action will not be delivered as planned");
    expect(form.body).toContain('value="draft"');
    expect(form.body).toContain('value="submit"');

    const draft = await save(police, roundId, actionId, { intent: "draft", narrative: "Started work" });
    expect(draft.statusCode).toBe(303);
    expect((await findUpdate(roundId, actionId))?.status).toBe("draft");

    const submitted = await save(police, roundId, actionId, {
      intent: "submit",
      rating: "green",
      narrative: "Training delivered to 40 officers",
      toNote: "Second cohort booked for March",
      evidenceLinks: "https://example.org/report\n\nhttp://example.org/minutes",
    });
    expect(submitted.statusCode).toBe(303);
    let update = await findUpdate(roundId, actionId);
    expect(update?.status).toBe("submitted");
    expect(update?.evidenceLinks).toEqual(["https://example.org/report", "http://example.org/minutes"]);
    expect(update?.submittedAt).not.toBeNull();

    // Submitted: the partner cannot change it, and nothing counts yet.
    const lockedForm = await police.get(formUrl(roundId, actionId));
    expect(lockedForm.body).toContain("waiting for the coordinator's review");
    expect(lockedForm.body).not.toContain('value="submit"');
    const locked = await police.post(formUrl(roundId, actionId), {
      version: String(update!.version),
      intent: "draft",
      narrative: "Changed my mind",
    });
    expect(locked.statusCode).toBe(400);
    expect(locked.body).toContain("cannot be changed unless the coordinator returns it");
    expect((await findUpdate(roundId, actionId))?.narrative).toBe("Training delivered to 40 officers");
    expect(
      await t.database.db.select().from(commitmentRatings).where(eq(commitmentRatings.roundId, roundId)),
    ).toEqual([]);

    // The coordinator returns it with a comment; the author is e-mailed.
    const review = await admin.get(`/p/ashvale/updates/${update!.id}`);
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain("Accept the update");
    const noComment = await admin.post(`/p/ashvale/updates/${update!.id}/return`, {
      version: String(update!.version),
      comment: " ",
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.body).toContain('href="#comment"');
    const returned = await admin.post(`/p/ashvale/updates/${update!.id}/return`, {
      version: String(update!.version),
      comment: "Please say how many officers are left to train",
    });
    expect(returned.statusCode).toBe(303);
    update = await findUpdate(roundId, actionId);
    expect(update?.status).toBe("returned");
    const mails = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "update-returned"));
    expect(mails.map((m) => m.toAddress)).toEqual([demoUser("editor", "police").email]);
    expect(mails[0]?.textBody).toContain("Please say how many officers are left to train");

    // The partner sees the comment, revises and resubmits.
    const revise = await police.get(formUrl(roundId, actionId));
    expect(revise.body).toContain("The coordinator returned this update");
    expect(revise.body).toContain("Please say how many officers are left to train");
    const resubmitted = await save(police, roundId, actionId, {
      intent: "submit",
      rating: "green",
      narrative: "Training delivered to 40 officers; 10 left, booked for March",
    });
    expect(resubmitted.statusCode).toBe(303);
    update = await findUpdate(roundId, actionId);
    expect(update?.status).toBe("submitted");

    // Accepted: the commitment's rating is derived, with the rule version, in the same transaction.
    const accepted = await admin.post(`/p/ashvale/updates/${update!.id}/accept`, {
      version: String(update!.version),
    });
    expect(accepted.statusCode).toBe(303);
    update = await findUpdate(roundId, actionId);
    expect(update?.status).toBe("accepted");
    expect(update?.acceptedAt).not.toBeNull();
    const [action] = await t.database.db.select().from(actions).where(eq(actions.id, actionId));
    const [rating] = await t.database.db
      .select()
      .from(commitmentRatings)
      .where(
        and(eq(commitmentRatings.roundId, roundId), eq(commitmentRatings.commitmentId, action!.commitmentId)),
      );
    expect(rating?.ruleVersion).toBe(ROLLUP_RULE.version);
    expect(rating?.derivedRating).toBe("green");
    expect(rating?.explanation).toContain("Green");

    // The review page tells the story from the audit log.
    const history = await admin.get(`/p/ashvale/updates/${update!.id}`);
    for (const words of ["Saved as a draft", "Submitted for review", "Returned", "Accepted"]) {
      expect(history.body).toContain(words);
    }
    expect(history.body).not.toContain("Accept the update");

    // Only accepted updates count: the accepted one is listed, a draft elsewhere is not.
    const other = policeOnly[1]!;
    const laterRound = await openRound([other]);
    expect(
      (await save(police, laterRound, other, { intent: "draft", narrative: "Not yet" })).statusCode,
    ).toBe(303);
    const accepted2 = await listAcceptedUpdates(t.database.db, partnershipId, {
      actionIds: [actionId, other],
    });
    expect(accepted2.map((a) => a.update.id)).toEqual([update!.id]);
  });

  it("refuses a Red rating without what we are doing about it, linked to the field, and saves nothing", async () => {
    const actionId = policeOnly[0]!;
    const roundId = await openRound([actionId]);
    const before = await auditCount();
    const response = await save(police, roundId, actionId, {
      intent: "submit",
      rating: "red",
      narrative: "Behind plan",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#remedy"');
    expect(response.body).toContain("Enter what we are doing about it");
    expect(response.body).toContain("Behind plan");
    expect(await findUpdate(roundId, actionId)).toBeUndefined();
    expect(await auditCount()).toBe(before);

    // Amber with its remedy is accepted for review, and the remedy is kept.
    const ok = await save(police, roundId, actionId, {
      intent: "submit",
      rating: "amber",
      narrative: "Behind plan",
      remedy: "Extra sessions agreed with the training team",
    });
    expect(ok.statusCode).toBe(303);
    expect((await findUpdate(roundId, actionId))?.remedy).toBe(
      "Extra sessions agreed with the training team",
    );
  });

  it("reports the line of a bad evidence link", async () => {
    const roundId = await openRound([policeOnly[0]!]);
    const response = await save(police, roundId, policeOnly[0]!, {
      intent: "draft",
      evidenceLinks: "https://example.org/ok\nnot a link",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#evidenceLinks"');
    expect(response.body).toContain("line 2");
  });

  it("refuses a submission after the grace period, and lets it in, marked late, after the round is reopened", async () => {
    const actionId = policeOnly[0]!;
    const roundId = await openRound([actionId], { graceDays: 2 });
    // Time passes: the deadline was ten days ago.
    await t.database.db
      .update(rounds)
      .set({ deadline: addDays(today(), -10) })
      .where(eq(rounds.id, roundId));
    const fields = { intent: "submit", rating: "green", narrative: "Done late" };
    const refused = await save(police, roundId, actionId, fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("grace period for this round have passed");
    expect(await findUpdate(roundId, actionId)).toBeUndefined();

    const status = await admin.get(`/p/ashvale/rounds/${roundId}`);
    expect(status.body).toContain("Reopen the round");
    const [round] = await t.database.db.select().from(rounds).where(eq(rounds.id, roundId));
    await admin.get(`/p/ashvale/rounds/${roundId}/reopen`);
    expect(
      (await admin.post(`/p/ashvale/rounds/${roundId}/reopen`, { version: String(round!.version) }))
        .statusCode,
    ).toBe(303);

    const allowed = await save(police, roundId, actionId, fields);
    expect(allowed.statusCode).toBe(303);
    const update = await findUpdate(roundId, actionId);
    expect(update?.status).toBe("submitted");
    const review = await admin.get(`/p/ashvale/updates/${update!.id}`);
    expect(review.body).toMatch(/govuk-tag--red">Late</);
  });

  it("gives an editor of another organisation 403 on the form and the POST, and changes nothing", async () => {
    const actionId = policeOnly[0]!;
    const roundId = await openRound([actionId]);
    expect((await lanternway.get(formUrl(roundId, actionId))).statusCode).toBe(403);
    const before = await auditCount();
    const response = await lanternway.post(formUrl(roundId, actionId), {
      intent: "submit",
      rating: "green",
      narrative: "Not ours",
      version: "",
    });
    expect(response.statusCode).toBe(403);
    expect(await findUpdate(roundId, actionId)).toBeUndefined();
    expect(await auditCount()).toBe(before);
    // A viewer cannot open it either; an action outside the round is not found.
    const viewer = new TestClient(t.app);
    await viewer.signIn(demoUser("viewer").email);
    expect((await viewer.get(formUrl(roundId, actionId))).statusCode).toBe(403);
    expect((await police.get(formUrl(roundId, policeOnly[1]!))).statusCode).toBe(404);
  });

  it("never overwrites a concurrent save: the second gets 409 with the newer values, for a new and an existing draft", async () => {
    const actionId = policeOnly[0]!;
    const roundId = await openRound([actionId]);
    const colleague = new TestClient(t.app);
    await colleague.signIn(demoUser("admin").email);

    // Both open the empty form; the first to save creates the draft; the second is told.
    await police.get(formUrl(roundId, actionId));
    await colleague.get(formUrl(roundId, actionId));
    const first = await police.post(formUrl(roundId, actionId), {
      version: "",
      intent: "draft",
      narrative: "Police wording",
    });
    expect(first.statusCode).toBe(303);
    const second = await colleague.post(formUrl(roundId, actionId), {
      version: "",
      intent: "draft",
      narrative: "Coordinator wording",
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain("Police wording");
    expect(second.body).toContain("Coordinator wording");
    expect((await findUpdate(roundId, actionId))?.narrative).toBe("Police wording");

    // Both open the saved draft at the same version; the second save is refused the same way.
    const pagePolice = await police.get(formUrl(roundId, actionId));
    const pageColleague = await colleague.get(formUrl(roundId, actionId));
    const version = /name="version" value="(\d+)"/.exec(pagePolice.body)?.[1];
    expect(/name="version" value="(\d+)"/.exec(pageColleague.body)?.[1]).toBe(version);
    expect(
      (
        await police.post(formUrl(roundId, actionId), {
          version: version!,
          intent: "draft",
          narrative: "Police again",
        })
      ).statusCode,
    ).toBe(303);
    const stale = await colleague.post(formUrl(roundId, actionId), {
      version: version!,
      intent: "draft",
      narrative: "Stale wording",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Police again");
    expect((await findUpdate(roundId, actionId))?.narrative).toBe("Police again");

    // Truly at the same time, on a fresh round: one creates the draft, the other gets 409.
    const raceRound = await openRound([actionId]);
    await police.get(formUrl(raceRound, actionId));
    await colleague.get(formUrl(raceRound, actionId));
    const results = await Promise.all([
      police.post(formUrl(raceRound, actionId), { version: "", intent: "draft", narrative: "Racer A" }),
      colleague.post(formUrl(raceRound, actionId), { version: "", intent: "draft", narrative: "Racer B" }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    const winner = (await findUpdate(raceRound, actionId))?.narrative;
    expect(["Racer A", "Racer B"]).toContain(winner);
    expect(results.find((r) => r.statusCode === 409)?.body).toContain(winner);
  });

  it("lists on Your updates what Marston Police owes in open rounds, with each status", async () => {
    const roundId = await openRound(policeLed);
    const page = await police.get("/p/ashvale/your-updates");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("govuk-task-list");
    const listed = [...page.body.matchAll(new RegExp(`/rounds/${roundId}/actions/(\\d+)/update`, "g"))].map(
      (m) => Number(m[1]),
    );
    expect([...new Set(listed)].sort((a, b) => a - b)).toEqual([...policeLed].sort((a, b) => a - b));
    // Lanternway's page lists none of the actions only Marston Police leads.
    const theirs = await lanternway.get("/p/ashvale/your-updates");
    for (const id of policeOnly) expect(theirs.body).not.toContain(`/rounds/${roundId}/actions/${id}/update`);
    // A closed round is no longer listed.
    const [round] = await t.database.db.select().from(rounds).where(eq(rounds.id, roundId));
    await admin.get(`/p/ashvale/rounds/${roundId}/close`);
    expect(
      (await admin.post(`/p/ashvale/rounds/${roundId}/close`, { version: String(round!.version) }))
        .statusCode,
    ).toBe(303);
    expect((await police.get("/p/ashvale/your-updates")).body).not.toContain(`/rounds/${roundId}/`);
    const [org] = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, await orgIdOf(demoUser("editor", "police").email)));
    expect(org?.name).toBe("Marston Police");
  });
});
