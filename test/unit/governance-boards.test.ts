import { describe, expect, it } from "vitest";
import { boardChain, makesLoop, possibleParents } from "../../src/domain/governance/board-chain.ts";
import { planMeetingDates, weekdayOf } from "../../src/domain/governance/meeting-plan.ts";
import { checkS58, needsS58Check } from "../../src/domain/governance/s58.ts";

describe("s58(2) membership check", () => {
  const seats = [
    { title: "Chair", categories: ["local_authority"] },
    { title: "Police", categories: ["policing_criminal_justice"] },
    { title: "Refuge", categories: ["domestic_abuse_charities", "victims"] },
  ];

  it("names the seats filling each category and lists the missing ones", () => {
    const check = checkS58(seats);
    expect(check.filled.map((c) => c.value)).toEqual([
      "local_authority",
      "victims",
      "domestic_abuse_charities",
      "policing_criminal_justice",
    ]);
    expect(check.filled.find((c) => c.value === "victims")?.seats).toEqual(["Refuge"]);
    expect(check.missing.map((c) => c.value)).toEqual([
      "lower_tier_authorities",
      "children_of_victims",
      "health",
    ]);
    expect(check.complete).toBe(false);
  });

  it("does not require lower-tier authorities in a single-tier area", () => {
    const check = checkS58(seats, { twoTierArea: false });
    expect(check.missing.map((c) => c.value)).toEqual(["children_of_victims", "health"]);
  });

  it("is complete when every category has a seat", () => {
    const all = checkS58([
      ...seats,
      { title: "Districts", categories: ["lower_tier_authorities"] },
      { title: "Children's services", categories: ["children_of_victims"] },
      { title: "ICB", categories: ["health"] },
    ]);
    expect(all.missing).toEqual([]);
    expect(all.complete).toBe(true);
  });

  it("applies to the Local Partnership Board only", () => {
    expect(needsS58Check("strategic")).toBe(true);
    expect(needsS58Check("operational")).toBe(false);
  });
});

describe("planning a year of meetings", () => {
  it("knows the weekday", () => {
    expect(weekdayOf("2024-01-01")).toBe(0);
    expect(weekdayOf("2025-03-19")).toBe(2); // a Wednesday
  });

  it("keeps the weekday and its place in the month, quarterly", () => {
    // 19 March 2025 is the third Wednesday of March.
    expect(planMeetingDates("2025-03-19", "quarterly")).toEqual([
      "2025-03-19",
      "2025-06-18",
      "2025-09-17",
      "2025-12-17",
    ]);
  });

  it("takes a fifth weekday as the month's last", () => {
    // 29 January 2025 is the fifth Wednesday; April, July and October have their last on 30, 30, 29.
    expect(planMeetingDates("2025-01-29", "quarterly")).toEqual([
      "2025-01-29",
      "2025-04-30",
      "2025-07-30",
      "2025-10-29",
    ]);
  });

  it("keeps the day of the month, clamped to shorter months", () => {
    expect(planMeetingDates("2025-01-31", "quarterly", "day-of-month")).toEqual([
      "2025-01-31",
      "2025-04-30",
      "2025-07-31",
      "2025-10-31",
    ]);
  });

  it("gives twelve monthly meetings, nine six-weekly, two six-monthly and one as needed", () => {
    expect(planMeetingDates("2025-05-07", "monthly")).toHaveLength(12);
    const six = planMeetingDates("2025-05-07", "six_weekly");
    expect(six).toHaveLength(9);
    expect(six[1]).toBe("2025-06-18");
    expect(planMeetingDates("2025-05-07", "six_monthly")).toEqual(["2025-05-07", "2025-11-05"]);
    expect(planMeetingDates("2025-05-07", "as_needed")).toEqual(["2025-05-07"]);
  });

  it("crosses the year end", () => {
    expect(planMeetingDates("2025-11-12", "bimonthly").slice(0, 3)).toEqual([
      "2025-11-12",
      "2026-01-14",
      "2026-03-11",
    ]);
  });
});

describe("the chain of boards", () => {
  const boards = [
    { id: 1, parentBoardId: null },
    { id: 2, parentBoardId: 1 },
    { id: 3, parentBoardId: 2 },
    { id: 4, parentBoardId: null },
  ];

  it("lists each board after the board it reports to", () => {
    expect(boardChain(boards).map((r) => [r.board.id, r.depth])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 0],
    ]);
  });

  it("refuses a loop and offers only boards above or beside", () => {
    expect(makesLoop(boards, 1, 3)).toBe(true);
    expect(makesLoop(boards, 3, 4)).toBe(false);
    expect(possibleParents(boards, 2).map((b) => b.id)).toEqual([1, 4]);
  });
});
