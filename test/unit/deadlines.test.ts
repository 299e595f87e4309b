import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canSubmit,
  graceEndsOn,
  isLate,
  type RoundTiming,
  reminderDates,
  roundPhase,
  submissionStatus,
} from "../../src/domain/deadlines.ts";
import { addDays, dayNumberToIsoDate, isoDateToDayNumber } from "../../src/domain/periods.ts";

// "Q2 2019/20 updates, due 15 October", with a week's grace.
const round: RoundTiming = { deadline: "2019-10-15", graceDays: 7, reopened: false, closed: false };

const isoDate = fc
  .integer({ min: isoDateToDayNumber("2000-01-01"), max: isoDateToDayNumber("2100-12-31") })
  .map(dayNumberToIsoDate);
const timing: fc.Arbitrary<RoundTiming> = fc.record({
  deadline: isoDate,
  graceDays: fc.integer({ min: 0, max: 60 }),
  reopened: fc.boolean(),
  closed: fc.boolean(),
});

describe("roundPhase", () => {
  it.each([
    ["2019-09-01", "open"],
    ["2019-10-14", "open"],
    ["2019-10-15", "open"], // the deadline day itself is on time
    ["2019-10-16", "grace"],
    ["2019-10-22", "grace"], // grace ends at the end of deadline + graceDays
    ["2019-10-23", "overdue"],
    ["2020-06-01", "overdue"],
  ])("on %s the round is %s", (today, phase) => {
    expect(roundPhase(round, today)).toBe(phase);
  });

  it("has no grace phase when there are no grace days", () => {
    const noGrace = { ...round, graceDays: 0 };
    expect(roundPhase(noGrace, "2019-10-15")).toBe("open");
    expect(roundPhase(noGrace, "2019-10-16")).toBe("overdue");
    expect(graceEndsOn(noGrace)).toBe("2019-10-15");
  });

  it("counts grace across a month and a year end", () => {
    const winter = { ...round, deadline: "2024-12-28", graceDays: 5 };
    expect(graceEndsOn(winter)).toBe("2025-01-02");
    expect(roundPhase(winter, "2025-01-02")).toBe("grace");
    expect(roundPhase(winter, "2025-01-03")).toBe("overdue");
    expect(graceEndsOn({ ...round, deadline: "2024-02-27", graceDays: 2 })).toBe("2024-02-29");
  });

  it("is closed whenever the coordinator has closed the round, reopened or not", () => {
    for (const today of ["2019-10-01", "2019-10-15", "2019-10-20", "2019-12-01"]) {
      expect(roundPhase({ ...round, closed: true }, today)).toBe("closed");
      expect(roundPhase({ ...round, closed: true, reopened: true }, today)).toBe("closed");
    }
  });

  it("is not changed by reopening", () => {
    expect(roundPhase({ ...round, reopened: true }, "2019-11-01")).toBe("overdue");
  });

  it("moves forward only: open, then grace, then overdue", () => {
    const order = { open: 0, grace: 1, overdue: 2, closed: 3 };
    fc.assert(
      fc.property(timing, isoDate, fc.integer({ min: 0, max: 400 }), (t, today, later) => {
        const open = { ...t, closed: false };
        expect(order[roundPhase(open, addDays(today, later))]).toBeGreaterThanOrEqual(
          order[roundPhase(open, today)],
        );
      }),
    );
  });

  it("puts the phase changes exactly after the deadline and after the grace period", () => {
    fc.assert(
      fc.property(timing, (t) => {
        const open = { ...t, closed: false };
        expect(roundPhase(open, t.deadline)).toBe("open");
        const end = addDays(t.deadline, t.graceDays);
        expect(roundPhase(open, end)).toBe(t.graceDays === 0 ? "open" : "grace");
        expect(roundPhase(open, addDays(end, 1))).toBe("overdue");
        if (t.graceDays > 0) expect(roundPhase(open, addDays(t.deadline, 1))).toBe("grace");
      }),
    );
  });

  it("refuses bad input with a clear message", () => {
    expect(() => roundPhase({ ...round, deadline: "15/10/2019" }, "2019-10-01")).toThrow(/deadline/);
    expect(() => roundPhase(round, "2019-10-32")).toThrow(/date today/);
    expect(() => roundPhase({ ...round, graceDays: -1 }, "2019-10-01")).toThrow(/Grace days/);
    expect(() => roundPhase({ ...round, graceDays: 1.5 }, "2019-10-01")).toThrow(/Grace days/);
  });
});

describe("canSubmit", () => {
  it.each([
    [{}, "2019-10-15", true],
    [{}, "2019-10-22", true],
    [{}, "2019-10-23", false],
    [{ reopened: true }, "2019-10-23", true],
    [{ reopened: true }, "2020-03-01", true],
    [{ closed: true }, "2019-10-01", false],
    [{ closed: true, reopened: true }, "2019-11-01", false],
  ])("with %j on %s: %s", (change, today, expected) => {
    expect(canSubmit({ ...round, ...change }, today)).toBe(expected);
  });

  it("is true exactly when open, in grace, or reopened, and never when closed", () => {
    fc.assert(
      fc.property(timing, isoDate, (t, today) => {
        const phase = roundPhase(t, today);
        const expected = !t.closed && (phase === "open" || phase === "grace" || t.reopened);
        expect(canSubmit(t, today)).toBe(expected);
      }),
    );
  });
});

describe("isLate", () => {
  it("treats the deadline day as on time and any later day as late, grace or not", () => {
    expect(isLate("2019-10-15", round, "2019-12-01")).toBe(false);
    expect(isLate("2019-10-01", round, "2019-12-01")).toBe(false);
    expect(isLate("2019-10-16", round, "2019-12-01")).toBe(true);
    expect(isLate("2019-11-30", { ...round, reopened: true }, "2019-12-01")).toBe(true);
  });

  it("treats a missing update as late once the deadline has passed", () => {
    expect(isLate(null, round, "2019-10-15")).toBe(false);
    expect(isLate(null, round, "2019-10-16")).toBe(true);
  });

  it("depends only on the submission date once submitted", () => {
    fc.assert(
      fc.property(timing, isoDate, isoDate, isoDate, (t, submitted, today, otherDay) => {
        expect(isLate(submitted, t, today)).toBe(isLate(submitted, t, otherDay));
        expect(isLate(submitted, t, today)).toBe(submitted > t.deadline);
      }),
    );
  });

  it("refuses a submission date that is not a date", () => {
    expect(() => isLate("yesterday", round, "2019-10-15")).toThrow(/submission date/);
  });
});

describe("submissionStatus", () => {
  it.each([
    ["2019-10-15", "2019-10-30", "on-time"],
    ["2019-10-16", "2019-10-30", "late"],
    [null, "2019-10-15", "due"],
    [null, "2019-10-16", "in-grace"],
    [null, "2019-10-22", "in-grace"],
    [null, "2019-10-23", "overdue"],
  ] as const)("submitted %s, today %s: %s", (submitted, today, status) => {
    expect(submissionStatus(submitted, round, today)).toBe(status);
  });

  it("agrees with isLate and roundPhase", () => {
    fc.assert(
      fc.property(timing, fc.option(isoDate, { nil: null }), isoDate, (t, submitted, today) => {
        const status = submissionStatus(submitted, t, today);
        expect(status === "late" || status === "in-grace" || status === "overdue").toBe(
          isLate(submitted, t, today),
        );
        if (submitted === null && !t.closed) {
          const phase = roundPhase(t, today);
          expect(status).toBe({ open: "due", grace: "in-grace", overdue: "overdue", closed: "" }[phase]);
        }
      }),
    );
  });
});

describe("reminderDates", () => {
  it("sends before the deadline, on the deadline, and the day after grace ends", () => {
    expect(reminderDates(round, { daysBefore: 3 })).toEqual({
      beforeDeadline: "2019-10-12",
      deadline: "2019-10-15",
      afterGrace: "2019-10-23",
    });
    expect(reminderDates({ ...round, graceDays: 0 }, { daysBefore: 1 })).toEqual({
      beforeDeadline: "2019-10-14",
      deadline: "2019-10-15",
      afterGrace: "2019-10-16",
    });
  });

  it("sends the after-grace reminder on the first overdue day, the others while the round is open", () => {
    fc.assert(
      fc.property(timing, fc.integer({ min: 1, max: 60 }), (t, daysBefore) => {
        const open = { ...t, closed: false };
        const dates = reminderDates(t, { daysBefore });
        expect(dates.beforeDeadline < dates.deadline && dates.deadline < dates.afterGrace).toBe(true);
        expect(roundPhase(open, dates.beforeDeadline)).toBe("open");
        expect(roundPhase(open, dates.deadline)).toBe("open");
        expect(roundPhase(open, dates.afterGrace)).toBe("overdue");
        expect(roundPhase(open, addDays(dates.afterGrace, -1))).not.toBe("overdue");
      }),
    );
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses daysBefore %s", (daysBefore) => {
    expect(() => reminderDates(round, { daysBefore })).toThrow(/Days before the deadline/);
  });
});
