import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionLeads,
  actionPlans,
  actions,
  auditLog,
  commitments,
  partnerships,
  priorities,
  ratingOverrides,
  roundActions,
  rounds,
  updates,
} from "../../src/db/schema.ts";
import type { Rating } from "../../src/domain/rag.ts";
import { deriveCommitmentRating, ROLLUP_RULE } from "../../src/domain/rollup.ts";
import { systemActor } from "../../src/services/actor.ts";
import { recomputeCommitmentRatings } from "../../src/services/rating-engine.ts";
import { bumpDataVersion, createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// Ratings that explain themselves, the commitment's history and the partnership home, on the whole
// application. Rounds and updates are written straight into the database (the update workflow is
// tested on its own); derived ratings are recomputed with the same engine the workflow calls when
// it accepts an update.

type Status = "draft" | "submitted" | "returned" | "accepted";

/** Nunjucks escapes these in text; expected strings are compared the same way. */
const html = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

describe.each(testDatabaseKinds())("ratings, progress so far and the partnership home (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pid: number;
  let plan2024: number;
  let plan2025: number;
  /** Commitment 1.4: two actions in 2024–25 (a, b), one in 2025–26 (c). */
  let c14: { id: number; priorityId: number; a: number; b: number; c: number };
  /** Commitment 4.1: two actions in 2024–25. */
  let c41: { id: number; a: number; b: number };
  const rounds_: Record<string, number> = {};

  const db = () => t.database.db;
  const page = (commitmentId: number) => admin.get(`/p/ashvale/commitments/${commitmentId}`);

  async function commitmentByNumber(number: string) {
    const [row] = await db()
      .select()
      .from(commitments)
      .where(and(eq(commitments.partnershipId, pid), eq(commitments.number, number)));
    if (!row) throw new Error(`the demo has no commitment ${number}`);
    return row;
  }

  async function actionsOf(commitmentId: number, planId: number) {
    const rows = await db()
      .select({ id: actions.id })
      .from(actions)
      .where(and(eq(actions.commitmentId, commitmentId), eq(actions.actionPlanId, planId)))
      .orderBy(asc(actions.position), asc(actions.id));
    return rows.map((r) => r.id);
  }

  async function openRound(
    key: string,
    r: {
      planId: number;
      name: string;
      periodStart: string;
      periodEnd: string;
      deadline: string;
      openedAt: string;
    },
  ) {
    const [row] = await db()
      .insert(rounds)
      .values({
        partnershipId: pid,
        actionPlanId: r.planId,
        name: r.name,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        deadline: r.deadline,
        openedAt: new Date(r.openedAt),
      })
      .returning();
    const planActions = await db()
      .select({ id: actions.id })
      .from(actions)
      .where(eq(actions.actionPlanId, r.planId));
    await db()
      .insert(roundActions)
      .values(planActions.map((a) => ({ partnershipId: pid, roundId: row!.id, actionId: a.id })));
    rounds_[key] = row!.id;
    return row!.id;
  }

  async function addUpdate(
    roundKey: string,
    actionId: number,
    u: { status: Status; rating: Rating; narrative: string; toNote?: string; acceptedAt?: string },
  ) {
    const [lead] = await db().select().from(actionLeads).where(eq(actionLeads.actionId, actionId)).limit(1);
    await db()
      .insert(updates)
      .values({
        partnershipId: pid,
        roundId: rounds_[roundKey]!,
        actionId,
        status: u.status,
        rating: u.rating,
        narrative: u.narrative,
        toNote: u.toNote ?? "",
        authorOrganisationId: lead?.organisationId ?? null,
        submittedAt: u.status === "draft" ? null : new Date(u.acceptedAt ?? "2024-10-10T10:00:00Z"),
        acceptedAt: u.status === "accepted" ? new Date(u.acceptedAt ?? "2024-10-20T10:00:00Z") : null,
      });
  }

  // Fixture rows go straight into the tables, so the data version is bumped as the services would.
  const recompute = async (roundKey: string) => {
    await recomputeCommitmentRatings(db(), pid, rounds_[roundKey]!);
    await bumpDataVersion(t.database, pid);
  };

  const overrideCount = async () =>
    Number(
      (
        await db()
          .select({ n: count() })
          .from(ratingOverrides)
          .where(eq(ratingOverrides.commitmentId, c14.id))
      )[0]?.n,
    );

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    const [p] = await db().select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
    pid = p!.id;
    const plans = await db()
      .select()
      .from(actionPlans)
      .where(eq(actionPlans.partnershipId, pid))
      .orderBy(asc(actionPlans.startsOn));
    plan2024 = plans[0]!.id;
    plan2025 = plans[1]!.id;
    const one4 = await commitmentByNumber("1.4");
    const [a, b] = await actionsOf(one4.id, plan2024);
    const [c] = await actionsOf(one4.id, plan2025);
    c14 = { id: one4.id, priorityId: one4.priorityId!, a: a!, b: b!, c: c! };
    const four1 = await commitmentByNumber("4.1");
    const [a41, b41] = await actionsOf(four1.id, plan2024);
    c41 = { id: four1.id, a: a41!, b: b41! };
  });
  afterAll(async () => t?.close());

  it("before any round: the home says so plainly, and a commitment is Grey and not yet started", async () => {
    const home = await admin.get("/p/ashvale");
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain("No update round has been opened yet");
    expect(home.body).toContain("The strategy at a glance");

    const response = await page(c14.id);
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<strong class="govuk-tag govuk-tag--grey app-rag">\s*Grey\s*<\/strong>/);
    // 1.4 has one action in the latest action plan, not rated yet.
    expect(response.body).toContain("Grey: no rated actions (1 action has no rating yet)");
    expect(response.body).toContain("No update round has rated this commitment yet");
    expect(response.body).toContain("Not yet started");
  });

  it("a commitment with no actions at all is Grey, saying it has no actions", async () => {
    const actor = systemActor("test", pid);
    const one1 = await commitmentByNumber("1.1");
    const created = await t.services.strategies.createCommitment(actor, one1.strategyId, {
      priorityId: one1.priorityId,
      number: "1.99",
      text: "A commitment nobody has planned an action for",
      seeAlso: [],
    });
    const rating = await t.services.ratings.commitmentRating(actor, created.id);
    expect(rating.rating).toBe("grey");
    expect(rating.explanation).toBe(deriveCommitmentRating([]).explanation);
    expect(rating.roundName).toBeNull();
  });

  it("only accepted updates drive the rating: drafts, submitted and returned updates do not", async () => {
    await openRound("q2", {
      planId: plan2024,
      name: "Q2 2024/25",
      periodStart: "2024-07-01",
      periodEnd: "2024-09-30",
      deadline: "2024-10-15",
      openedAt: "2024-10-01T09:00:00Z",
    });
    await addUpdate("q2", c14.a, {
      status: "accepted",
      rating: "amber",
      narrative: "Training audit returned by 11 of 13 partners.",
      toNote: "Community champions to be picked up in the 2025/26 action plan",
      acceptedAt: "2024-10-20T10:00:00Z",
    });
    await addUpdate("q2", c14.b, {
      status: "draft",
      rating: "red",
      narrative: "DRAFT NARRATIVE MUST NOT SHOW",
    });
    await addUpdate("q2", c41.a, {
      status: "submitted",
      rating: "red",
      narrative: "SUBMITTED NARRATIVE MUST NOT SHOW",
    });
    await addUpdate("q2", c41.b, {
      status: "returned",
      rating: "red",
      narrative: "RETURNED NARRATIVE MUST NOT SHOW",
    });
    await recompute("q2");

    const expected = deriveCommitmentRating(["amber", null]);
    expect(expected.rating).toBe("amber");
    const response = await page(c14.id);
    expect(response.body).toMatch(
      /<strong class="govuk-tag govuk-tag--orange app-rag">\s*Amber\s*<\/strong>/,
    );
    expect(response.body).toContain(html(expected.explanation));
    expect(response.body).toContain(`rule: ${ROLLUP_RULE.summary.charAt(0).toLowerCase()}`);
    expect(response.body).toContain("From the accepted updates up to the Q2 2024/25 round");
    expect(response.body).not.toContain("DRAFT NARRATIVE MUST NOT SHOW");

    // 4.1: one submitted and one returned update, both red; neither counts.
    const four1 = await page(c41.id);
    expect(four1.body).toContain("Grey: no rated actions (2 actions have no rating yet)");
    expect(four1.body).not.toMatch(/govuk-tag--red app-rag/);
    expect(four1.body).not.toContain("SUBMITTED NARRATIVE MUST NOT SHOW");
    expect(four1.body).not.toContain("RETURNED NARRATIVE MUST NOT SHOW");
    expect(four1.body).toContain("Not yet started");

    const rating = await t.services.ratings.commitmentRating(systemActor("test", pid), c41.id);
    expect(rating).toMatchObject({
      rating: "grey",
      derived: "grey",
      overridden: false,
      ruleVersion: ROLLUP_RULE.version,
    });
  });

  it("progress so far lists every accepted update, newest first, grouped by financial year, with notes", async () => {
    await openRound("q4", {
      planId: plan2024,
      name: "Q4 2024/25",
      periodStart: "2025-01-01",
      periodEnd: "2025-03-31",
      deadline: "2025-04-15",
      openedAt: "2025-03-20T09:00:00Z",
    });
    await addUpdate("q4", c14.b, {
      status: "accepted",
      rating: "green",
      narrative: "212 frontline staff trained in level 2.\n\n88% said they felt more confident.",
      acceptedAt: "2025-04-10T10:00:00Z",
    });
    await recompute("q4");
    await openRound("q1", {
      planId: plan2025,
      name: "Q1 2025/26",
      periodStart: "2025-04-01",
      periodEnd: "2025-06-30",
      deadline: "2025-07-15",
      openedAt: "2025-06-20T09:00:00Z",
    });
    await addUpdate("q1", c14.c, {
      status: "accepted",
      rating: "red",
      narrative: "The framework has not been adopted by two partners.",
      toNote: "• Escalate to the steering group\n• Revisit in the Q2 round",
      acceptedAt: "2025-07-20T10:00:00Z",
    });
    await recompute("q1");

    const progress = await t.services.ratings.progressSoFar(systemActor("test", pid), c14.id);
    expect(progress.map((g) => g.year)).toEqual(["2025/26", "2024/25"]);
    expect(progress.map((g) => g.items.map((i) => i.roundName))).toEqual([
      ["Q1 2025/26"],
      ["Q4 2024/25", "Q2 2024/25"],
    ]);
    expect(progress[0]!.items[0]).toMatchObject({
      rating: "red",
      toNote: ["Escalate to the steering group", "Revisit in the Q2 round"],
      acceptedOn: "2025-07-20",
      actionPlanName: "2025–26",
    });
    expect(progress[1]!.items[0]!.narrative).toEqual([
      "212 frontline staff trained in level 2.",
      "88% said they felt more confident.",
    ]);
    expect(progress[1]!.items[1]).toMatchObject({ rating: "amber", organisationName: expect.any(String) });

    const body = (await page(c14.id)).body;
    const at = (text: string) => {
      const index = body.indexOf(text);
      expect(index, `${text} is on the page`).toBeGreaterThan(-1);
      return index;
    };
    const progressStart = at('id="progress-so-far"');
    expect(progressStart).toBeLessThan(at(">2025/26</h3>"));
    expect(at(">2025/26</h3>")).toBeLessThan(at("The framework has not been adopted by two partners."));
    expect(at("The framework has not been adopted by two partners.")).toBeLessThan(at(">2024/25</h3>"));
    expect(at(">2024/25</h3>")).toBeLessThan(at("212 frontline staff trained in level 2."));
    expect(at("212 frontline staff trained in level 2.")).toBeLessThan(
      at("Training audit returned by 11 of 13 partners."),
    );
    expect(body).toContain(
      "<strong>To note:</strong> Community champions to be picked up in the 2025/26 action plan",
    );
    expect(body).toContain("<li>Escalate to the steering group</li>");
    expect(body).toContain("moj-timeline");
    expect(body).toContain("20 July 2025");
    expect(body).not.toContain("DRAFT NARRATIVE MUST NOT SHOW");
    // The latest round that rated 1.4 is Q1 2025/26, where its only action is red.
    expect(body).toMatch(/<strong class="govuk-tag govuk-tag--red app-rag">\s*Red\s*<\/strong>/);
    expect(body).toContain("From the accepted updates up to the Q1 2025/26 round");
  });

  it("the home shows the latest round's ratings by priority, late organisations and recent updates", async () => {
    // A draft in the latest round does not stop its organisation being late.
    const [other] = await actionsOf((await commitmentByNumber("2.1")).id, plan2025);
    await addUpdate("q1", other!, { status: "draft", rating: "green", narrative: "Not sent yet" });

    const home = await admin.get("/p/ashvale");
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain("Ratings by priority — Q1 2025/26");
    for (const word of ["Red", "Amber", "Green", "Grey", "Complete"]) {
      expect(home.body).toMatch(
        new RegExp(
          `<th scope="col"[^>]*>\\s*<strong class="govuk-tag[^"]*">\\s*${word}\\s*</strong>\\s*</th>`,
        ),
      );
    }

    const priorityCommitments = await db()
      .select({ n: count() })
      .from(commitments)
      .where(eq(commitments.priorityId, c14.priorityId));
    const [priority] = await db().select().from(priorities).where(eq(priorities.id, c14.priorityId));
    const row = new RegExp(
      `${html(`${priority!.number}. ${priority!.title}`)}</a></th>([\\s\\S]*?)</tr>`,
    ).exec(home.body);
    expect(row, "the priority's row").not.toBeNull();
    // A count above 0 links to the strategy page filtered to it; the number is the cell's first text.
    const cells = [
      ...row![1]!.matchAll(/<td class="govuk-table__cell govuk-table__cell--numeric">(?:<a [^>]*>)?(\d+)/g),
    ].map((m) => Number(m[1]));
    const total = Number(priorityCommitments[0]?.n);
    // 1.4 is red (Q1 2025/26); every other commitment of the priority is Grey (nothing accepted).
    expect(cells).toEqual([1, 0, 0, total - 1, 0, total]);

    const summary = await t.services.ratings.homeSummary(systemActor("test", pid));
    expect(summary.round?.name).toBe("Q1 2025/26");
    expect(summary.pastDeadline).toBe(true);
    expect(summary.distribution.total).toBe(summary.distribution.rows.reduce((n, r) => n + r.total, 0));
    // Every organisation leading a 2025–26 action is late except where everything it leads was accepted.
    const names = summary.lateOrganisations.map((o) => o.name);
    expect(names).toContain("Ashvale and Marston Hospitals NHS Foundation Trust");
    expect(home.body).toContain("Late organisations");
    expect(home.body).toContain("Ashvale and Marston Hospitals NHS Foundation Trust:");
    expect(home.body).toContain("outstanding");

    expect(summary.recentlyAccepted.map((u) => u.roundName)).toEqual([
      "Q1 2025/26",
      "Q4 2024/25",
      "Q2 2024/25",
    ]);
    expect(home.body).toContain("Recently accepted updates");
    expect(home.body).toContain(`href="/p/ashvale/commitments/${c14.id}#update-`);
  });

  it("the coordinator overrides with a reason: the page shows it with the derived rating, and history keeps every entry", async () => {
    const before = await overrideCount();
    const form = await admin.get(`/p/ashvale/commitments/${c14.id}/rating`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("What should the rating be?");
    expect(form.body).not.toContain("Use the derived rating");

    const first = await admin.post(`/p/ashvale/commitments/${c14.id}/rating`, {
      rating: "amber",
      reason: "Two partners adopted the framework after the round closed",
    });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/p/ashvale/commitments/${c14.id}#rating`);
    let body = (await page(c14.id)).body;
    expect(body).toContain("1.4 is now rated Amber");
    expect(body).toMatch(
      /<strong class="govuk-tag govuk-tag--orange app-rag">\s*Amber\s*<\/strong>\s*<span class="govuk-body-s">set by the coordinator<\/span>/,
    );
    expect(body).toContain(
      "<strong>Reason:</strong> Two partners adopted the framework after the round closed",
    );
    expect(body).toMatch(
      /the rating derived from the actions would be <strong class="govuk-tag govuk-tag--red app-rag">\s*Red\s*<\/strong>/,
    );
    expect(body).toContain("Override history (1 entry)");

    const second = await admin.post(`/p/ashvale/commitments/${c14.id}/rating`, {
      rating: "green",
      reason: "Every partner has now adopted the framework",
    });
    expect(second.statusCode).toBe(303);
    body = (await page(c14.id)).body;
    expect(body).toContain("Override history (2 entries)");
    expect(body.indexOf("Every partner has now adopted the framework")).toBeLessThan(
      body.lastIndexOf("Two partners adopted the framework after the round closed"),
    );
    const history = await t.services.ratings.overrides(systemActor("test", pid), c14.id);
    expect(history.map((h) => [h.rating, h.reason, h.roundName])).toEqual([
      ["green", "Every partner has now adopted the framework", "Q1 2025/26"],
      ["amber", "Two partners adopted the framework after the round closed", "Q1 2025/26"],
    ]);
    expect(history[0]!.by).toBe(demoUser("admin").name);

    // The home counts the effective (overridden) rating.
    const summary = await t.services.ratings.homeSummary(systemActor("test", pid));
    const row = summary.distribution.rows.find((r) => r.priority?.id === c14.priorityId);
    expect(row?.counts).toMatchObject({ red: 0, green: 1 });

    // Clearing goes back to the derived rating and is kept too.
    const clearForm = await admin.get(`/p/ashvale/commitments/${c14.id}/rating`);
    expect(clearForm.body).toContain("Use the derived rating (Red)");
    const cleared = await admin.post(`/p/ashvale/commitments/${c14.id}/rating`, {
      rating: "derived",
      reason: "Back to the rule now the Q2 round is due",
    });
    expect(cleared.statusCode).toBe(303);
    body = (await page(c14.id)).body;
    expect(body).toContain("has its derived rating again");
    expect(body).not.toContain("set by the coordinator</span>");
    expect(body).toContain("Override history (3 entries)");
    expect(body).toContain("Cleared: back to the derived rating");
    expect(await overrideCount()).toBe(before + 3);

    const entries = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "rating.override"))
      .orderBy(asc(auditLog.id));
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => (e.after as { rating: string | null }).rating)).toEqual([
      "amber",
      "green",
      null,
    ]);
    expect(entries[0]).toMatchObject({
      entityType: "commitment",
      entityId: String(c14.id),
      actor: demoUser("admin").email,
    });
  });

  it("requires a reason and a rating: the error summary links to each field, and nothing changes", async () => {
    const before = await overrideCount();
    const [version] = await db()
      .select({ v: partnerships.dataVersion })
      .from(partnerships)
      .where(eq(partnerships.id, pid));
    await admin.get(`/p/ashvale/commitments/${c14.id}/rating`);

    const empty = await admin.post(`/p/ashvale/commitments/${c14.id}/rating`, {
      rating: "green",
      reason: "   ",
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/<title>\s*Error: Override the rating/);
    expect(empty.body).toContain("govuk-error-summary");
    expect(empty.body).toContain('<a href="#reason">Say why the derived rating is not right</a>');
    expect(empty.body).toMatch(/id="reason-error"/);
    expect(empty.body).toMatch(
      /<input class="govuk-radios__input" id="rating-3" name="rating" type="radio" value="green" checked/,
    );

    const short = await admin.post(`/p/ashvale/commitments/${c14.id}/rating`, {
      rating: "green",
      reason: "Because",
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain("Say why the derived rating is not right, in 10 characters or more");
    expect(short.body).toContain(">Because</textarea>");

    const noRating = await admin.post(`/p/ashvale/commitments/${c14.id}/rating`, {
      reason: "A perfectly good reason",
    });
    expect(noRating.statusCode).toBe(400);
    expect(noRating.body).toContain('<a href="#rating">Select the rating, or use the derived rating</a>');

    // Nothing to clear: the override was cleared in the previous test.
    const nothing = await admin.post(`/p/ashvale/commitments/${c14.id}/rating`, {
      rating: "derived",
      reason: "A perfectly good reason",
    });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('href="#rating"');

    expect(await overrideCount()).toBe(before);
    const [after] = await db()
      .select({ v: partnerships.dataVersion })
      .from(partnerships)
      .where(eq(partnerships.id, pid));
    expect(after?.v).toBe(version?.v);
  });

  it("viewers and editors cannot override: 403, no form, no link, nothing changed", async () => {
    const before = await overrideCount();
    const auditBefore = Number((await db().select({ n: count() }).from(auditLog))[0]?.n);
    for (const user of [demoUser("viewer"), demoUser("editor", "icb")]) {
      const client = new TestClient(t.app);
      await client.signIn(user.email);
      const show = await client.get(`/p/ashvale/commitments/${c14.id}`);
      expect(show.statusCode).toBe(200);
      expect(show.body).not.toContain("Override the rating");
      expect((await client.get(`/p/ashvale/commitments/${c14.id}/rating`)).statusCode).toBe(403);
      const post = await client.post(`/p/ashvale/commitments/${c14.id}/rating`, {
        rating: "complete",
        reason: "Trying to change it without being the coordinator",
      });
      expect(post.statusCode).toBe(403);
    }
    expect(await overrideCount()).toBe(before);
    expect(Number((await db().select({ n: count() }).from(auditLog))[0]?.n)).toBe(auditBefore);
  });
});
