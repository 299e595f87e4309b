// The meeting pack's own sections, as report blocks (model.ts): the agenda table, the last meeting's
// attendance, decisions and actions, and the context items attached to an item. Pure: built from rows
// already read.

import type { AttachedContext } from "../../data/governance/pack-reads.ts";
import type { NumberedItem } from "../../domain/governance/pack-agenda.ts";
import { assessQuorum } from "../../domain/governance/quorum.ts";
import {
  AGENDA_PURPOSES,
  ATTENDANCE_STATUSES,
  type AttendanceStatus,
  CONTEXT_ITEM_KINDS,
  DECISION_STATUSES,
  labelOf,
  MEETING_ACTION_STATUSES,
} from "../../domain/governance/vocabulary.ts";
import { longDate } from "../build.ts";
import type { Block, Cell, ReportSection, ReportTable } from "../model.ts";

const text = (value: string, lead?: string): Cell =>
  lead ? { kind: "text", text: value, lead } : { kind: "text", text: value };

/** A table of one group; `heading` is shown over it (h3 on the page, Heading 2 in Word). */
function table(
  caption: string,
  columns: [string, number][],
  rows: Cell[][],
  emptyText: string,
  heading: string | null = null,
): ReportTable {
  return {
    caption,
    sheetName: caption.slice(0, 31).replace(/[:\\/?*[\]]/g, " "),
    columns: columns.map(([header, width]) => ({ header, width })),
    groupColumns: [],
    groups: [{ heading, description: null, flat: [], rows }],
    landscape: false,
    emptyText,
  };
}

export interface PackAgendaItem {
  id: number;
  parentItemId: number | null;
  position: number;
  title: string;
  purpose: string;
  presenter: string;
  durationMinutes: number | null;
}

/** "14:20 (20 minutes)", "20 minutes", "14:20" or "". */
export function itemTime(item: NumberedItem<PackAgendaItem>): string {
  const minutes = item.durationMinutes ? `${item.durationMinutes} minutes` : "";
  if (item.startsAt && minutes) return `${item.startsAt} (${minutes})`;
  return item.startsAt ?? minutes;
}

export function agendaSection(items: readonly NumberedItem<PackAgendaItem>[]): ReportSection {
  return {
    id: "agenda",
    heading: "Agenda",
    blocks: [
      {
        kind: "table",
        table: table(
          "Agenda",
          [
            ["Item", 8],
            ["Title", 42],
            ["Purpose", 18],
            ["Presenter", 18],
            ["Time", 14],
          ],
          items.map((item) => [
            text(item.number),
            text(item.title),
            text(labelOf(AGENDA_PURPOSES, item.purpose)),
            text(item.presenter),
            text(itemTime(item)),
          ]),
          "The agenda has no items yet.",
        ),
      },
    ],
  };
}

export interface LastMeeting {
  meetsOn: string;
  quorum: number | null;
  attendance: readonly {
    title: string;
    holderName: string;
    holderUserName: string | null;
    deputyName: string;
    organisationName: string | null;
    voting: boolean;
    status: string | null;
    attendeeName: string | null;
  }[];
  decisions: readonly { reference: string; decision: string; keyDecision: boolean; status: string }[];
  actions: readonly {
    reference: string;
    description: string;
    ownerName: string;
    dueOn: string | null;
    status: string;
  }[];
}

function attendedBy(seat: LastMeeting["attendance"][number]): string {
  const holder = seat.holderUserName || seat.holderName || seat.organisationName || "";
  if (seat.status === "deputy") return seat.attendeeName || seat.deputyName || "A deputy";
  return seat.attendeeName || holder;
}

/** The last meeting: who came (with the quorum), its decisions, and its actions as they stand now. */
export function lastMeetingSection(last: LastMeeting | null): ReportSection {
  if (!last)
    return {
      id: "last-meeting",
      heading: "The last meeting",
      blocks: [{ kind: "paragraph", text: "This is the board's first meeting in Waymark." }],
    };
  const recorded = last.attendance.some((s) => s.status !== null);
  const quorum = assessQuorum(
    last.attendance.map((s) => ({ voting: s.voting, status: (s.status ?? undefined) as AttendanceStatus })),
    last.quorum,
  );
  const blocks: Block[] = [
    { kind: "paragraph", lead: "Attendance.", text: recorded ? quorum.sentence : "Not recorded." },
    {
      kind: "table",
      table: table(
        `Attendance on ${longDate(last.meetsOn)}`,
        [
          ["Seat", 35],
          ["Attended by", 40],
          ["Attendance", 25],
        ],
        last.attendance.map((s) => [
          text(s.voting ? s.title : `${s.title} (adviser)`),
          text(attendedBy(s)),
          text(s.status ? labelOf(ATTENDANCE_STATUSES, s.status) : "Not recorded"),
        ]),
        "The board has no seats yet.",
        "Attendance",
      ),
    },
    {
      kind: "table",
      table: table(
        "Decisions",
        [
          ["Reference", 16],
          ["Decision", 60],
          ["Status", 24],
        ],
        last.decisions.map((d) => [
          text(d.reference),
          text(d.keyDecision ? `${d.decision} (key decision)` : d.decision),
          text(labelOf(DECISION_STATUSES, d.status)),
        ]),
        "The last meeting recorded no decisions.",
        "Decisions",
      ),
    },
    {
      kind: "table",
      table: table(
        "Actions",
        [
          ["Reference", 14],
          ["Action", 44],
          ["Owner", 18],
          ["Due", 12],
          ["Status now", 12],
        ],
        last.actions.map((a) => [
          text(a.reference),
          text(a.description),
          text(a.ownerName),
          text(a.dueOn ? longDate(a.dueOn) : ""),
          text(labelOf(MEETING_ACTION_STATUSES, a.status)),
        ]),
        "The last meeting set no actions.",
        "Actions and their status now",
      ),
    },
  ];
  return { id: "last-meeting", heading: `The last meeting: ${longDate(last.meetsOn)}`, blocks };
}

/** "Domestic Abuse Bill (Bill): Committee stage, 12 March 2020", then its summary and link. */
export function contextBlocks(items: readonly AttachedContext[]): Block[] {
  if (items.length === 0) return [];
  const blocks: Block[] = [{ kind: "paragraph", lead: "Policy and legislation context.", text: "" }];
  for (const c of items) {
    const stage = [c.stage, c.stageOn ? longDate(c.stageOn) : ""].filter((s) => s !== "").join(", ");
    const kind = labelOf(CONTEXT_ITEM_KINDS, c.kind);
    blocks.push({
      kind: "paragraph",
      lead: `${c.title}${kind ? ` (${kind})` : ""}${stage ? `: ${stage}.` : "."}`,
      text: [c.summary, c.link].filter((s) => s.trim() !== "").join(" "),
    });
  }
  return blocks;
}
