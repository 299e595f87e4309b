// The words of Waymark's e-mails: plain text, short, in plain English (the GOV.UK Notify style): say
// what is needed and by when, give the link, stop. They name rounds, actions and organisations, never
// anything about the people the partnership supports.
//
// Pure: every function takes what it needs and returns a subject and a body.

import { parseIsoDate } from "../domain/periods.ts";

export interface MailContent {
  subject: string;
  text: string;
}

export interface ActionLine {
  /** E.g. "1.4 Train and raise awareness among key social role models". */
  label: string;
}

const DATE_PARTS = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "2025-10-15" → "Wednesday 15 October 2025" (the GOV.UK style: no commas). */
export function mailDate(isoDate: string): string {
  const parsed = parseIsoDate(isoDate);
  if (!parsed) return isoDate;
  const parts = DATE_PARTS.formatToParts(new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day)));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}`;
}

const MAX_LABEL = 160;
const MAX_LINES = 30;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_LABEL ? `${flat.slice(0, MAX_LABEL - 1).trimEnd()}…` : flat;
}

/** A bulleted list, cut short with "and N more" so a long list does not swamp the message. */
function bullets(lines: readonly string[], indent = ""): string {
  const shown = lines.slice(0, MAX_LINES).map((l) => `${indent}* ${oneLine(l)}`);
  if (lines.length > MAX_LINES) shown.push(`${indent}* and ${lines.length - MAX_LINES} more`);
  return shown.join("\n");
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const FOOTER = "This is an automatic email from Waymark. Replies to it are not read.";

function body(parts: readonly (string | null)[]): string {
  return `${parts.filter((p): p is string => p !== null).join("\n\n")}\n\n${FOOTER}\n`;
}

export interface PartnerReminder {
  partnershipName: string;
  recipientName: string;
  organisationName: string;
  roundName: string;
  deadline: string;
  actions: readonly ActionLine[];
  /** The full link to "Your updates". */
  yourUpdatesUrl: string;
}

/** To a partner editor when a round opens: what their organisation is asked to update, and by when. */
export function roundOpenedMail(m: PartnerReminder): MailContent {
  return {
    subject: `${m.roundName}: send your updates by ${mailDate(m.deadline)}`,
    text: body([
      `Hello ${m.recipientName},`,
      `${m.partnershipName} has asked for progress updates for ${m.roundName}. ${m.organisationName} leads ${count(m.actions.length, "action")} that need an update:`,
      bullets(m.actions.map((a) => a.label)),
      `Send your updates by ${mailDate(m.deadline)}:\n${m.yourUpdatesUrl}`,
    ]),
  };
}

/** Some days before the deadline, to editors whose organisation has not submitted everything. */
export function deadlineApproachingMail(m: PartnerReminder): MailContent {
  return {
    subject: `Reminder: ${m.roundName} updates are due on ${mailDate(m.deadline)}`,
    text: body([
      `Hello ${m.recipientName},`,
      `${m.organisationName} still needs to send ${count(m.actions.length, "update")} for ${m.roundName} to ${m.partnershipName}:`,
      bullets(m.actions.map((a) => a.label)),
      `The deadline is ${mailDate(m.deadline)}.`,
      `Send your updates:\n${m.yourUpdatesUrl}`,
      "Drafts you have saved are kept. Ignore this email if you have submitted since it was sent.",
    ]),
  };
}

/** On the deadline day, to editors whose organisation still owes updates. */
export function dueTodayMail(m: PartnerReminder): MailContent {
  return {
    subject: `${m.roundName} updates are due today`,
    text: body([
      `Hello ${m.recipientName},`,
      `Today, ${mailDate(m.deadline)}, is the deadline for ${m.roundName} updates to ${m.partnershipName}. ${m.organisationName} still needs to send ${count(m.actions.length, "update")}:`,
      bullets(m.actions.map((a) => a.label)),
      `Send your updates today:\n${m.yourUpdatesUrl}`,
      "Ignore this email if you have submitted since it was sent.",
    ]),
  };
}

export interface LateSummary {
  partnershipName: string;
  recipientName: string;
  roundName: string;
  deadline: string;
  /** The last day of the grace period. */
  graceEndedOn: string;
  organisations: readonly { name: string; actions: readonly ActionLine[] }[];
  /** The full link to the round's page, where the coordinator chases. */
  roundUrl: string;
}

/** After the grace period, to each coordinator: which organisations are late and what they owe. */
export function lateSummaryMail(m: LateSummary): MailContent {
  const n = m.organisations.length;
  const graceWords =
    m.graceEndedOn === m.deadline ? "" : ` The grace period ended on ${mailDate(m.graceEndedOn)}.`;
  const list = m.organisations
    .map(
      (o) =>
        `${oneLine(o.name)} (${count(o.actions.length, "update")} missing):\n${bullets(
          o.actions.map((a) => a.label),
          "  ",
        )}`,
    )
    .join("\n\n");
  return {
    subject: `${m.roundName}: ${count(n, "organisation has", "organisations have")} not sent all their updates`,
    text: body([
      `Hello ${m.recipientName},`,
      `The deadline for ${m.roundName} updates to ${m.partnershipName} was ${mailDate(m.deadline)}.${graceWords} These organisations have not sent all their updates:`,
      list,
      `See the round and chase them:\n${m.roundUrl}`,
      "To accept late updates, reopen the round.",
    ]),
  };
}

export interface ContractReminderMail {
  partnershipName: string;
  recipientName: string;
  service: string;
  reminder: { reason: "contract-end" | "extension-decision"; about: string; months: number };
  latestEndOn: string | null;
  contractUrl: string;
}

/** To each coordinator, a set number of months before a contract ends or its extension decision is due. */
export function contractReminderMail(m: ContractReminderMail): MailContent {
  const service = oneLine(m.service);
  const ending = m.reminder.reason === "contract-end";
  const extensions =
    ending && m.latestEndOn && m.latestEndOn > m.reminder.about
      ? ` It can be extended to ${mailDate(m.latestEndOn)}.`
      : "";
  return {
    subject: ending
      ? `${service}: the contract ends on ${mailDate(m.reminder.about)}`
      : `${service}: the extension decision is due on ${mailDate(m.reminder.about)}`,
    text: body([
      `Hello ${m.recipientName},`,
      ending
        ? `The ${m.partnershipName} contract for ${service} ends on ${mailDate(m.reminder.about)}, within ${count(m.reminder.months, "month")}.${extensions}`
        : `The decision whether to extend the ${m.partnershipName} contract for ${service} is due on ${mailDate(m.reminder.about)}, within ${count(m.reminder.months, "month")}.`,
      ending
        ? "Plan what happens next: an extension, a new procurement, or the end of the service."
        : "Put the decision on the agenda of the board that takes it.",
      `See the contract:\n${m.contractUrl}`,
    ]),
  };
}

/** The words for the outbox page's "Type" column; unknown kinds are shown as stored. */
export const MAIL_KIND_LABELS: Readonly<Record<string, string>> = {
  "round-opened": "Round opened",
  "update-returned": "Update returned",
  "reminder-deadline-approaching": "Deadline approaching",
  "reminder-due-today": "Due today",
  "reminder-late-summary": "Late summary",
  "pack-report-due": "Report due for a pack",
  "pack-report-overdue": "Report overdue for a pack",
  "reminder-contract-end": "Contract ending",
  "reminder-extension-decision": "Extension decision due",
  "two-factor-reset": "Two-factor reset",
};

export function mailKindLabel(kind: string): string {
  return MAIL_KIND_LABELS[kind] ?? kind;
}
