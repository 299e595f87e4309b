import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.ts";
import { boards, partnerships, rounds } from "../../src/db/schema.ts";
import {
  agendaItems,
  boardSeats,
  boardTerms,
  contextAttachments,
  contextItems,
  decisions,
  forwardPlanItems,
  forwardPlanStops,
  meetingActions,
  meetingActionUpdates,
  meetingAttendance,
  meetingPacks,
  meetings,
} from "../../src/db/schema-governance.ts";
import { ashvale } from "../../src/demo/ashvale.ts";
import { loadDemoPartnership } from "../../src/demo/load.ts";
import { boardAbbreviation, meetingDay } from "../../src/demo/load-governance.ts";
import { addDays } from "../../src/domain/calendar-dates.ts";
import { openTestDatabase, testDatabaseKinds } from "../support/database.ts";

// The governance story looks current whatever day it is loaded: the Steering Group has met twice
// (attendance, minutes, decisions, actions still in progress), meets again next month with its agenda
// set and no pack published yet, and the forward plan routes reports up the chain from there.

const DAYS = ["2026-12-03T10:00:00Z", "2027-01-01T08:00:00Z", "2027-03-31T12:00:00Z"];

describe("the governance story's dates", () => {
  it("puts a meeting on the nth weekday of a month counted from today's", () => {
    expect(meetingDay("2026-12-03", 1, 3, 2)).toBe("2027-01-13");
    expect(meetingDay("2026-12-03", -2, 3, 2)).toBe("2026-10-14");
    expect(meetingDay("2026-01-31", -1, 1, 4)).toBe("2025-12-22");
  });
  it("abbreviates a board's name by its initials", () => {
    expect(boardAbbreviation("Domestic Abuse Steering Group")).toBe("DASG");
    expect(boardAbbreviation("Ashvale Health and Wellbeing Board")).toBe("AHWB");
  });
});

describe.each(testDatabaseKinds())("the governance demo (%s)", (kind) => {
  const opened: Database[] = [];
  afterAll(async () => {
    for (const d of opened) await d.close();
  });

  it.each(DAYS)("looks current when loaded at %s", async (instant) => {
    const now = new Date(instant);
    const today = instant.slice(0, 10);
    const database = await openTestDatabase(kind);
    opened.push(database);
    const db = database.db;
    await loadDemoPartnership(db, ashvale, { today: now, now });
    const [p] = await db.select().from(partnerships).where(eq(partnerships.slug, ashvale.slug));
    const pid = p!.id;

    const boardRows = await db.select().from(boards).where(eq(boards.partnershipId, pid));
    const terms = await db.select().from(boardTerms).where(eq(boardTerms.partnershipId, pid));
    expect(terms).toHaveLength(boardRows.length);
    const steering = boardRows.find((b) => b.name === "Domestic Abuse Steering Group")!;
    const steeringTerms = terms.find((t) => t.boardId === steering.id)!;
    expect(steeringTerms.kind).toBe("strategic");
    const seats = await db.select().from(boardSeats).where(eq(boardSeats.boardId, steering.id));
    const categories = new Set(seats.flatMap((s) => s.categories));
    // Every s58(2) category but lower-tier authorities (Ashvale is a unitary borough) is represented.
    expect([...categories].sort()).toEqual([
      "children_of_victims",
      "domestic_abuse_charities",
      "health",
      "local_authority",
      "policing_criminal_justice",
      "victims",
    ]);

    const steeringMeetings = await db
      .select()
      .from(meetings)
      .where(eq(meetings.boardId, steering.id))
      .orderBy(asc(meetings.meetsOn));
    const held = steeringMeetings.filter((m) => m.meetsOn < today);
    const coming = steeringMeetings.filter((m) => m.meetsOn >= today);
    expect(held.map((m) => m.status)).toEqual(["held", "held"]);
    expect(coming.every((m) => m.status === "planned")).toBe(true);
    expect(coming[0]!.meetsOn > today && coming[0]!.meetsOn <= addDays(today, 62)).toBe(true);
    // A year ahead is planned.
    expect(coming.at(-1)!.meetsOn >= addDays(today, 180)).toBe(true);

    const attendance = await db
      .select()
      .from(meetingAttendance)
      .where(
        inArray(
          meetingAttendance.meetingId,
          held.map((m) => m.id),
        ),
      );
    expect(attendance).toHaveLength(seats.length * 2);
    expect(attendance.filter((a) => a.status === "apology").length).toBeGreaterThan(0);
    const futureAttendance = await db
      .select()
      .from(meetingAttendance)
      .where(
        inArray(
          meetingAttendance.meetingId,
          coming.map((m) => m.id),
        ),
      );
    expect(futureAttendance).toHaveLength(0);

    const heldItems = await db
      .select()
      .from(agendaItems)
      .where(
        inArray(
          agendaItems.meetingId,
          held.map((m) => m.id),
        ),
      );
    expect(heldItems.every((i) => i.minutes !== "")).toBe(true);
    expect(heldItems.some((i) => i.parentItemId !== null)).toBe(true);
    const nextItems = await db.select().from(agendaItems).where(eq(agendaItems.meetingId, coming[0]!.id));
    expect(nextItems.length).toBeGreaterThan(4);
    expect(nextItems.every((i) => i.minutes === "")).toBe(true);
    // The round on the next agenda is the live one: the latest quarter ended before the meeting.
    const roundItem = nextItems.find((i) => i.reportKind === "round-summary")!;
    const [round] = await db.select().from(rounds).where(eq(rounds.id, roundItem.reportSubjectId!));
    expect(round!.periodEnd < coming[0]!.meetsOn).toBe(true);
    expect(round!.periodEnd >= addDays(today, -92)).toBe(true);
    // Its pack is a draft: nothing published yet.
    expect(
      await db.select().from(meetingPacks).where(eq(meetingPacks.meetingId, coming[0]!.id)),
    ).toHaveLength(0);

    const decisionRows = await db.select().from(decisions).where(eq(decisions.partnershipId, pid));
    expect(decisionRows.length).toBeGreaterThanOrEqual(4);
    expect(decisionRows.every((d) => d.decidedOn < today)).toBe(true);
    expect(new Set(decisionRows.map((d) => d.reference)).size).toBe(decisionRows.length);
    const actionRows = await db.select().from(meetingActions).where(eq(meetingActions.partnershipId, pid));
    expect(actionRows.filter((a) => a.status === "in_progress").length).toBeGreaterThanOrEqual(2);
    const updateRows = await db
      .select()
      .from(meetingActionUpdates)
      .where(eq(meetingActionUpdates.partnershipId, pid));
    expect(updateRows.every((u) => u.createdAt.getTime() <= new Date(`${today}T23:59:59Z`).getTime())).toBe(
      true,
    );

    const items = await db.select().from(forwardPlanItems).where(eq(forwardPlanItems.partnershipId, pid));
    expect(items.length).toBeGreaterThanOrEqual(3);
    const stops = await db
      .select({ status: forwardPlanStops.status, meetsOn: meetings.meetsOn, dueOn: forwardPlanStops.dueOn })
      .from(forwardPlanStops)
      .innerJoin(meetings, eq(meetings.id, forwardPlanStops.meetingId))
      .where(and(eq(forwardPlanStops.partnershipId, pid)));
    expect(stops.filter((s) => s.meetsOn < today).every((s) => s.status === "received")).toBe(true);
    expect(stops.some((s) => s.status === "in_pack")).toBe(true);
    // Each report's route climbs in time, numbered from 0 as the forward plan numbers its stops.
    const routes = await db
      .select({
        itemId: forwardPlanStops.itemId,
        position: forwardPlanStops.position,
        meetsOn: meetings.meetsOn,
      })
      .from(forwardPlanStops)
      .innerJoin(meetings, eq(meetings.id, forwardPlanStops.meetingId))
      .where(eq(forwardPlanStops.partnershipId, pid))
      .orderBy(asc(forwardPlanStops.itemId), asc(forwardPlanStops.position));
    for (const item of items) {
      const route = routes.filter((r) => r.itemId === item.id);
      expect(route.map((r) => r.position)).toEqual(route.map((_, i) => i));
      expect(route.map((r) => r.meetsOn)).toEqual([...route.map((r) => r.meetsOn)].sort());
    }
    expect(stops.every((s) => s.dueOn !== null && s.dueOn < s.meetsOn)).toBe(true);

    expect(await db.select().from(contextItems).where(eq(contextItems.partnershipId, pid))).toHaveLength(4);
    const attachments = await db
      .select()
      .from(contextAttachments)
      .where(eq(contextAttachments.partnershipId, pid));
    expect(attachments.some((a) => a.agendaItemId !== null)).toBe(true);
    expect(attachments.some((a) => a.reportKind !== null)).toBe(true);
  });
});
