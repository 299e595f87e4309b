import { describe, expect, it } from "vitest";
import { planFrameworkImport } from "../../src/imports/framework.ts";
import { FileProblem } from "../../src/imports/read-table.ts";
import { problemText } from "../../src/imports/summary.ts";
import type { StrategySnapshot } from "../../src/imports/types.ts";
import { STRATEGY, sheetOf } from "../support/import-files.ts";

const EMPTY: StrategySnapshot = { ...STRATEGY, priorities: [], commitments: [] };
const texts = (preview: ReturnType<typeof planFrameworkImport>) => preview.problems.map(problemText);

describe("framework import", () => {
  it("reads the strategy review export (Priority | Commitment | Progress so far | Rating) into an empty strategy", () => {
    const preview = planFrameworkImport(
      sheetOf([
        ["Priority", "Commitment", "Progress so far", "Rating"],
        ["Priority 1: Changing attitudes", "1.1 Run a campaign", "2024/25\n• Done", "Green"],
        [
          "Priority 1: Changing attitudes",
          "1.2 Grow champions",
          "No progress reported yet.",
          "Not yet started",
        ],
        ["Priority 2: Early help", "2.1 Ask in health settings", "", ""],
      ]),
      EMPTY,
    );
    expect(texts(preview)).toEqual([]);
    expect(preview.header.ignored).toEqual(["Progress so far (column C)", "Rating (column D)"]);
    expect(preview.newPriorities.map((p) => `${p.number} ${p.title}`)).toEqual([
      "1 Changing attitudes",
      "2 Early help",
    ]);
    expect(preview.newCommitments.map((c) => `${c.priorityNumber}: ${c.number} ${c.text}`)).toEqual([
      "1: 1.1 Run a campaign",
      "1: 1.2 Grow champions",
      "2: 2.1 Ask in health settings",
    ]);
  });

  it("reads a council's table of heading rows and numbered commitments, with outcomes", () => {
    const preview = planFrameworkImport(
      sheetOf([
        ["Strategic commitment", "Progress so far...", "RAG rating"],
        ["Priority 1: Culture change", "", ""],
        ["Outcome: People know abuse is never acceptable", "", ""],
        ["1.1 As a collaborative, implement policies", "• Template policy", ""],
        ["1.2 Implement a whole school approach", "", ""],
        ["Priority 2: Early Help", "", ""],
        ["2.1 Ensure effective approaches to referral", "", ""],
      ]),
      EMPTY,
    );
    expect(texts(preview)).toEqual([]);
    expect(preview.newPriorities).toEqual([
      { number: "1", title: "Culture change", outcome: "People know abuse is never acceptable", row: 2 },
      { number: "2", title: "Early Help", outcome: "", row: 6 },
    ]);
    expect(preview.newCommitments.map((c) => c.number)).toEqual(["1.1", "1.2", "2.1"]);
  });

  it("reads an action plan export, naming each commitment once", () => {
    const preview = planFrameworkImport(
      sheetOf([
        ["Priority", "Outcome", "Commitment", "What we will do", "Who will lead"],
        ["Priority 1: Changing attitudes", "More people know", "1.1 Run a campaign", "Posters", "Police"],
        ["Priority 1: Changing attitudes", "More people know", "1.1 Run a campaign", "Radio", "Council"],
      ]),
      EMPTY,
    );
    expect(preview.rows.map((r) => r.label)).toEqual(["1.1 Run a campaign"]);
    expect(preview.newPriorities[0]).toMatchObject({
      title: "Changing attitudes",
      outcome: "More people know",
    });
  });

  it("compares with an existing strategy: unchanged, reworded and new", () => {
    const preview = planFrameworkImport(
      sheetOf([
        ["Priority", "Number", "Commitment"],
        ["1 Changing attitudes", "1.1", STRATEGY.commitments[0]!.text],
        ["", "1.4", "Train everyone"],
        ["", "1.5", "A new one"],
      ]),
      STRATEGY,
    );
    expect(texts(preview)).toEqual([]);
    expect(preview.rows.map((r) => `${r.label.slice(0, 3)} ${r.status}`)).toEqual([
      "1.1 unchanged",
      "1.4 changed",
      "1.5 new",
    ]);
    expect(preview.changes).toEqual([
      {
        id: 104,
        number: "1.4",
        field: "text",
        from: STRATEGY.commitments[1]!.text,
        to: "Train everyone",
        row: 3,
      },
    ]);
    expect(preview.unchanged).toEqual({ priorities: 1, commitments: 1 });
  });

  it("reads a flat list of recommendations into a flat strategy", () => {
    const flat: StrategySnapshot = { ...EMPTY, framework: "flat", itemLabel: "Recommendation" };
    const preview = planFrameworkImport(
      sheetOf([
        ["No.", "Recommendation"],
        ["1", "Appoint a coordinator"],
        ["2", "Commission a refuge"],
        ["", "Review every year"],
      ]),
      flat,
    );
    expect(texts(preview)).toEqual([]);
    expect(preview.newCommitments.map((c) => [c.number, c.priorityNumber])).toEqual([
      ["1", null],
      ["2", null],
      ["3", null],
    ]);
  });

  it("lists problems: an unknown priority, one number used twice, no title for a new priority", () => {
    const preview = planFrameworkImport(
      sheetOf([
        ["Commitment"],
        ["3.1 Something"],
        ["Priority 4"],
        ["Priority 1: Changing attitudes"],
        ["1.7 First wording"],
        ["1.7 Second wording"],
      ]),
      STRATEGY,
    );
    expect(texts(preview)).toEqual([
      'Row 2, Commitment: 3.1 is not in the strategy and the file does not say which priority it belongs to. Put it under a heading row like "Priority 3: …", or add a Priority column',
      'Row 3, Commitment: Priority 4 is not in the strategy; give its title, like "Priority 4: Working together"',
      "Row 6, Commitment: 1.7 is used for two different commitments in the file (rows 5 and 6)",
    ]);
  });

  it("refuses a file without a commitment or priority column", () => {
    expect(() => planFrameworkImport(sheetOf([["Name"], ["x"]]), STRATEGY)).toThrow(FileProblem);
  });
});
