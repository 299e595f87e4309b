import { describe, expect, it } from "vitest";
import {
  formatPence,
  parsePoundsToPence,
  penceForInput,
} from "../../src/domain/funding/commissioning-money.ts";
import {
  contractReminderDedupeKey,
  contractRemindersDue,
  monthsBefore,
  normaliseReminderMonths,
} from "../../src/domain/funding/contract-reminders.ts";
import { DUE_SOON_DAYS, milestoneCounts, milestoneStatus } from "../../src/domain/funding/milestones.ts";
import { addDays } from "../../src/domain/periods.ts";

const today = "2026-06-15";

describe("a procurement milestone's status", () => {
  it("is done when it has an actual date, even if its planned date has passed", () => {
    expect(milestoneStatus({ plannedOn: "2026-01-01", actualOn: "2026-02-01" }, today)).toBe("done");
    expect(milestoneStatus({ plannedOn: null, actualOn: "2026-02-01" }, today)).toBe("done");
  });

  it("is overdue from the day after its planned date while it has no actual date", () => {
    expect(milestoneStatus({ plannedOn: addDays(today, -1), actualOn: null }, today)).toBe("overdue");
    expect(milestoneStatus({ plannedOn: today, actualOn: null }, today)).toBe("due-soon");
  });

  it(`is due soon up to and including ${DUE_SOON_DAYS} days ahead, planned after that`, () => {
    expect(milestoneStatus({ plannedOn: addDays(today, DUE_SOON_DAYS), actualOn: null }, today)).toBe(
      "due-soon",
    );
    expect(milestoneStatus({ plannedOn: addDays(today, DUE_SOON_DAYS + 1), actualOn: null }, today)).toBe(
      "planned",
    );
  });

  it("is not planned with neither date", () => {
    expect(milestoneStatus({ plannedOn: null, actualOn: null }, today)).toBe("not-planned");
  });

  it("counts a list by status", () => {
    const counts = milestoneCounts(
      [
        { plannedOn: "2026-01-01", actualOn: "2026-01-03" },
        { plannedOn: "2026-05-01", actualOn: null },
        { plannedOn: "2026-06-20", actualOn: null },
        { plannedOn: "2026-12-20", actualOn: null },
      ],
      today,
    );
    expect(counts).toEqual({ done: 1, overdue: 1, "due-soon": 1, planned: 1, "not-planned": 0 });
  });
});

describe("contract reminders", () => {
  const contract = { endsOn: "2027-03-31", extensionDecisionDueOn: "2026-09-30", reminderMonths: [12, 6] };

  it("counts months back to the same day, or the month's last day", () => {
    expect(monthsBefore("2027-03-31", 12)).toBe("2026-03-31");
    expect(monthsBefore("2027-03-31", 6)).toBe("2026-09-30");
    expect(monthsBefore("2026-08-31", 6)).toBe("2026-02-28");
    expect(monthsBefore("2028-08-31", 6)).toBe("2028-02-29");
    expect(monthsBefore("2026-01-15", 1)).toBe("2025-12-15");
  });

  it("has nothing in force before the 12-month day", () => {
    expect(contractRemindersDue(contract, "2025-09-29")).toEqual([]);
  });

  it("puts the nearest threshold reached in force, one per reason, until the date itself", () => {
    expect(contractRemindersDue(contract, "2025-09-30")).toEqual([
      { reason: "extension-decision", about: "2026-09-30", months: 12, remindOn: "2025-09-30" },
    ]);
    expect(contractRemindersDue(contract, "2026-04-01")).toEqual([
      { reason: "contract-end", about: "2027-03-31", months: 12, remindOn: "2026-03-31" },
      { reason: "extension-decision", about: "2026-09-30", months: 6, remindOn: "2026-03-30" },
    ]);
    expect(contractRemindersDue(contract, "2026-09-30").map((r) => [r.reason, r.months])).toEqual([
      ["contract-end", 6],
      ["extension-decision", 6],
    ]);
    expect(contractRemindersDue(contract, "2026-10-01").map((r) => r.reason)).toEqual(["contract-end"]);
    expect(contractRemindersDue(contract, "2027-04-01")).toEqual([]);
  });

  it("follows the contract's own months, and none without dates", () => {
    expect(contractRemindersDue({ ...contract, reminderMonths: [3] }, "2026-04-01")).toEqual([]);
    expect(contractRemindersDue({ ...contract, reminderMonths: [3] }, "2027-01-01")[0]?.months).toBe(3);
    expect(
      contractRemindersDue({ endsOn: null, extensionDecisionDueOn: null, reminderMonths: [12] }, today),
    ).toEqual([]);
    expect(normaliseReminderMonths([6, 12, 6, 0, 40, 1.5])).toEqual([12, 6]);
  });

  it("keys each mail by contract, reason, date, threshold and person", () => {
    const [r] = contractRemindersDue(contract, "2026-04-01");
    expect(contractReminderDedupeKey(7, r!, 3)).toBe("contract:7:contract-end:2027-03-31:12m:user:3");
  });
});

describe("contract values in pounds", () => {
  it("reads pounds into whole pence without floating point", () => {
    expect(parsePoundsToPence("£8,000.50")).toBe(800050);
    expect(parsePoundsToPence("8000.5")).toBe(800050);
    expect(parsePoundsToPence("34500")).toBe(3450000);
    expect(parsePoundsToPence("0.07")).toBe(7);
    expect(parsePoundsToPence("1.005")).toBeNull();
    expect(parsePoundsToPence("-5")).toBeNull();
    expect(parsePoundsToPence("lots")).toBeNull();
  });

  it("writes pence as pounds", () => {
    expect(formatPence(800000)).toBe("£8,000");
    expect(formatPence(800050)).toBe("£8,000.50");
    expect(formatPence(123456789)).toBe("£1,234,567.89");
    expect(penceForInput(800050)).toBe("8000.50");
    expect(penceForInput(800000)).toBe("8000");
  });
});
