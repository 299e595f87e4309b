import { describe, expect, it } from "vitest";
import {
  chainUp,
  defaultDueOn,
  nextMeetingOf,
  packReminderDedupeKey,
  packReminderReason,
  proposeRoute,
  type RoutingMeeting,
} from "../../src/domain/governance/routing.ts";

// The chain of one county: Operational (1) → Strategic (2) → Health Improvement (3) → Health &
// Wellbeing (4); a safeguarding board (5) outside it.
const boards = [
  { id: 1, parentBoardId: 2 },
  { id: 2, parentBoardId: 3 },
  { id: 3, parentBoardId: 4 },
  { id: 4, parentBoardId: null },
  { id: 5, parentBoardId: null },
];

const meeting = (id: number, boardId: number, meetsOn: string, extra: Partial<RoutingMeeting> = {}) => ({
  id,
  boardId,
  meetsOn,
  status: "planned",
  packDueOn: null,
  ...extra,
});

const meetings: RoutingMeeting[] = [
  meeting(10, 1, "2026-10-07", { packDueOn: "2026-09-28" }),
  meeting(11, 1, "2027-01-13"),
  meeting(20, 2, "2026-09-30"),
  meeting(21, 2, "2026-11-04", { status: "cancelled" }),
  meeting(22, 2, "2026-12-02", { packDueOn: "2026-11-20" }),
  meeting(23, 2, "2027-03-03"),
  meeting(30, 3, "2026-12-02"),
  meeting(31, 3, "2027-02-10"),
  meeting(40, 4, "2026-06-01"),
];

describe("the route of a report up the chain of boards", () => {
  it("follows parents to the top board", () => {
    expect(chainUp(boards, 1)).toEqual([1, 2, 3, 4]);
    expect(chainUp(boards, 3)).toEqual([3, 4]);
    expect(chainUp(boards, 5)).toEqual([5]);
    expect(chainUp(boards, 99)).toEqual([]);
  });

  it("stops at a cycle rather than looping", () => {
    expect(
      chainUp(
        [
          { id: 1, parentBoardId: 2 },
          { id: 2, parentBoardId: 1 },
        ],
        1,
      ),
    ).toEqual([1, 2]);
  });

  it("finds the next meeting on or after a date, skipping cancelled meetings", () => {
    expect(nextMeetingOf(meetings, 2, "2026-10-07")?.id).toBe(22);
    expect(nextMeetingOf(meetings, 2, "2026-12-02")?.id).toBe(22);
    expect(nextMeetingOf(meetings, 2, "2026-12-03")?.id).toBe(23);
    expect(nextMeetingOf(meetings, 4, "2026-07-01")).toBeUndefined();
  });

  it("proposes each parent's next meeting after the previous stop, with due dates", () => {
    const route = proposeRoute(boards, meetings, meetings[0]!, new Map([[3, 14]]));
    expect(route).toEqual([
      { boardId: 1, meetingId: 10, meetsOn: "2026-10-07", dueOn: "2026-09-28" },
      // The strategic board's November meeting is cancelled: December's, its own pack date.
      { boardId: 2, meetingId: 22, meetsOn: "2026-12-02", dueOn: "2026-11-20" },
      // Same day counts as "on or after"; no pack date, so the board's 14 lead days.
      { boardId: 3, meetingId: 30, meetsOn: "2026-12-02", dueOn: "2026-11-18" },
      // The Health & Wellbeing Board has nothing planned after June: the board without a meeting.
      { boardId: 4, meetingId: null, meetsOn: null, dueOn: null },
    ]);
  });

  it("leaves later stops without a meeting once one is unknown", () => {
    const gap = meetings.filter((m) => m.boardId !== 2);
    const route = proposeRoute(boards, gap, meetings[0]!);
    expect(route.map((s) => s.meetingId)).toEqual([10, null, null, null]);
  });

  it("defaults a due date to the pack due date, else the lead days before the meeting", () => {
    expect(defaultDueOn({ meetsOn: "2026-03-04", packDueOn: "2026-02-20" })).toBe("2026-02-20");
    expect(defaultDueOn({ meetsOn: "2026-03-04", packDueOn: null })).toBe("2026-02-25");
    expect(defaultDueOn({ meetsOn: "2026-03-04", packDueOn: null }, 10)).toBe("2026-02-22");
  });
});

describe("pack reminders", () => {
  const stop = { status: "planned", dueOn: "2026-11-20", meetsOn: "2026-12-02", meetingStatus: "planned" };

  it("reminds within seven days of the due date, then once it is overdue until the meeting", () => {
    expect(packReminderReason(stop, "2026-11-12")).toBeNull();
    expect(packReminderReason(stop, "2026-11-13")).toBe("soon");
    expect(packReminderReason(stop, "2026-11-20")).toBe("soon");
    expect(packReminderReason(stop, "2026-11-21")).toBe("overdue");
    expect(packReminderReason(stop, "2026-12-02")).toBe("overdue");
    expect(packReminderReason(stop, "2026-12-03")).toBeNull();
  });

  it("takes another window", () => {
    expect(packReminderReason(stop, "2026-11-10", 10)).toBe("soon");
    expect(packReminderReason(stop, "2026-11-09", 10)).toBeNull();
  });

  it("does not remind about a report marked ready, deferred, or a meeting not going ahead", () => {
    for (const status of ["in_pack", "received", "deferred"])
      expect(packReminderReason({ ...stop, status }, "2026-11-18")).toBeNull();
    for (const meetingStatus of ["held", "cancelled"])
      expect(packReminderReason({ ...stop, meetingStatus }, "2026-11-18")).toBeNull();
    expect(packReminderReason({ ...stop, dueOn: null }, "2026-11-18")).toBeNull();
  });

  it("keys a reminder by report, meeting, due date, reason and person", () => {
    const key = packReminderDedupeKey(
      { itemId: 3, boardId: 2, meetingId: 22, dueOn: "2026-11-20" },
      "soon",
      7,
    );
    expect(key).toBe("forward:3:board:2:meeting:22:due:2026-11-20:soon:user:7");
    expect(
      packReminderDedupeKey({ itemId: 3, boardId: 2, meetingId: 22, dueOn: "2026-11-21" }, "soon", 7),
    ).not.toBe(key);
  });
});
