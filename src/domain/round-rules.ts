// The rules of an update round that are not about dates (those are in deadlines.ts): what state each
// owed update is in, how the coordinator's chasing table counts them by organisation, how evidence
// links are read, and how a table is written as CSV.
//
// Pure: no I/O and no clock. `today` is passed in as a UK calendar date.

import { isLate, type RoundTiming } from "./deadlines.ts";
import type { IsoDate } from "./periods.ts";
import { type Rating, ratingNeedsRemedy } from "./rag.ts";

/** The stored states of an update. */
export type UpdateStatus = "draft" | "submitted" | "returned" | "accepted";

/** Where an owed update stands: not started (no update yet) or one of the stored states. */
export type WorkStatus = "not-started" | UpdateStatus;

export const WORK_STATUS_LABELS: Readonly<Record<WorkStatus, string>> = {
  "not-started": "Not started",
  draft: "Draft",
  submitted: "Submitted",
  returned: "Returned",
  accepted: "Accepted",
};

/** The GOV.UK tag colour of each state, so people see the same colour on every page. */
export const WORK_STATUS_TAG_CLASSES: Readonly<Record<WorkStatus, string>> = {
  "not-started": "govuk-tag--blue",
  draft: "govuk-tag--light-blue",
  submitted: "govuk-tag--purple",
  returned: "govuk-tag--yellow",
  accepted: "govuk-tag--green",
};

/** The state of an owed update: "not-started" when nobody has saved anything yet. */
export function workStatusOf(update: { status: UpdateStatus } | null | undefined): WorkStatus {
  return update ? update.status : "not-started";
}

/**
 * Whether an owed update counts as late on `today`: submitted after the deadline day, or not submitted
 * and the deadline has passed. WHY a returned update is judged on its first submission: the partner met
 * the deadline; the coordinator asked for a change afterwards, and that must not make them look late.
 */
export function isOwedUpdateLate(
  update: { submittedOn: IsoDate | null } | null | undefined,
  round: RoundTiming,
  today: IsoDate,
): boolean {
  return isLate(update?.submittedOn ?? null, round, today);
}

/** One owed update as the chasing table sees it: who leads the action, its state, whether it is late. */
export interface OwedUpdate {
  readonly leads: readonly { readonly id: number; readonly name: string }[];
  readonly status: WorkStatus;
  readonly late: boolean;
}

/** One row of the chasing table. */
export interface OrganisationTally {
  organisationId: number;
  name: string;
  /** Updates owed in the round (an action with two leads is owed by both). */
  due: number;
  notStarted: number;
  draft: number;
  submitted: number;
  returned: number;
  accepted: number;
  late: number;
}

/**
 * The coordinator's chasing table: per lead organisation, how many updates it owes and where they
 * stand. An action led jointly counts once for each of its leads, because each is asked for it.
 * Sorted by organisation name.
 */
export function tallyByOrganisation(owed: readonly OwedUpdate[]): OrganisationTally[] {
  const byId = new Map<number, OrganisationTally>();
  for (const item of owed) {
    for (const lead of item.leads) {
      let row = byId.get(lead.id);
      if (!row) {
        row = {
          organisationId: lead.id,
          name: lead.name,
          due: 0,
          notStarted: 0,
          draft: 0,
          submitted: 0,
          returned: 0,
          accepted: 0,
          late: 0,
        };
        byId.set(lead.id, row);
      }
      row.due += 1;
      if (item.status === "not-started") row.notStarted += 1;
      else row[item.status] += 1;
      if (item.late) row.late += 1;
    }
  }
  return [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name, "en-GB") || a.organisationId - b.organisationId,
  );
}

export const MAX_EVIDENCE_LINKS = 20;
const MAX_LINK_LENGTH = 2000;

/**
 * Reads evidence links typed one per line. Blank lines are skipped; every other line must be a web
 * address starting with http:// or https://. WHY report the line: in a list of ten addresses "one is
 * wrong" is no help; "line 4" is.
 */
export function parseEvidenceLinks(text: string): { links: string[] } | { error: string } {
  const lines = text.split(/\r\n|\r|\n/);
  const links: string[] = [];
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const lineNumber = index + 1;
    if (line.length > MAX_LINK_LENGTH) {
      return { error: `The link on line ${lineNumber} must be ${MAX_LINK_LENGTH} characters or fewer` };
    }
    if (!isWebAddress(line)) {
      return {
        error: `The link on line ${lineNumber} is not a web address. Enter one address on each line, starting with https://`,
      };
    }
    links.push(line);
  }
  if (links.length > MAX_EVIDENCE_LINKS) {
    return { error: `Enter ${MAX_EVIDENCE_LINKS} links or fewer` };
  }
  return { links };
}

function isWebAddress(text: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+/i.test(text) || /\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * One CSV field: quoted when it holds a comma, quote or line break (RFC 4180), with quotes doubled.
 * WHY the apostrophe: a cell starting with = + - @ (or a tab or carriage return) is run as a formula
 * by spreadsheet programs; an organisation called "=HYPERLINK(…)" must stay text when opened in Excel.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table as CSV: a header row, then the rows, lines ended with CRLF as RFC 4180 asks. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

/** A partner may change an update that is new, a draft or returned; not one waiting for review or accepted. */
export function isEditableStatus(status: UpdateStatus | undefined): boolean {
  return status === undefined || status === "draft" || status === "returned";
}

/** The answers on the update form that matter for submitting it. */
export interface UpdateAnswers {
  readonly rating: Rating | null;
  readonly narrative: string;
  readonly remedy: string;
}

/**
 * What a submission needs, as field errors (a draft needs nothing): a rating, a narrative, and for Red
 * or Amber "what we are doing about it".
 */
export function submissionErrors(answers: UpdateAnswers): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (answers.rating === null) errors.push({ field: "rating", message: "Select a rating" });
  if (answers.narrative.trim() === "") {
    errors.push({ field: "narrative", message: "Enter what has happened since the last update" });
  }
  if (answers.rating !== null && ratingNeedsRemedy(answers.rating) && answers.remedy.trim() === "") {
    const word = answers.rating === "red" ? "Red" : "Amber";
    errors.push({
      field: "remedy",
      message: `Enter what we are doing about it: it is needed when the rating is ${word}`,
    });
  }
  return errors;
}

/** The states in which an owed update still needs its author: nothing sent yet, or sent back. */
const OUTSTANDING: ReadonlySet<WorkStatus> = new Set<WorkStatus>(["not-started", "draft", "returned"]);

/** How many of a round's owed updates are still to be submitted, for "You owe 4 updates for …". */
export function countOutstanding(items: readonly { status: WorkStatus }[]): number {
  return items.filter((i) => OUTSTANDING.has(i.status)).length;
}
