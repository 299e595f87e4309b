import { describe, expect, it } from "vitest";
import { groupStops } from "../../src/web/routes/partnership/governance/forward-views.ts";

const stop = (boardId: number, boardName: string, meetsOn: string | null, position: number) => ({
  boardId,
  boardName,
  meetsOn,
  dueOn: null,
  position,
});
const reports = [
  {
    item: { id: 1 },
    stops: [stop(1, "Operational", "2026-10-07", 0), stop(2, "Strategic", "2026-12-02", 1)],
  },
  { item: { id: 2 }, stops: [stop(2, "Strategic", "2026-10-21", 0), stop(3, "Health", null, 1)] },
];

describe("the forward plan table", () => {
  it("groups stops by the month of their meeting, undated last, each in date order", () => {
    const groups = groupStops(reports, "month");
    expect(groups.map((g) => g.heading)).toEqual(["October 2026", "December 2026", "No meeting yet"]);
    expect(groups[0]!.rows.map((r) => [r.report.item.id, r.stop.boardName])).toEqual([
      [1, "Operational"],
      [2, "Strategic"],
    ]);
    expect(groups[2]!.rows[0]!.last).toBe(true);
  });

  it("groups by board, and keeps one board's stops", () => {
    expect(groupStops(reports, "board").map((g) => [g.heading, g.rows.length])).toEqual([
      ["Health", 1],
      ["Operational", 1],
      ["Strategic", 2],
    ]);
    const strategic = groupStops(reports, "month", 2);
    expect(strategic.flatMap((g) => g.rows.map((r) => r.stop.meetsOn))).toEqual(["2026-10-21", "2026-12-02"]);
  });
});
