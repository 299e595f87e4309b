import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dateParts, errorSummary, parseForm, readDate, refusedFieldErrors } from "../../src/web/forms.ts";

describe("GOV.UK date inputs", () => {
  const read = (day: string, month: string, year: string) =>
    readDate({ "due-day": day, "due-month": month, "due-year": year }, "due", "The due date");

  it("reads a real date into ISO form", () => {
    expect(read("1", "4", "2025")).toEqual({ value: "2025-04-01" });
    expect(read(" 31 ", "03", "2026")).toEqual({ value: "2026-03-31" });
  });

  it("treats three empty boxes as no date", () => {
    expect(read("", "", "")).toEqual({ value: "" });
  });

  it("names the missing parts", () => {
    expect(read("", "4", "")).toEqual({ error: "The due date must include a day and year" });
  });

  it("refuses dates that do not exist", () => {
    expect(read("31", "2", "2025")).toEqual({ error: "The due date must be a real date" });
    expect(read("29", "2", "2023")).toEqual({ error: "The due date must be a real date" });
    expect(read("29", "2", "2024")).toEqual({ value: "2024-02-29" });
    expect(read("1", "13", "2025")).toEqual({ error: "The due date must be a real date" });
    expect(read("1", "1", "25")).toEqual({ error: "The due date must be a real date" });
  });

  it("round-trips through dateParts", () => {
    expect(dateParts("2025-03-09")).toEqual({ day: "9", month: "3", year: "2025" });
    expect(dateParts(null)).toEqual({ day: "", month: "", year: "" });
  });
});

describe("form errors", () => {
  const schema = z.object({
    name: z.string().min(1, "Enter a name"),
    age: z.coerce.number().int("Whole number"),
  });

  it("gives one message per field, in field order, linked to each field", () => {
    const result = parseForm(schema, { name: "", age: "1.5" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: "name", message: "Enter a name" },
      { field: "age", message: "Whole number" },
    ]);
    expect(errorSummary(result.errors, { age: "age-day" })).toEqual([
      { text: "Enter a name", href: "#name" },
      { text: "Whole number", href: "#age-day" },
    ]);
  });
});

describe("fields holding characters Waymark cannot store", () => {
  it("are refused first, one message per field, a date's boxes as the date", () => {
    const result = parseForm(z.object({ name: z.string(), note: z.string().min(1, "Enter a note") }), {
      name: "a\u0000b",
      note: "",
      "startsOn-day": "1\u0001",
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: "name",
          message: expect.stringContaining("Name must not contain hidden or control characters"),
        },
        { field: "startsOn", message: expect.stringContaining("Starts on must not contain") },
        { field: "note", message: "Enter a note" },
      ],
    });
  });

  it("are refused even when the schema would accept them", () => {
    expect(parseForm(z.object({ name: z.string() }), { name: "ok\u000B" }).ok).toBe(false);
    expect(refusedFieldErrors({ name: "fine", list: ["x", "y\u0000"] })).toEqual([
      { field: "list", message: expect.any(String) },
    ]);
  });
});
