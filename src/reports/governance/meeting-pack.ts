// A meeting's pack, built from its agenda as one document (model.ts) the report renderers draw: the
// cover (board, meeting, date, place, "Pack as at"), the agenda, the last meeting's attendance,
// decisions and actions, then each item in order: a report as it stood at the pack's as-at date with
// the coordinator's covering sections, a commitment's rating and progress, or the item's own text;
// with the context items attached to the item or its report.
//
// WHY one flat document: a published pack is frozen as the exact web page and Word file, and both are
// drawn by the renderers every report uses, so a pack looks like (and prints like) the reports boards
// already receive. Each report's sections become the pack's sections, headed with the item's number.

import {
  type AttachedContext,
  findPackMeeting,
  findPreviousMeeting,
  listAgenda,
  listAttachedContext,
  listCommitmentsByIds,
  listMeetingActions,
  listMeetingDecisions,
  listSeatAttendance,
} from "../../data/governance/pack-reads.ts";
import { readTogether } from "../../data/read-together.ts";
import { type NumberedItem, numberAgenda } from "../../domain/governance/pack-agenda.ts";
import { AGENDA_PURPOSES, labelOf } from "../../domain/governance/vocabulary.ts";
import type { IsoDate } from "../../domain/periods.ts";
import type { Actor } from "../../services/actor.ts";
import { ValidationError } from "../../services/errors.ts";
import type { Services } from "../../services/index.ts";
import { found, partnershipOf } from "../../services/permissions.ts";
import { buildBoardReport } from "../board-pack.ts";
import { textBlocks } from "../board-paper.ts";
import { longDate, type ReportOptions } from "../build.ts";
import {
  type Block,
  isReportKind,
  type ReportDocument,
  type ReportKind,
  type ReportSection,
} from "../model.ts";
import {
  agendaSection,
  contextBlocks,
  type LastMeeting,
  lastMeetingSection,
  type PackAgendaItem,
} from "./meeting-pack-sections.ts";

type PackServices = Pick<Services, "database" | "indicators" | "ratings">;
type AgendaRow = Awaited<ReturnType<typeof listAgenda>>[number];

/** An agenda item's report as the report builder names it (the board paper's subject, see board-paper.ts). */
export function reportOptionsOf(kind: ReportKind, subjectId: number, asAt: IsoDate): ReportOptions {
  switch (kind) {
    case "strategy-review":
      return { kind, strategyId: subjectId, asAt };
    case "action-plan":
    case "annual-report":
      return { kind, actionPlanId: subjectId, asAt };
    case "round-summary":
      return { kind, roundId: subjectId, asAt };
  }
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function coverBlocks(meeting: NonNullable<Awaited<ReturnType<typeof findPackMeeting>>>): Block[] {
  const m = meeting.meeting;
  const time = [m.startsAt, m.endsAt].filter(Boolean).join(" to ");
  const lines: [string, string][] = [
    ["Board:", meeting.boardName],
    ["Meeting:", `${longDate(m.meetsOn)}${time ? `, ${time}` : ""}`],
    ["Place:", m.location],
    ["Online:", m.onlineLink],
    ["Chair:", meeting.chair ?? ""],
  ];
  return lines
    .filter(([, value]) => value.trim() !== "")
    .map(([lead, value]) => ({ kind: "paragraph", lead, text: value.trim() }));
}

/** The report of a report item, prefixed with the item's number; a failure is said in the pack. */
async function reportSections(
  services: PackServices,
  actor: Actor,
  item: NumberedItem<AgendaRow>,
  asAt: IsoDate,
  png: boolean,
): Promise<ReportSection[]> {
  const prefix = `item-${item.number.replace(/\./g, "-")}`;
  const kind = item.reportKind;
  if (!isReportKind(kind) || item.reportSubjectId === null)
    return [
      {
        id: `${prefix}-report`,
        heading: `${item.number} Report`,
        blocks: [{ kind: "paragraph", text: "This report cannot be included in the pack yet." }],
      },
    ];
  let doc: ReportDocument;
  try {
    doc = await buildBoardReport(services, actor, reportOptionsOf(kind, item.reportSubjectId, asAt), {
      png,
      charts: true,
      latestPeriods: 4,
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return [
      {
        id: `${prefix}-report`,
        heading: `${item.number} Report`,
        blocks: [{ kind: "paragraph", text: error.errors.map((e) => e.message).join(". ") }],
      },
    ];
  }
  const heading = (h: string) => `${item.number} ${h}`;
  return [
    ...(doc.cover ?? []).map((s) => ({ ...s, id: `${prefix}-${s.id}`, heading: heading(s.heading) })),
    {
      id: `${prefix}-report`,
      heading: heading(doc.title),
      blocks: [{ kind: "paragraph", text: doc.asAtLabel }, ...doc.intro],
    },
    ...doc.sections.map((s) => ({ ...s, id: `${prefix}-${s.id}`, heading: heading(s.heading) })),
  ];
}

/** A commitment item: its rating (with where it comes from) and the latest year's accepted progress. */
async function commitmentBlocks(
  services: PackServices,
  actor: Actor,
  commitment: { id: number; number: string; text: string } | undefined,
): Promise<Block[]> {
  if (!commitment) return [{ kind: "paragraph", text: "The commitment is no longer in the strategy." }];
  const [rating, progress] = await Promise.all([
    services.ratings.commitmentRating(actor, commitment.id),
    services.ratings.progressSoFar(actor, commitment.id),
  ]);
  const latest = progress[0];
  return [
    { kind: "paragraph", lead: `${commitment.number}`, text: commitment.text },
    { kind: "paragraph", lead: "Rating:", text: rating.labelWithProvenance },
    ...(latest
      ? [
          { kind: "paragraph" as const, lead: `Progress in ${latest.year}:`, text: "" },
          {
            kind: "bullets" as const,
            items: latest.items.map(
              (i) =>
                `${i.narrative.join(" ")} (${[i.organisationName, i.roundName].filter(Boolean).join(", ")})`,
            ),
          },
        ]
      : [{ kind: "paragraph" as const, text: "No accepted progress yet." }]),
  ];
}

export interface MeetingPack {
  doc: ReportDocument;
  meeting: NonNullable<Awaited<ReturnType<typeof findPackMeeting>>>;
}

/**
 * Builds the pack of a meeting as at a date (the day it is published, for a draft today). Any member
 * may read it; the draft page and publishing are the coordinator's (services/governance).
 */
export async function buildMeetingPack(
  services: PackServices,
  actor: Actor,
  meetingId: number,
  asAt: IsoDate,
  /** Charts as pictures too, for the Word file (publishing); the draft page needs only their SVG. */
  render: { png: boolean } = { png: true },
): Promise<MeetingPack> {
  const db = services.database.db;
  const pid = partnershipOf(actor);
  const meeting = found(await findPackMeeting(db, pid, meetingId), "That meeting");
  const m = meeting.meeting;
  const [agenda, previous] = await readTogether(db, [
    () => listAgenda(db, pid, meetingId),
    () => findPreviousMeeting(db, pid, m.boardId, m.meetsOn, m.id),
  ] as const);
  const items = numberAgenda(agenda, m.startsAt);
  const reports = items.flatMap((i) =>
    i.subject === "report" && i.reportKind && i.reportSubjectId !== null
      ? [{ kind: i.reportKind, subjectId: i.reportSubjectId }]
      : [],
  );
  const commitmentIds = items.flatMap((i) =>
    i.subject === "commitment" && i.commitmentId ? [i.commitmentId] : [],
  );
  const [context, commitmentRows, attendance, decisionRows, actionRows] = await readTogether(db, [
    () =>
      listAttachedContext(
        db,
        pid,
        items.map((i) => i.id),
        reports,
      ),
    () => listCommitmentsByIds(db, pid, commitmentIds),
    () => (previous ? listSeatAttendance(db, pid, m.boardId, previous.id) : Promise.resolve([])),
    () => (previous ? listMeetingDecisions(db, pid, previous.id) : Promise.resolve([])),
    () => (previous ? listMeetingActions(db, pid, previous.id) : Promise.resolve([])),
  ] as const);
  const last: LastMeeting | null = previous
    ? {
        meetsOn: previous.meetsOn,
        quorum: meeting.quorum ?? null,
        attendance,
        decisions: decisionRows,
        actions: actionRows,
      }
    : null;
  const commitmentsById = new Map(commitmentRows.map((c) => [c.id, c]));
  const contextOf = (item: AgendaRow): AttachedContext[] =>
    context.filter(
      (c) =>
        c.agendaItemId === item.id ||
        (c.agendaItemId === null &&
          item.subject === "report" &&
          c.reportKind === item.reportKind &&
          c.reportSubjectId === item.reportSubjectId),
    );

  const itemSections: ReportSection[] = [];
  // One item at a time: each report is many reads, and PGlite runs them on the main thread anyway.
  for (const item of items) {
    const id = `item-${item.number.replace(/\./g, "-")}`;
    const who = [
      labelOf(AGENDA_PURPOSES, item.purpose),
      item.presenter ? `Presented by ${item.presenter}` : "",
    ]
      .filter(Boolean)
      .join(". ");
    const blocks: Block[] = [
      ...(who ? [{ kind: "paragraph" as const, text: `${who}.` }] : []),
      ...textBlocks(item.description),
    ];
    if (item.subject === "commitment")
      blocks.push(
        ...(await commitmentBlocks(
          services,
          actor,
          item.commitmentId ? commitmentsById.get(item.commitmentId) : undefined,
        )),
      );
    blocks.push(...contextBlocks(contextOf(item)));
    itemSections.push({ id, heading: `${item.number} ${item.title}`, blocks });
    if (item.subject === "report")
      itemSections.push(...(await reportSections(services, actor, item, asAt, render.png)));
  }

  const packItems: NumberedItem<PackAgendaItem>[] = items;
  const doc: ReportDocument = {
    kind: "meeting-pack",
    title: `${meeting.boardName}: ${longDate(m.meetsOn)}`,
    partnershipName: meeting.partnershipName,
    asAt,
    asAtLabel: `Pack as at ${longDate(asAt)}`,
    fileStem: `${meeting.partnershipSlug}-${slug(meeting.boardName)}-${m.meetsOn}-pack`,
    intro: coverBlocks(meeting),
    sections: [agendaSection(packItems), lastMeetingSection(last), ...itemSections],
  };
  return { doc, meeting };
}
