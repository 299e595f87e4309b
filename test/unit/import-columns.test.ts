import { describe, expect, it } from "vitest";
import {
  columnFor,
  findHeader,
  parseDate,
  parsePriorityHeading,
  splitLeads,
  splitNumbered,
} from "../../src/imports/columns.ts";
import { FileProblem } from "../../src/imports/read-table.ts";

describe("column headings", () => {
  it.each([
    ["Who will lead", "lead"],
    ["Lead", "lead"],
    ["LEAD ORGANISATION(S)", "lead"],
    ["Lead agency", "lead"],
    ["Lead partners", "lead"],
    ["Performance target", "target"],
    ["Target", "target"],
    ["Measure", "target"],
    ["What we will do", "what"],
    ["Action", "what"],
    ["Actions", "what"],
    ["How we will do it", "how"],
    ["How", "how"],
    ["Priority", "priority"],
    ["Strategic priority", "priority"],
    ["Commitment", "commitment"],
    ["Strategic commitment", "commitment"],
    ["Recommendation", "commitment"],
    ["Number", "number"],
    ["No.", "number"],
    ["Ref", "number"],
    ["Due", "due"],
    ["Due date", "due"],
    ["By when", "due"],
    ["Outcome", "outcome"],
    ["Actions to be completed", "what"],
    ["Named lead organisation", "lead"],
    ["Target date", "due"],
  ])("reads %s as %s", (heading, key) => {
    expect(columnFor(heading)).toBe(key);
  });

  it.each([
    "RAG rating",
    "Progress so far",
    "Lead officer",
    "Comments",
    "",
  ])("does not read %j", (heading) => {
    expect(columnFor(heading)).toBeNull();
  });

  it("finds the heading row below a title, and lists the headings it does not read", () => {
    const header = findHeader(
      [
        { rowNumber: 1, cells: ["Action plan 2025–26"] },
        { rowNumber: 3, cells: ["Ref", "Action", "Lead agency", "RAG"] },
      ],
      { required: [["what"], ["lead"]], expected: "What we will do, Who will lead" },
    );
    expect(header.rowNumber).toBe(3);
    expect(header.index).toEqual({ number: 0, what: 1, lead: 2 });
    expect(header.label.lead).toBe("Lead agency");
    expect(header.ignored).toEqual(["RAG (column D)"]);
  });

  it("reads the partnership's own word for its items", () => {
    const header = findHeader(
      [{ rowNumber: 1, cells: ["Promise", "What we will do", "Who will lead"] }],
      { required: [["what"]], expected: "" },
      30,
      { commitment: ["Promise"] },
    );
    expect(header.index.commitment).toBe(0);
  });

  it("names what it expected and what it found when the headings are wrong", () => {
    expect(() =>
      findHeader([{ rowNumber: 1, cells: ["Name", "Email"] }], {
        required: [["what"], ["lead"]],
        expected: "What we will do, Who will lead",
      }),
    ).toThrow(
      new FileProblem(
        'The file does not have the column headings Waymark needs. Its first row must name the columns: What we will do, Who will lead. The first row of this file holds "Name", "Email"',
      ),
    );
  });
});

describe("lead organisations in a cell", () => {
  it.each([
    ["Police / Council", ["Police", "Council"]],
    ["Police, Council and Health", ["Police", "Council", "Health"]],
    ["Police & Council", ["Police", "Council"]],
    ["Police\nCouncil\n", ["Police", "Council"]],
    ["• Police\n• Council.", ["Police", "Council"]],
    ["  Police ;  police / POLICE ", ["Police"]],
    ["", []],
  ])("splits %j", (cell, leads) => {
    expect(splitLeads(cell)).toEqual(leads);
  });

  it("keeps known organisations and public bodies whose names contain 'and' or '&' whole", () => {
    const known = ["Ashvale and Marston Hospitals NHS Foundation Trust", "Marston Police"];
    expect(
      splitLeads("Marston Police and Ashvale and Marston Hospitals NHS Foundation Trust", known),
    ).toEqual(["Marston Police", "Ashvale and Marston Hospitals NHS Foundation Trust"]);
    expect(splitLeads("Office of the Police and Crime Commissioner / Council")).toEqual([
      "Office of the Police and Crime Commissioner",
      "Council",
    ]);
    expect(splitLeads("Health & Wellbeing Board and Council")).toEqual([
      "Health & Wellbeing Board",
      "Council",
    ]);
  });

  it("reads one organisation per line when the cell has several lines, as the exports write them", () => {
    expect(splitLeads("Ashvale and Marston Hospitals NHS Foundation Trust\nNorth Marston ICB")).toEqual([
      "Ashvale and Marston Hospitals NHS Foundation Trust",
      "North Marston ICB",
    ]);
  });
});

describe("numbers, headings and dates", () => {
  it.each([
    ["1.4 Train staff", { number: "1.4", text: "Train staff" }],
    ["1.4. Train staff", { number: "1.4", text: "Train staff" }],
    ["1.4: Train staff", { number: "1.4", text: "Train staff" }],
    ["Commitment 1.4 – Train staff", { number: "1.4", text: "– Train staff" }],
    ["Recommendation 3: Train staff", { number: "3", text: "Train staff" }],
    ["2a Offer drop-ins", { number: "2a", text: "Offer drop-ins" }],
    ["1.4", { number: "1.4", text: "" }],
    ["Train staff", { number: null, text: "Train staff" }],
    ["2025 campaign", { number: null, text: "2025 campaign" }],
  ])("splits %j", (cell, expected) => {
    expect(splitNumbered(cell)).toEqual(expected);
  });

  it("reads priority headings with their outcome", () => {
    expect(parsePriorityHeading("Priority 1: Changing attitudes")).toEqual({
      number: "1",
      title: "Changing attitudes",
      outcome: "",
    });
    expect(parsePriorityHeading("Priority 2 – Early help\nOutcome: Abuse is spotted sooner")).toEqual({
      number: "2",
      title: "Early help",
      outcome: "Abuse is spotted sooner",
    });
    expect(parsePriorityHeading("Priority areas for next year")).toBeNull();
    expect(parsePriorityHeading("1.1 Run a campaign")).toBeNull();
  });

  it.each([
    ["2025-12-31", "2025-12-31"],
    ["31/12/2025", "2025-12-31"],
    ["31-12-25", "2025-12-31"],
    ["1 April 2026", "2026-04-01"],
    ["31st Dec 2025", "2025-12-31"],
    ["31/02/2025", null],
    ["December", null],
  ])("reads the date %j", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });
});
