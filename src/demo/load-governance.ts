// Loads a demo partnership's governance story (ashvale-governance.ts; the North Marston partnerships'
// in north-marston-<name>.ts) with one set-based insert per table, inside
// the demo's transaction. Its dates are worked out from the load day, so the held meetings are always
// in the past and the next Steering Group a month away.
import { eq } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { rounds } from "../db/schema.ts";
import { agendaItems, boardSeats, boardTerms, meetingAttendance, meetings } from "../db/schema-governance.ts";
import { addDays } from "../domain/calendar-dates.ts";
import type { IsoDate } from "../domain/periods.ts";
import {
  ASHVALE_GOVERNANCE,
  type DemoAgendaItem,
  type DemoBoardGovernance,
  type DemoSubject,
} from "./ashvale-governance.ts";
import {
  type GovernanceLoadIds,
  type GovernanceStory,
  type LoadedMeeting,
  loadContextItems,
  loadDecisionsAndActions,
  loadForwardPlan,
  meetingDay,
  need,
} from "./load-governance-records.ts";
import { northMarstonGovernanceOf } from "./north-marston.ts";

export { boardAbbreviation, type GovernanceLoadIds, meetingDay } from "./load-governance-records.ts";

/** The governance story of a demo partnership, by slug (kept out of the partnership's own story, whose
 *  years move with the load day: a statute's year must not). */
export function governanceStoryOf(slug: string): GovernanceStory | undefined {
  return slug === "ashvale" ? ASHVALE_GOVERNANCE : northMarstonGovernanceOf(slug);
}

export async function loadDemoGovernance(
  tx: Executor,
  story: GovernanceStory,
  ids: GovernanceLoadIds,
): Promise<void> {
  const pid = ids.partnershipId;
  const boardId = (key: string) => need(ids.boardIds.get(key), `board ${key}`);
  const orgId = (key: string) => need(ids.organisationIds.get(key), `organisation ${key}`);
  const userId = (email: string) => need(ids.userIds.get(email.toLowerCase()), `user ${email}`);
  const governed = story.boards.filter((b) => ids.boardIds.has(b.board));
  const packLeadDays = 7;

  await tx.insert(boardTerms).values(
    governed.map((b) => ({
      boardId: boardId(b.board),
      partnershipId: pid,
      kind: b.kind,
      purpose: b.purpose,
      chair: b.chair,
      quorum: b.quorum,
      meetingFrequency: b.frequency,
      reviewOn: meetingDay(ids.today, b.reviewInMonths, 1, 1),
      packLeadDays,
    })),
  );

  const seatSpecs = governed.flatMap((b) =>
    b.seats.map((seat, i) => ({ board: b.board, seat, position: i + 1 })),
  );
  const seatRows = await tx
    .insert(boardSeats)
    .values(
      seatSpecs.map(({ board, seat, position }) => ({
        partnershipId: pid,
        boardId: boardId(board),
        title: seat.title,
        organisationId: seat.organisation ? orgId(seat.organisation) : null,
        holderUserId: seat.holderEmail ? userId(seat.holderEmail) : null,
        holderName: seat.holderName ?? "",
        holderRole: seat.holderRole,
        deputyUserId: seat.deputyEmail ? userId(seat.deputyEmail) : null,
        deputyName: seat.deputyName ?? "",
        categories: seat.categories ?? [],
        voting: seat.voting ?? true,
        position,
      })),
    )
    .returning({ id: boardSeats.id });
  const seats = seatSpecs.map((s, i) => ({ ...s, id: need(seatRows[i], "seat").id }));

  const meetingSpecs = governed.flatMap((b: DemoBoardGovernance) =>
    b.months.map((month) => {
      const meetsOn = meetingDay(ids.today, month, b.weekday, b.nth);
      return { b, month, meetsOn, packDueOn: addDays(meetsOn, -packLeadDays), held: meetsOn < ids.today };
    }),
  );
  const meetingRows = await tx
    .insert(meetings)
    .values(
      meetingSpecs.map(({ b, meetsOn, packDueOn, held }) => ({
        partnershipId: pid,
        boardId: boardId(b.board),
        meetsOn,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        location: b.location,
        onlineLink: b.onlineLink ?? "",
        status: held ? "held" : "planned",
        packDueOn,
      })),
    )
    .returning({ id: meetings.id });
  const loaded: LoadedMeeting[] = meetingSpecs.map((m, i) => ({
    id: need(meetingRows[i], "meeting").id,
    board: m.b.board,
    month: m.month,
    meetsOn: m.meetsOn,
    packDueOn: m.packDueOn,
    held: m.held,
  }));
  const meetingAt = (board: string, month: number) =>
    need(
      loaded.find((m) => m.board === board && m.month === month),
      `meeting of ${board} in month ${month}`,
    );
  const recordOf = (m: LoadedMeeting) =>
    story.meetings.find((r) => r.board === m.board && r.month === m.month);

  // Every held meeting has its attendance; the written ones name their apologies and deputies.
  const attendance = loaded
    .filter((m) => m.held)
    .flatMap((m) => {
      const record = recordOf(m);
      return seats
        .filter((s) => s.board === m.board)
        .map((s) => ({
          partnershipId: pid,
          meetingId: m.id,
          seatId: s.id,
          status: record?.apologies?.includes(s.seat.title)
            ? "apology"
            : record?.deputies?.includes(s.seat.title)
              ? "deputy"
              : "present",
          attendeeName: "",
        }));
    });
  if (attendance.length > 0) await tx.insert(meetingAttendance).values(attendance);

  // The round a report on a meeting's agenda is about: the latest whose quarter ended before it.
  const roundRows = await tx
    .select({ id: rounds.id, periodEnd: rounds.periodEnd })
    .from(rounds)
    .where(eq(rounds.partnershipId, pid));
  const roundBefore = (date: IsoDate) =>
    roundRows.filter((r) => r.periodEnd < date).sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))[0];
  const latestPlan = ids.actionPlanIds.at(-1);
  const reportSubject = (report: "strategy-review" | "action-plan" | "round-summary", date: IsoDate) =>
    report === "strategy-review"
      ? ids.strategyId
      : report === "action-plan"
        ? (latestPlan ?? null)
        : (roundBefore(date)?.id ?? null);
  const subjectColumns = (item: DemoSubject, date: IsoDate) => {
    if (item.subject === "commitment") {
      return {
        subject: "commitment",
        commitmentId: need(ids.commitmentIds.get(item.commitment), `commitment ${item.commitment}`),
      };
    }
    if (item.subject === "report") {
      const subjectId = reportSubject(item.report, date);
      if (subjectId !== null)
        return { subject: "report", reportKind: item.report, reportSubjectId: subjectId };
    }
    return { subject: "text" };
  };
  const agendaRow = (
    m: LoadedMeeting,
    item: DemoAgendaItem,
    position: number,
    parentItemId: number | null,
  ) => ({
    partnershipId: pid,
    meetingId: m.id,
    parentItemId,
    position,
    title: item.title,
    purpose: item.purpose,
    presenter: item.presenter,
    durationMinutes: item.minutesAllowed,
    description: item.description ?? "",
    minutes: m.held ? (item.minutes ?? "") : "",
    ...subjectColumns(item, m.meetsOn),
  });

  const recorded = loaded.flatMap((m) => {
    const record = recordOf(m);
    return record ? [{ m, record }] : [];
  });
  const topSpecs = recorded.flatMap(({ m, record }) =>
    record.agenda.map((item, i) => ({ m, item, position: i + 1 })),
  );
  const topRows = await tx
    .insert(agendaItems)
    .values(topSpecs.map(({ m, item, position }) => agendaRow(m, item, position, null)))
    .returning({ id: agendaItems.id });
  const items = topSpecs.map((s, i) => ({ ...s, id: need(topRows[i], "agenda item").id }));
  const childSpecs = items.flatMap((parent) =>
    (parent.item.children ?? []).map((item, i) => ({
      m: parent.m,
      item,
      position: i + 1,
      parentId: parent.id,
    })),
  );
  if (childSpecs.length > 0) {
    const childRows = await tx
      .insert(agendaItems)
      .values(childSpecs.map(({ m, item, position, parentId }) => agendaRow(m, item, position, parentId)))
      .returning({ id: agendaItems.id });
    items.push(
      ...childSpecs.map((s, i) => ({
        m: s.m,
        item: s.item,
        position: s.position,
        id: need(childRows[i], "agenda item").id,
      })),
    );
  }
  const itemId = (m: LoadedMeeting, title: string) =>
    need(
      items.find((i) => i.m.id === m.id && i.item.title === title),
      `agenda item ${title}`,
    ).id;

  await loadDecisionsAndActions(tx, ids, recorded, itemId);
  await loadForwardPlan(tx, story, ids, loaded, meetingAt, reportSubject);
  await loadContextItems(tx, story, ids, items, latestPlan ?? null);
}
