import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, memberships, strategies, users } from "../../src/db/schema.ts";
import { contextAttachments, forwardPlanItems, forwardPlanStops } from "../../src/db/schema-governance.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { buildForwardFixture, type ForwardFixture } from "./governance-forward-fixture.ts";
import { startSmtpServer, type TestSmtpServer } from "./mail-helpers.ts";

// The forward plan end to end (issue 13, part C): a report's route proposed from the chain of boards,
// edited stop by stop, shown per report, per board and for the partnership; the coordinator reminded
// once per stop and reason through a real SMTP server; context items attached and detached.

const BASE_URL = "https://waymark.example";

describe.each(testDatabaseKinds())("forward plan and context items (%s)", (kind) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let f: ForwardFixture;
  let pid: number;
  let strategyId: number;
  let admin: TestClient;
  let viewer: TestClient;
  let itemId: number;
  const db = () => t.database.db;

  const stopsOf = (id: number) =>
    db()
      .select()
      .from(forwardPlanStops)
      .where(eq(forwardPlanStops.itemId, id))
      .orderBy(asc(forwardPlanStops.position));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ kind, config: { smtpUrl: smtp.url, baseUrl: BASE_URL, pageCache: false } });
    const [strategy] = await db().select().from(strategies).orderBy(asc(strategies.id)).limit(1);
    pid = strategy!.partnershipId;
    strategyId = strategy!.id;
    f = await buildForwardFixture(db(), pid);
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    viewer = new TestClient(t.app);
    await viewer.signIn(demoUser("viewer").email);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("proposes the route up the chain: each parent's next meeting on or after the last stop", async () => {
    await admin.get("/p/ashvale/forward-plan/new");
    const response = await admin.post("/p/ashvale/forward-plan/new", {
      reportKind: "strategy-review",
      subject: `strategy:${strategyId}`,
      title: "",
      author: "Domestic Abuse Co-ordinator",
      notes: "",
      firstMeetingId: String(f.meetings.daog1),
    });
    expect(response.statusCode).toBe(303);
    itemId = Number(/forward-plan\/(\d+)$/.exec(response.headers.location as string)?.[1]);
    const [item] = await db().select().from(forwardPlanItems).where(eq(forwardPlanItems.id, itemId));
    expect(item!.reportKind).toBe("strategy-review");
    expect(item!.title).toMatch(/^Strategy review: /);
    const stops = await stopsOf(itemId);
    expect(stops.map((s) => [s.boardId, s.meetingId, s.dueOn, s.status])).toEqual([
      [f.boards.daog, f.meetings.daog1, f.day(10), "planned"],
      // The Steering Group's meeting at +25 is cancelled: +30, due the default 7 days before.
      [f.boards.dasg, f.meetings.dasg1, f.day(23), "planned"],
      [f.boards.hwb, f.meetings.hwb1, f.day(50), "planned"],
    ]);
  });

  it("refuses a first meeting of another partnership or none, and keeps the values", async () => {
    const response = await admin.post("/p/ashvale/forward-plan/new", {
      reportKind: "other",
      title: "Refuge capacity paper",
      firstMeetingId: "999999",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Select the meeting it goes to first");
    expect(response.body).toContain("Refuge capacity paper");
  });

  it("shows the route as a timeline, on the board's forward plan and in the partnership's plan", async () => {
    const page = await viewer.get(`/p/ashvale/forward-plan/${itemId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("moj-timeline");
    const order = [
      "Stop 1: Domestic Abuse Operational Group",
      "Stop 2: Domestic Abuse Steering Group",
      "Stop 3: Ashvale Health and Wellbeing Board",
    ].map((label) => page.body.indexOf(label));
    expect(order.every((at, n) => at > 0 && (n === 0 || at > order[n - 1]!))).toBe(true);
    expect(page.body).not.toContain("Change the report or its route");

    const board = await viewer.get(`/p/ashvale/boards/${f.boards.dasg}/forward-plan`);
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain("Strategy review: ");
    expect(board.body).toContain("Domestic Abuse Operational Group"); // where it comes from

    const plan = await viewer.get("/p/ashvale/forward-plan?group=board");
    expect(plan.statusCode).toBe(200);
    expect(plan.body.match(/Strategy review: /g)?.length).toBe(3);
    const filtered = await viewer.get(`/p/ashvale/forward-plan?board=${f.boards.hwb}`);
    expect(filtered.body.match(/Strategy review: /g)?.length).toBe(1);
    expect(filtered.body).not.toContain("Reports due for packs"); // viewers get no coordinator notice
    expect((await viewer.get("/p/ashvale/forward-plan/new")).statusCode).toBe(403);
    expect((await viewer.get(`/p/ashvale/forward-plan/${itemId}/edit`)).statusCode).toBe(403);
  });

  it("edits the route: a stop moved to another meeting takes its due date, a stop removed", async () => {
    const stops = await stopsOf(itemId);
    const [first, second, third] = stops;
    const form: Record<string, string> = {
      version: "1",
      reportKind: "strategy-review",
      subject: `strategy:${strategyId}`,
      title: "",
      author: "Domestic Abuse Co-ordinator",
      notes: "Goes up with the action plan",
    };
    const stopFields = (s: typeof first, meeting: number | null, due: string | null, status = "planned") => {
      const [y, m, d] = (due ?? "--").split("-");
      form[`stop-${s!.id}-meeting`] = meeting === null ? "" : String(meeting);
      form[`stop-${s!.id}-due-day`] = d ?? "";
      form[`stop-${s!.id}-due-month`] = m ?? "";
      form[`stop-${s!.id}-due-year`] = y ?? "";
      form[`stop-${s!.id}-status`] = status;
    };
    stopFields(first, f.meetings.daog1, first!.dueOn);
    stopFields(second, f.meetings.dasg2, second!.dueOn); // moved, its old due date left in the form
    stopFields(third, f.meetings.hwb1, third!.dueOn);
    form[`stop-${third!.id}-remove`] = "yes";
    await admin.get(`/p/ashvale/forward-plan/${itemId}/edit`);
    const bad = await admin.post(`/p/ashvale/forward-plan/${itemId}/edit`, {
      ...form,
      [`stop-${second!.id}-meeting`]: String(f.meetings.hwb1),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Select a meeting of Domestic Abuse Steering Group");
    const saved = await admin.post(`/p/ashvale/forward-plan/${itemId}/edit`, form);
    expect(saved.statusCode).toBe(303);
    const after = await stopsOf(itemId);
    expect(after.map((s) => [s.boardId, s.meetingId, s.dueOn])).toEqual([
      [f.boards.daog, f.meetings.daog1, f.day(10)],
      [f.boards.dasg, f.meetings.dasg2, f.day(83)],
    ]);
    // The same form again is a stale version: a conflict, nothing saved.
    const stale = await admin.post(`/p/ashvale/forward-plan/${itemId}/edit`, form);
    expect(stale.statusCode).toBe(409);
    expect((await stopsOf(itemId)).length).toBe(2);
  });

  it("reminds the coordinators once per stop and reason, in Waymark and by e-mail", async () => {
    const admins = await db()
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.partnershipId, pid), eq(memberships.role, "admin")));
    const scan = async (day: string) => {
      const result = await t.services.mail.scanPackReminders(day);
      await t.services.mail.flush();
      return result;
    };
    // The first stop's paper is due at +10: nothing at +2, a reminder from +3.
    expect((await scan(f.day(2))).queued).toEqual({ soon: 0, overdue: 0 });
    const first = await scan(f.day(3));
    expect(first.queued).toEqual({ soon: admins.length, overdue: 0 });
    await smtp.waitFor(admins.length);
    const mail = smtp.messages[0]!;
    expect(mail.subject).toMatch(
      /^Report due for a pack: Strategy review: .* for Domestic Abuse Operational Group by /,
    );
    expect(mail.text).toContain(`${BASE_URL}/p/ashvale/forward-plan/${itemId}`);
    expect(smtp.messages.flatMap((m) => m.recipients).sort()).toEqual(admins.map((a) => a.email).sort());
    // Again, the next day, and twice at once: nothing new.
    const again = [
      await scan(f.day(3)),
      await scan(f.day(4)),
      ...(await Promise.all([scan(f.day(5)), scan(f.day(5))])),
    ];
    for (const r of again) expect(r.queued).toEqual({ soon: 0, overdue: 0 });
    // Overdue after +10: one more, once.
    expect((await scan(f.day(11))).queued).toEqual({ soon: 0, overdue: admins.length });
    expect((await scan(f.day(12))).queued).toEqual({ soon: 0, overdue: 0 });
    await t.services.mail.deliverNow();
    expect(smtp.messages).toHaveLength(2 * admins.length);
    const rows = await db()
      .select()
      .from(mailOutbox)
      .where(like(mailOutbox.dedupeKey, `forward:${itemId}:%`));
    expect(rows).toHaveLength(2 * admins.length);

    // In Waymark (today is before the window here, so the due stop is made due with a nearer date).
    await db()
      .update(forwardPlanStops)
      .set({ dueOn: f.day(2) })
      .where(eq(forwardPlanStops.meetingId, f.meetings.daog1));
    const plan = await admin.get("/p/ashvale/forward-plan");
    expect(plan.body).toContain("Reports due for packs");
    const home = await admin.get("/p/ashvale/");
    expect(home.body).toContain("Reports due for packs");

    // Marked ready ("In the pack"): no reminder, on the page or by mail.
    await db()
      .update(forwardPlanStops)
      .set({ status: "in_pack" })
      .where(eq(forwardPlanStops.meetingId, f.meetings.daog1));
    expect((await admin.get("/p/ashvale/forward-plan")).body).not.toContain("Reports due for packs");
    expect((await scan(f.day(2))).queued).toEqual({ soon: 0, overdue: 0 });
  });

  it("adds, refuses non-https links and personal data, attaches to a report and an agenda item, detaches", async () => {
    await admin.get("/p/ashvale/context-items/new");
    const base = {
      title: "Domestic Abuse Bill",
      kind: "bill",
      stage: "Committee stage",
      "stageOn-day": "27",
      "stageOn-month": "4",
      "stageOn-year": "2020",
      summary: "Places a duty on local authorities to provide support in safe accommodation.",
      link: "http://bills.parliament.uk/bills/2709",
    };
    const http = await admin.post("/p/ashvale/context-items/new", base);
    expect(http.statusCode).toBe(400);
    expect(http.body).toContain("Enter a link that starts with https://");
    const personal = await admin.post("/p/ashvale/context-items/new", {
      ...base,
      link: "https://bills.parliament.uk/bills/2709",
      summary: "Jane Smith, born 14/02/1988, told the committee.",
    });
    expect(personal.statusCode).toBe(400);
    expect(personal.body).toContain("This text identifies nobody");
    const created = await admin.post("/p/ashvale/context-items/new", {
      ...base,
      link: "https://bills.parliament.uk/bills/2709",
    });
    expect(created.statusCode).toBe(303);
    const contextItemId = Number(/context-items\/(\d+)\/edit$/.exec(created.headers.location as string)?.[1]);

    const edit = await admin.get(`/p/ashvale/context-items/${contextItemId}/edit`);
    expect(edit.body).toContain(`value="report:strategy-review:strategy:${strategyId}"`);
    expect(edit.body).toContain(`value="agenda:${f.agendaItemId}"`);
    const report = `report:strategy-review:strategy:${strategyId}`;
    for (const target of [report, report, `agenda:${f.agendaItemId}`]) {
      const r = await admin.post(`/p/ashvale/context-items/${contextItemId}/attach`, { target });
      expect(r.statusCode).toBe(303);
    }
    expect(
      await db().select().from(contextAttachments).where(eq(contextAttachments.contextItemId, contextItemId)),
    ).toHaveLength(2);
    expect(
      (await admin.post(`/p/ashvale/context-items/${contextItemId}/attach`, { target: "agenda:999999" }))
        .statusCode,
    ).toBe(400);

    const list = await viewer.get("/p/ashvale/context-items");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Domestic Abuse Bill: Committee stage, 27 April 2020");
    expect(list.body).toContain("Report: Strategy review: ");
    expect(list.body).toContain("Agenda item: ");
    expect(list.body).not.toContain("Change or attach");

    const actor = systemActor("test", pid);
    const forReport = await t.services.governanceContext.contextItemsFor(actor, {
      report: { kind: "strategy-review", subjectId: strategyId },
    });
    // The demo's own policy watch may be attached to the strategy review too; this item is, once.
    expect(forReport.filter((a) => a.item.title === "Domestic Abuse Bill")).toHaveLength(1);
    const forAgenda = await t.services.governanceContext.contextItemsFor(actor, {
      agendaItemIds: [f.agendaItemId],
    });
    expect(forAgenda.map((a) => [a.agendaItemId, a.item.id])).toEqual([[f.agendaItemId, contextItemId]]);

    expect(
      (await admin.post(`/p/ashvale/context-items/${contextItemId}/detach`, { target: report })).statusCode,
    ).toBe(303);
    expect(
      (
        await t.services.governanceContext.contextItemsFor(actor, {
          report: { kind: "strategy-review", subjectId: strategyId },
        })
      ).filter((a) => a.item.id === contextItemId),
    ).toEqual([]);
    expect(
      (
        await viewer.post(`/p/ashvale/context-items/${contextItemId}/detach`, {
          target: `agenda:${f.agendaItemId}`,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.services.governanceContext.contextItemsFor(actor, { agendaItemIds: [f.agendaItemId] })).length,
    ).toBe(1);
  });
});
