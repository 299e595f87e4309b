import { describe, expect, it } from "vitest";
import { isPackLate, numberAgenda, packDueOn } from "../../src/domain/governance/pack-agenda.ts";

const item = (
  id: number,
  parentItemId: number | null,
  position: number,
  durationMinutes: number | null = 10,
) => ({
  id,
  parentItemId,
  position,
  durationMinutes,
});

describe("the pack's agenda", () => {
  it("numbers the tree depth first, in position order, whatever order the rows come in", () => {
    const rows = [item(5, 1, 2), item(1, null, 1), item(3, null, 2), item(4, 1, 1), item(6, 4, 1)];
    expect(numberAgenda(rows, null).map((i) => [i.id, i.number, i.depth])).toEqual([
      [1, "1", 0],
      [4, "1.1", 1],
      [6, "1.1.1", 2],
      [5, "1.2", 1],
      [3, "2", 0],
    ]);
  });

  it("starts each item when the ones before it end, from the meeting's start", () => {
    const rows = [item(1, null, 1, 5), item(2, 1, 1, 15), item(3, null, 2, null), item(4, null, 3, 30)];
    expect(numberAgenda(rows, "13:50").map((i) => i.startsAt)).toEqual(["13:50", "13:55", "14:10", "14:10"]);
    expect(numberAgenda(rows, null).map((i) => i.startsAt)).toEqual([null, null, null, null]);
  });

  it("keeps an item whose parent is missing, at the top level", () => {
    expect(numberAgenda([item(2, 99, 1), item(1, null, 1)], null).map((i) => i.number)).toEqual(["1", "2"]);
  });

  it("makes a pack due its lead days before the meeting unless the meeting sets the day, late the day after", () => {
    expect(packDueOn("2026-01-14", null, 7)).toBe("2026-01-07");
    expect(packDueOn("2026-01-14", "2026-01-02", 7)).toBe("2026-01-02");
    expect(packDueOn("2026-03-02", null, null)).toBe("2026-02-23");
    expect(isPackLate("2026-01-07", "2026-01-07")).toBe(false);
    expect(isPackLate("2026-01-07", "2026-01-08")).toBe(true);
  });
});
