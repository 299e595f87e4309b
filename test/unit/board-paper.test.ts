import { describe, expect, it } from "vitest";
import { draftBoardSummary, leadingSentences } from "../../src/domain/board-paper.ts";
import { coverSections, textBlocks } from "../../src/reports/board-paper.ts";
import { continuationRows, ROW_TEXT_LIMIT } from "../../src/reports/docx-progress.ts";
import type { Cell } from "../../src/reports/model.ts";
import { reportRating } from "../../src/reports/model.ts";

describe("board summary drafts", () => {
  it("keeps whole sentences from the start, and cuts a single long sentence at a word", () => {
    expect(leadingSentences("One. Two is longer. Three.", 20)).toBe("One. Two is longer.");
    expect(leadingSentences("3.5 per cent rose. Next.", 18)).toBe("3.5 per cent rose.");
    const long = leadingSentences(`${"word ".repeat(60)}end.`, 50);
    expect(long.length).toBeLessThanOrEqual(50);
    expect(long.endsWith("…")).toBe(true);
    expect(long).not.toMatch(/wor…$/);
  });

  it("takes the leading sentences of each action's latest narrative, a few sentences in all", () => {
    const draft = draftBoardSummary([
      "Training framework approved in February. Level 1 e-learning will follow in the spring.",
      "92 staff trained this quarter. 87% feel more confident.",
      "A third action's long story that would not fit. ".repeat(5),
    ]);
    expect(draft.startsWith("Training framework approved in February.")).toBe(true);
    expect(draft).toContain("92 staff trained this quarter.");
    expect(draft).not.toContain("third action");
    expect(draft.length).toBeLessThanOrEqual(220);
    expect(draftBoardSummary([])).toBe("");
    expect(draftBoardSummary(["", "  "])).toBe("");
  });
});

describe("the covering report", () => {
  it("reads typed text as paragraphs and bulleted lists", () => {
    expect(textBlocks("First line\nsame paragraph.\n\n- one\n- two\n  carried on\n\nLast.")).toEqual([
      { kind: "paragraph", text: "First line same paragraph." },
      { kind: "bullets", items: ["one", "two carried on"] },
      { kind: "paragraph", text: "Last." },
    ]);
    expect(textBlocks("  \n\n ")).toEqual([]);
  });

  it("puts the sections in the council's order, leaves out empty ones, and ends with the contact officer", () => {
    const sections = coverSections({
      purpose: "Why.",
      summary: "",
      achievements: "- Done",
      priorities: "Next.",
      recommendations: "Note it.",
      contactName: "Rachel Example",
      contactRole: "",
      contactEmail: "rachel@example.org",
      contactPhone: "",
      freeSections: [
        { title: "Legislation update", text: "The Bill passed." },
        { title: "", text: "" },
      ],
    });
    expect(sections.map((s) => s.heading)).toEqual([
      "Purpose of the report",
      "Recommendations and decisions asked of the board",
      "Key achievements",
      "Priorities for the next period",
      "Legislation update",
      "Contact officer",
    ]);
    expect(sections.at(-1)?.blocks).toEqual([
      { kind: "paragraph", lead: "Name of contact officer:", text: "Rachel Example" },
      { kind: "paragraph", lead: "E-mail:", text: "rachel@example.org" },
    ]);
  });
});

describe("Word continuation rows", () => {
  const row = (entries: number): Cell[] => [
    { kind: "text", lead: "1.1", text: "Implement consistent policies" },
    {
      kind: "progress",
      seeAlso: ["1.4"],
      years: [
        {
          year: "2024/25",
          entries: Array.from({ length: entries }, (_, i) => ({
            text: `Entry ${i} ${"x".repeat(300)}`,
            source: "Police, Q1",
          })),
          toNote: ["A point to note"],
        },
      ],
      notes: ["Rating set by the coordinator: reason."],
      empty: "None.",
    },
    { kind: "rating", rating: reportRating("amber") },
  ];

  it("leaves a short row alone", () => {
    expect(continuationRows(row(2))).toHaveLength(1);
  });

  it("splits a long row into rows labelled with the commitment's number, each within the limit", () => {
    const rows = continuationRows(row(20));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[0]?.[0]).toEqual({ kind: "text", lead: "1.1", text: "Implement consistent policies" });
    for (const r of rows.slice(1)) {
      expect(r[0]).toEqual({ kind: "text", lead: "1.1 (continued)", text: "" });
      expect(r[2]).toEqual({ kind: "text", text: "" });
    }
    expect(rows[0]?.[2]?.kind).toBe("rating");
    const progress = rows.map((r) => r[1]).filter((c) => c?.kind === "progress");
    const entries = progress.flatMap((c) =>
      c?.kind === "progress" ? c.years.flatMap((y) => y.entries) : [],
    );
    expect(entries).toHaveLength(20);
    for (const c of progress) {
      if (c?.kind !== "progress") continue;
      expect(c.years.every((y) => y.year === "2024/25")).toBe(true);
      const length = c.years.reduce((n, y) => n + y.entries.reduce((m, e) => m + e.text.length, 0), 0);
      expect(length).toBeLessThanOrEqual(ROW_TEXT_LIMIT);
    }
    // See-also first, the year's "to note" and the coordinator's note last, each once.
    expect(progress[0]?.kind === "progress" && progress[0].seeAlso).toEqual(["1.4"]);
    const last = progress.at(-1);
    expect(last?.kind === "progress" && last.notes).toEqual(["Rating set by the coordinator: reason."]);
    expect(last?.kind === "progress" && last.years.at(-1)?.toNote).toEqual(["A point to note"]);
  });
});
