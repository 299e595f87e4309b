import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RoundTiming } from "../../src/domain/deadlines.ts";
import { RATINGS } from "../../src/domain/rag.ts";
import {
  csvField,
  isEditableStatus,
  isOwedUpdateLate,
  MAX_EVIDENCE_LINKS,
  type OwedUpdate,
  parseEvidenceLinks,
  submissionErrors,
  tallyByOrganisation,
  toCsv,
  type WorkStatus,
  workStatusOf,
} from "../../src/domain/round-rules.ts";

const round: RoundTiming = { deadline: "2025-10-15", graceDays: 7, reopened: false, closed: false };

describe("workStatusOf", () => {
  it("is not started without an update, and the update's status otherwise", () => {
    expect(workStatusOf(null)).toBe("not-started");
    expect(workStatusOf(undefined)).toBe("not-started");
    expect(workStatusOf({ status: "returned" })).toBe("returned");
  });
});

describe("isOwedUpdateLate", () => {
  it.each([
    [null, "2025-10-15", false], // not submitted, deadline day: on time
    [null, "2025-10-16", true], // not submitted, the day after: late (even in grace)
    ["2025-10-15", "2025-12-01", false], // submitted on the deadline day
    ["2025-10-16", "2025-10-16", true], // submitted the day after, within grace: late
  ] as const)("submitted %s, today %s → late %s", (submittedOn, today, late) => {
    expect(isOwedUpdateLate(submittedOn ? { submittedOn } : null, round, today)).toBe(late);
  });
});

const lead = (id: number, name = `Org ${id}`) => ({ id, name });
const STATUSES: WorkStatus[] = ["not-started", "draft", "submitted", "returned", "accepted"];
const owedUpdate: fc.Arbitrary<OwedUpdate> = fc.record({
  leads: fc
    .uniqueArray(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 3 })
    .map((ids) => ids.map((id) => lead(id))),
  status: fc.constantFrom(...STATUSES),
  late: fc.boolean(),
});

describe("tallyByOrganisation", () => {
  it("counts an action once for each of its leads, sorted by name", () => {
    const rows = tallyByOrganisation([
      { leads: [lead(2, "Police"), lead(1, "Council")], status: "submitted", late: false },
      { leads: [lead(2, "Police")], status: "not-started", late: true },
    ]);
    expect(rows.map((r) => r.name)).toEqual(["Council", "Police"]);
    expect(rows[1]).toEqual({
      organisationId: 2,
      name: "Police",
      due: 2,
      notStarted: 1,
      draft: 0,
      submitted: 1,
      returned: 0,
      accepted: 0,
      late: 1,
    });
  });

  it("always adds up: each organisation's states sum to what it owes, and the total owed is the leads counted", () => {
    fc.assert(
      fc.property(fc.array(owedUpdate, { maxLength: 30 }), (owed) => {
        const rows = tallyByOrganisation(owed);
        for (const r of rows) {
          expect(r.notStarted + r.draft + r.submitted + r.returned + r.accepted).toBe(r.due);
          expect(r.late).toBeLessThanOrEqual(r.due);
        }
        expect(rows.reduce((n, r) => n + r.due, 0)).toBe(owed.reduce((n, o) => n + o.leads.length, 0));
      }),
    );
  });
});

describe("parseEvidenceLinks", () => {
  it("reads one address per line, skipping blank lines", () => {
    expect(parseEvidenceLinks("https://example.org/a\r\n\n  http://example.org/b?x=1  \n")).toEqual({
      links: ["https://example.org/a", "http://example.org/b?x=1"],
    });
    expect(parseEvidenceLinks("")).toEqual({ links: [] });
  });

  it.each([
    ["https://example.org\nexample.org/report", 2],
    ["ftp://example.org/file", 1],
    ["javascript:alert(1)", 1],
    ["https://exa mple.org", 1],
    ["\n\nhttps://", 3],
  ])("reports the line of a bad address in %j", (text, line) => {
    const result = parseEvidenceLinks(text);
    expect("error" in result && result.error).toContain(`line ${line} `);
  });

  it("limits how many links there can be", () => {
    const text = Array.from({ length: MAX_EVIDENCE_LINKS + 1 }, (_, i) => `https://example.org/${i}`).join(
      "\n",
    );
    expect(parseEvidenceLinks(text)).toEqual({ error: `Enter ${MAX_EVIDENCE_LINKS} links or fewer` });
  });
});

/** A small RFC 4180 reader, to check that whatever is written reads back the same. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe("CSV", () => {
  it("quotes only what needs quoting and keeps formulas as text", () => {
    expect(csvField("Marston Police")).toBe("Marston Police");
    expect(csvField('Say "hello", please')).toBe('"Say ""hello"", please"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField("@cmd")).toBe("'@cmd");
    expect(csvField(-3)).toBe("-3");
    expect(toCsv(["a", "b"], [["x", 1]])).toBe("a,b\r\nx,1\r\n");
  });

  it("reads back exactly what was written (after the formula guard)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", " ", ",", '"', "\n", "\r", "=", "é", "1") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const back = readCsv(toCsv(["h1", "h2"], rows));
        const guard = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
        expect(back).toEqual([["h1", "h2"], ...rows.map((r) => r.map(guard))]);
      }),
    );
  });
});

describe("submissionErrors", () => {
  it("needs nothing more for a complete Green update", () => {
    expect(submissionErrors({ rating: "green", narrative: "On track", remedy: "" })).toEqual([]);
  });

  it("needs a rating and a narrative", () => {
    expect(submissionErrors({ rating: null, narrative: "  ", remedy: "" }).map((e) => e.field)).toEqual([
      "rating",
      "narrative",
    ]);
  });

  it("needs what we are doing about it for Red and Amber only", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RATINGS),
        fc.constantFrom("", " ", "Extra staff agreed"),
        (rating, remedy) => {
          const fields = submissionErrors({ rating, narrative: "Text", remedy }).map((e) => e.field);
          const needed = (rating === "red" || rating === "amber") && remedy.trim() === "";
          expect(fields).toEqual(needed ? ["remedy"] : []);
        },
      ),
    );
  });
});

describe("isEditableStatus", () => {
  it("lets the partner change a new, draft or returned update only", () => {
    expect(
      [undefined, "draft", "returned", "submitted", "accepted"].map((s) => isEditableStatus(s as never)),
    ).toEqual([true, true, true, false, false]);
  });
});
