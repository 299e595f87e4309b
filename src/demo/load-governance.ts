// Loads Ashvale's governance story (ashvale-governance.ts) with one set-based insert per table, inside
// the demo's transaction. Its dates are worked out from the load day, so the held meetings are always
// in the past and the next Steering Group a month away.
import { and, eq } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { rounds } from "../db/schema.ts";
import {
  agendaItems,
  boardSeats,
  boardTerms,
  contextAttachments,
  contextItems,
  decisions,
  forwardPlanItems,
  forwardPlanStops,
  meetingActions,
  meetingActionUpdates,
  meetingAttendance,
  meetings,
} from "../db/schema-governance.ts";
import { addDays } from "../domain/calendar-dates.ts";
import type { IsoDate } from "../domain/periods.ts";
import {
  ASHVALE_GOVERNANCE,
  type DemoAgendaItem,
  type DemoBoardGovernance,
  type DemoSubject,
} from "./ashvale-governance.ts";

export interface GovernanceLoadIds {
  partnershipId: number;
  today: IsoDate;
  boardIds: Map<string, number>;
  boardNames: Map<string, string>;
  organisationIds: Map<string, number>;
  /** By lower-case e-mail. */
  userIds: Map<string, number>;
  /** A demo user's organisation key, by lower-case e-mail. */
  userOrganisations: Map<string, string>;
  commitmentIds: Map<string, number>;
  strategyId: number;
  /** The action plans, oldest first. */
  actionPlanIds: number[];
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Governance demo refers to an unknown ${what}`);
  return value;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The nth weekday (0 Sunday … 6 Saturday) of the month `monthsFromNow` months from today's month. */
export function meetingDay(today: IsoDate, monthsFromNow: number, weekday: number, nth: number): IsoDate {
  const [year, month] = today.split("-").map(Number) as [number, number];
  const index = year * 12 + (month - 1) + monthsFromNow;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const firstWeekday = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const day = 1 + ((weekday - firstWeekday + 7) % 7) + (nth - 1) * 7;
  return `${y}-${pad(m)}-${pad(day)}`;
}

/** "Domestic Abuse Steering Group" → "DASG": the board's initials, as decision references use them. */
export function boardAbbreviation(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^[A-Z]/.test(w));
  return words.map((w) => w[0]).join("") || "B";
}

interface LoadedMeeting {
  id: number;
  board: string;
  month: number;
  meetsOn: IsoDate;
  packDueOn: IsoDate;
  held: boolean;
}

type GovernanceStory = typeof ASHVALE_GOVERNANCE;

/** The governance story of a demo partnership, by slug (kept out of the partnership's own story, whose
 *  years move with the load day: a statute's year must not). */
export function governanceStoryOf(slug: string): GovernanceStory | undefined {
  return slug === "ashvale" ? ASHVALE_GOVERNANCE : undefined;
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
    .where(and(eq(rounds.partnershipId, pid)));
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

type Recorded = { m: LoadedMeeting; record: GovernanceStory["meetings"][number] }[];

async function loadDecisionsAndActions(
  tx: Executor,
  ids: GovernanceLoadIds,
  recorded: Recorded,
  itemId: (m: LoadedMeeting, title: string) => number,
) {
  const pid = ids.partnershipId;
  const held = recorded.filter(({ m }) => m.held);
  const sequence = new Map<string, number>();
  const reference = (m: LoadedMeeting, kind: "" | "A") => {
    const prefix = `${boardAbbreviation(need(ids.boardNames.get(m.board), `board ${m.board}`))}${kind ? "-A" : ""}-${m.meetsOn.slice(0, 4)}`;
    const next = (sequence.get(prefix) ?? 0) + 1;
    sequence.set(prefix, next);
    return `${prefix}-${String(next).padStart(3, "0")}`;
  };
  const decisionRows = held.flatMap(({ m, record }) =>
    (record.decisions ?? []).map((d) => ({
      partnershipId: pid,
      meetingId: m.id,
      agendaItemId: itemId(m, d.item),
      reference: reference(m, ""),
      decision: d.decision,
      reasons: d.reasons,
      alternativesConsidered: d.alternatives,
      decisionMaker: d.maker,
      decidedOn: m.meetsOn,
      keyDecision: d.key,
      status: d.status,
    })),
  );
  if (decisionRows.length > 0) await tx.insert(decisions).values(decisionRows);

  const actionSpecs = held.flatMap(({ m, record }) => (record.actions ?? []).map((a) => ({ m, a })));
  if (actionSpecs.length === 0) return;
  const actionRows = await tx
    .insert(meetingActions)
    .values(
      actionSpecs.map(({ m, a }) => ({
        partnershipId: pid,
        meetingId: m.id,
        agendaItemId: itemId(m, a.item),
        reference: reference(m, "A"),
        description: a.description,
        ownerOrganisationId: need(ids.organisationIds.get(a.owner), `organisation ${a.owner}`),
        dueOn: addDays(m.meetsOn, a.dueInDays),
        status: a.status,
      })),
    )
    .returning({ id: meetingActions.id });
  // An update written "after" a date still to come is dated today: the story never reaches the future.
  const updateRows = actionSpecs.flatMap(({ m, a }, i) =>
    a.updates.map((u) => {
      const on = addDays(m.meetsOn, u.afterDays);
      const email = u.by.toLowerCase();
      return {
        partnershipId: pid,
        meetingActionId: need(actionRows[i], "meeting action").id,
        status: u.status,
        rating: u.rating,
        narrative: u.narrative,
        authorUserId: need(ids.userIds.get(email), `user ${u.by}`),
        authorOrganisationId: need(
          ids.organisationIds.get(need(ids.userOrganisations.get(email), `user ${u.by}`)),
          `organisation of ${u.by}`,
        ),
        createdAt: new Date(`${on < ids.today ? on : ids.today}T11:00:00Z`),
      };
    }),
  );
  if (updateRows.length > 0) await tx.insert(meetingActionUpdates).values(updateRows);
}

async function loadForwardPlan(
  tx: Executor,
  story: GovernanceStory,
  ids: GovernanceLoadIds,
  loaded: LoadedMeeting[],
  meetingAt: (board: string, month: number) => LoadedMeeting,
  reportSubject: (
    report: "strategy-review" | "action-plan" | "round-summary",
    date: IsoDate,
  ) => number | null,
) {
  const pid = ids.partnershipId;
  const plans = story.forwardPlan.map((report) => {
    const stops = report.route.map((stop) => {
      const month = loaded
        .filter((m) => m.board === stop.board && m.month >= stop.fromMonth)
        .sort((a, b) => a.month - b.month)[0]?.month;
      return { board: stop.board, meeting: meetingAt(stop.board, need(month, `meeting of ${stop.board}`)) };
    });
    return { report, stops };
  });
  const itemRows = await tx
    .insert(forwardPlanItems)
    .values(
      plans.map(({ report, stops }) => ({
        partnershipId: pid,
        title: report.title,
        reportKind: report.report,
        reportSubjectId: reportSubject(report.report, need(stops[0], "first stop").meeting.meetsOn),
        author: report.author,
        notes: report.notes,
      })),
    )
    .returning({ id: forwardPlanItems.id });
  // A coming meeting whose agenda is set has the report's paper in its (draft) pack.
  const withAgenda = new Set(
    loaded
      .filter((m) => story.meetings.some((r) => r.board === m.board && r.month === m.month))
      .map((m) => m.id),
  );
  await tx.insert(forwardPlanStops).values(
    plans.flatMap(({ stops }, i) =>
      stops.map((stop, position) => ({
        partnershipId: pid,
        itemId: need(itemRows[i], "forward plan item").id,
        // Positions count from 0, as the forward plan's own writes number them.
        position,
        boardId: need(ids.boardIds.get(stop.board), `board ${stop.board}`),
        meetingId: stop.meeting.id,
        dueOn: stop.meeting.packDueOn,
        // Received once the meeting has been held; in the pack once the meeting's agenda is set.
        status: stop.meeting.held ? "received" : withAgenda.has(stop.meeting.id) ? "in_pack" : "planned",
      })),
    ),
  );
}

async function loadContextItems(
  tx: Executor,
  governance: GovernanceStory,
  ids: GovernanceLoadIds,
  items: { m: LoadedMeeting; item: DemoAgendaItem; id: number }[],
  latestPlan: number | null,
) {
  const pid = ids.partnershipId;
  const story = governance.contextItems;
  const rows = await tx
    .insert(contextItems)
    .values(
      story.map((c) => ({
        partnershipId: pid,
        title: c.title,
        kind: c.kind,
        stage: c.stage,
        stageOn: meetingDay(ids.today, c.stageInMonths, 2, 2),
        summary: c.summary,
        link: c.link,
      })),
    )
    .returning({ id: contextItems.id });
  const contextId = new Map(story.map((c, i) => [c.key, need(rows[i], "context item").id]));
  const onItems = items.flatMap(({ item, id }) =>
    (item.context ?? []).map((key, position) => ({
      partnershipId: pid,
      contextItemId: need(contextId.get(key), `context item ${key}`),
      agendaItemId: id,
      position: position + 1,
    })),
  );
  const onReports = story.flatMap((c) =>
    (c.reports ?? []).flatMap((report) => {
      const subject = report === "strategy-review" ? ids.strategyId : latestPlan;
      return subject === null
        ? []
        : [
            {
              partnershipId: pid,
              contextItemId: need(contextId.get(c.key), c.key),
              reportKind: report,
              reportSubjectId: subject,
            },
          ];
    }),
  );
  if (onItems.length + onReports.length > 0)
    await tx.insert(contextAttachments).values([...onItems, ...onReports]);
}
