import { and, eq, gte, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boards, memberships, users } from "../../src/db/schema.ts";
import { boardTerms, meetings } from "../../src/db/schema-governance.ts";
import { ukDateOf } from "../../src/domain/calendar-dates.ts";
import { type Actor, systemActor } from "../../src/services/actor.ts";
import { formatDate } from "../../src/web/view-filters.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// Boards, seats, meetings, attendance and the calendar feed (issue 13, part A), through the pages.

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split("-");
  return {
    [`${name}-day`]: String(Number(d)),
    [`${name}-month`]: String(Number(m)),
    [`${name}-year`]: String(y),
  };
};

/** The lines of an iCalendar file, unfolded (RFC 5545 §3.1: a line starting with a space continues). */
function icsLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split("\r\n")) {
    if (raw.startsWith(" ") && lines.length > 0) lines[lines.length - 1] += raw.slice(1);
    else if (raw !== "") lines.push(raw);
  }
  return lines;
}

/** Each VEVENT of a file as its property lines. */
function icsEvents(text: string): string[][] {
  const events: string[][] = [];
  let current: string[] | null = null;
  for (const line of icsLines(text)) {
    if (line === "BEGIN:VEVENT") current = [];
    else if (line === "END:VEVENT" && current) {
      events.push(current);
      current = null;
    } else if (current) current.push(line);
  }
  return events;
}

/** How many s58(2) categories the board page tags Missing. */
const missingTags = (body: string) => body.match(/govuk-tag--red">\s*Missing\s*</g)?.length ?? 0;

const property = (event: string[], name: string) =>
  event.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

describe.each(testDatabaseKinds())("boards and meetings (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let viewer: TestClient;
  let actor: Actor;
  let boardId: number;
  let viewerId: number;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = new TestClient(t.app);
    viewer = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    await viewer.signIn(demoUser("viewer").email);
    const [row] = await t.database.db
      .select({ pid: memberships.partnershipId, userId: users.id })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(users.email, demoUser("viewer").email));
    actor = systemActor("test", row!.pid);
    viewerId = row!.userId;
  });
  afterAll(async () => t?.close());

  it("shows every member the chain of boards with each board's next meeting", async () => {
    const pid = actor.kind === "system" ? actor.partnershipId! : 0;
    // One board without meetings, so the page must tell "none planned" from "next on…".
    const empty = await t.services.governanceBoards.create(actor, {
      name: "Board with no meetings",
      description: "",
      parentBoardId: null,
      kind: "operational",
      purpose: "",
      chair: "",
      quorum: null,
      meetingFrequency: "as_needed",
      reviewOn: null,
      packLeadDays: 7,
    });
    const today = ukDateOf(new Date());
    const upcoming = await t.database.db
      .select({ boardId: meetings.boardId, meetsOn: meetings.meetsOn })
      .from(meetings)
      .where(
        and(eq(meetings.partnershipId, pid), gte(meetings.meetsOn, today), ne(meetings.status, "cancelled")),
      )
      .orderBy(meetings.meetsOn);
    const all = await t.database.db.select().from(boards).where(eq(boards.partnershipId, pid));
    const page = await viewer.get("/p/ashvale/boards");
    expect(page.statusCode).toBe(200);
    // The demo's boards have their kinds: the steering group is the Local Partnership Board.
    expect(page.body).toContain("Strategic board / DA Local Partnership Board");
    expect(page.body).toContain("Safeguarding board");
    for (const board of all) {
      const row = page.body.slice(page.body.indexOf(`/boards/${board.id}"`));
      const cell = row.slice(0, row.indexOf("</tr>"));
      const next = upcoming.find((m) => m.boardId === board.id);
      if (next) expect(cell).toContain(formatDate(next.meetsOn));
      else expect(cell).toContain("None planned");
    }
    expect(page.body.split("None planned").length - 1).toBe(
      all.filter((b) => !upcoming.some((m) => m.boardId === b.id)).length,
    );
    expect(all.some((b) => b.id === empty.id)).toBe(true);
    const demoBoard = all[0];
    expect((await viewer.get(`/p/ashvale/boards/${demoBoard!.id}`)).statusCode).toBe(200);
    expect((await viewer.get("/p/ashvale/boards/new")).statusCode).toBe(403);
  });

  it("adds a Local Partnership Board with its terms, and refuses a reporting loop", async () => {
    await admin.get("/p/ashvale/boards/new");
    const created = await admin.post("/p/ashvale/boards/new", {
      name: "Domestic Abuse Local Partnership Board",
      description: "",
      parentBoardId: "",
      kind: "strategic",
      purpose: "Meets the duties of Part 4 of the Domestic Abuse Act 2021",
      chair: "Director of Public Health",
      quorum: "2",
      meetingFrequency: "quarterly",
      packLeadDays: "7",
      ...date("reviewOn", "2020-04-01"),
    });
    expect(created.statusCode).toBe(303);
    boardId = Number(/\/boards\/(\d+)$/.exec(created.headers.location as string)?.[1]);
    const page = await viewer.get(`/p/ashvale/boards/${boardId}`);
    expect(page.body).toContain("Director of Public Health");
    expect(page.body).toContain("Review overdue");
    // Every s58(2) category is missing before any seat is added.
    expect(missingTags(page.body)).toBe(7);

    // A child of the new board cannot become its parent.
    const child = await t.services.governanceBoards.create(actor, {
      name: "Task and finish group",
      description: "",
      parentBoardId: boardId,
      kind: "task_and_finish",
      purpose: "",
      chair: "",
      quorum: null,
      meetingFrequency: "monthly",
      reviewOn: null,
      packLeadDays: 7,
    });
    const edit = await admin.get(`/p/ashvale/boards/${boardId}/edit`);
    expect(edit.body).not.toContain(`value="${child.id}"`);
    const { board, terms } = await t.services.governanceBoards.get(actor, boardId);
    const loop = await admin.post(`/p/ashvale/boards/${boardId}/edit`, {
      name: board.name,
      kind: "strategic",
      parentBoardId: String(child.id),
      meetingFrequency: "quarterly",
      packLeadDays: "7",
      version: String(board.version),
      termsVersion: String(terms.version),
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.body).toContain("cannot report to itself or to a board below it");
  });

  it("keeps the first of two concurrent edits of the terms and shows the second what changed", async () => {
    const { board, terms } = await t.services.governanceBoards.get(actor, boardId);
    const form = (chair: string) => ({
      name: board.name,
      kind: "strategic",
      parentBoardId: "",
      purpose: terms.purpose,
      chair,
      quorum: "2",
      meetingFrequency: "quarterly",
      packLeadDays: "7",
      version: String(board.version),
      termsVersion: String(terms.version),
    });
    const other = new TestClient(t.app);
    await other.signIn(demoUser("admin").email);
    await other.get(`/p/ashvale/boards/${boardId}/edit`);
    await admin.get(`/p/ashvale/boards/${boardId}/edit`);
    expect((await admin.post(`/p/ashvale/boards/${boardId}/edit`, form("Chief Executive"))).statusCode).toBe(
      303,
    );
    const second = await other.post(`/p/ashvale/boards/${boardId}/edit`, form("Leader of the Council"));
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain("Someone else changed this");
    expect(second.body).toContain("Chief Executive");
    expect(second.body).toContain("Leader of the Council"); // what they typed is kept in the form
    const [stored] = await t.database.db.select().from(boardTerms).where(eq(boardTerms.boardId, boardId));
    expect(stored!.chair).toBe("Chief Executive");
  });

  it("fills the s58(2) categories from the seats, and shows a seat holder their board at home", async () => {
    const seat = (title: string, categories: string[], voting: string, holderUserId = "") => ({
      title,
      organisationId: "",
      holderUserId,
      holderName: holderUserId ? "" : `Holder of ${title}`,
      holderRole: "",
      deputyUserId: "",
      deputyName: "A Deputy",
      categories,
      voting,
    });
    await admin.get(`/p/ashvale/boards/${boardId}/seats/new`);
    for (const body of [
      seat("Council", ["local_authority", "lower_tier_authorities"], "yes", String(viewerId)),
      seat("Police", ["policing_criminal_justice"], "yes"),
      seat("Refuge", ["domestic_abuse_charities", "victims"], "yes"),
      seat("Adviser", ["health"], "no"),
    ]) {
      expect((await admin.post(`/p/ashvale/boards/${boardId}/seats/new`, body)).statusCode).toBe(303);
    }
    const page = await viewer.get(`/p/ashvale/boards/${boardId}`);
    expect(missingTags(page.body)).toBe(1); // children of victims
    expect(page.body).toContain("Holder of Refuge");
    await t.services.governanceBoards.addMeetings(actor, boardId, [
      {
        meetsOn: "2099-03-18",
        startsAt: "10:00",
        endsAt: "12:00",
        location: "County Hall",
        onlineLink: "",
        status: "planned",
        packDueOn: null,
      },
    ]);
    const home = await viewer.get("/p/ashvale");
    expect(home.body).toContain("Your boards");
    expect(home.body).toContain("18 March 2099");
  });

  it("plans a year of meetings, edited before saving, each pack due by the lead days", async () => {
    await admin.get(`/p/ashvale/boards/${boardId}/meetings/plan`);
    const proposed = await admin.post(`/p/ashvale/boards/${boardId}/meetings/plan`, {
      step: "propose",
      rule: "weekday",
      ...date("first", "2098-01-21"),
    });
    expect(proposed.statusCode).toBe(200);
    // Quarterly from the third Wednesday of January 2098: April, July and October's third Wednesdays.
    expect(proposed.body).toContain('name="meeting3-month" type="text" value="10"');
    const saved = await admin.post(`/p/ashvale/boards/${boardId}/meetings/plan`, {
      step: "save",
      rule: "weekday",
      count: "4",
      keep: ["0", "1", "3"],
      ...date("meeting0", "2098-01-21"),
      ...date("meeting1", "2098-04-22"), // moved a week
      ...date("meeting2", "2098-07-16"),
      ...date("meeting3", "2098-10-15"),
      startsAt: "14:00",
      endsAt: "16:00",
      location: "Council Chamber",
      onlineLink: "https://meet.example/lpb",
    });
    expect(saved.statusCode).toBe(303);
    const rows = await t.database.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.boardId, boardId)))
      .orderBy(meetings.meetsOn);
    expect(rows.filter((m) => m.meetsOn.startsWith("2098")).map((m) => [m.meetsOn, m.packDueOn])).toEqual([
      ["2098-01-21", "2098-01-14"],
      ["2098-04-22", "2098-04-15"],
      ["2098-10-15", "2098-10-08"],
    ]);
  });

  it("records attendance per seat and says whether the meeting was quorate", async () => {
    const [meeting] = await t.database.db
      .select()
      .from(meetings)
      .where(eq(meetings.boardId, boardId))
      .limit(1);
    const view = await t.services.governanceBoards.attendance(actor, meeting!.id);
    const [council, police, refuge, adviser] = view.entries.map((e) => e.seat.id);
    const form = await admin.get(`/p/ashvale/meetings/${meeting!.id}/attendance`);
    expect(form.body).toContain("0 of 3 voting seats present (quorum 2)");
    const post = (statuses: Record<number, string>) =>
      admin.post(
        `/p/ashvale/meetings/${meeting!.id}/attendance`,
        Object.fromEntries(Object.entries(statuses).map(([seat, status]) => [`status-${seat}`, status])),
      );
    // The adviser's presence never counts; a deputy does.
    expect(
      (
        await post({
          [council!]: "present",
          [police!]: "apology",
          [refuge!]: "absent",
          [adviser!]: "present",
        })
      ).statusCode,
    ).toBe(303);
    let page = await admin.get(`/p/ashvale/meetings/${meeting!.id}/attendance`);
    expect(page.body).toContain("Not quorate: 1 of 3 voting seats present (quorum 2)");
    await post({ [council!]: "present", [police!]: "deputy", [refuge!]: "apology" });
    page = await admin.get(`/p/ashvale/meetings/${meeting!.id}/attendance`);
    expect(page.body).toContain("Quorate: 2 of 3 voting seats present (quorum 2)");
    expect((await t.services.governanceBoards.attendance(actor, meeting!.id)).quorum.quorate).toBe(true);
    // A seat with attendance on record is kept.
    await admin.get(`/p/ashvale/boards/${boardId}/seats/${police}/edit`);
    const removed = await admin.post(`/p/ashvale/boards/${boardId}/seats/${police}/delete`);
    expect(removed.statusCode).toBe(400);
    expect(removed.body).toContain("attendance is recorded at 1 meeting");
  });

  it("publishes the board's meetings as an iCalendar feed Outlook can subscribe to without signing in", async () => {
    const [first] = await t.database.db
      .select()
      .from(meetings)
      .where(eq(meetings.boardId, boardId))
      .orderBy(meetings.meetsOn)
      .limit(1);
    await t.services.governanceBoards.updateMeeting(actor, first!.id, first!.version, {
      meetsOn: first!.meetsOn,
      startsAt: first!.startsAt,
      endsAt: first!.endsAt,
      location: first!.location,
      onlineLink: first!.onlineLink,
      status: "cancelled",
      packDueOn: first!.packDueOn,
    });
    const page = await viewer.get(`/p/ashvale/boards/${boardId}`);
    const path = /\/calendars\/[A-Za-z0-9_-]+\/meetings\.ics/.exec(page.body)?.[0];
    expect(path).toBeDefined();
    const anonymous = new TestClient(t.app);
    const feed = await anonymous.get(path!);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toContain("text/calendar");
    const count = (await t.database.db.select().from(meetings).where(eq(meetings.boardId, boardId))).length;
    const events = icsEvents(feed.body);
    expect(events).toHaveLength(count);
    const july = events.find((e) => property(e, "DTSTART") === "DTSTART;TZID=Europe/London:20980121T140000");
    expect(july).toBeDefined(); // 14:00 in London, whatever zone the server runs in
    expect(property(july!, "STATUS")).toBe("STATUS:CANCELLED");
    expect(property(july!, "LOCATION")).toBe("LOCATION:Council Chamber");
    const april = events.find((e) => property(e, "DTSTART") === "DTSTART;TZID=Europe/London:20980422T140000");
    expect(property(april!, "DTEND")).toBe("DTEND;TZID=Europe/London:20980422T160000");
    expect(property(april!, "STATUS")).toBe("STATUS:CONFIRMED");
    expect(icsLines(feed.body)).toContain("TZID:Europe/London");
    // Signed-in members download the same meetings.
    const download = await viewer.get(`/p/ashvale/boards/${boardId}/calendar.ics`);
    expect(icsEvents(download.body)).toHaveLength(count);

    // A new address shuts the old one out.
    await admin.get(`/p/ashvale/boards/${boardId}`);
    expect((await admin.post(`/p/ashvale/boards/${boardId}/calendar/regenerate`)).statusCode).toBe(303);
    expect((await anonymous.get(path!)).statusCode).toBe(404);
    expect((await anonymous.get("/calendars/not-a-real-token-at-all/meetings.ics")).statusCode).toBe(404);
  });
});
