import { describe, expect, it } from "vitest";
import { planActionPlanImport } from "../../src/imports/action-plan.ts";
import { applyCommitmentChoices, choosable, InvalidChoice } from "../../src/imports/choices.ts";
import { planFrameworkImport } from "../../src/imports/framework.ts";
import { parsePriorityCell } from "../../src/imports/priority-cell.ts";
import { READ_LIMITS, readTable, type UploadedFile } from "../../src/imports/read-table.ts";
import { progressOf, ratingOfCell, ratingOfFill } from "../../src/imports/review-history.ts";
import { problemText } from "../../src/imports/summary.ts";
import type { StrategySnapshot } from "../../src/imports/types.ts";
import {
  ACTION_PLAN,
  COMMITMENTS,
  type CouncilTable,
  csvOf,
  docxOf,
  FLAT_FRAMEWORK,
  FRAMEWORK,
  PRIORITIES,
  RECOMMENDATIONS,
  xlsxOf,
} from "../fixtures/council/council-files.ts";

// Issue 12: a council's own tables, in Excel and CSV, read as the council meant them.

const STRATEGY: StrategySnapshot = {
  id: 1,
  title: "Marbridge Domestic Abuse Strategy 2016-2021",
  framework: "priorities",
  itemLabel: "Commitment",
  priorities: PRIORITIES.map((p, i) => ({
    id: 11 + i,
    number: p.number,
    title: p.title,
    outcome: p.outcome,
  })),
  commitments: COMMITMENTS.map(([number, text], i) => ({
    id: 100 + i,
    number,
    text,
    priorityId: 10 + Number(number.split(".")[0]),
  })),
};
const idOf = (number: string) => STRATEGY.commitments.find((c) => c.number === number)!.id;

const ORGANISATIONS = [
  { id: 1, name: "Marbridge Police" },
  { id: 2, name: "Office of the Police and Crime Commissioner for Cleveland" },
  { id: 3, name: "Marbridge Adult Social Care" },
  { id: 4, name: "Marbridge Housing Options" },
  { id: 5, name: "Marbridge Public Health" },
  { id: 6, name: "Marbridge Education Improvement Service" },
];

const formats: [string, (t: CouncilTable) => Promise<UploadedFile>][] = [
  ["CSV", async (t) => ({ filename: "plan.csv", data: csvOf(t) })],
  ["Excel", async (t) => ({ filename: "plan.xlsx", data: await xlsxOf(t) })],
  ["Word", async (t) => ({ filename: "plan.docx", data: await docxOf(t) })],
];
const read = (file: UploadedFile) => readTable(file, READ_LIMITS, { word: true });

describe.each(formats)("the council's action plan in %s", (format, fileOf) => {
  // A Word table has no title row above its headings (the title is a paragraph before the table).
  const r = (row: number) => (format === "Word" ? row - 1 : row);
  const preview = async () =>
    planActionPlanImport(await read(await fileOf(ACTION_PLAN)), STRATEGY, [], ORGANISATIONS);

  it("matches priority cells (number, title and paragraph) and carries merged cells down, with no problems", async () => {
    const p = await preview();
    expect(p.problems.map(problemText)).toEqual([]);
    expect(p.newPriorities).toEqual([]);
    expect(p.changes).toEqual([]);
    expect(p.actions.map((a) => [a.row, a.commitment.number, a.match])).toEqual([
      [r(3), "1.1", "number"],
      [r(4), "1.1", "above"],
      [r(5), "1.2", "text"],
      [r(6), "3.1", "text"],
      [r(7), "3.2", "text"],
      [r(8), "4.1", "number"],
      [r(9), "4.3", "new"],
      [r(10), "6.1", "number"],
    ]);
  });

  it("shows the score of each near-miss wording and offers the unknown one as new under its priority", async () => {
    const p = await preview();
    const nearMisses = p.actions.filter((a) => a.match === "text");
    expect(nearMisses.map((a) => a.commitment)).toEqual([
      { kind: "existing", id: idOf("1.2"), number: "1.2" },
      { kind: "existing", id: idOf("3.1"), number: "3.1" },
      { kind: "existing", id: idOf("3.2"), number: "3.2" },
    ]);
    for (const a of nearMisses) expect(a.score).toBeGreaterThan(0.75);
    for (const a of nearMisses) expect(a.score).toBeLessThan(1);
    expect(p.newCommitments).toEqual([
      {
        number: "4.3",
        text: "Open a one-stop shop for victims in the town centre",
        priorityNumber: "4",
        row: r(9),
      },
    ]);
  });

  it("reads How we will do it as the action and Who will lead as several organisations", async () => {
    const p = await preview();
    expect(p.actions[0]!.what).toBe(
      "Posters, radio and social media in the five most-spoken community languages",
    );
    const leads = (row: number) => p.actions.find((a) => a.row === row)!.leads.map((l) => l.name);
    expect(leads(r(3))).toEqual(["Police", "OPCC"]);
    expect(leads(r(5))).toEqual(["Housing", "Adult Social Care", "Police"]);
    expect(leads(r(6))).toEqual(["Health", "Social Care"]);
    expect(leads(r(7))).toEqual(["Education", "Public Health"]);
    expect(leads(r(8))).toEqual(["Health", "Social Care"]);
    expect(leads(r(9))).toEqual(["Housing", "Police", "OPCC"]);
    expect(leads(r(10))).toEqual(["Police", "Probation"]);
  });

  it("treats All partners as every organisation of the partnership, not an organisation of its own", async () => {
    const p = await preview();
    expect(p.actions.find((a) => a.row === r(4))!.leads).toEqual([{ kind: "all", name: "All partners" }]);
    expect(p.newOrganisations.map((o) => o.name)).not.toContain("All partners");
  });

  it("suggests the existing organisation each loosely written lead is", async () => {
    const p = await preview();
    const suggested = Object.fromEntries(p.newOrganisations.map((o) => [o.name, o.suggestion?.id ?? null]));
    expect(suggested).toEqual({
      Police: 1,
      OPCC: 2,
      Housing: 4,
      "Adult Social Care": 3,
      Health: 5,
      "Social Care": 3,
      Education: 6,
      "Public Health": 5,
      Probation: null,
    });
  });
});

describe.each(formats)("the council's framework in %s", (_format, fileOf) => {
  it("imports six priorities (title and paragraph split) and their commitments into an empty strategy", async () => {
    const empty: StrategySnapshot = { ...STRATEGY, priorities: [], commitments: [] };
    const p = planFrameworkImport(await read(await fileOf(FRAMEWORK)), empty);
    expect(p.problems.map(problemText)).toEqual([]);
    expect(p.newPriorities.map(({ number, title, outcome }) => ({ number, title, outcome }))).toEqual(
      PRIORITIES.map(({ number, title, outcome }) => ({ number, title, outcome })),
    );
    expect(p.newCommitments.map((c) => [c.priorityNumber, c.number, c.text])).toEqual(
      COMMITMENTS.map(([n, t]) => [n.split(".")[0], n, t]),
    );
  });

  it("imports the nine recommendations of a flat framework", async () => {
    const flat: StrategySnapshot = {
      ...STRATEGY,
      framework: "flat",
      itemLabel: "Recommendation",
      priorities: [],
      commitments: [],
    };
    const p = planFrameworkImport(await read(await fileOf(FLAT_FRAMEWORK)), flat);
    expect(p.problems.map(problemText)).toEqual([]);
    expect(p.newCommitments.map((c) => [c.priorityNumber, c.number, c.text])).toEqual(
      RECOMMENDATIONS.map((t, i) => [null, String(i + 1), t]),
    );
  });
});

describe("the coordinator's corrections of near-miss matches", () => {
  const preview = async () =>
    planActionPlanImport(
      await readTable({ filename: "p.csv", data: csvOf(ACTION_PLAN) }),
      STRATEGY,
      [],
      ORGANISATIONS,
    );

  it("offers a choice for each row matched by wording or new, once per commitment cell, with the file's words", async () => {
    const p = await preview();
    const offered = p.actions.filter(choosable);
    expect(offered.map((a) => a.row)).toEqual([5, 6, 7, 9]);
    expect(offered[0]!.fileWording).toBe("Make domestic abuse everybody's business in all workplaces");
  });

  it("points the chosen rows, and the rows continuing them, at the chosen commitment; drops a new one no longer used", async () => {
    const p = await preview();
    const chosen = applyCommitmentChoices(p, STRATEGY, { 5: idOf("1.1"), 9: idOf("4.2") });
    const byRow = (row: number) => chosen.actions.find((a) => a.row === row)!;
    expect(byRow(5)).toMatchObject({ commitment: { id: idOf("1.1"), number: "1.1" }, match: "chosen" });
    expect(byRow(9)).toMatchObject({ commitment: { id: idOf("4.2") }, match: "chosen" });
    expect(byRow(6).commitment).toEqual({ kind: "existing", id: idOf("3.1"), number: "3.1" });
    expect(chosen.newCommitments).toEqual([]);
    expect(p.newCommitments).toHaveLength(1); // the plan itself is left as it was
  });

  it("refuses a commitment of another strategy, and 'new' for a row matched to an existing one", async () => {
    const p = await preview();
    expect(() => applyCommitmentChoices(p, STRATEGY, { 5: 99999 })).toThrow(InvalidChoice);
    expect(() => applyCommitmentChoices(p, STRATEGY, { 5: "new" })).toThrow(InvalidChoice);
    expect(applyCommitmentChoices(p, STRATEGY, { 9: "new" }).newCommitments).toHaveLength(1);
  });
});

describe("a priority cell's number, title and paragraph", () => {
  it("splits a cell with no known title at the first word that starts a sentence, or at a line break", () => {
    expect(parsePriorityCell("3. Early help Partners will spot abuse sooner", [])).toEqual({
      number: "3",
      title: "Early help",
      outcome: "Partners will spot abuse sooner",
    });
    expect(parsePriorityCell("4. Victims\nVictims find the right support", [])).toEqual({
      number: "4",
      title: "Victims",
      outcome: "Victims find the right support",
    });
    expect(parsePriorityCell("2 Working Together: Partners plan together", []).title).toBe(
      "Working Together",
    );
  });

  it("prefers the strategy's title, matching a cell without a number by the title it starts with", () => {
    const known = [{ number: "3", title: "Early Help and Prevention" }];
    expect(parsePriorityCell("Early help and prevention We will act sooner", known)).toEqual({
      number: "3",
      title: "Early Help and Prevention",
      outcome: "We will act sooner",
    });
  });
});

describe("a strategy review's progress and rating cells", () => {
  it("reads the year a progress cell names, and nothing from a cell that names none", () => {
    expect(progressOf("2018/19: The campaign ran.")).toEqual({
      startYear: 2018,
      narrative: "The campaign ran.",
    });
    expect(progressOf("2018-19 - Started")).toEqual({ startYear: 2018, narrative: "Started" });
    expect(progressOf("This commitment has not yet been explored")).toBeNull();
    expect(progressOf("2018/20: two years")).toBeNull();
  });

  it("reads a rating from the cell's word, else from its shading when close to a board colour", () => {
    expect(ratingOfFill("FFC000")).toBe("amber");
    expect(ratingOfFill("00B050")).toBe("green");
    expect(ratingOfFill("BFBFBF")).toBe("grey");
    expect(ratingOfFill("FFFFFF")).toBeNull();
    expect(ratingOfFill("auto")).toBeNull();
    const row = { rowNumber: 2, cells: ["1.1", "2018/19: x", ""], fills: ["", "", "FF0000"] };
    expect(ratingOfCell(row, 2)).toBe("red");
    expect(ratingOfCell({ ...row, cells: ["1.1", "x", "Green"] }, 2)).toBe("green");
  });
});
