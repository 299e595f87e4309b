import { and, asc, eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  areas,
  auditLog,
  boards,
  commitments,
  indicators,
  observations,
  partnerships,
  strategies,
} from "../../src/db/schema.ts";
import { boardSummaries } from "../../src/db/schema-board-papers.ts";
import { agendaItems, decisions, meetingPacks, meetings } from "../../src/db/schema-governance.ts";
import { defaultThresholds } from "../../src/domain/thresholds.ts";
import { systemActor } from "../../src/services/actor.ts";
import { bumpDataVersion, createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The public site (issue 17): nothing is public until the coordinator approves its section and the
// item as it is; a draft, an unapproved item, an item changed after approval and a suppressed count
// (primary and secondary) never appear on any public page or download; no cookie is set and every
// answer is cacheable; pages off → 404.

const SHOWN = [
  "MARK-APPROVED-COMMITMENT",
  "MARK-APPROVED-SUMMARY",
  "MARK Total",
  "98,765",
  "MARK-APPROVED-DECISION",
];
const NEVER = [
  "MARK-UNAPPROVED",
  "MARK-BEFORE-CHANGE",
  "MARK-CHANGED",
  "MARK-DRAFT",
  "98,761",
  "98761",
  "Sign out",
];

describe.each(testDatabaseKinds())("the public site (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pid: number;
  const ids: Record<string, number> = {};

  const pages = () => [
    "/public/ashvale",
    "/public/ashvale/strategy",
    "/public/ashvale/board-summaries",
    "/public/ashvale/statistics",
    "/public/ashvale/meetings",
    `/public/ashvale/packs/${ids.pack}`,
    "/public/ashvale/accessibility",
    "/public/ashvale/open-data",
    "/public/ashvale/open-data.csv",
    "/public/ashvale/open-data.json",
  ];

  async function seed() {
    const db = t.database.db;
    const [strategy] = await db
      .select()
      .from(strategies)
      .where(eq(strategies.partnershipId, pid))
      .orderBy(asc(strategies.startYear), asc(strategies.id));
    const [c1, c2, c3] = await db
      .select()
      .from(commitments)
      .where(and(eq(commitments.partnershipId, pid), eq(commitments.strategyId, strategy!.id)))
      .orderBy(asc(commitments.position))
      .limit(3);
    const setText = (id: number, text: string) =>
      db.update(commitments).set({ text }).where(eq(commitments.id, id));
    await setText(c1!.id, "MARK-APPROVED-COMMITMENT");
    await setText(c2!.id, "MARK-UNAPPROVED-COMMITMENT");
    await setText(c3!.id, "MARK-BEFORE-CHANGE");
    Object.assign(ids, { c1: c1!.id, c2: c2!.id, c3: c3!.id });
    const [s1, s2] = await db
      .insert(boardSummaries)
      .values([
        {
          partnershipId: pid,
          strategyId: c1!.strategyId,
          commitmentId: c1!.id,
          yearStart: 2030,
          text: "MARK-APPROVED-SUMMARY",
        },
        {
          partnershipId: pid,
          strategyId: c2!.strategyId,
          commitmentId: c2!.id,
          yearStart: 2030,
          text: "MARK-UNAPPROVED-SUMMARY",
        },
      ])
      .returning();
    Object.assign(ids, { s1: s1!.id, s2: s2!.id });
    // A total and two parts: 4 is below the threshold (primary), so 98,761 would give it away (secondary).
    const [own] = await db
      .select()
      .from(areas)
      .where(and(eq(areas.partnershipId, pid), eq(areas.kind, "own")));
    const indicator = async (name: string, partOfIndicatorId: number | null = null) =>
      (
        await db
          .insert(indicators)
          .values({
            partnershipId: pid,
            name,
            unit: "count",
            frequency: "annual",
            polarity: "neither",
            kind: "contextual",
            thresholds: defaultThresholds("count"),
            partOfIndicatorId,
          })
          .returning()
      )[0]!.id;
    const total = await indicator("MARK Total");
    const partA = await indicator("MARK Part A", total);
    const partB = await indicator("MARK Part B", total);
    const hidden = await indicator("MARK-UNAPPROVED-INDICATOR");
    const figure = (indicatorId: number, value: number) => ({
      partnershipId: pid,
      indicatorId,
      areaId: own!.id,
      periodStart: "2030-04-01",
      periodEnd: "2031-03-31",
      periodLabel: "2030/31",
      value,
    });
    await db
      .insert(observations)
      .values([figure(total, 98765), figure(partA, 4), figure(partB, 98761), figure(hidden, 50)]);
    Object.assign(ids, { total, partA, partB, hidden });
    // Governance: a published pack and a decision approved, another of each not; a meeting whose pack
    // is still a draft (its agenda only).
    const [board] = await db.insert(boards).values({ partnershipId: pid, name: "MARK Board" }).returning();
    const [meeting, draftMeeting] = await db
      .insert(meetings)
      .values([
        { partnershipId: pid, boardId: board!.id, meetsOn: "2030-06-01" },
        { partnershipId: pid, boardId: board!.id, meetsOn: "2030-09-01" },
      ])
      .returning();
    await db
      .insert(agendaItems)
      .values({ partnershipId: pid, meetingId: draftMeeting!.id, position: 1, title: "MARK-DRAFT-AGENDA" });
    const [pack, hiddenPack] = await db
      .insert(meetingPacks)
      .values([
        {
          partnershipId: pid,
          meetingId: meeting!.id,
          packVersion: 1,
          asAt: "2030-05-25",
          title: "MARK Pack",
          html: "<p>MARK-APPROVED-PACK</p>",
          docx: Buffer.from("x"),
        },
        {
          partnershipId: pid,
          meetingId: meeting!.id,
          packVersion: 2,
          asAt: "2030-05-26",
          title: "MARK-UNAPPROVED-PACK",
          html: "<p>MARK-UNAPPROVED-PACK-BODY</p>",
          docx: Buffer.from("x"),
        },
      ])
      .returning();
    const [d1, d2] = await db
      .insert(decisions)
      .values([
        {
          partnershipId: pid,
          meetingId: meeting!.id,
          reference: "MARK/1",
          decision: "MARK-APPROVED-DECISION",
          decidedOn: "2030-06-01",
        },
        {
          partnershipId: pid,
          meetingId: meeting!.id,
          reference: "MARK/2",
          decision: "MARK-UNAPPROVED-DECISION",
          decidedOn: "2030-06-01",
        },
      ])
      .returning();
    Object.assign(ids, { pack: pack!.id, hiddenPack: hiddenPack!.id, d1: d1!.id, d2: d2!.id });
    await bumpDataVersion(t.database, pid);
  }

  async function approve(kind: string, id: number) {
    const view = await t.services.publication.manage(systemActorAdmin());
    const hash =
      view.sections.flatMap((s) => s.items).find((i) => i.kind === kind && i.id === id)?.hash ?? "";
    const response = await admin.post("/p/ashvale/manage/publication/approve", {
      kind,
      id: String(id),
      hash,
    });
    expect(response.statusCode, `${kind} ${id}`).toBe(303);
  }
  const systemActorAdmin = () => systemActor("test", pid);

  beforeAll(async () => {
    t = await createTestApp({ kind });
    [{ id: pid }] = (await t.database.db
      .select({ id: partnerships.id })
      .from(partnerships)
      .where(eq(partnerships.slug, "ashvale"))) as [{ id: number }];
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    await admin.get("/p/ashvale/manage/publication");
    await seed();
  });
  afterAll(async () => t?.close());

  it("refuses a partnership slug its public pages would share with Waymark's own files", async () => {
    const before = await t.database.db.select().from(partnerships);
    await expect(
      t.services.partnerships.create(systemActor("test"), {
        slug: "generated",
        name: "Generated",
        areaName: "G",
      }),
    ).rejects.toThrow(/kept for Waymark's own files/);
    expect(await t.database.db.select().from(partnerships)).toHaveLength(before.length);
  });

  it("is 404 while the public pages are off", async () => {
    expect((await t.app.inject({ url: "/public/ashvale" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/public/nowhere" })).statusCode).toBe(404);
  });

  it("publishes only approved items as they were approved, suppression always applied", async () => {
    expect((await admin.post("/p/ashvale/manage/publication/site", { enabled: "yes" })).statusCode).toBe(303);
    // Nothing approved yet: the pages are on but empty.
    const empty = await t.app.inject({ url: "/public/ashvale/strategy" });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).not.toContain("MARK-APPROVED-COMMITMENT");
    for (const section of ["strategy", "summaries", "statistics", "governance"]) await approve(section, 0);
    for (const [kind, id] of [
      ["commitment", ids.c1],
      ["commitment", ids.c3],
      ["summary", ids.s1],
      ["indicator", ids.total],
      ["indicator", ids.partA],
      ["indicator", ids.partB],
      ["pack", ids.pack],
      ["decision", ids.d1],
    ] as const)
      await approve(kind, id!);
    // Approved, then changed by a path that knows nothing of publication.
    await t.database.db
      .update(commitments)
      .set({ text: "MARK-CHANGED-COMMITMENT" })
      .where(eq(commitments.id, ids.c3!));

    const bodies: string[] = [];
    for (const signedIn of [false, true]) {
      for (const url of pages()) {
        const response: LightMyRequestResponse = signedIn
          ? await admin.get(url)
          : await t.app.inject({ url });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers["set-cookie"], url).toBeUndefined();
        expect(String(response.headers["cache-control"]), url).toMatch(/public, max-age=\d+/);
        for (const marker of NEVER) expect(response.body, `${url} ${marker}`).not.toContain(marker);
        bodies.push(response.body);
      }
    }
    const all = bodies.join("\n");
    for (const marker of SHOWN) expect(all).toContain(marker);
    expect(all).toContain("MARK-APPROVED-PACK");

    const json = JSON.parse((await t.app.inject({ url: "/public/ashvale/open-data.json" })).body);
    const partA = json.keyStatistics.find((i: { id: number }) => i.id === ids.partA);
    expect(partA.figures[0].value).toBe("fewer than 5");
    const partB = json.keyStatistics.find((i: { id: number }) => i.id === ids.partB);
    expect(partB.figures[0].value).toBe("suppressed");
    expect(json.commitments.map((c: { id: number }) => c.id)).toEqual([ids.c1]);

    // The unapproved pack is not served; the coordinator sees the changed item as changed.
    expect((await t.app.inject({ url: `/public/ashvale/packs/${ids.hiddenPack}` })).statusCode).toBe(404);
    const manage = await admin.get("/p/ashvale/manage/publication");
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain("Changed since approved");
    const preview = await admin.get("/p/ashvale/manage/publication/preview");
    expect(preview.body).toContain("MARK-APPROVED-COMMITMENT");
    expect(preview.body).not.toContain("MARK-CHANGED-COMMITMENT");
    expect(preview.body).not.toContain("98,761");
  });

  it("records who approved what and when, and a changed item approved again is public again", async () => {
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.partnershipId, pid), eq(auditLog.action, "publication.approve")));
    expect(entries.length).toBe(12);
    expect(entries.every((e) => e.userId !== null)).toBe(true);
    expect(entries.map((e) => e.entityId)).toContain(`commitment:${ids.c3}`);
    // A hash the coordinator did not see is refused.
    const stale = await admin.post("/p/ashvale/manage/publication/approve", {
      kind: "commitment",
      id: String(ids.c3),
      hash: "0".repeat(64),
    });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain("has changed since you looked at it");
    await approve("commitment", ids.c3!);
    expect((await t.app.inject({ url: "/public/ashvale/strategy" })).body).toContain(
      "MARK-CHANGED-COMMITMENT",
    );
  });

  it("takes a withdrawn section off, and every page off when the pages are switched off", async () => {
    expect(
      (await admin.post("/p/ashvale/manage/publication/withdraw", { kind: "statistics", id: "0" }))
        .statusCode,
    ).toBe(303);
    expect((await t.app.inject({ url: "/public/ashvale/statistics" })).body).not.toContain("MARK Total");
    expect((await t.app.inject({ url: "/public/ashvale/open-data.csv" })).body).not.toContain("MARK Total");
    expect((await admin.post("/p/ashvale/manage/publication/site", { enabled: "no" })).statusCode).toBe(303);
    for (const url of pages()) expect((await t.app.inject({ url })).statusCode, url).toBe(404);
  });

  it("is the coordinator's alone to manage", async () => {
    const viewer = new TestClient(t.app);
    await viewer.signIn(demoUser("viewer").email);
    await viewer.get("/p/ashvale");
    expect((await viewer.get("/p/ashvale/manage/publication")).statusCode).toBe(403);
    expect((await viewer.post("/p/ashvale/manage/publication/site", { enabled: "yes" })).statusCode).toBe(
      403,
    );
  });
});
