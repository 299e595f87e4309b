// The decision log and the action log as Word and Excel files (issue 13, part B): one table each,
// drawn by the reports' own renderers (render-docx, render-xlsx), so the files look like every other
// Waymark document and LibreOffice opens them the same way.

import { DECISION_STATUSES, labelOf, MEETING_ACTION_STATUSES } from "../../domain/governance/vocabulary.ts";
import type { Cell, ReportDocument } from "../model.ts";

export interface DecisionLogRow {
  decision: {
    reference: string;
    decision: string;
    reasons: string;
    alternativesConsidered: string;
    decisionMaker: string;
    decidedOn: string;
    keyDecision: boolean;
    status: string;
  };
  board: { name: string };
}

export interface ActionLogRow {
  action: { reference: string; description: string; dueOn: string | null; status: string };
  board: { name: string };
  meeting: { meetsOn: string };
  owner: { name: string };
  overdue: boolean;
}

export interface LogHeading {
  partnershipName: string;
  /** "All boards" or the board's name. */
  scope: string;
  /** The filters in words, "" when none: "Status: Agreed; key decisions only". */
  filters: string;
  today: string;
}

const longDate = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
/** "2026-03-14" → "14 March 2026". */
const formatDate = (iso: string) => longDate.format(new Date(`${iso}T00:00:00Z`));

const t = (text: string): Cell => ({ kind: "text", text });

function document(
  kind: ReportDocument["kind"],
  title: string,
  heading: LogHeading,
  table: ReportDocument["sections"][number]["blocks"][number],
): ReportDocument {
  return {
    kind,
    title: `${title}: ${heading.scope}`,
    partnershipName: heading.partnershipName,
    asAt: heading.today,
    asAtLabel: `As at ${formatDate(heading.today)}`,
    fileStem: `${heading.partnershipName}-${kind}-${heading.today}`.toLowerCase(),
    intro: [
      {
        kind: "paragraph",
        text: heading.filters ? `Filtered by ${heading.filters}.` : "Every entry, unfiltered.",
      },
    ],
    sections: [{ id: kind, heading: title, blocks: [table] }],
  };
}

export function decisionLogDocument(rows: readonly DecisionLogRow[], heading: LogHeading): ReportDocument {
  return document("decision-log", "Decision log", heading, {
    kind: "table",
    table: {
      caption: "Decisions",
      sheetName: "Decisions",
      columns: [
        { header: "Reference", width: 10 },
        { header: "Date", width: 9 },
        { header: "Board", width: 11 },
        { header: "Decision", width: 21 },
        { header: "Reasons", width: 15 },
        { header: "Alternatives considered", width: 12 },
        { header: "Decision maker", width: 8 },
        { header: "Key decision", width: 7 },
        { header: "Status", width: 7 },
      ],
      groupColumns: [],
      groups: [
        {
          heading: null,
          description: null,
          flat: [],
          rows: rows.map(({ decision: d, board }) => [
            t(d.reference),
            t(formatDate(d.decidedOn)),
            t(board.name),
            t(d.decision),
            t(d.reasons),
            t(d.alternativesConsidered),
            t(d.decisionMaker),
            t(d.keyDecision ? "Yes" : "No"),
            t(labelOf(DECISION_STATUSES, d.status)),
          ]),
        },
      ],
      landscape: true,
      dense: true,
      emptyText: "No decisions match.",
    },
  });
}

export function actionLogDocument(rows: readonly ActionLogRow[], heading: LogHeading): ReportDocument {
  return document("action-log", "Action log", heading, {
    kind: "table",
    table: {
      caption: "Meeting actions",
      sheetName: "Actions",
      columns: [
        { header: "Reference", width: 12 },
        { header: "Board", width: 14 },
        { header: "Meeting", width: 11 },
        { header: "Action", width: 31 },
        { header: "Owner", width: 14 },
        { header: "Due", width: 10 },
        { header: "Status", width: 8 },
      ],
      groupColumns: [],
      groups: [
        {
          heading: null,
          description: null,
          flat: [],
          rows: rows.map(({ action: a, board, meeting, owner, overdue }) => [
            t(a.reference),
            t(board.name),
            t(formatDate(meeting.meetsOn)),
            t(a.description),
            t(owner.name),
            t(a.dueOn ? formatDate(a.dueOn) : "No date"),
            t(`${labelOf(MEETING_ACTION_STATUSES, a.status)}${overdue ? " (overdue)" : ""}`),
          ]),
        },
      ],
      landscape: true,
      emptyText: "No actions match.",
    },
  });
}
