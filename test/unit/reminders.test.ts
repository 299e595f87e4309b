import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayNumberToIsoDate, isoDateToDayNumber } from "../../src/domain/periods.ts";
import {
  isOutstanding,
  outstandingByOrganisation,
  type ReminderRound,
  type RoundActionState,
  reminderDedupeKey,
  remindersDue,
} from "../../src/domain/reminders.ts";

// Q2 updates due Wednesday 15 October 2025, 3 days' grace, reminder 7 days before, opened 1 October.
const round: ReminderRound = {
  id: 12,
  deadline: "2025-10-15",
  graceDays: 3,
  reopened: false,
  closed: false,
  reminderDaysBefore: 7,
  openedOn: "2025-10-01",
};

describe("remindersDue", () => {
  it.each([
    ["2025-10-01", []],
    ["2025-10-07", []],
    ["2025-10-08", ["before"]], // 7 days before
    ["2025-10-12", ["before"]], // a missed scan still sends it, until the day before the deadline
    ["2025-10-14", ["before"]],
    ["2025-10-15", ["deadline"]],
    ["2025-10-16", []], // grace: nobody is chased
    ["2025-10-18", []], // the last day of grace
    ["2025-10-19", ["late-summary"]], // the first day the updates are overdue
    ["2026-01-01", ["late-summary"]],
  ])("on %s: %j", (today, kinds) => {
    expect(remindersDue(round, today)).toEqual(kinds);
  });

  it("sends nothing for a closed round", () => {
    for (const today of ["2025-10-08", "2025-10-15", "2025-10-20"]) {
      expect(remindersDue({ ...round, closed: true }, today)).toEqual([]);
    }
  });

  it("still sends the summary for a reopened round (once, by its key)", () => {
    expect(remindersDue({ ...round, reopened: true }, "2025-10-20")).toEqual(["late-summary"]);
  });

  it("skips 'deadline approaching' for a round opened inside the reminder window", () => {
    expect(remindersDue({ ...round, openedOn: "2025-10-08" }, "2025-10-10")).toEqual([]);
    expect(remindersDue({ ...round, openedOn: "2025-10-07" }, "2025-10-10")).toEqual(["before"]);
  });

  it("skips 'due today' for a round opened on its deadline day", () => {
    expect(remindersDue({ ...round, openedOn: "2025-10-15" }, "2025-10-15")).toEqual([]);
  });

  it("sends no 'deadline approaching' when it is switched off (0 days)", () => {
    expect(remindersDue({ ...round, reminderDaysBefore: 0 }, "2025-10-14")).toEqual([]);
    expect(remindersDue({ ...round, reminderDaysBefore: 0 }, "2025-10-15")).toEqual(["deadline"]);
  });

  it("sends the summary the day after the deadline when there is no grace", () => {
    expect(remindersDue({ ...round, graceDays: 0 }, "2025-10-16")).toEqual(["late-summary"]);
  });

  const isoDate = fc
    .integer({ min: isoDateToDayNumber("2020-01-01"), max: isoDateToDayNumber("2030-12-31") })
    .map(dayNumberToIsoDate);
  const anyRound: fc.Arbitrary<ReminderRound> = fc
    .record({
      deadline: isoDate,
      graceDays: fc.integer({ min: 0, max: 30 }),
      reminderDaysBefore: fc.integer({ min: 0, max: 30 }),
      openedDaysBefore: fc.integer({ min: 0, max: 60 }),
      reopened: fc.boolean(),
    })
    .map((r) => ({
      id: 1,
      deadline: r.deadline,
      graceDays: r.graceDays,
      reminderDaysBefore: r.reminderDaysBefore,
      reopened: r.reopened,
      closed: false,
      openedOn: addDays(r.deadline, -r.openedDaysBefore),
    }));
  /** Every day from the round's opening to 40 days after its deadline. */
  const daysOf = (r: ReminderRound) => {
    const days: string[] = [];
    for (let d = r.openedOn; d <= addDays(r.deadline, 40); d = addDays(d, 1)) days.push(d);
    return days;
  };

  it("asks for 'due today' on the deadline day only, and only in an open phase", () => {
    fc.assert(
      fc.property(anyRound, (r) => {
        for (const day of daysOf(r)) {
          expect(remindersDue(r, day).includes("deadline")).toBe(
            day === r.deadline && r.openedOn < r.deadline,
          );
        }
      }),
    );
  });

  it("never chases partners after the deadline, nor the coordinator before grace ends", () => {
    fc.assert(
      fc.property(anyRound, (r) => {
        const graceEnd = addDays(r.deadline, r.graceDays);
        for (const day of daysOf(r)) {
          const due = remindersDue(r, day);
          if (day >= r.deadline) expect(due).not.toContain("before");
          expect(due.includes("late-summary")).toBe(day > graceEnd);
        }
      }),
    );
  });

  it("keys each reminder by round, kind, date and person, so a scan repeated any number of times queues one", () => {
    fc.assert(
      fc.property(anyRound, fc.integer({ min: 1, max: 1000 }), (r, userId) => {
        const keys = new Set(
          daysOf(r).flatMap((day) => remindersDue(r, day).map((kind) => reminderDedupeKey(r, kind, userId))),
        );
        const kinds = new Set(daysOf(r).flatMap((day) => remindersDue(r, day)));
        expect(keys.size).toBe(kinds.size);
      }),
    );
  });
});

describe("reminderDedupeKey", () => {
  it("names the round, the kind, the deadline (or the day after grace) and the person", () => {
    expect(reminderDedupeKey(round, "before", 5)).toBe("round:12:before:2025-10-15:user:5");
    expect(reminderDedupeKey(round, "deadline", 5)).toBe("round:12:deadline:2025-10-15:user:5");
    expect(reminderDedupeKey(round, "late-summary", 9)).toBe("round:12:late-summary:2025-10-19:user:9");
  });

  it("changes when the deadline is extended, so people are reminded of the new date", () => {
    const extended = { ...round, deadline: "2025-10-22" };
    expect(reminderDedupeKey(extended, "before", 5)).not.toBe(reminderDedupeKey(round, "before", 5));
  });
});

describe("outstandingByOrganisation", () => {
  const police = { id: 1, name: "Police" };
  const refuge = { id: 2, name: "Refuge" };
  const council = { id: 3, name: "Council" };
  const item = (actionId: number, status: RoundActionState["status"], leads = [police], closed = false) => ({
    actionId,
    label: `Action ${actionId}`,
    leads,
    status,
    closed,
  });

  it("lists, by organisation name, the open actions whose update is not submitted or accepted", () => {
    const result = outstandingByOrganisation([
      item(1, "not-started"),
      item(2, "draft", [police, refuge]),
      item(3, "submitted", [council]),
      item(4, "accepted", [refuge]),
      item(5, "returned", [refuge]),
      item(6, "not-started", [council], true),
    ]);
    expect(result).toEqual([
      {
        organisationId: 1,
        name: "Police",
        actions: [
          { actionId: 1, label: "Action 1" },
          { actionId: 2, label: "Action 2" },
        ],
      },
      {
        organisationId: 2,
        name: "Refuge",
        actions: [
          { actionId: 2, label: "Action 2" },
          { actionId: 5, label: "Action 5" },
        ],
      },
    ]);
  });

  it("is empty when everything is in", () => {
    expect(outstandingByOrganisation([item(1, "submitted"), item(2, "accepted")])).toEqual([]);
  });

  it("counts what is outstanding", () => {
    expect((["not-started", "draft", "returned"] as const).every(isOutstanding)).toBe(true);
    expect(isOutstanding("submitted")).toBe(false);
    expect(isOutstanding("accepted")).toBe(false);
  });
});
