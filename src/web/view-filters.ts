import type nunjucks from "nunjucks";
import { formatPounds } from "../domain/funding/money.ts";
import { RATING_LABELS } from "../domain/rag.ts";
import { WORK_STATUS_LABELS, WORK_STATUS_TAG_CLASSES } from "../domain/round-rules.ts";
import { TEXT_LIMITS } from "../domain/text-limits.ts";
import { serviceTypeItems } from "./routes/partnership/funding/service-type-field.ts";

const longDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

/** "2025-03-31" → "31 March 2025", the GOV.UK style for dates. */
export function formatDate(value: unknown): string {
  if (!value) return "";
  const d = value instanceof Date ? value : new Date(`${String(value).slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? String(value) : longDate.format(d);
}

export function formatDateTime(value: unknown): string {
  if (!value) return "";
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? String(value) : dateTime.format(d);
}

export function registerFilters(env: nunjucks.Environment): void {
  env.addFilter("date", formatDate);
  env.addFilter("dateTime", formatDateTime);
  env.addFilter(
    "plural",
    (n: number, one: string, many?: string) => `${n} ${n === 1 ? one : (many ?? `${one}s`)}`,
  );
  // Money is whole pence: £8,000 or £8,000.50 (domain/funding/money.ts), never a float.
  env.addFilter("pounds", (pence: number | null | undefined) =>
    pence === null || pence === undefined ? "" : formatPounds(pence),
  );
  // The contract and allocation forms' select of the kind of service (regional spend by service type).
  env.addGlobal("serviceTypeItems", serviceTypeItems);
  env.addFilter("json", (value: unknown) => JSON.stringify(value, null, 2));
  // One label and one tag colour per update state on every page (the partner's list, the round, the update).
  env.addGlobal("workStatusLabels", WORK_STATUS_LABELS);
  env.addGlobal("workStatusTagClasses", WORK_STATUS_TAG_CLASSES);
  // Select options with the chosen one marked: `options | selectedOption(value)`.
  env.addFilter("selectedOption", (options: { value: string; text: string }[], chosen: string) =>
    options.map((o) => ({ ...o, selected: o.value === chosen })),
  );
  env.addGlobal("ratingFilterLabels", { ...RATING_LABELS, none: "Not rated yet" });
  // The character counts' limits, the same numbers the route schemas check.
  env.addGlobal("textLimits", TEXT_LIMITS);
  // Nunjucks' own `string` throws on a missing value; a form posted without one of its fields (no
  // browser does, anyone can) must show the form again, not fail to render it.
  env.addFilter("string", (value: unknown) => (value === undefined || value === null ? "" : String(value)));
}
