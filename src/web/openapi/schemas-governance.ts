// Component schemas of governance (issue 13): boards with their terms and seats, a meeting with its
// agenda as a tree, the decision log and the meeting actions. Seats name people and organisations but
// never an e-mail address: the API is read by dashboards, not by mail merges.
import { z } from "zod";
import {
  AGENDA_PURPOSES,
  AGENDA_SUBJECTS,
  ATTENDANCE_STATUSES,
  BOARD_KINDS,
  DECISION_STATUSES,
  MEETING_ACTION_STATUSES,
  MEETING_FREQUENCIES,
  MEETING_STATUSES,
  S58_CATEGORIES,
  valuesOf,
} from "../../domain/governance/vocabulary.ts";
import { component, DateTime, Id, IsoDate, Version } from "./registry.ts";
import { OrganisationRef } from "./schemas.ts";

export const BoardSummary = component(
  "BoardSummary",
  "A board of the partnership's chain: its kind and the board it reports to.",
  z.strictObject({
    id: Id,
    name: z.string(),
    description: z.string(),
    kind: z.enum(valuesOf(BOARD_KINDS)),
    parentBoardId: Id.nullable().describe("The board this one reports to; null at the top of a chain"),
    version: Version,
  }),
);

export const BoardList = component(
  "BoardList",
  "The partnership's boards, in the order they were added.",
  z.strictObject({ boards: z.array(BoardSummary) }),
);

export const BoardSeat = component(
  "BoardSeat",
  "A seat on a board: held by an organisation's nominee or a named person, with a deputy, and the Domestic Abuse Act 2021 s58(2) categories it represents.",
  z.strictObject({
    id: Id,
    title: z.string(),
    organisation: OrganisationRef.nullable(),
    holderName: z.string().describe("The person in the seat, when named"),
    holderRole: z.string(),
    deputyName: z.string(),
    categories: z.array(z.enum(valuesOf(S58_CATEGORIES))),
    voting: z.boolean().describe("False for advisers, who do not count towards the quorum"),
  }),
);

export const BoardDetail = component(
  "BoardDetail",
  "A board with its terms of reference, seats and meetings.",
  z.strictObject({
    board: BoardSummary,
    terms: z.strictObject({
      purpose: z.string(),
      chair: z.string(),
      quorum: z.int().nullable(),
      meetingFrequency: z.enum(valuesOf(MEETING_FREQUENCIES)),
      reviewOn: IsoDate.nullable().describe("When the terms of reference are next reviewed"),
      packLeadDays: z.int().describe("Days before a meeting that its pack is due"),
    }),
    seats: z.array(BoardSeat),
    meetings: z.array(
      z.strictObject({ id: Id, meetsOn: IsoDate, status: z.enum(valuesOf(MEETING_STATUSES)) }),
    ),
  }),
);

type AgendaNode = {
  id: number;
  title: string;
  purpose: (typeof AGENDA_PURPOSES)[number]["value"];
  presenter: string;
  durationMinutes: number | null;
  subject: (typeof AGENDA_SUBJECTS)[number];
  reportKind: string | null;
  reportSubjectId: number | null;
  commitmentId: number | null;
  description: string;
  minutes: string;
  items: AgendaNode[];
};

export const AgendaItem: z.ZodType<AgendaNode> = component(
  "AgendaItem",
  "An agenda item with the items under it, in order.",
  z.strictObject({
    id: Id,
    title: z.string(),
    purpose: z.enum(valuesOf(AGENDA_PURPOSES)),
    presenter: z.string(),
    durationMinutes: z.int().nullable(),
    subject: z.enum(AGENDA_SUBJECTS).describe("What the item is about: a report, a commitment or free text"),
    reportKind: z
      .string()
      .nullable()
      .describe("For a report: strategy-review, action-plan, round-summary, annual-report"),
    reportSubjectId: Id.nullable().describe("The report's strategy, action plan or round"),
    commitmentId: Id.nullable(),
    description: z.string(),
    minutes: z.string(),
    get items() {
      return z.array(AgendaItem);
    },
  }),
);

export const MeetingDetail = component(
  "MeetingDetail",
  "A meeting of a board with its agenda as a tree, attendance per seat and its published pack versions.",
  z.strictObject({
    id: Id,
    boardId: Id,
    meetsOn: IsoDate,
    startsAt: z.string().nullable().describe('Local time, "14:00"'),
    endsAt: z.string().nullable(),
    location: z.string(),
    onlineLink: z.string(),
    status: z.enum(valuesOf(MEETING_STATUSES)),
    packDueOn: IsoDate.nullable(),
    agenda: z.array(AgendaItem),
    attendance: z.array(z.strictObject({ seatId: Id, status: z.enum(valuesOf(ATTENDANCE_STATUSES)) })),
    packs: z.array(
      z.strictObject({
        id: Id,
        packVersion: z.int(),
        asAt: IsoDate,
        reason: z.string(),
        publishedAt: DateTime,
      }),
    ),
    version: Version,
  }),
);

export const Decision = component(
  "Decision",
  "A decision of a meeting, with the fields committee systems record.",
  z.strictObject({
    id: Id,
    meetingId: Id,
    boardId: Id,
    agendaItemId: Id.nullable(),
    reference: z.string(),
    decision: z.string(),
    reasons: z.string(),
    alternativesConsidered: z.string(),
    decisionMaker: z.string(),
    decidedOn: IsoDate,
    keyDecision: z.boolean(),
    status: z.enum(valuesOf(DECISION_STATUSES)),
    version: Version,
  }),
);

export const DecisionList = component(
  "DecisionList",
  "The decision log, oldest first.",
  z.strictObject({ decisions: z.array(Decision) }),
);

export const MeetingAction = component(
  "MeetingAction",
  "An action set by a meeting, owned by an organisation, with its status now.",
  z.strictObject({
    id: Id,
    meetingId: Id,
    boardId: Id,
    agendaItemId: Id.nullable(),
    reference: z.string(),
    description: z.string(),
    owner: OrganisationRef,
    dueOn: IsoDate.nullable(),
    status: z.enum(valuesOf(MEETING_ACTION_STATUSES)),
    updatedAt: DateTime,
    version: Version,
  }),
);

export const MeetingActionList = component(
  "MeetingActionList",
  "The meeting action log, by due date.",
  z.strictObject({ meetingActions: z.array(MeetingAction) }),
);
