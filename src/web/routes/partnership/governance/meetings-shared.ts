// What the meeting routes share (issue 13, part B): the text fields' schema, the version a form
// was opened at, and the choices the forms offer, labelled as the pages say them.

import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { ReportChoices } from "../../../../data/reports.ts";
import { AGENDA_REPORT_KINDS } from "../../../../domain/governance/agenda.ts";
import type { FieldError } from "../../../../services/errors.ts";
import { type FormValues, readDate } from "../../../forms.ts";
import { base } from "../../helpers.ts";

export const text = (limit: number) =>
  z.string().trim().max(limit, `Must be ${limit} characters or fewer`).default("");

export const required = (limit: number, message: string) =>
  z.string().trim().min(1, message).max(limit, `Must be ${limit} characters or fewer`);

/** An optional id from a select: "" is none. */
export const optionalId = z
  .string()
  .default("")
  .refine((v) => v === "" || /^\d{1,9}$/.test(v), "Select one of the options")
  .transform((v) => (v === "" ? null : Number(v)));

export const versionField = z
  .string()
  .regex(/^\d{1,9}$/, "Reload the page and try again")
  .transform(Number);

/** A report an agenda item can be about, as the select's value: "strategy-review:12", "key-statistics". */
export function reportOptions(reports: ReportChoices) {
  const out: { value: string; text: string }[] = [];
  for (const kind of AGENDA_REPORT_KINDS) {
    if (kind.subject === null) out.push({ value: kind.value, text: kind.label });
    else if (kind.subject === "strategy")
      for (const s of reports.strategies)
        out.push({ value: `${kind.value}:${s.id}`, text: `${kind.label}: ${s.title}` });
    else if (kind.subject === "plan")
      for (const p of reports.plans)
        out.push({ value: `${kind.value}:${p.id}`, text: `${kind.label}: ${p.name} action plan` });
    else
      for (const r of reports.rounds)
        out.push({ value: `${kind.value}:${r.id}`, text: `${kind.label}: ${r.name}` });
  }
  return out;
}

/** Where an agenda item's report is read, and its name. */
export function reportLink(
  request: FastifyRequest,
  reports: ReportChoices,
  kind: string | null,
  subjectId: number | null,
): { href: string; text: string } | null {
  const p = base(request);
  const entry = AGENDA_REPORT_KINDS.find((k) => k.value === kind);
  if (!entry) return null;
  if (entry.subject === null) return { href: `${p}/indicators`, text: entry.label };
  const name =
    entry.subject === "strategy"
      ? reports.strategies.find((s) => s.id === subjectId)?.title
      : entry.subject === "plan"
        ? reports.plans.find((s) => s.id === subjectId)?.name
        : reports.rounds.find((s) => s.id === subjectId)?.name;
  const param = entry.subject === "round" ? "round" : entry.subject;
  return {
    href: `${p}/reports/${entry.value}?${param}=${subjectId}`,
    text: name ? `${entry.label}: ${name}${entry.subject === "plan" ? " action plan" : ""}` : entry.label,
  };
}

/** A GOV.UK date input's value, or the field error. */
export function dateField(
  values: FormValues,
  name: string,
  label: string,
  requiredMessage?: string,
): { error: FieldError } | { value: string | null } {
  const read = readDate(values, name, label);
  if ("error" in read) return { error: { field: name, message: read.error } };
  if (read.value === "" && requiredMessage) return { error: { field: name, message: requiredMessage } };
  return { value: read.value === "" ? null : read.value };
}

export function one(values: FormValues, name: string): string {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}
