import { describe, expect, it } from "vitest";
import {
  boardAbbreviation,
  descendantsOf,
  isOverdueAction,
  moveWithinSiblings,
  nextReference,
  numberAgenda,
  possibleParents,
  referencePrefix,
} from "../../src/domain/governance/agenda.ts";

const items = [
  { id: 1, parentItemId: null, position: 2 },
  { id: 2, parentItemId: null, position: 1 },
  { id: 3, parentItemId: 1, position: 1 },
  { id: 4, parentItemId: 1, position: 2 },
  { id: 5, parentItemId: 4, position: 1 },
  { id: 6, parentItemId: null, position: 3 },
];

describe("the agenda's shape", () => {
  it("numbers items in reading order, parents before children, at any depth", () => {
    expect(numberAgenda(items).map((i) => `${i.number}:${i.id}`)).toEqual([
      "1:2",
      "2:1",
      "2.1:3",
      "2.2:4",
      "2.2.1:5",
      "3:6",
    ]);
    expect(numberAgenda(items).find((i) => i.id === 1)?.childCount).toBe(2);
  });

  it("finds everything under an item, and offers only other branches as its parent", () => {
    expect(descendantsOf(items, 1).sort()).toEqual([1, 3, 4, 5]);
    expect(possibleParents(items, 1).map((i) => i.id)).toEqual([2, 6]);
    expect(possibleParents(items, null)).toHaveLength(6);
  });

  it("moves an item one place among its siblings only", () => {
    expect(moveWithinSiblings(items, 1, "up")).toEqual([
      { id: 1, position: 1 },
      { id: 2, position: 2 },
      { id: 6, position: 3 },
    ]);
    expect(moveWithinSiblings(items, 4, "up")).toEqual([
      { id: 4, position: 1 },
      { id: 3, position: 2 },
    ]);
    expect(moveWithinSiblings(items, 2, "up")).toBeNull();
    expect(moveWithinSiblings(items, 5, "down")).toBeNull();
  });

  it("moves by one place even when positions are equal or have gaps", () => {
    const uneven = [
      { id: 10, parentItemId: null, position: 5 },
      { id: 11, parentItemId: null, position: 5 },
      { id: 12, parentItemId: null, position: 9 },
    ];
    expect(moveWithinSiblings(uneven, 12, "up")).toEqual([
      { id: 10, position: 1 },
      { id: 12, position: 2 },
      { id: 11, position: 3 },
    ]);
  });
});

describe("references", () => {
  it("abbreviates a board's name from its significant words", () => {
    expect(boardAbbreviation("Domestic Abuse Operational Board")).toBe("DAOB");
    expect(boardAbbreviation("Ashvale Health and Wellbeing Board")).toBe("AHWB");
    expect(boardAbbreviation("The CSP")).toBe("CSP");
    expect(boardAbbreviation("—")).toBe("BRD");
  });

  it("numbers each board's references per year, after the highest taken", () => {
    const prefix = referencePrefix("decision", "Domestic Abuse Operational Board", 2026);
    expect(prefix).toBe("DAOB-2026-");
    expect(referencePrefix("action", "Domestic Abuse Operational Board", 2026)).toBe("DAOB-A-2026-");
    expect(nextReference(prefix, [])).toBe("DAOB-2026-001");
    expect(nextReference(prefix, ["DAOB-2026-001", "DAOB-2026-007", "DAOB-2025-009"])).toBe("DAOB-2026-008");
  });

  it("calls an open action past its due date overdue", () => {
    expect(isOverdueAction({ status: "in_progress", dueOn: "2026-01-31" }, "2026-02-01")).toBe(true);
    expect(isOverdueAction({ status: "done", dueOn: "2026-01-31" }, "2026-02-01")).toBe(false);
    expect(isOverdueAction({ status: "not_started", dueOn: null }, "2026-02-01")).toBe(false);
    expect(isOverdueAction({ status: "not_started", dueOn: "2026-02-01" }, "2026-02-01")).toBe(false);
  });
});
