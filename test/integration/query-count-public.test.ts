import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  areas,
  boards,
  commitments,
  indicators,
  observations,
  partnerships,
  strategies,
} from "../../src/db/schema.ts";
import { boardSummaries } from "../../src/db/schema-board-papers.ts";
import { decisions, meetingPacks, meetings } from "../../src/db/schema-governance.ts";
import { defaultThresholds } from "../../src/domain/thresholds.ts";
import { systemActor } from "../../src/services/actor.ts";
import { bumpDataVersion, createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The public site (issue 17) in the query-count test's terms (query-count.test.ts): each public page,
// the open data and the coordinator's Public pages and preview cost as many statements with many
// more commitments, board summaries, key statistics, packs and decisions approved as with a few.

describe.each(testDatabaseKinds())("the public site's pages cost the same as it grows (%s)", (kind) => {
  let t: TestApp;
  let coordinator: TestClient;
  let pid: number;
  let strategyId: number;
  let boardId: number;
  let areaId: number;
  const before = new Map<string, number>();
  const after = new Map<string, { queries: number; body: string }>();
  const pages = [
    "/public/ashvale",
    "/public/ashvale/strategy",
    "/public/ashvale/board-summaries",
    "/public/ashvale/statistics",
    "/public/ashvale/meetings",
    "/public/ashvale/accessibility",
    "/public/ashvale/open-data",
    "/public/ashvale/open-data.csv",
    "/public/ashvale/open-data.json",
    "/p/ashvale/manage/publication",
    "/p/ashvale/manage/publication/preview",
  ];
  const actor = () => systemActor("query-count test", pid);

  async function measure(url: string, anonymous: boolean) {
    const start = t.database.queryCount();
    const response = anonymous ? await t.app.inject({ url }) : await coordinator.get(url);
    expect(response.statusCode, url).toBe(200);
    return { queries: t.database.queryCount() - start, body: response.body };
  }
  const anonymous = (url: string) => url.startsWith("/public/");

  async function add(n: number) {
    const db = t.database.db;
    const [c] = await db
      .insert(commitments)
      .values({
        partnershipId: pid,
        strategyId,
        number: `G${n}`,
        text: `Growth commitment ${n}`,
        position: 900 + n,
      })
      .returning();
    await db.insert(boardSummaries).values({
      partnershipId: pid,
      strategyId,
      commitmentId: c!.id,
      yearStart: 2030,
      text: `Growth summary ${n}`,
    });
    const [indicator] = await db
      .insert(indicators)
      .values({
        partnershipId: pid,
        name: `Growth statistic ${n}`,
        unit: "count",
        frequency: "annual",
        polarity: "neither",
        kind: "contextual",
        thresholds: defaultThresholds("count"),
      })
      .returning();
    await db.insert(observations).values(
      [2028, 2029, 2030].map((y) => ({
        partnershipId: pid,
        indicatorId: indicator!.id,
        areaId,
        periodStart: `${y}-04-01`,
        periodEnd: `${y + 1}-03-31`,
        periodLabel: `${y}/${String((y + 1) % 100)}`,
        value: 100 + n,
      })),
    );
    const [meeting] = await db
      .insert(meetings)
      .values({ partnershipId: pid, boardId, meetsOn: `2030-0${(n % 9) + 1}-01` })
      .returning();
    await db.insert(meetingPacks).values({
      partnershipId: pid,
      meetingId: meeting!.id,
      packVersion: 1,
      asAt: "2030-01-01",
      title: `Growth pack ${n}`,
      html: `<p>Growth pack ${n}</p>`,
      docx: Buffer.from("x"),
    });
    await db.insert(decisions).values({
      partnershipId: pid,
      meetingId: meeting!.id,
      reference: `GROWTH/${n}`,
      decision: `Growth decision ${n}`,
      decidedOn: "2030-01-01",
    });
  }

  async function approveEverything() {
    const view = await t.services.publication.manage(actor());
    for (const s of view.sections) {
      if (!s.approved) await t.services.publication.approve(actor(), s.key, 0, "");
      for (const i of s.items)
        if (i.state !== "approved") await t.services.publication.approve(actor(), i.kind, i.id, i.hash);
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ kind, config: { pageCache: false } });
    const db = t.database.db;
    [{ id: pid }] = (await db
      .select({ id: partnerships.id })
      .from(partnerships)
      .where(eq(partnerships.slug, "ashvale"))) as [{ id: number }];
    const [strategy] = await db
      .select()
      .from(strategies)
      .where(eq(strategies.partnershipId, pid))
      .orderBy(asc(strategies.startYear), asc(strategies.id));
    strategyId = strategy!.id;
    const [own] = await db
      .select()
      .from(areas)
      .where(and(eq(areas.partnershipId, pid), eq(areas.kind, "own")));
    areaId = own!.id;
    const [board] = await db.insert(boards).values({ partnershipId: pid, name: "Growth board" }).returning();
    boardId = board!.id;
    await add(1);
    await t.services.publication.setEnabled(actor(), true);
    await approveEverything();
    await bumpDataVersion(t.database, pid);
    coordinator = new TestClient(t.app);
    await coordinator.signIn(demoUser("admin").email);
    for (const url of pages) await measure(url, anonymous(url));
    for (const url of pages) before.set(url, (await measure(url, anonymous(url))).queries);
    for (let n = 2; n <= 8; n++) await add(n);
    await approveEverything();
    await bumpDataVersion(t.database, pid);
    for (const url of pages) after.set(url, await measure(url, anonymous(url)));
  });
  afterAll(async () => t?.close());

  it("shows what was added", () => {
    const all = [...after.values()].map((a) => a.body).join("\n");
    for (const text of [
      "Growth commitment 8",
      "Growth summary 8",
      "Growth statistic 8",
      "Growth pack 8",
      "Growth decision 8",
    ])
      expect(all).toContain(text);
  });

  it("costs each page exactly as many queries as with less data, and few", () => {
    const changed = pages
      .filter((url) => before.get(url) !== after.get(url)?.queries)
      .map((url) => `${url}: ${before.get(url)} queries before, ${after.get(url)?.queries} after`);
    expect(changed, changed.join("; ")).toEqual([]);
    const costly = pages
      .filter((url) => (after.get(url)?.queries ?? 0) > 16)
      .map((url) => `${url}: ${after.get(url)?.queries}`);
    expect(costly, costly.join("; ")).toEqual([]);
  });
});
