// The parts of the governance demo's loader (load-governance.ts) after the meetings and agendas: the
// decisions and actions of held meetings, the forward plan, and the policy watch; and the pieces both
// files share (the load's ids, the story's date rule, board initials for references).
import type { Executor } from "../db/database.ts";
import {
  contextAttachments,
  contextItems,
  decisions,
  forwardPlanItems,
  forwardPlanStops,
  meetingActions,
  meetingActionUpdates,
} from "../db/schema-governance.ts";
import { addDays } from "../domain/calendar-dates.ts";
import type { IsoDate } from "../domain/periods.ts";
import type { ASHVALE_GOVERNANCE, DemoAgendaItem } from "./ashvale-governance.ts";

export type GovernanceStory = typeof ASHVALE_GOVERNANCE;

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

export function need<T>(value: T | undefined, what: string): T {
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

export interface LoadedMeeting {
  id: number;
  board: string;
  month: number;
  meetsOn: IsoDate;
  packDueOn: IsoDate;
  held: boolean;
}

export type Recorded = { m: LoadedMeeting; record: GovernanceStory["meetings"][number] }[];

export async function loadDecisionsAndActions(
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

export async function loadForwardPlan(
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
  // A smaller partnership's story may have no reports planned yet.
  if (story.forwardPlan.length === 0) return;
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

export async function loadContextItems(
  tx: Executor,
  governance: GovernanceStory,
  ids: GovernanceLoadIds,
  items: { m: LoadedMeeting; item: DemoAgendaItem; id: number }[],
  latestPlan: number | null,
) {
  const pid = ids.partnershipId;
  const story = governance.contextItems;
  if (story.length === 0) return;
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
