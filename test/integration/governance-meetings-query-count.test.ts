// Issue 13, part B: the meeting page, the decision log, the action log, a meeting action's page and
// "Your updates" send the same number of statements however much the meeting holds. Each page is
// measured, then the data grows (more items, nested deeper, about reports and commitments; more
// seats, decisions, actions and updates; another meeting), then measured again; each page is
// checked to have grown, so the test cannot pass by showing nothing.

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitments, strategies } from "../../src/db/schema.ts";
import { systemActor } from "../../src/services/actor.ts";
import type { AgendaItemInput } from "../../src/services/governance/meetings-agenda.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import {
  type MeetingFixture,
  meetingFixture,
  partnershipIdOf,
  recordAttendance,
} from "./governance-meetings-fixtures.ts";

interface Page {
  name: string;
  who: "coordinator" | "editor";
  url: () => string;
}

describe.each(testDatabaseKinds())("meeting pages' queries do not grow with the data (%s)", (kind) => {
  let t: TestApp;
  let coordinator: TestClient;
  let editor: TestClient;
  let f: MeetingFixture;
  let actionId = 0;
  const before = new Map<string, { queries: number; length: number }>();
  const after = new Map<string, { queries: number; length: number }>();
  const pages: Page[] = [
    { name: "meeting page", who: "coordinator", url: () => `/p/ashvale/meetings/${f.meetingId}` },
    { name: "decision log", who: "coordinator", url: () => "/p/ashvale/decisions" },
    {
      name: "board's decision log",
      who: "coordinator",
      url: () => `/p/ashvale/boards/${f.boardId}/decisions?key=no`,
    },
    { name: "action log", who: "coordinator", url: () => "/p/ashvale/meeting-actions" },
    { name: "meeting action page", who: "editor", url: () => `/p/ashvale/meeting-actions/${actionId}` },
    { name: "your updates", who: "editor", url: () => "/p/ashvale/your-updates" },
  ];

  async function measure(page: Page) {
    const client = page.who === "coordinator" ? coordinator : editor;
    const start = t.database.queryCount();
    const response = await client.get(page.url());
    expect(response.statusCode, page.name).toBe(200);
    return { queries: t.database.queryCount() - start, length: response.body.length };
  }

  const base: AgendaItemInput = {
    title: "",
    parentItemId: null,
    purpose: "discussion",
    presenter: "Coordinator",
    durationMinutes: 10,
    subject: "text",
    reportKind: null,
    reportSubjectId: null,
    commitmentId: null,
    description: "",
  };

  /** `n` items about a report, a commitment and text, nested to two levels, with decisions and actions. */
  async function fill(n: number, label: string) {
    const actor = systemActor("query-count test", f.partnershipId);
    const meetings = t.services.governanceMeetings;
    const [strategy] = await t.database.db
      .select()
      .from(strategies)
      .where(eq(strategies.partnershipId, f.partnershipId))
      .limit(1);
    const [commitment] = await t.database.db
      .select()
      .from(commitments)
      .where(eq(commitments.strategyId, strategy!.id))
      .limit(1);
    for (let i = 0; i < n; i += 1) {
      const top = await meetings.add(actor, f.meetingId, {
        ...base,
        title: `${label} report item ${i}`,
        subject: "report",
        reportKind: "strategy-review",
        reportSubjectId: strategy!.id,
      });
      const child = await meetings.add(actor, f.meetingId, {
        ...base,
        title: `${label} commitment item ${i}`,
        parentItemId: top.id,
        subject: "commitment",
        commitmentId: commitment!.id,
      });
      await meetings.add(actor, f.meetingId, {
        ...base,
        title: `${label} text item ${i}`,
        parentItemId: child.id,
      });
      const item = await meetings.item(actor, top.id);
      await meetings.saveMinutes(actor, top.id, item.item.version, `Minutes of ${label} ${i}`);
      await meetings.addDecision(actor, f.meetingId, {
        decision: `${label} decision ${i}`,
        reasons: "Because",
        alternativesConsidered: "",
        decisionMaker: "The board",
        decidedOn: "2026-03-12",
        keyDecision: false,
        status: "agreed",
        agendaItemId: top.id,
      });
      const action = await meetings.addAction(actor, f.meetingId, {
        description: `${label} action ${i}`,
        ownerOrganisationId: f.ownerOrganisationId,
        dueOn: "2026-06-30",
        status: "not_started",
        agendaItemId: child.id,
      });
      if (actionId === 0) actionId = action.id;
    }
    for (let i = 0; i < n; i += 1) {
      const current = await meetings.action(actor, actionId);
      await meetings.progress(actor, actionId, current.action.version, {
        status: "in_progress",
        rating: "amber",
        narrative: `${label} update ${i}`,
      });
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ kind, config: { pageCache: false } });
    const pid = await partnershipIdOf(t, "ashvale");
    f = await meetingFixture(t, pid, { seatCount: 3 });
    await fill(1, "First");
    coordinator = new TestClient(t.app);
    await coordinator.signIn(demoUser("admin").email);
    editor = new TestClient(t.app);
    await editor.signIn(demoUser("editor", "police").email);
    for (const page of pages) await measure(page);
    for (const page of pages) before.set(page.name, await measure(page));

    await fill(6, "Growth");
    const more = await meetingFixture(t, pid, { seatCount: 5, boardId: f.boardId, meetsOn: "2026-06-11" });
    await recordAttendance(t, f, ["present", "deputy", "apology"]);
    await recordAttendance(t, more, ["present", "present", "absent", "present", "apology"]);
    for (const page of pages) after.set(page.name, await measure(page));
  }, 300_000);
  afterAll(async () => t?.close());

  it.each(pages.map((p) => p.name))("%s", (name) => {
    const b = before.get(name)!;
    const a = after.get(name)!;
    expect(a.length, `${name} shows more`).toBeGreaterThan(b.length);
    expect(a.queries, `${name}: ${b.queries} statements before, ${a.queries} after`).toBe(b.queries);
  });
});
