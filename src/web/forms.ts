import type { z } from "zod";
import { refusedCharactersMessage, refusedPaths } from "../domain/text-safety.ts";
import type { FieldError } from "../services/errors.ts";
import { markRefusedFields, refusedFields } from "./plugins/refused-input.ts";

// Helpers for the GOV.UK form pattern: validate with zod, and on failure re-render the page with an
// error summary whose links go to each field, keeping what the user typed.

export interface ErrorSummaryItem {
  text: string;
  href: string;
}

export type FormValues = Record<string, string | string[] | undefined>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/**
 * Reads a url-encoded body into plain string / string[] values. Fields that held characters Waymark
 * cannot store (plugins/refused-input.ts) stay marked on the values, for parseForm to report.
 */
export function formValues(body: unknown): FormValues {
  if (!body || typeof body !== "object") return {};
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === "string") values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === "string");
  }
  markRefusedFields(values, refusedFields(body));
  return values;
}

/** The GOV.UK field errors for fields of these values that held characters Waymark cannot store. */
export function refusedFieldErrors(values: unknown): FieldError[] {
  // A date's day, month or year box reports on the date, as the route's own date errors do.
  const fields = new Set(
    [...refusedFields(values), ...refusedPaths(values).map((p) => p.split(".")[0] ?? p)].map((f) =>
      f.replace(/-(day|month|year)$/, ""),
    ),
  );
  return [...fields].map((field) => ({ field, message: refusedCharactersMessage(field) }));
}

/**
 * Validates form values with a route's zod schema. A field that held characters Waymark cannot store
 * is refused first, whatever the schema says, so no route can save such text.
 */
export function parseForm<S extends z.ZodType>(schema: S, values: unknown): FormResult<z.infer<S>> {
  const refused = refusedFieldErrors(values);
  const result = schema.safeParse(values);
  if (result.success && refused.length === 0) return { ok: true, data: result.data };
  const errors: FieldError[] = [...refused];
  const seen = new Set<string>(refused.map((e) => e.field));
  for (const issue of result.success ? [] : result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (seen.has(field)) continue; // one message per field, the first is the most basic
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return { ok: false, errors };
}

/**
 * The error summary's links. Date inputs link to their day field and checkbox groups to their first
 * box, as GOV.UK Frontend gives those elements these ids.
 */
export function errorSummary(errors: FieldError[], anchors: Record<string, string> = {}): ErrorSummaryItem[] {
  return errors.map((e) => ({ text: e.message, href: `#${anchors[e.field] ?? e.field}` }));
}

/** Field name → message, for each component's errorMessage. */
export function errorMap(errors: FieldError[]): Record<string, { text: string }> {
  return Object.fromEntries(errors.map((e) => [e.field, { text: e.message }]));
}

/** The personal-data guard's checkbox, "This text identifies nobody", is ticked. */
export function statesIdentifiesNobody(values: FormValues): boolean {
  return asArray(values.identifiesNobody).includes("yes");
}

export function asArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * GOV.UK date input: three boxes (name-day, name-month, name-year) → "YYYY-MM-DD", "" when all are
 * empty, or an error message a person understands.
 */
export function readDate(
  values: FormValues,
  name: string,
  label: string,
): { value: string } | { error: string } {
  const part = (p: string) => String(values[`${name}-${p}`] ?? "").trim();
  const [day, month, year] = [part("day"), part("month"), part("year")];
  if (!day && !month && !year) return { value: "" };
  if (!day || !month || !year) {
    const missing = [!day && "day", !month && "month", !year && "year"].filter(Boolean).join(" and ");
    return { error: `${label} must include a ${missing}` };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { error: `${label} must be a real date` };
  }
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    return { error: `${label} must be a real date` };
  }
  return { value: iso };
}

/** "2025-03-31" → {day: "31", month: "3", year: "2025"} for the date input's items. */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  if (!iso) return { day: "", month: "", year: "" };
  const [year = "", month = "", day = ""] = iso.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}
