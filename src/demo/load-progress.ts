import { inArray } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { actions, roundActions, rounds, updates } from "../db/schema.ts";
import { addDays, type IsoDate, ukDateOf } from "../domain/periods.ts";
import { ratingNeedsRemedy } from "../domain/rag.ts";
import { recomputeCommitmentRatings } from "../services/rating-engine.ts";
import { ashvaleProgress } from "./ashvale-progress.ts";
import { type DemoCalendar, demoCalendar, progressOn, STORY_DAY } from "./calendar.ts";
import { northMarstonProgress } from "./north-marston.ts";
import type {
  DemoActionPlan,
  DemoPartnership,
  DemoPlanProgress,
  DemoProgress,
  DemoRound,
  DemoUpdate,
} from "./types.ts";

/** The histories of progress the demo can load, by partnership slug. */
const DEMO_PROGRESS: readonly DemoProgress[] = [ashvaleProgress, ...northMarstonProgress];

/** What the demo loader has just inserted that the progress history refers to. */
export interface DemoProgressIds {
  demo: DemoPartnership;
  partnershipId: number;
  /** Each action plan's id and its actions' ids, in the plan's order. */
  plans: { name: string; id: number; actionIds: number[] }[];
  /** DemoOrganisation.key → id */
  organisationIds: ReadonlyMap<string, number>;
  /** Lower-case e-mail → user id */
  userIds: ReadonlyMap<string, number>;
}

export interface DemoProgressResult {
  rounds: number;
  roundActions: number;
  updates: { draft: number; submitted: number; returned: number; accepted: number };
  closedActions: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo progress refers to an unknown ${what}`);
  return value;
}

/** A stable number from a text, so the same demo gets the same times of day on every load. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

function at(date: IsoDate, hour: number, minute = 0): Date {
  return new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`);
}

/** Moves a Saturday or Sunday to the Friday before (direction -1) or the Monday after (+1). */
function workingDay(date: IsoDate, direction: 1 | -1): IsoDate {
  let day = date;
  for (;;) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return day;
    day = addDays(day, direction);
  }
}

const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b);

/** Finds the action an entry refers to by the start of its `what`; exactly one must match. */
export function resolveProgressAction(plan: DemoActionPlan, start: string): number {
  const matches = plan.actions.flatMap((a, i) => (a.what.trim().startsWith(start.trim()) ? [i] : []));
  if (matches.length !== 1) {
    throw new Error(
      `Demo progress for ${plan.name}: "${start}" matches ${matches.length} actions, not exactly one`,
    );
  }
  return need(matches[0], "action");
}

export interface RoundTimes {
  deadline: IsoDate;
  openedAt: Date;
  closedAt: Date | null;
}

/**
 * A closed round keeps its dates. The open round's deadline must be in the future whenever the demo is
 * loaded, so that the demo always has a live round to chase and answer: it is the later of its natural
 * deadline and today + 14 days, and the round opened three weeks before that deadline (or on its
 * natural opening day if later), never in the future and always after the round before it.
 */
export function roundTimes(round: DemoRound, now: Date, previousOpenedAt: Date | null): RoundTimes {
  if (round.closedOn !== undefined) {
    return {
      deadline: round.deadline,
      openedAt: at(round.openedOn, 9, 0),
      closedAt: at(round.closedOn, 16, 30),
    };
  }
  const deadline = later(round.deadline, addDays(ukDateOf(now), 14));
  let openedAt = at(later(round.openedOn, addDays(deadline, -21)), 9, 0).getTime();
  openedAt = Math.min(openedAt, now.getTime() - DAY_MS);
  if (previousOpenedAt) openedAt = Math.max(openedAt, previousOpenedAt.getTime() + DAY_MS);
  return { deadline, openedAt: new Date(openedAt), closedAt: null };
}

type UpdateInsert = typeof updates.$inferInsert;

interface Author {
  userId: number;
  organisationId: number;
}

/**
 * Who wrote an action's updates: the editor of the first lead organisation that has one among the demo
 * users; otherwise the coordinator, writing on behalf of the first lead (as the update form does).
 */
function authorOf(ids: DemoProgressIds, leads: string[], coordinatorId: number): Author {
  for (const key of leads) {
    const editor = ids.demo.users.find((u) => u.role === "editor" && u.organisation === key);
    if (editor) {
      return {
        userId: need(ids.userIds.get(editor.email.toLowerCase()), `user ${editor.email}`),
        organisationId: need(ids.organisationIds.get(key), `organisation ${key}`),
      };
    }
  }
  const first = need(leads[0], "lead organisation");
  return {
    userId: coordinatorId,
    organisationId: need(ids.organisationIds.get(first), `organisation ${first}`),
  };
}

/** The timestamps of an update in a closed round: submitted a few days before the deadline (or late). */
function closedRoundTimes(u: DemoUpdate, round: DemoRound, times: RoundTimes, key: string) {
  const h = hash(key);
  const openedOn = round.openedOn;
  const submittedOn =
    u.daysLate !== undefined && u.daysLate > 0
      ? workingDay(addDays(times.deadline, u.daysLate), 1)
      : later(workingDay(addDays(times.deadline, -(1 + (h % 6))), -1), addDays(openedOn, 1));
  const submittedAt = at(submittedOn, 8 + (h % 9), (h >>> 4) % 60);
  const lastReviewDay = addDays(need(round.closedOn, "closing date"), -1);
  const acceptedOn = earlier(workingDay(addDays(submittedOn, 1 + ((h >>> 10) % 4)), 1), lastReviewDay);
  let acceptedAt = at(acceptedOn, 10 + ((h >>> 12) % 6), (h >>> 16) % 60);
  if (acceptedAt.getTime() <= submittedAt.getTime())
    acceptedAt = new Date(submittedAt.getTime() + 2 * HOUR_MS);
  const createdAt = new Date(submittedAt.getTime() - (1 + ((h >>> 20) % 3)) * DAY_MS);
  return { submittedAt, acceptedAt, createdAt };
}

/** The timestamps of an update in the open round: between its opening and now. */
function openRoundTimes(times: RoundTimes, now: Date, key: string) {
  const h = hash(key);
  const earliest = times.openedAt.getTime() + MINUTE_MS;
  const latest = now.getTime() - 10 * MINUTE_MS;
  const clamp = (t: number) => new Date(Math.max(earliest, Math.min(latest, t)));
  const createdAt = clamp(times.openedAt.getTime() + (h % 3) * DAY_MS + (2 + (h % 6)) * HOUR_MS);
  const submittedAt = clamp(createdAt.getTime() + (1 + ((h >>> 8) % 3)) * DAY_MS);
  const reviewedAt = clamp(submittedAt.getTime() + DAY_MS + ((h >>> 12) % 5) * HOUR_MS);
  return { createdAt, submittedAt, reviewedAt };
}

function updateRow(
  u: DemoUpdate,
  base: { partnershipId: number; roundId: number; actionId: number; author: Author; coordinatorId: number },
  times: { createdAt: Date; submittedAt: Date; reviewedAt: Date },
): UpdateInsert {
  const status = u.status ?? "accepted";
  const submitted = status !== "draft";
  const reviewed = status === "accepted" || status === "returned";
  return {
    partnershipId: base.partnershipId,
    roundId: base.roundId,
    actionId: base.actionId,
    status,
    rating: u.rating,
    narrative: u.narrative,
    remedy: u.rating !== null && ratingNeedsRemedy(u.rating) ? (u.remedy ?? "") : "",
    toNote: u.toNote ?? "",
    evidenceLinks: u.evidenceLinks ?? [],
    authorUserId: base.author.userId,
    authorOrganisationId: base.author.organisationId,
    submittedAt: submitted ? times.submittedAt : null,
    reviewedAt: reviewed ? times.reviewedAt : null,
    reviewerUserId: reviewed ? base.coordinatorId : null,
    reviewComment: status === "returned" ? (u.reviewComment ?? "") : "",
    acceptedAt: status === "accepted" ? times.reviewedAt : null,
    createdAt: times.createdAt,
    updatedAt: reviewed ? times.reviewedAt : submitted ? times.submittedAt : times.createdAt,
  };
}

/**
 * Loads a demo partnership's history of update rounds and partners' updates, inside the demo loader's
 * transaction, right after its action plans: per plan one insert each for rounds, round actions and
 * updates; one update that closes actions completed in a closed round; then the commitments' derived
 * ratings for every round, in the order the rounds opened. A partnership without a history is left
 * as it is. `now` decides the open round's deadline (tests may pass another clock).
 */
export async function loadDemoProgress(
  tx: Executor,
  ids: DemoProgressIds,
  options: { now?: Date; progress?: DemoProgress; calendar?: DemoCalendar } = {},
): Promise<DemoProgressResult> {
  const result: DemoProgressResult = {
    rounds: 0,
    roundActions: 0,
    updates: { draft: 0, submitted: 0, returned: 0, accepted: 0 },
    closedActions: 0,
  };
  const story = options.progress ?? DEMO_PROGRESS.find((p) => p.partnership === ids.demo.slug);
  if (!story) return result;
  // The story moved to the same day as the partnership it belongs to (the story's own day by default).
  const progress = progressOn(story, options.calendar ?? demoCalendar(STORY_DAY));
  const now = options.now ?? new Date();
  const pid = ids.partnershipId;
  const coordinator = need(
    ids.demo.users.find((u) => u.role === "admin"),
    "coordinator (a demo user with the admin role)",
  );
  const coordinatorId = need(ids.userIds.get(coordinator.email.toLowerCase()), `user ${coordinator.email}`);

  const roundsInOrder: { id: number; openedAt: Date }[] = [];
  const toClose: number[] = [];
  let previousOpenedAt: Date | null = null;

  for (const planProgress of progress.plans) {
    const plan = need(
      ids.demo.actionPlans.find((p) => p.name === planProgress.plan),
      `action plan ${planProgress.plan}`,
    );
    const planIds = need(
      ids.plans.find((p) => p.name === planProgress.plan),
      `loaded action plan ${planProgress.plan}`,
    );
    const entries = resolveEntries(planProgress, plan);

    const times: RoundTimes[] = [];
    for (const round of planProgress.rounds) {
      const t = roundTimes(round, now, previousOpenedAt);
      times.push(t);
      previousOpenedAt = t.openedAt;
    }
    const roundRows = await tx
      .insert(rounds)
      .values(
        planProgress.rounds.map((round, i) => {
          const t = need(times[i], "round times");
          return {
            partnershipId: pid,
            actionPlanId: planIds.id,
            name: round.name,
            periodStart: round.periodStart,
            periodEnd: round.periodEnd,
            deadline: t.deadline,
            graceDays: 5,
            reminderDaysBefore: 7,
            status: t.closedAt ? ("closed" as const) : ("open" as const),
            openedAt: t.openedAt,
            closedAt: t.closedAt,
            createdAt: t.openedAt,
          };
        }),
      )
      .returning({ id: rounds.id });
    const roundIds = roundRows.map((r) => r.id);
    result.rounds += roundIds.length;

    // Each round asks about the plan's actions that were still open when it opened: an action reported
    // Complete in an accepted update of an earlier round had been closed by the coordinator.
    const completedBefore = new Set<number>();
    const roundActionRows: (typeof roundActions.$inferInsert)[] = [];
    const updateRows: UpdateInsert[] = [];
    planProgress.rounds.forEach((round, ri) => {
      const roundId = need(roundIds[ri], "round");
      const t = need(times[ri], "round times");
      const answered = entries.filter((e) => e.updates[round.quarter] !== undefined).map((e) => e.index);
      const asked = new Set(
        plan.actions.map((_, i) => i).filter((i) => !completedBefore.has(i) || answered.includes(i)),
      );
      for (const i of [...asked].sort((a, b) => a - b)) {
        roundActionRows.push({
          partnershipId: pid,
          roundId,
          actionId: need(planIds.actionIds[i], "action"),
        });
      }
      for (const entry of entries) {
        const u = entry.updates[round.quarter];
        if (!u) continue;
        const actionId = need(planIds.actionIds[entry.index], "action");
        const key = `${plan.name}|${entry.index}|${round.name}`;
        const author = authorOf(ids, need(plan.actions[entry.index], "action").leads, coordinatorId);
        const status = u.status ?? "accepted";
        let rowTimes: { createdAt: Date; submittedAt: Date; reviewedAt: Date };
        if (t.closedAt) {
          const c = closedRoundTimes(u, round, t, key);
          rowTimes = { createdAt: c.createdAt, submittedAt: c.submittedAt, reviewedAt: c.acceptedAt };
        } else {
          rowTimes = openRoundTimes(t, now, key);
        }
        updateRows.push(
          updateRow(u, { partnershipId: pid, roundId, actionId, author, coordinatorId }, rowTimes),
        );
        result.updates[status] += 1;
        if (status === "accepted" && u.rating === "complete" && t.closedAt) completedBefore.add(entry.index);
      }
    });
    if (roundActionRows.length > 0) await tx.insert(roundActions).values(roundActionRows);
    if (updateRows.length > 0) await tx.insert(updates).values(updateRows);
    result.roundActions += roundActionRows.length;
    for (const i of completedBefore) toClose.push(need(planIds.actionIds[i], "action"));
    roundIds.forEach((id, i) => {
      roundsInOrder.push({ id, openedAt: need(times[i], "round times").openedAt });
    });
  }

  // Actions delivered in a closed round need no more updates, as a coordinator would have marked them.
  if (toClose.length > 0) await tx.update(actions).set({ closed: true }).where(inArray(actions.id, toClose));
  result.closedActions = toClose.length;

  roundsInOrder.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
  for (const round of roundsInOrder) await recomputeCommitmentRatings(tx, pid, round.id);
  return result;
}

function resolveEntries(planProgress: DemoPlanProgress, plan: DemoActionPlan) {
  const seen = new Set<number>();
  return planProgress.actions.map((entry) => {
    const index = resolveProgressAction(plan, entry.action);
    if (seen.has(index)) throw new Error(`Demo progress for ${plan.name} lists "${entry.action}" twice`);
    seen.add(index);
    return { index, updates: entry.updates };
  });
}
