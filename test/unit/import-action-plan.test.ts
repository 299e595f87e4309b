import { describe, expect, it } from "vitest";
import { type ExistingAction, planActionPlanImport } from "../../src/imports/action-plan.ts";
import { FileProblem, readTable } from "../../src/imports/read-table.ts";
import { problemText } from "../../src/imports/summary.ts";
import { ORGANISATIONS, STRATEGY, sheetOf, xlsxOf } from "../support/import-files.ts";

const HEAD = ["Priority", "What we will do", "How we will do it", "Who will lead", "Performance target"];
const plan = (rows: string[][], existing: ExistingAction[] = [], strategy = STRATEGY) =>
  planActionPlanImport(sheetOf(rows), strategy, existing, ORGANISATIONS);
const texts = (preview: ReturnType<typeof plan>) => preview.problems.map(problemText);

describe("action plan import: layout", () => {
  it("refuses a file whose headings are not an action plan's, naming the columns it needs", () => {
    expect(() =>
      plan([
        ["Name", "Email"],
        ["a", "b"],
      ]),
    ).toThrow(FileProblem);
    expect(() => plan([["Name", "Email"]])).toThrow(/What we will do, How we will do it, Who will lead/);
  });

  it("reads the councils' table: heading rows, a commitment written once for several rows, blank rows", () => {
    const preview = plan([
      ["Action plan 2025–26"],
      HEAD,
      ["Priority 1: Changing attitudes", "", "", "", ""],
      ["Outcome: More people recognise abuse", "", "", "", ""],
      ["1.4 Train frontline staff", "Run training", "Sessions", "Marston Police", "20 sessions"],
      ["", "", "", "", ""],
      ["", "Second action", "", "Lanternway Domestic Abuse Support", ""],
      ["1.1 Run an awareness campaign every year", "Posters", "", "Marston Police", ""],
    ]);
    expect(texts(preview)).toEqual([]);
    expect(preview.actions.map((a) => [a.row, a.commitment, a.match])).toEqual([
      [5, { kind: "existing", id: 104, number: "1.4" }, "number"],
      [7, { kind: "existing", id: 104, number: "1.4" }, "above"],
      [8, { kind: "existing", id: 101, number: "1.1" }, "number"],
    ]);
    expect(preview.changes).toEqual([
      { id: 11, number: "1", field: "outcome", from: "", to: "More people recognise abuse", row: 4 },
    ]);
  });

  it("reads merged cells in an .xlsx as continuing the cell above", async () => {
    const data = await xlsxOf({
      rows: [
        HEAD,
        ["Priority 1: Changing attitudes"],
        ["1.4 Train frontline staff", "Run training", "", "Marston Police", ""],
        [null, "Second action", "", null, ""],
        [null, "Third action", "", "Lanternway Domestic Abuse Support", ""],
      ],
      merges: ["A2:E2", "A3:A5", "D3:D4"],
    });
    const preview = planActionPlanImport(
      await readTable({ filename: "p.xlsx", data }),
      STRATEGY,
      [],
      ORGANISATIONS,
    );
    expect(texts(preview)).toEqual([]);
    expect(preview.actions.map((a) => [a.what, a.commitment.number, a.leads.map((l) => l.name)])).toEqual([
      ["Run training", "1.4", ["Marston Police"]],
      ["Second action", "1.4", ["Marston Police"]],
      ["Third action", "1.4", ["Lanternway Domestic Abuse Support"]],
    ]);
  });

  it("reads Waymark's own export: Priority | Outcome | Commitment | … with a due date in the target", () => {
    const preview = plan([
      [
        "Priority",
        "Outcome",
        "Commitment",
        "What we will do",
        "How we will do it",
        "Who will lead",
        "Performance target",
      ],
      [
        "Priority 2: Help at the earliest point",
        "Abuse is spotted sooner.",
        "2.1 Build routine enquiry about domestic abuse into health settings.",
        "Ask at antenatal appointments",
        "Midwives",
        "Ashvale and Marston Hospitals NHS Foundation Trust\nMarston Police",
        "90% asked\nDue by 31 March 2026",
      ],
    ]);
    expect(texts(preview)).toEqual([]);
    expect(preview.changes).toEqual([]);
    const [a] = preview.actions;
    expect(a).toMatchObject({ performanceTarget: "90% asked", dueOn: "2026-03-31", change: "create" });
    expect(a!.leads.map((l) => l.kind === "existing" && l.id)).toEqual([3, 1]);
  });

  it("matches actions to commitments by wording when the file has no commitment column", () => {
    const preview = plan([
      ["Action", "Lead"],
      ["Priority 2: Help at the earliest point", ""],
      ["Build routine enquiry about domestic abuse into health settings", "Marston Police"],
    ]);
    expect(preview.actions[0]).toMatchObject({ commitment: { id: 201 }, match: "text" });
  });
});

describe("action plan import: matching commitments", () => {
  const row = (commitment: string) => [
    HEAD,
    ["Priority 1: Changing attitudes"],
    [commitment, "Act", "", "Marston Police", ""],
  ];

  it("matches small wording differences by text, with the score", () => {
    const preview = plan(
      row(
        "Train front-line staff across the partnership to recognise domestic abuse, ask safely and refer people on",
      ),
    );
    expect(preview.actions[0]).toMatchObject({ commitment: { id: 104 }, match: "text" });
    expect(preview.actions[0]!.score).toBeGreaterThan(0.75);
  });

  it("offers a row that matches nothing as a new commitment under the row's priority, numbered next", () => {
    const preview = plan(row("Offer a drop-in at every family hub"));
    expect(preview.newCommitments).toEqual([
      { number: "1.5", text: "Offer a drop-in at every family hub", priorityNumber: "1", row: 3 },
    ]);
    expect(preview.actions[0]).toMatchObject({ commitment: { kind: "new", number: "1.5" }, match: "new" });
  });

  it("matches by number even when the wording differs a lot, and says so", () => {
    const preview = plan(row("1.4 Something quite different"));
    expect(preview.actions[0]).toMatchObject({ commitment: { id: 104 }, match: "number" });
    expect(texts(preview)[0]).toMatch(
      /^Row 3, Priority: The file's 1.4 reads .* the row is matched by its number$/,
    );
  });

  it("matches a renumbered commitment by its wording, and says so", () => {
    const preview = plan(row("1.9 Run an awareness campaign every year, shaped by Experts by Experience"));
    expect(preview.actions[0]).toMatchObject({ commitment: { id: 101 }, match: "text" });
    expect(texts(preview)[0]).toMatch(/numbers this commitment 1.9, the strategy 1.1/);
  });

  it("creates a new numbered commitment and a new priority from a heading", () => {
    const preview = plan([
      HEAD,
      ["Priority 7: Working together"],
      ["7.1 Share information", "Act", "", "Police", ""],
    ]);
    expect(preview.newPriorities).toEqual([{ number: "7", title: "Working together", outcome: "", row: 2 }]);
    expect(preview.newCommitments[0]).toMatchObject({ number: "7.1", priorityNumber: "7" });
  });

  it("reads a Ref column as the commitment's number, without comparing the action's wording to it", () => {
    const preview = plan([
      ["Ref", "Action", "Lead agency"],
      ["1.4", "Train receptionists", "Marston Police"],
      ["2.9", "Something new", "Marston Police"],
    ]);
    expect(preview.actions[0]).toMatchObject({ commitment: { id: 104 }, match: "number" });
    expect(texts(preview)).toEqual([
      "Row 3, Ref: 2.9 is not in the strategy; give its wording after the number",
    ]);
  });

  it("puts a new commitment under the priority its number names, and refuses one that names no priority", () => {
    const preview = plan([
      HEAD,
      ["Priority 1: Changing attitudes"],
      ["2.9 Ask in pharmacies", "Act", "", "Marston Police", ""],
      ["9.1 Something", "Act", "", "Marston Police", ""],
    ]);
    expect(preview.newCommitments.map((c) => [c.number, c.priorityNumber])).toEqual([["2.9", "2"]]);
    expect(texts(preview)).toEqual([
      "Row 4, Priority: 9.1 is under priority 1 in the file, but its number says priority 9, which is not in the strategy",
    ]);
  });

  it("refuses a new commitment whose priority cannot be told", () => {
    const preview = plan([HEAD, ["8.1 Share information", "Act", "", "Police", ""]]);
    expect(texts(preview)[0]).toMatch(
      /^Row 2, Priority: 8.1 is not in the strategy and the file does not say which priority/,
    );
  });

  it("refuses priorities in a flat strategy", () => {
    const flat = { ...STRATEGY, framework: "flat" as const, priorities: [], itemLabel: "Recommendation" };
    const preview = plan([HEAD, ["Priority 1: X"], ["3 Do it", "Act", "", "Police", ""]], [], flat);
    expect(texts(preview)[0]).toMatch(/single numbered list of recommendations/);
  });
});

describe("action plan import: problems, leads and existing actions", () => {
  it("lists every problem with its row and column, in plain words", () => {
    const preview = plan([
      ["Priority", "What we will do", "Who will lead", "Due date"],
      ["", "An action before any commitment", "Police", ""],
      ["1.4 Train", "", "Police", ""],
      ["", "No lead", "", ""],
      ["", "Bad date", "Police", "next spring"],
      ["", "x".repeat(4001), "Police", ""],
    ]);
    expect(texts(preview)).toEqual([
      "Row 2, Priority: empty — the first action needs the commitment it delivers",
      "Row 3, What we will do: empty — every action needs to say what we will do",
      "Row 4, Who will lead: empty — every action needs a lead",
      'Row 5, Due date: "next spring" is not a date — write it like 31/12/2025',
      "Row 6, What we will do: longer than 4,000 characters",
    ]);
  });

  it("offers unknown leads as new organisations, suggesting an existing one that is close", () => {
    const preview = plan([
      HEAD,
      ["1.4 Train", "Act", "", "Lanternway / Marston police / New Org and Police", ""],
    ]);
    expect(preview.actions[0]!.leads.map((l) => `${l.kind}:${l.name}`)).toEqual([
      "new:Lanternway",
      "existing:Marston Police",
      "new:New Org",
      "new:Police",
    ]);
    expect(preview.newOrganisations.map((o) => [o.name, o.suggestion?.name ?? null])).toEqual([
      ["Lanternway", "Lanternway Domestic Abuse Support"],
      ["New Org", null],
      ["Police", "Marston Police"],
    ]);
  });

  it("leaves actions already in the plan alone and changes those that differ", () => {
    const existing: ExistingAction[] = [
      {
        id: 9,
        commitmentId: 104,
        what: "Run training",
        how: "Sessions",
        performanceTarget: "",
        dueOn: null,
        leadIds: [1],
      },
      { id: 10, commitmentId: 104, what: "Other", how: "", performanceTarget: "", dueOn: null, leadIds: [1] },
    ];
    const preview = plan(
      [
        HEAD,
        ["1.4 Train", "Run training", "Sessions", "Marston Police", ""],
        ["", "Other", "New how", "Marston Police", ""],
      ],
      existing,
    );
    expect(preview.actions.map((a) => [a.change, a.existingActionId])).toEqual([
      ["unchanged", 9],
      ["update", 10],
    ]);
  });

  it("says when a file has no actions at all", () => {
    expect(texts(plan([HEAD, ["Priority 1: Changing attitudes"]]))).toEqual([
      "The file has no actions under its headings",
    ]);
  });
});
