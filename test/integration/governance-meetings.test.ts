// Issue 13, part B on both databases: the agenda's order, nesting, moves and deletion; decision
// references unique and kept; a meeting action updated by its owner and refused to others, with its
// history; the quorum on the meeting page; and the two logs filtered and as Word and Excel files
// that LibreOffice opens.

import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agendaItems,
  decisions,
  meetingActions,
  meetingActionUpdates,
} from "../../src/db/schema-governance.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { expectLibreOfficeOpens } from "../support/libreoffice.ts";
import {
  type MeetingFixture,
  meetingFixture,
  partnershipIdOf,
  recordAttendance,
} from "./governance-meetings-fixtures.ts";

const item = (title: string, extra: Record<string, string> = {}) => ({
  title,
  parentItemId: "",
  purpose: "discussion",
  presenter: "Partnership coordinator",
  durationMinutes: "15",
  subject: "text",
  description: "",
  ...extra,
});

/** The number of rows a log page says it lists ("12 decisions, filtered by …"). */
function logCount(html: string): number {
  const m = /id="log-count">(\d+) /.exec(html);
  if (!m) throw new Error("the page has no log count");
  return Number(m[1]);
}

/** "3 actions from board meetings to update, 2 overdue" on the home page; zeros when it says nothing. */
function owedOnHome(html: string): { count: number; overdue: number } {
  const m = /(\d+) actions? from board meetings to update(?:, (\d+) overdue)?/.exec(html);
  return { count: Number(m?.[1] ?? 0), overdue: Number(m?.[2] ?? 0) };
}

/** The agenda's numbers and titles as the meeting page shows them, in reading order. */
function agendaOf(html: string): string[] {
  return [...html.matchAll(/<span class="app-agenda__number">([\d.]+)<\/span> ([^<]+)<\/h3>/g)].map(
    (m) => `${m[1]} ${m[2]!.trim()}`,
  );
}

describe.each(testDatabaseKinds())("meetings: agenda, decisions, actions and logs (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let owner: TestClient;
  let otherEditor: TestClient;
  let viewer: TestClient;
  let f: MeetingFixture;
  // The demo's own decisions and actions, read before the tests add theirs: the partnership-wide logs
  // list them too.
  let demoDecisions: (typeof decisions.$inferSelect)[];
  let demoActions: (typeof meetingActions.$inferSelect)[];
  const page = () => `/p/ashvale/meetings/${f.meetingId}`;
  // The demo's meetings have items with the same titles: this meeting's.
  const itemId = async (title: string) => {
    const [row] = await t.database.db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, f.meetingId), eq(agendaItems.title, title)));
    return row!.id;
  };

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const pid = await partnershipIdOf(t, "ashvale");
    f = await meetingFixture(t, pid, { seatCount: 4, quorum: 3 });
    demoDecisions = await t.database.db.select().from(decisions).where(eq(decisions.partnershipId, pid));
    demoActions = await t.database.db
      .select()
      .from(meetingActions)
      .where(eq(meetingActions.partnershipId, pid));
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    owner = new TestClient(t.app);
    await owner.signIn(demoUser("editor", "police").email);
    otherEditor = new TestClient(t.app);
    await otherEditor.signIn(demoUser("editor", "specialist").email);
    viewer = new TestClient(t.app);
    await viewer.signIn(demoUser("viewer").email);
    // Any page gives each client its CSRF token for the posts.
    for (const client of [admin, owner, otherEditor, viewer]) await client.get("/p/ashvale/");
  });
  afterAll(async () => t?.close());

  it("numbers nested items 1, 1.1, 1.2, 2 and moves an item within its siblings", async () => {
    for (const title of ["Welcome", "Strategy review", "Any other business"]) {
      expect((await admin.post(`${page()}/agenda/new`, item(title))).statusCode).toBe(303);
    }
    const review = await itemId("Strategy review");
    for (const title of ["Priority 1 progress", "Priority 2 progress"]) {
      const r = await admin.post(`${page()}/agenda/new`, item(title, { parentItemId: String(review) }));
      expect(r.statusCode).toBe(303);
    }
    expect(agendaOf((await viewer.get(page())).body)).toEqual([
      "1 Welcome",
      "2 Strategy review",
      "2.1 Priority 1 progress",
      "2.2 Priority 2 progress",
      "3 Any other business",
    ]);
    // Up: the review (with its children) goes before the welcome; down on the last is no change.
    expect((await admin.post(`/p/ashvale/agenda/${review}/move`, { direction: "up" })).statusCode).toBe(303);
    const p2 = await itemId("Priority 2 progress");
    await admin.post(`/p/ashvale/agenda/${p2}/move`, { direction: "up" });
    await admin.post(`/p/ashvale/agenda/${await itemId("Any other business")}/move`, { direction: "down" });
    const sideways = await admin.post(`/p/ashvale/agenda/${p2}/move`, { direction: "sideways" });
    expect(sideways.statusCode).toBe(400);
    expect(sideways.body).toContain("Choose to move the item up or down");
    expect(agendaOf((await viewer.get(page())).body)).toEqual([
      "1 Strategy review",
      "1.1 Priority 2 progress",
      "1.2 Priority 1 progress",
      "2 Welcome",
      "3 Any other business",
    ]);
  });

  it("nests an item further by changing its parent, and refuses a parent below the item itself", async () => {
    const p1 = await itemId("Priority 1 progress");
    const p2 = await itemId("Priority 2 progress");
    const [row] = await t.database.db.select().from(agendaItems).where(eq(agendaItems.id, p1));
    const moved = await admin.post(`/p/ashvale/agenda/${p1}/edit`, {
      ...item("Priority 1 progress", { parentItemId: String(p2) }),
      version: String(row!.version),
    });
    expect(moved.statusCode).toBe(303);
    expect(agendaOf((await viewer.get(page())).body)).toContain("1.1.1 Priority 1 progress");
    const [p2row] = await t.database.db.select().from(agendaItems).where(eq(agendaItems.id, p2));
    const cycle = await admin.post(`/p/ashvale/agenda/${p2}/edit`, {
      ...item("Priority 2 progress", { parentItemId: String(p1) }),
      version: String(p2row!.version),
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain("cannot sit under itself or an item below it");
  });

  it("records decisions with references unique per partnership, kept when the decision changes", async () => {
    const body = async (words: string) => ({
      decision: words,
      reasons: "The evidence supports it",
      alternativesConsidered: "Doing nothing",
      decisionMaker: "The board",
      "decidedOn-day": "12",
      "decidedOn-month": "3",
      "decidedOn-year": "2026",
      keyDecision: "yes",
      status: "agreed",
      agendaItemId: String(await itemId("Strategy review")),
    });
    expect(
      (await admin.post(`${page()}/decisions/new`, await body("Approve the strategy review"))).statusCode,
    ).toBe(303);
    // Two at once still get two numbers.
    const actor = systemActor("test", f.partnershipId);
    const input = {
      decision: "Concurrent",
      reasons: "",
      alternativesConsidered: "",
      decisionMaker: "Chair",
      decidedOn: "2026-03-12",
      keyDecision: false,
      status: "agreed" as const,
      agendaItemId: null,
    };
    await Promise.all([
      t.services.governanceMeetings.addDecision(actor, f.meetingId, input),
      t.services.governanceMeetings.addDecision(actor, f.meetingId, { ...input, decision: "Concurrent 2" }),
    ]);
    const rows = await t.database.db.select().from(decisions).where(eq(decisions.meetingId, f.meetingId));
    const references = rows.map((r) => r.reference).sort();
    expect(new Set(references).size).toBe(3);
    const prefix = references[0]!.replace(/\d{3}$/, "");
    expect(prefix).toMatch(/^[A-Z0-9]{1,6}-2026-$/);
    expect(references).toEqual([`${prefix}001`, `${prefix}002`, `${prefix}003`]);
    const first = rows.find((r) => r.reference === `${prefix}001`)!;
    expect(first.decision).toBe("Approve the strategy review");
    // Changed a year later in its date: the reference stays.
    const edited = await admin.post(`/p/ashvale/decisions/${first.id}/edit`, {
      ...(await body("Approve the strategy review with changes")),
      "decidedOn-year": "2027",
      status: "agreed_with_changes",
      version: String(first.version),
    });
    expect(edited.statusCode).toBe(303);
    const [after] = await t.database.db.select().from(decisions).where(eq(decisions.id, first.id));
    expect(after!.reference).toBe(first.reference);
    expect(after!.decidedOn).toBe("2027-03-12");
    // A stale form is a conflict, not an overwrite.
    const stale = await admin.post(`/p/ashvale/decisions/${first.id}/edit`, {
      ...(await body("Stale")),
      version: String(first.version),
    });
    expect(stale.statusCode).toBe(409);
  });

  it("lets the owner organisation's editor update a meeting action, refuses other editors and viewers, and keeps the history", async () => {
    // The demo gives the police actions of their own: the home counts one more.
    const owedBefore = owedOnHome((await owner.get("/p/ashvale/")).body);
    const created = await admin.post(`${page()}/actions/new`, {
      description: "Circulate the revised referral pathway",
      ownerOrganisationId: String(f.ownerOrganisationId),
      "dueOn-day": "1",
      "dueOn-month": "1",
      "dueOn-year": "2020",
      status: "not_started",
      agendaItemId: "",
    });
    expect(created.statusCode).toBe(303);
    const [action] = await t.database.db
      .select()
      .from(meetingActions)
      .where(eq(meetingActions.meetingId, f.meetingId));
    expect(action!.reference).toMatch(/-A-2026-001$/);

    const list = await owner.get("/p/ashvale/your-updates");
    expect(list.body).toContain(`/meeting-actions/${action!.id}/update`);
    expect(list.body).toContain("Overdue");
    const home = await owner.get("/p/ashvale/");
    expect(owedOnHome(home.body)).toEqual({
      count: owedBefore.count + 1,
      overdue: owedBefore.overdue + 1,
    });
    expect((await otherEditor.get("/p/ashvale/your-updates")).body).not.toContain(
      `/meeting-actions/${action!.id}/update`,
    );

    const update = {
      version: String(action!.version),
      status: "in_progress",
      rating: "amber",
      narrative: "Pathway drafted; two partners still to comment.",
    };
    const url = `/p/ashvale/meeting-actions/${action!.id}/update`;
    const updatesOf = (id: number) =>
      t.database.db.select().from(meetingActionUpdates).where(eq(meetingActionUpdates.meetingActionId, id));
    for (const client of [otherEditor, viewer]) {
      expect((await client.get(url)).statusCode).toBe(403);
      expect((await client.post(url, update)).statusCode).toBe(403);
    }
    expect(await updatesOf(action!.id)).toHaveLength(0);

    const personal = await owner.post(url, {
      ...update,
      narrative: "Spoke to Mrs Jones at 14 Acacia Road, AV1 2XY",
    });
    expect(personal.statusCode).toBe(400);
    expect(personal.body).toContain("This text identifies nobody");
    expect(await updatesOf(action!.id)).toHaveLength(0);

    expect((await owner.get(url)).statusCode).toBe(200);
    expect((await owner.post(url, update)).statusCode).toBe(303);
    expect(
      (
        await admin.post(url, {
          ...update,
          version: String(action!.version + 1),
          status: "done",
          rating: "complete",
          narrative: "Circulated to all partners.",
        })
      ).statusCode,
    ).toBe(303);
    const history = await updatesOf(action!.id);
    expect(history.map((h) => h.status).sort()).toEqual(["done", "in_progress"]);
    const [now] = await t.database.db.select().from(meetingActions).where(eq(meetingActions.id, action!.id));
    expect(now!.status).toBe("done");

    const show = await viewer.get(`/p/ashvale/meeting-actions/${action!.id}`);
    expect(show.statusCode).toBe(200);
    expect(show.body).toContain("moj-timeline");
    expect(show.body).toContain("Pathway drafted; two partners still to comment.");
    expect(show.body).toContain("Circulated to all partners.");
    expect(show.body).not.toContain("Update this action");
    // Done: no longer owed.
    expect((await owner.get("/p/ashvale/your-updates")).body).not.toContain(
      `/meeting-actions/${action!.id}/update`,
    );
  });

  it("shows the quorum from the attendance on the meeting page", async () => {
    const before = await viewer.get(page());
    expect(before.body).toContain("Not quorate: 0 of 4 voting seats present (quorum 3)");
    expect(before.body).not.toContain("Record attendance");
    await recordAttendance(t, f, ["present", "deputy", "present", "apology"]);
    const after = await viewer.get(page());
    expect(after.body).toContain("Quorate: 3 of 4 voting seats present (quorum 3)");
    expect((await admin.get(page())).body).toContain(`/meetings/${f.meetingId}/attendance`);
  });

  it("deletes an item with the items under it after saying so, and keeps its decisions in the log", async () => {
    const review = await itemId("Strategy review");
    const confirm = await admin.get(`/p/ashvale/agenda/${review}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("also deletes the 2 items under it");
    expect(confirm.body).toContain("Priority 1 progress");
    expect((await admin.post(`/p/ashvale/agenda/${review}/delete`)).statusCode).toBe(303);
    expect(agendaOf((await viewer.get(page())).body)).toEqual(["1 Welcome", "2 Any other business"]);
    const rows = await t.database.db.select().from(decisions).where(eq(decisions.meetingId, f.meetingId));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.agendaItemId === null)).toBe(true);
  });

  it("filters the decision log and the action log, per board and across the partnership", async () => {
    // Across the partnership the demo's rows are listed too: what each filter should add of them.
    const demo = (keep: (d: (typeof demoDecisions)[number]) => boolean) => demoDecisions.filter(keep).length;
    const demoOpen = (keep: (a: (typeof demoActions)[number]) => boolean) => demoActions.filter(keep).length;
    const all = await viewer.get("/p/ashvale/decisions");
    expect(all.statusCode).toBe(200);
    expect(logCount(all.body)).toBe(demoDecisions.length + 3);
    const key = await viewer.get("/p/ashvale/decisions?key=yes");
    expect(logCount(key.body)).toBe(demo((d) => d.keyDecision) + 1);
    expect(key.body).toContain("Approve the strategy review with changes");
    const words = await viewer.get("/p/ashvale/decisions?words=concurrent+2");
    expect(logCount(words.body)).toBe(1);
    const status = await viewer.get("/p/ashvale/decisions?status=agreed_with_changes&status=deferred");
    expect(logCount(status.body)).toBe(
      demo((d) => d.status === "agreed_with_changes" || d.status === "deferred") + 1,
    );
    const dates = await viewer.get("/p/ashvale/decisions?from-day=1&from-month=1&from-year=2027");
    expect(logCount(dates.body)).toBe(demo((d) => d.decidedOn >= "2027-01-01") + 1);
    const badDate = await viewer.get("/p/ashvale/decisions?from-day=31&from-month=2&from-year=2027");
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain("must be a real date");
    // The test's own board: only its three.
    const board = await viewer.get(`/p/ashvale/boards/${f.boardId}/decisions`);
    expect(logCount(board.body)).toBe(3);
    expect(logCount((await viewer.get(`/p/ashvale/boards/${f.boardId}/decisions?key=yes`)).body)).toBe(1);

    expect(logCount((await viewer.get("/p/ashvale/meeting-actions")).body)).toBe(demoActions.length + 1);
    expect(logCount((await viewer.get("/p/ashvale/meeting-actions?status=in_progress")).body)).toBe(
      demoOpen((a) => a.status === "in_progress"),
    );
    expect(
      logCount((await viewer.get(`/p/ashvale/meeting-actions?owner=${f.otherOrganisationId}`)).body),
    ).toBe(demoOpen((a) => a.ownerOrganisationId === f.otherOrganisationId));
    expect(
      logCount((await viewer.get(`/p/ashvale/meeting-actions?owner=${f.ownerOrganisationId}`)).body),
    ).toBe(demoOpen((a) => a.ownerOrganisationId === f.ownerOrganisationId) + 1);
    expect(
      logCount((await viewer.get(`/p/ashvale/boards/${f.boardId}/meeting-actions?status=done`)).body),
    ).toBe(1);
    expect(
      logCount((await viewer.get(`/p/ashvale/boards/${f.boardId}/meeting-actions?status=in_progress`)).body),
    ).toBe(0);
    expect((await viewer.get("/p/ashvale/boards/999999/decisions")).statusCode).toBe(404);
  });

  it("gives both logs in Word and Excel with the filtered rows", async () => {
    const docx = await viewer.get("/p/ashvale/decisions?key=yes&format=docx");
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const xlsx = await viewer.get(`/p/ashvale/boards/${f.boardId}/decisions?format=xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Decisions")!;
    expect(sheet.rowCount).toBe(4); // header and the board's three decisions
    expect(sheet.getRow(1).getCell(1).value).toBe("Reference");
    const everyBoard = await viewer.get("/p/ashvale/decisions?format=xlsx");
    const wholeBook = new ExcelJS.Workbook();
    await wholeBook.xlsx.load(everyBoard.rawPayload as unknown as ArrayBuffer);
    expect(wholeBook.getWorksheet("Decisions")!.rowCount).toBe(demoDecisions.length + 4);
    const actions = await viewer.get(`/p/ashvale/boards/${f.boardId}/meeting-actions?format=xlsx`);
    const actionBook = new ExcelJS.Workbook();
    await actionBook.xlsx.load(actions.rawPayload as unknown as ArrayBuffer);
    const actionSheet = actionBook.getWorksheet("Actions")!;
    expect(actionSheet.rowCount).toBe(2);
    expect(actionSheet.getRow(2).getCell(4).value).toBe("Circulate the revised referral pathway");
  });

  it.runIf(kind === "pglite")(
    "LibreOffice opens the logs' Word and Excel files",
    async () => {
      const files = {
        "decision-log.docx": "/p/ashvale/decisions?format=docx",
        "action-log.xlsx": "/p/ashvale/meeting-actions?format=xlsx",
        "action-log-word.docx": "/p/ashvale/meeting-actions?format=docx",
      };
      const bytes: Record<string, Uint8Array> = {};
      for (const [name, url] of Object.entries(files)) bytes[name] = (await viewer.get(url)).rawPayload;
      expectLibreOfficeOpens(bytes);
    },
    240_000,
  );
});
