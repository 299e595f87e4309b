// The reports a forward plan item or a context item can name: a report kind and its subject (a
// strategy, a plan or a round), labelled as the report pages label them.

import { listReportChoices } from "../../data/reports.ts";
import type { Executor } from "../../db/database.ts";
import {
  FORWARD_REPORT_KINDS,
  type ReportSubjectType,
  subjectTypeOf,
} from "../../domain/governance/routing.ts";
import type { FieldError } from "../errors.ts";

export interface SubjectChoice {
  id: number;
  label: string;
}

export type ReportSubjects = Record<ReportSubjectType, SubjectChoice[]>;

export async function reportSubjects(ex: Executor, partnershipId: number): Promise<ReportSubjects> {
  const choices = await listReportChoices(ex, partnershipId);
  return {
    strategy: choices.strategies.map((s) => ({ id: s.id, label: s.title })),
    plan: choices.plans.map((p) => ({ id: p.id, label: `${p.name} action plan` })),
    round: choices.rounds.map((r) => ({ id: r.id, label: r.name })),
  };
}

/** "Strategy review: Ashvale Domestic Abuse Strategy 2024–2029"; the title alone for another report. */
export function reportLabel(
  subjects: ReportSubjects,
  kind: string | null,
  subjectId: number | null,
  title = "",
): string {
  const kindLabel = FORWARD_REPORT_KINDS.find((k) => k.value === kind)?.label;
  if (!kind || !kindLabel) return title;
  const type = subjectTypeOf(kind);
  const subject = type ? subjects[type].find((s) => s.id === subjectId)?.label : undefined;
  return subject ? `${kindLabel}: ${subject}` : kindLabel;
}

/**
 * Checks a report kind and subject against the partnership's reports: the kind must be known, and a
 * kind with a subject needs one of the partnership's of the right type. "other" is stored as no kind.
 */
export function checkReport(
  subjects: ReportSubjects,
  kind: string,
  /** The form's choice: "strategy:12", "plan:3", "round:5" ("" for none). */
  subject: string,
  fields = { kind: "reportKind", subject: "subject" },
): { ok: true; kind: string | null; subjectId: number | null } | { ok: false; errors: FieldError[] } {
  if (!FORWARD_REPORT_KINDS.some((k) => k.value === kind))
    return { ok: false, errors: [{ field: fields.kind, message: "Select which report it is" }] };
  if (kind === "other") return { ok: true, kind: null, subjectId: null };
  const type = subjectTypeOf(kind);
  if (!type) return { ok: true, kind, subjectId: null };
  const [chosenType, chosenId] = subject.split(":");
  const subjectId = chosenType === type && /^\d{1,9}$/.test(chosenId ?? "") ? Number(chosenId) : null;
  if (subjectId === null || !subjects[type].some((s) => s.id === subjectId)) {
    const what = { strategy: "strategy", plan: "action plan", round: "update round" }[type];
    return {
      ok: false,
      errors: [{ field: fields.subject, message: `Select the ${what} the report is about` }],
    };
  }
  return { ok: true, kind, subjectId };
}

/** The form's value for a stored subject ("strategy:12"). */
export function subjectValue(kind: string | null, subjectId: number | null): string {
  const type = subjectTypeOf(kind);
  return type && subjectId !== null ? `${type}:${subjectId}` : "";
}
