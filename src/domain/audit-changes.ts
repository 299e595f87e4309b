// An audit entry's before and after JSON as rows a person can read: one per field that changed,
// with each value in words (dates as dates, lists one item a line, nested records as "field: value"
// lines), never raw JSON. Pure.

import { auditFieldLabel } from "./audit-labels.ts";
import { isRating, RATING_LABELS } from "./rag.ts";

export interface AuditChangeRow {
  field: string;
  /** Null when the record did not exist before (or the entry says nothing about it). */
  before: string | null;
  after: string | null;
}

/** Fields every edit changes, or that the log already shows (the record's number), which say nothing. */
const NOISE = new Set(["version", "updatedAt", "id", "partnershipId"]);

const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});
const longDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One value in words: "" and null are "None", dates are dates, lists and records one item a line. */
export function readableValue(value: unknown, key = "", depth = 0): string {
  if (value === null || value === undefined || value === "") return "None";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if ((key === "rating" || key === "derivedRating") && isRating(value)) return RATING_LABELS[value];
    // A status or role is a word of ours ("submitted"): shown as a word, capitalised.
    if ((key === "status" || key === "role" || key === "kind") && /^[a-z_-]+$/.test(value))
      return value.charAt(0).toUpperCase() + value.slice(1).replace(/[_-]/g, " ");
    if (TIMESTAMP.test(value)) {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) return dateTime.format(d);
    }
    if (DATE.test(value)) {
      const d = new Date(`${value}T00:00:00Z`);
      if (!Number.isNaN(d.getTime())) return longDate.format(d);
    }
    return value;
  }
  // A list: one item a line. A record: "Field: value" a line at the top, "Field: value; …" inside.
  if (Array.isArray(value)) {
    if (value.length === 0) return "None";
    return value.map((v) => readableValue(v, key, depth + 1)).join(depth === 0 ? "\n" : ", ");
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "None";
    return entries
      .map(([k, v]) => `${auditFieldLabel(k)}: ${readableValue(v, k, depth + 1).replace(/\n/g, "; ")}`)
      .join(depth === 0 ? "\n" : "; ");
  }
  return String(value);
}

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/**
 * The fields that differ between before and after, in the order the record lists them. A value
 * that is not a record (a bare list or text) is shown as one row, "Value".
 */
export function auditChanges(before: unknown, after: unknown): AuditChangeRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if ((before !== null && before !== undefined && !b) || (after !== null && after !== undefined && !a)) {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    return [
      {
        field: "Value",
        before: before === null || before === undefined ? null : readableValue(before),
        after: after === null || after === undefined ? null : readableValue(after),
      },
    ];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const rows: AuditChangeRow[] = [];
  for (const key of keys) {
    if (NOISE.has(key)) continue;
    const was = b ? b[key] : undefined;
    const now = a ? a[key] : undefined;
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    // A new record's empty fields say nothing.
    if (!b && (now === null || now === "" || (Array.isArray(now) && now.length === 0))) continue;
    rows.push({
      field: auditFieldLabel(key),
      before: b && was !== undefined ? readableValue(was, key) : null,
      after: a && now !== undefined ? readableValue(now, key) : null,
    });
  }
  return rows;
}
