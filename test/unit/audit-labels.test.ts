import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditChanges, readableValue } from "../../src/domain/audit-changes.ts";
import { AUDIT_ACTION_LABELS, auditActionLabel, auditFieldLabel } from "../../src/domain/audit-labels.ts";

const SRC = path.resolve(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith(".ts") ? [full] : [];
  });
}

/**
 * Every audit action string written in src/: `action: "…"` and the strings chosen for an
 * `auditAction`, in the shape actions have ("thing.verb", or a single word like "redaction") —
 * the demo's action texts (`action: "Fund two more IDVA posts"`) are sentences, not actions.
 */
function actionsUsedInSource(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\baction: "([^"]+)"/g)) {
      if (/^[a-z][a-z-]*(\.[a-z][a-z-]*)?$/.test(m[1] ?? "")) found.add(m[1] ?? "");
    }
    for (const m of text.matchAll(/[aA]uditAction\b[^;\n]*/g)) {
      for (const s of m[0].matchAll(/"([a-z][a-z-]*\.[a-z][a-z-]*)"/g)) found.add(s[1] ?? "");
    }
  }
  return [...found].sort();
}

describe("audit log labels", () => {
  it("has a readable label for every action the services write", () => {
    const used = actionsUsedInSource();
    expect(used).toEqual(
      expect.arrayContaining(["update.save", "update.submit", "update.accept", "redaction"]),
    );
    expect(used.filter((a) => !AUDIT_ACTION_LABELS[a])).toEqual([]);
  });

  it("says what happened in words", () => {
    expect(auditActionLabel("update.save")).toBe("Update saved");
    expect(auditActionLabel("update.submit")).toBe("Update submitted");
    expect(auditActionLabel("update.accept")).toBe("Update accepted");
    expect(auditActionLabel("update.return")).toBe("Update returned");
    expect(auditActionLabel("membership.create")).toBe("Person added");
    expect(auditActionLabel("redaction")).toBe("Redaction");
    expect(auditActionLabel("something.new")).toBe("something.new");
    expect(auditFieldLabel("narrative")).toBe("What has happened");
    expect(auditFieldLabel("reviewerUserId")).toBe("Reviewed by (person number)");
    expect(auditFieldLabel("someNewField")).toBe("Some new field");
  });
});

describe("audit log changes", () => {
  it("lists only the fields that changed, leaving out the version", () => {
    const rows = auditChanges(
      { narrative: "Old words", rating: "amber", status: "draft", version: 2, toNote: "" },
      { narrative: "New words", rating: "amber", status: "submitted", version: 3, toNote: "" },
    );
    expect(rows).toEqual([
      { field: "What has happened", before: "Old words", after: "New words" },
      { field: "Status", before: "Draft", after: "Submitted" },
    ]);
  });

  it("shows a new record's filled fields with nothing before", () => {
    expect(
      auditChanges(null, { id: 4, partnershipId: 1, name: "Lanternway", kind: "", rating: "green" }),
    ).toEqual([
      { field: "Name", before: null, after: "Lanternway" },
      { field: "Rating", before: null, after: "Green" },
    ]);
  });

  it("writes nested values, lists, dates and empty values in words, never as JSON", () => {
    expect(readableValue({ rating: "red", reason: "Behind plan" })).toBe("Rating: Red\nReason: Behind plan");
    expect(readableValue(["https://a.example", "https://b.example"])).toBe(
      "https://a.example\nhttps://b.example",
    );
    expect(readableValue("2025-10-15")).toBe("15 October 2025");
    expect(readableValue("2025-10-15T09:30:00.000Z")).toBe("15 Oct 2025, 10:30");
    expect(readableValue("")).toBe("None");
    expect(readableValue(true)).toBe("Yes");
    expect(
      readableValue([
        { description: "Launch", done: false },
        { description: "Review", done: true },
      ]),
    ).toBe("Description: Launch; Done: No\nDescription: Review; Done: Yes");
    expect(readableValue({ seeAlso: [3, 4], leads: { police: true } })).toBe(
      "See also (numbers): 3, 4\nLeads: Police: Yes",
    );
    const rows = auditChanges({ before: { a: 1 } }, { before: { a: 2 } });
    expect(rows.map((r) => r.after).join("")).not.toMatch(/[{}"]/);
  });
});
