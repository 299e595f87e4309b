// Governance (issue 13): boards' terms of reference and seats, meetings with their agenda,
// attendance, minutes, decisions and actions, the forward plan of reports up the chain of boards,
// context items (policy and legislation watch), and the meeting packs as published. Kept apart from
// schema.ts; drizzle.config.ts lists every schema file. The words behind the text columns (kinds,
// categories, statuses) are one list each in src/domain/governance/vocabulary.ts.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { boards, commitments, organisations, partnerships, ratingEnum, users } from "./schema.ts";

const id = () => integer().primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const version = () => integer().notNull().default(1);
const partnershipId = () =>
  integer()
    .notNull()
    .references(() => partnerships.id);

/** Bytes (a published Word file). PGlite gives a Uint8Array and pg a Buffer: both become a Buffer. */
const bytes = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
  toDriver: (value) => value,
});

/**
 * A board's terms of reference, one row per board (created with it). Kept beside `boards` rather
 * than in it so the board's own row stays what the rest of Waymark reads.
 */
export const boardTerms = pgTable("board_terms", {
  boardId: integer()
    .primaryKey()
    .references(() => boards.id),
  partnershipId: partnershipId(),
  /** vocabulary.ts BOARD_KINDS. */
  kind: text().notNull().default("operational"),
  purpose: text().notNull().default(""),
  /** Who chairs it, as the terms say ("Director of Public Health"). */
  chair: text().notNull().default(""),
  /** Seats that must be filled (present or by a deputy) for the meeting to be quorate. */
  quorum: integer(),
  /** vocabulary.ts MEETING_FREQUENCIES. */
  meetingFrequency: text().notNull().default("quarterly"),
  /** The date the terms of reference are next reviewed. */
  reviewOn: date({ mode: "string" }),
  /** Days before a meeting that its pack must be published (committee practice: five clear working days). */
  packLeadDays: integer().notNull().default(7),
  /**
   * The secret in the board's iCalendar feed address (/calendars/<token>/meetings.ics): Outlook
   * subscribes without signing in, so the address itself is the key. Random per board (each existing
   * row gets its own when the column is added); the coordinator replaces it to shut out an old copy.
   */
  calendarToken: text()
    .notNull()
    .unique("board_terms_calendar_token")
    .default(sql`replace(gen_random_uuid()::text, '-', '')`),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: version(),
});

/**
 * A seat on a board: held by an organisation (its nominee) or by a named person, with a deputy, and
 * the s58(2) categories it represents (vocabulary.ts S58_CATEGORIES) — a seat may represent several.
 */
export const boardSeats = pgTable(
  "board_seats",
  {
    id: id(),
    partnershipId: partnershipId(),
    boardId: integer()
      .notNull()
      .references(() => boards.id),
    /** What the seat is ("Chair", "Police", "Specialist domestic abuse service"). */
    title: text().notNull(),
    organisationId: integer().references(() => organisations.id),
    /** The person in the seat: a Waymark member, or only a name (someone who never signs in). */
    holderUserId: integer().references(() => users.id),
    holderName: text().notNull().default(""),
    holderRole: text().notNull().default(""),
    deputyUserId: integer().references(() => users.id),
    deputyName: text().notNull().default(""),
    categories: text().array().notNull().default(sql`'{}'::text[]`),
    /** Voting member, or attends to advise. */
    voting: boolean().notNull().default(true),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("board_seats_board").on(t.partnershipId, t.boardId, t.position)],
);

/** A meeting of a board: planned from the board's frequency, then held or cancelled. */
export const meetings = pgTable(
  "meetings",
  {
    id: id(),
    partnershipId: partnershipId(),
    boardId: integer()
      .notNull()
      .references(() => boards.id),
    meetsOn: date({ mode: "string" }).notNull(),
    /** "14:00" and "16:00", local time. */
    startsAt: text(),
    endsAt: text(),
    location: text().notNull().default(""),
    onlineLink: text().notNull().default(""),
    /** vocabulary.ts MEETING_STATUSES. */
    status: text().notNull().default("planned"),
    /** The day the pack must be published (from the board's pack lead days, editable). */
    packDueOn: date({ mode: "string" }),
    notes: text().notNull().default(""),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("meetings_board_date").on(t.partnershipId, t.boardId, t.meetsOn)],
);

/** Who came: one row per seat per meeting. */
export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    partnershipId: partnershipId(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id),
    seatId: integer()
      .notNull()
      .references(() => boardSeats.id),
    /** vocabulary.ts ATTENDANCE_STATUSES. */
    status: text().notNull(),
    /** Who attended instead, when not the seat's named deputy. */
    attendeeName: text().notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.seatId] })],
);

/** An agenda item, ordered within its parent (null: a top-level item), so items nest. */
export const agendaItems = pgTable(
  "agenda_items",
  {
    id: id(),
    partnershipId: partnershipId(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id),
    parentItemId: integer().references((): AnyPgColumn => agendaItems.id),
    position: integer().notNull(),
    title: text().notNull(),
    /** vocabulary.ts AGENDA_PURPOSES. */
    purpose: text().notNull().default("information"),
    presenter: text().notNull().default(""),
    /** Minutes allowed for the item. */
    durationMinutes: integer(),
    /** vocabulary.ts AGENDA_SUBJECTS: what the item is about. */
    subject: text().notNull().default("text"),
    /** For a report: reports/model.ts REPORT_KINDS (later funding and regional reports) and its subject. */
    reportKind: text(),
    reportSubjectId: integer(),
    commitmentId: integer().references(() => commitments.id),
    description: text().notNull().default(""),
    /** The minute of the item, written after the meeting. */
    minutes: text().notNull().default(""),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("agenda_items_meeting").on(t.partnershipId, t.meetingId, t.position)],
);

/** A decision, with the fields committee systems record. */
export const decisions = pgTable(
  "decisions",
  {
    id: id(),
    partnershipId: partnershipId(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id),
    agendaItemId: integer().references(() => agendaItems.id),
    /** "DAB/2026/07": unique within the partnership. */
    reference: text().notNull(),
    decision: text().notNull(),
    reasons: text().notNull().default(""),
    alternativesConsidered: text().notNull().default(""),
    /** The board, or the officer under delegation. */
    decisionMaker: text().notNull().default(""),
    decidedOn: date({ mode: "string" }).notNull(),
    keyDecision: boolean().notNull().default(false),
    /** vocabulary.ts DECISION_STATUSES. */
    status: text().notNull().default("agreed"),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex("decisions_reference").on(t.partnershipId, t.reference),
    index("decisions_meeting").on(t.partnershipId, t.meetingId),
  ],
);

/**
 * An action set by a meeting, owned by an organisation, due on a date. The owner's editors update it
 * from "Your updates" as they update a plan's action; each update is a row of meeting_action_updates.
 */
export const meetingActions = pgTable(
  "meeting_actions",
  {
    id: id(),
    partnershipId: partnershipId(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id),
    agendaItemId: integer().references(() => agendaItems.id),
    /** "A/2026/03": unique within the partnership. */
    reference: text().notNull(),
    description: text().notNull(),
    ownerOrganisationId: integer()
      .notNull()
      .references(() => organisations.id),
    dueOn: date({ mode: "string" }),
    /** vocabulary.ts MEETING_ACTION_STATUSES: the latest update's status. */
    status: text().notNull().default("not_started"),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    uniqueIndex("meeting_actions_reference").on(t.partnershipId, t.reference),
    index("meeting_actions_owner").on(t.partnershipId, t.ownerOrganisationId, t.status),
    index("meeting_actions_meeting").on(t.partnershipId, t.meetingId),
  ],
);

/** A meeting action's history: every update its owner (or the coordinator) gave. Append-only. */
export const meetingActionUpdates = pgTable(
  "meeting_action_updates",
  {
    id: id(),
    partnershipId: partnershipId(),
    meetingActionId: integer()
      .notNull()
      .references(() => meetingActions.id),
    status: text().notNull(),
    rating: ratingEnum(),
    narrative: text().notNull().default(""),
    authorUserId: integer().references(() => users.id),
    authorOrganisationId: integer().references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [index("meeting_action_updates_action").on(t.meetingActionId, t.createdAt)],
);

/**
 * A report on the forward plan: what it is (a report kind and subject, or a title), and its stops up
 * the chain of boards (forward_plan_stops), each at a board's meeting.
 */
export const forwardPlanItems = pgTable(
  "forward_plan_items",
  {
    id: id(),
    partnershipId: partnershipId(),
    title: text().notNull(),
    reportKind: text(),
    reportSubjectId: integer(),
    /** Who writes it ("Partnership coordinator"). */
    author: text().notNull().default(""),
    notes: text().notNull().default(""),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("forward_plan_items_partnership").on(t.partnershipId)],
);

/** One stop of a report's route: the board and (once known) the meeting, and when its paper is due. */
export const forwardPlanStops = pgTable(
  "forward_plan_stops",
  {
    id: id(),
    partnershipId: partnershipId(),
    itemId: integer()
      .notNull()
      .references(() => forwardPlanItems.id),
    position: integer().notNull(),
    boardId: integer()
      .notNull()
      .references(() => boards.id),
    meetingId: integer().references(() => meetings.id),
    /** When the paper is due for the meeting's pack (defaults to the meeting's pack due date). */
    dueOn: date({ mode: "string" }),
    /** vocabulary.ts FORWARD_PLAN_STOP_STATUSES. */
    status: text().notNull().default("planned"),
  },
  (t) => [
    uniqueIndex("forward_plan_stops_item_position").on(t.itemId, t.position),
    index("forward_plan_stops_meeting").on(t.partnershipId, t.meetingId),
  ],
);

/** Policy and legislation watch: "Domestic Abuse Bill: Committee stage, 2020". */
export const contextItems = pgTable(
  "context_items",
  {
    id: id(),
    partnershipId: partnershipId(),
    title: text().notNull(),
    /** vocabulary.ts CONTEXT_ITEM_KINDS. */
    kind: text().notNull(),
    /** "Committee stage", "Published", "Consultation closes". */
    stage: text().notNull().default(""),
    stageOn: date({ mode: "string" }),
    summary: text().notNull().default(""),
    link: text().notNull().default(""),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("context_items_partnership").on(t.partnershipId, t.stageOn)],
);

/** A context item attached to an agenda item, or to a report (its kind and subject, as board papers name it). */
export const contextAttachments = pgTable(
  "context_attachments",
  {
    id: id(),
    partnershipId: partnershipId(),
    contextItemId: integer()
      .notNull()
      .references(() => contextItems.id),
    agendaItemId: integer().references(() => agendaItems.id),
    reportKind: text(),
    reportSubjectId: integer(),
    position: integer().notNull().default(0),
  },
  (t) => [
    index("context_attachments_agenda").on(t.partnershipId, t.agendaItemId),
    index("context_attachments_report").on(t.partnershipId, t.reportKind, t.reportSubjectId),
  ],
);

/**
 * A published version of a meeting's pack, frozen: the Word file and the web page exactly as sent.
 * A draft is never stored (it is built live from the agenda); publishing again adds version n + 1
 * with the reason. Append-only.
 */
export const meetingPacks = pgTable(
  "meeting_packs",
  {
    id: id(),
    partnershipId: partnershipId(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id),
    packVersion: integer().notNull(),
    /** The date the pack's reports stand at. */
    asAt: date({ mode: "string" }).notNull(),
    reason: text().notNull().default(""),
    title: text().notNull(),
    html: text().notNull(),
    docx: bytes().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedByUserId: integer().references(() => users.id),
  },
  (t) => [uniqueIndex("meeting_packs_version").on(t.meetingId, t.packVersion)],
);

/** Which version of a pack a member has opened, so they can see when a newer one replaces it. */
export const meetingPackReceipts = pgTable(
  "meeting_pack_receipts",
  {
    partnershipId: partnershipId(),
    packId: integer()
      .notNull()
      .references(() => meetingPacks.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    firstOpenedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.packId, t.userId] })],
);
