// The personal-data guard at the point text is saved. Every service that stores text people write
// calls `guardText` with its free-text fields before it writes anything, so the web, the API and the
// command line all get the same check. A new free-text field joins by being named in that call.

import {
  describeFinding,
  type Finding,
  findPersonalData,
  kindsOf,
  type PersonalDataKind,
} from "../../domain/privacy/index.ts";
import { type FieldError, ValidationError } from "../errors.ts";
import type { AuditRecord } from "../unit-of-work.ts";

/** Field name (also the form element's id) → the text, or lines of text, in it. */
export type FreeTextFields = Record<string, string | readonly string[] | null | undefined>;

export interface FieldFindings {
  field: string;
  findings: Finding[];
}

export interface GuardOptions {
  /** The writer has stated that the text identifies nobody (the form's "This text identifies nobody"). */
  identifiesNobody?: boolean;
}

/**
 * The text may identify a person: one FieldError per field, with what was found in it, together with
 * any other errors the same form has (`alongside`), so the writer sees every problem at once. Errors
 * are in `fieldOrder` (the form's order); fields not in it, such as a rating, come first.
 */
export class PersonalDataError extends ValidationError {
  constructor(
    readonly found: FieldFindings[],
    alongside: FieldError[] = [],
    fieldOrder: readonly string[] = [],
  ) {
    const position = (field: string) => fieldOrder.indexOf(field);
    super(
      [
        ...alongside,
        ...found.map(({ field, findings }) => ({ field, message: personalDataMessage(findings) })),
      ].sort((x, y) => position(x.field) - position(y.field)),
    );
    this.name = "PersonalDataError";
  }
}

/** "This may identify a person: a date of birth, 14/02/1988. Remove it, or confirm below that it identifies nobody" */
export function personalDataMessage(findings: readonly Finding[]): string {
  const what = findings.map(describeFinding).join("; ");
  return (
    `This may identify a person: ${what}. ` +
    `Remove ${findings.length === 1 ? "it" : "them"}, or confirm below that it identifies nobody`
  );
}

/**
 * The body an API answers a refused write with (422): one entry per field with the kinds found, so a
 * client can show them and send the write again with `identifiesNobody: true` if it is sure.
 */
export function personalDataProblem(error: PersonalDataError) {
  return {
    error: "The text may identify a person",
    identifiesNobody: "send identifiesNobody: true to save it anyway, if it identifies nobody",
    findings: error.found.map(({ field, findings }) => ({
      field,
      kinds: kindsOf(findings),
      message: personalDataMessage(findings),
    })),
  };
}

/** What each field holds that may identify a person; fields with nothing are left out. */
export function checkFreeText(fields: FreeTextFields): FieldFindings[] {
  const found: FieldFindings[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    const text = typeof value === "string" ? value : value.join("\n");
    const findings = findPersonalData(text);
    if (findings.length > 0) found.push({ field, findings });
  }
  return found;
}

/**
 * Refuses text that may identify a person (PersonalDataError) unless the writer has stated that it
 * identifies nobody; then returns what was found, for `acknowledgementAudit` in the same transaction.
 */
export function guardText(
  fields: FreeTextFields,
  options: GuardOptions = {},
  /** Other errors of the same form, reported with a hit (in the order of the form's fields). */
  alongside: FieldError[] = [],
): FieldFindings[] {
  const found = checkFreeText(fields);
  if (found.length > 0 && options.identifiesNobody !== true) {
    throw new PersonalDataError(found, alongside, Object.keys(fields));
  }
  return found;
}

/**
 * The audit entry for a writer's statement that flagged text identifies nobody: the fields and the
 * kinds found, never the text. Nothing is recorded when nothing was found.
 */
export function recordAcknowledgement(
  audit: (record: AuditRecord) => void,
  found: readonly FieldFindings[],
  record: Pick<AuditRecord, "partnershipId" | "entityType" | "entityId">,
): void {
  if (found.length === 0) return;
  const fields: Record<string, PersonalDataKind[]> = {};
  for (const f of found) fields[f.field] = kindsOf(f.findings);
  audit({
    ...record,
    action: "privacy.acknowledged",
    after: { fields, kinds: kindsOf(found.flatMap((f) => f.findings)) },
  });
}

/** An update's free-text fields, named as the update form names them. */
export function updateFreeText(update: {
  narrative: string;
  remedy: string;
  toNote: string;
  evidenceLinks: readonly string[];
}): FreeTextFields {
  const { narrative, remedy, toNote, evidenceLinks } = update;
  return { narrative, remedy, toNote, evidenceLinks };
}
