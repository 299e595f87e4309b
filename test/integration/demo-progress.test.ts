import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionPlans,
  actions,
  auditLog,
  commitmentRatings,
  commitments,
  partnerships,
  roundActions,
  rounds,
  updates,
} from "../../src/db/schema.ts";
import { ashvale } from "../../src/demo/ashvale.ts";
import { loadDemoPartnership } from "../../src/demo/load.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The demo's history of update rounds, loaded by createTestApp when asked (demoProgress).

describe.each(testDatabaseKinds())("the demo's history of progress updates (%s)", (kind) => {
  let t: TestApp;
  let pid: number;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp({ kind, demoProgress: true });
    const [p] = await db().select().from(partnerships).where(eq(partnerships.slug, ashvale.slug));
    pid = p!.id;
  });
  afterAll(async () => t?.close());

  async function commitmentByNumber(number: string) {
    const [row] = await db()
      .select()
      .from(commitments)
      .where(and(eq(commitments.partnershipId, pid), eq(commitments.number, number)));
    return row!;
  }

  it("has a derived rating for every commitment with actions, in every closed round", async () => {
    const closed = await db()
      .select()
      .from(rounds)
      .where(and(eq(rounds.partnershipId, pid), eq(rounds.status, "closed")));
    expect(closed).toHaveLength(7);
    for (const round of closed) {
      const planCommitments = await db()
        .selectDistinct({ id: actions.commitmentId })
        .from(actions)
        .where(eq(actions.actionPlanId, round.actionPlanId));
      const rated = await db()
        .select({ id: commitmentRatings.commitmentId })
        .from(commitmentRatings)
        .where(eq(commitmentRatings.roundId, round.id));
      expect(rated.map((r) => r.id).sort(), round.name).toEqual(planCommitments.map((c) => c.id).sort());
    }
    // Spot checks against the story: 1.3 ends 2024–25 Amber (7 of 13 policies), 2.2 Complete.
    const [q4] = closed.filter((r) => r.name === "Q4 2024/25");
    const ratingOf = async (number: string) =>
      (
        await db()
          .select({ rating: commitmentRatings.derivedRating })
          .from(commitmentRatings)
          .where(
            and(
              eq(commitmentRatings.roundId, q4!.id),
              eq(commitmentRatings.commitmentId, (await commitmentByNumber(number)).id),
            ),
          )
      )[0]?.rating;
    expect(await ratingOf("1.3")).toBe("amber");
    expect(await ratingOf("2.2")).toBe("complete");
  });

  it("keeps a live round: due in the future, asking about every open action, with updates in every state", async () => {
    const [open, ...others] = await db()
      .select()
      .from(rounds)
      .where(and(eq(rounds.partnershipId, pid), eq(rounds.status, "open")));
    expect(others).toEqual([]);
    expect(open!.name).toBe("Q4 2025/26");
    const today = ukDateOf(new Date());
    expect(open!.deadline >= addDays(today, 14)).toBe(true);
    expect(open!.deadline >= "2026-04-15").toBe(true);
    expect(open!.openedAt.getTime()).toBeLessThan(Date.now());
    expect(open!.closedAt).toBeNull();

    const [plan] = await db().select().from(actionPlans).where(eq(actionPlans.id, open!.actionPlanId));
    expect(plan!.name).toBe("2025–26");
    const openActions = await db()
      .select({ id: actions.id })
      .from(actions)
      .where(and(eq(actions.actionPlanId, plan!.id), eq(actions.closed, false)));
    const asked = await db()
      .select({ id: roundActions.actionId })
      .from(roundActions)
      .where(eq(roundActions.roundId, open!.id));
    expect(asked.map((a) => a.id).sort()).toEqual(openActions.map((a) => a.id).sort());

    const rows = await db().select().from(updates).where(eq(updates.roundId, open!.id));
    const byStatus = (status: string) => rows.filter((r) => r.status === status);
    for (const status of ["draft", "submitted", "returned", "accepted"]) {
      expect(byStatus(status).length, status).toBeGreaterThanOrEqual(1);
    }
    expect(rows.length).toBeLessThan(asked.length); // some not started
    for (const r of rows) {
      expect(r.createdAt.getTime()).toBeGreaterThanOrEqual(open!.openedAt.getTime());
      expect(r.updatedAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expect(byStatus("returned")[0]!.reviewComment).not.toBe("");
    for (const r of byStatus("draft")) expect(r.submittedAt).toBeNull();
    for (const r of byStatus("submitted")) expect(r.acceptedAt).toBeNull();
  });

  it("times closed rounds' updates around their deadlines and reviews them before the round closed", async () => {
    const rows = await db()
      .select({ update: updates, round: rounds })
      .from(updates)
      .innerJoin(rounds, eq(rounds.id, updates.roundId))
      .where(and(eq(updates.partnershipId, pid), eq(rounds.status, "closed")));
    expect(rows.length).toBeGreaterThanOrEqual(160);
    let late = 0;
    for (const { update, round } of rows) {
      expect(update.status).toBe("accepted");
      expect(update.submittedAt!.getTime()).toBeGreaterThan(round.openedAt.getTime());
      expect(update.acceptedAt!.getTime()).toBeGreaterThan(update.submittedAt!.getTime());
      expect(update.acceptedAt!.getTime()).toBeLessThan(round.closedAt!.getTime());
      expect(update.reviewerUserId).not.toBeNull();
      expect(update.authorUserId).not.toBeNull();
      if (ukDateOf(update.submittedAt!) > round.deadline) late += 1;
    }
    expect(late).toBeGreaterThanOrEqual(3);
  });

  it("shows accepted updates, and never drafts, in a commitment's progress so far", async () => {
    const viewer = new TestClient(t.app);
    await viewer.signIn(demoUser("viewer").email);
    const c35 = await commitmentByNumber("3.5");
    const page = await viewer.get(`/p/ashvale/commitments/${c35.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("17 families supported in total.");
    expect(page.body).toContain("Q3 2025/26");
    expect(page.body).not.toContain("Families supported to be added.");
  });

  it("loads once: loading the demo again adds nothing", async () => {
    const counts = async () => {
      const n = async (
        table: typeof rounds | typeof updates | typeof roundActions | typeof commitmentRatings,
      ) => Number((await db().select({ n: count() }).from(table))[0]?.n);
      return {
        partnerships: Number((await db().select({ n: count() }).from(partnerships))[0]?.n),
        actions: Number((await db().select({ n: count() }).from(actions))[0]?.n),
        rounds: await n(rounds),
        updates: await n(updates),
        roundActions: await n(roundActions),
        ratings: await n(commitmentRatings),
        audit: Number(
          (
            await db()
              .select({ n: count() })
              .from(auditLog)
              .where(inArray(auditLog.action, ["demo.load"]))
          )[0]?.n,
        ),
      };
    };
    const before = await counts();
    const again = await loadDemoPartnership(db(), ashvale);
    expect(again.loaded).toBe(false);
    expect(await counts()).toEqual(before);
    expect(before.rounds).toBe(8);
  });
});
