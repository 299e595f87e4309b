import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionLeads, memberships, roundActions, rounds, updates, users } from "../../src/db/schema.ts";
import { formatDate } from "../../src/web/view-filters.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// A partner's landing page says what their organisation owes: "You owe 4 updates for Q4 2025/26,
// due 17 April 2026", linked to the list, counted from the open round's actions they lead.

describe.each(testDatabaseKinds())("a partner's home says what they owe (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ kind, demoProgress: true });
  });
  afterAll(async () => t?.close());

  /** Actions the organisation leads in the open round with no submitted or accepted update. */
  async function outstandingFor(email: string) {
    const db = t.database.db;
    const [member] = await db
      .select({ organisationId: memberships.organisationId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, email));
    const [open] = await db.select().from(rounds).where(eq(rounds.status, "open"));
    if (!open) return null;
    const led = await db
      .select({ actionId: roundActions.actionId })
      .from(roundActions)
      .innerJoin(actionLeads, eq(actionLeads.actionId, roundActions.actionId))
      .where(and(eq(roundActions.roundId, open.id), eq(actionLeads.organisationId, member!.organisationId!)));
    const ids = [...new Set(led.map((l) => l.actionId))];
    const sent = await db
      .select({ actionId: updates.actionId })
      .from(updates)
      .where(
        and(
          eq(updates.roundId, open.id),
          inArray(updates.actionId, ids),
          inArray(updates.status, ["submitted", "accepted"]),
        ),
      );
    return { round: open, outstanding: ids.length - sent.length };
  }

  it("tells an editor how many updates their organisation owes in the open round, with the deadline and a link", async () => {
    const email = demoUser("editor", "police").email;
    const expected = await outstandingFor(email);
    expect(expected).not.toBeNull();
    expect(expected!.outstanding).toBeGreaterThan(0);
    const police = new TestClient(t.app);
    await police.signIn(email);
    const home = await police.get("/p/ashvale");
    expect(home.statusCode).toBe(200);
    const { round, outstanding } = expected!;
    const words = `You owe ${outstanding} update${outstanding === 1 ? "" : "s"} for ${round.name}`;
    expect(home.body).toContain(words);
    expect(home.body).toContain(formatDate(round.deadline));
    expect(home.body).toContain(`href="/p/ashvale/your-updates#round-${round.id}"`);
    const list = await police.get("/p/ashvale/your-updates");
    expect(list.body).toContain(`id="round-${round.id}"`);
  });

  it("shows the last accepted update beside the update form's fields", async () => {
    const db = t.database.db;
    const email = demoUser("editor", "police").email;
    const { round } = (await outstandingFor(email))!;
    const police = new TestClient(t.app);
    await police.signIn(email);
    // A police-led action of the open round with an accepted update in an earlier round.
    const led = await db
      .select({ actionId: roundActions.actionId })
      .from(roundActions)
      .innerJoin(actionLeads, eq(actionLeads.actionId, roundActions.actionId))
      .innerJoin(memberships, eq(memberships.organisationId, actionLeads.organisationId))
      .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.email, email)))
      .where(eq(roundActions.roundId, round.id));
    const earlier = await db
      .select({ update: updates, openedAt: rounds.openedAt })
      .from(updates)
      .innerJoin(rounds, eq(rounds.id, updates.roundId))
      .where(
        and(
          inArray(
            updates.actionId,
            led.map((l) => l.actionId),
          ),
          eq(updates.status, "accepted"),
        ),
      );
    const candidates = earlier.filter((e) => e.openedAt < round.openedAt && e.update.narrative.length > 0);
    expect(candidates.length).toBeGreaterThan(0);
    const actionId = candidates[0]!.update.actionId;
    const latest = candidates
      .filter((c) => c.update.actionId === actionId)
      .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime())[0]!.update;
    const form = await police.get(`/p/ashvale/rounds/${round.id}/actions/${actionId}/update`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Last accepted update");
    const escaped = latest.narrative
      .replaceAll("&", "&amp;")
      .replaceAll("'", "&#39;")
      .replaceAll('"', "&quot;");
    expect(form.body).toContain(escaped.split("\n")[0]!.slice(0, 60));
    expect(form.body).toContain(`href="/p/ashvale/updates/${latest.id}"`);
  });

  it("shows nothing owed to viewers and the coordinator", async () => {
    for (const role of ["viewer", "admin"] as const) {
      const client = new TestClient(t.app);
      await client.signIn(demoUser(role).email);
      const home = await client.get("/p/ashvale");
      expect(home.statusCode).toBe(200);
      expect(home.body).not.toContain("You owe");
    }
  });
});
