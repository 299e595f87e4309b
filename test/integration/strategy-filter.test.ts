import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionLeads, actionPlans, actions, organisations, strategies } from "../../src/db/schema.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// Board members list the commitments by rating, priority and lead organisation on the strategy page
// (a GET form), and every count in the home page's ratings table links to the list it counts.

const listed = (body: string) =>
  [...body.matchAll(/<span class="app-commitment-list__number">([^<]+)<\/span>/g)].map((m) => m[1]!);

describe.each(testDatabaseKinds())("filtering the strategy's commitments (%s)", (kind) => {
  let t: TestApp;
  let viewer: TestClient;
  let strategyId: number;

  beforeAll(async () => {
    t = await createTestApp({ kind, demoProgress: true });
    viewer = new TestClient(t.app);
    await viewer.signIn(demoUser("viewer").email);
    const [strategy] = await t.database.db.select().from(strategies);
    strategyId = strategy!.id;
  });
  afterAll(async () => t?.close());

  it("links every count on the home page to a list of exactly that many commitments", async () => {
    const home = await viewer.get("/p/ashvale");
    const links = [
      ...home.body.matchAll(
        /<a class="govuk-link" href="(\/p\/ashvale\/strategies\/\d+\?rating=[a-z]+(?:&amp;priority=\d+)?)">(\d+)<span/g,
      ),
    ];
    expect(links.length).toBeGreaterThan(5);
    // The totals row links too, for a rating across every priority.
    expect(links.some((l) => l[1] === `/p/ashvale/strategies/${strategyId}?rating=green`)).toBe(true);
    for (const [, href, count] of links) {
      const page = await viewer.get(href!.replaceAll("&amp;", "&"));
      expect(page.statusCode).toBe(200);
      expect(listed(page.body), href).toHaveLength(Number(count));
      expect(page.body).toContain(`${count} commitment`);
    }
  });

  it("filters by rating: every commitment listed has the rating chosen, and the box stays ticked", async () => {
    const page = await viewer.get(`/p/ashvale/strategies/${strategyId}?rating=amber&rating=red`);
    const numbers = listed(page.body);
    expect(numbers.length).toBeGreaterThan(0);
    const tags = [
      ...page.body.matchAll(/id="rating-\d+">[\s\S]*?<strong class="govuk-tag [^"]*">\s*([A-Za-z]+)/g),
    ].map((m) => m[1]!.trim());
    expect(tags).toHaveLength(numbers.length);
    expect(new Set(tags)).toEqual(new Set(tags.filter((x) => x === "Amber" || x === "Red")));
    expect(page.body).toMatch(/value="amber" checked/);
    expect(page.body).toContain("Clear filters");
    // The strategy's own counts stay whole while the list is filtered.
    expect(page.body).toContain("6 priorities and 38 commitments");
  });

  it("filters by lead organisation: every commitment listed has an action that organisation leads", async () => {
    const db = t.database.db;
    const [police] = await db.select().from(organisations).where(eq(organisations.name, "Marston Police"));
    const page = await viewer.get(`/p/ashvale/strategies/${strategyId}?lead=${police!.id}`);
    const numbers = new Set(listed(page.body));
    const rows = await db
      .selectDistinct({ commitmentId: actions.commitmentId })
      .from(actions)
      .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
      .innerJoin(
        actionLeads,
        and(eq(actionLeads.actionId, actions.id), eq(actionLeads.organisationId, police!.id)),
      )
      .where(eq(actionPlans.strategyId, strategyId));
    expect(numbers.size).toBe(rows.length);
    expect(page.body).toMatch(new RegExp(`<option value="${police!.id}" selected>`));
  });

  it("ignores values it does not know instead of refusing the page", async () => {
    const all = listed((await viewer.get(`/p/ashvale/strategies/${strategyId}`)).body);
    const odd = await viewer.get(`/p/ashvale/strategies/${strategyId}?rating=purple&priority=abc&lead=`);
    expect(odd.statusCode).toBe(200);
    expect(listed(odd.body)).toEqual(all);
    expect(all).toHaveLength(38);
  });
});
