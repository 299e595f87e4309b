// The forward plan's rules (issue 13), pure: which reports go on it, the route a report takes up the
// chain of boards, the due date of each stop, and when the coordinator is reminded that a report is
// due for a meeting's pack.
//
// A report to the Operational Board in October goes on to the Strategic Board's next meeting, then
// the Health Improvement Board's: the route starts at the first board's meeting, then each parent
// board's next meeting on or after the previous stop's date. A board with no such meeting planned yet
// is still a stop (the board is known, its meeting is not), and the stops after it have no meeting
// either, since their date cannot follow from an unknown one.

import { addDays, type IsoDate } from "../calendar-dates.ts";
import type { ForwardPlanStopStatus } from "./vocabulary.ts";

/**
 * The reports a forward plan item can be, as agenda items name them (reports/model.ts REPORT_KINDS,
 * plus the key statistics), with what each one's subject is. Funding and regional reports join later.
 * "other" is a report Waymark does not make: a title only (stored with no report kind).
 */
export const FORWARD_REPORT_KINDS = [
  { value: "strategy-review", label: "Strategy review", subject: "strategy" },
  { value: "action-plan", label: "Action plan", subject: "plan" },
  { value: "round-summary", label: "Update round summary", subject: "round" },
  { value: "key-statistics", label: "Key statistics", subject: null },
  { value: "annual-report", label: "Annual progress report", subject: "plan" },
  { value: "other", label: "Another report or paper", subject: null },
] as const;
export type ForwardReportKind = (typeof FORWARD_REPORT_KINDS)[number]["value"];
export type ReportSubjectType = "strategy" | "plan" | "round";

export function subjectTypeOf(kind: string | null): ReportSubjectType | null {
  return FORWARD_REPORT_KINDS.find((k) => k.value === kind)?.subject ?? null;
}

export interface RoutingBoard {
  id: number;
  parentBoardId: number | null;
}

export interface RoutingMeeting {
  id: number;
  boardId: number;
  meetsOn: IsoDate;
  status: string;
  packDueOn: IsoDate | null;
}

export interface ProposedStop {
  boardId: number;
  meetingId: number | null;
  meetsOn: IsoDate | null;
  dueOn: IsoDate | null;
}

/** The board and the boards above it, in reporting order; a cycle (never allowed) ends the chain. */
export function chainUp(boards: readonly RoutingBoard[], startBoardId: number): number[] {
  const byId = new Map(boards.map((b) => [b.id, b]));
  const chain: number[] = [];
  let cursor: number | null = byId.has(startBoardId) ? startBoardId : null;
  while (cursor !== null && !chain.includes(cursor)) {
    chain.push(cursor);
    cursor = byId.get(cursor)?.parentBoardId ?? null;
    if (cursor !== null && !byId.has(cursor)) cursor = null;
  }
  return chain;
}

/** A board's next meeting on or after a date, leaving out cancelled ones. */
export function nextMeetingOf(
  meetings: readonly RoutingMeeting[],
  boardId: number,
  onOrAfter: IsoDate,
): RoutingMeeting | undefined {
  let best: RoutingMeeting | undefined;
  for (const m of meetings) {
    if (m.boardId !== boardId || m.status === "cancelled" || m.meetsOn < onOrAfter) continue;
    if (!best || m.meetsOn < best.meetsOn || (m.meetsOn === best.meetsOn && m.id < best.id)) best = m;
  }
  return best;
}

/**
 * When a report is due for a meeting's pack: the meeting's pack due date, or (when the meeting has
 * none yet) the board's lead days before it.
 */
export function defaultDueOn(meeting: Pick<RoutingMeeting, "meetsOn" | "packDueOn">, leadDays = 7): IsoDate {
  return meeting.packDueOn ?? addDays(meeting.meetsOn, -leadDays);
}

/**
 * The route of a report that goes first to `firstMeeting`: that stop, then each board up the chain
 * at its next meeting on or after the previous stop. `leadDays` gives each board's pack lead days.
 */
export function proposeRoute(
  boards: readonly RoutingBoard[],
  meetings: readonly RoutingMeeting[],
  firstMeeting: RoutingMeeting,
  leadDays: ReadonlyMap<number, number> = new Map(),
): ProposedStop[] {
  const chain = chainUp(boards, firstMeeting.boardId);
  const stops: ProposedStop[] = [];
  let previous: IsoDate | null = firstMeeting.meetsOn;
  for (const [i, boardId] of chain.entries()) {
    const meeting: RoutingMeeting | undefined =
      i === 0 ? firstMeeting : previous ? nextMeetingOf(meetings, boardId, previous) : undefined;
    if (!meeting) {
      stops.push({ boardId, meetingId: null, meetsOn: null, dueOn: null });
      previous = null;
      continue;
    }
    stops.push({
      boardId,
      meetingId: meeting.id,
      meetsOn: meeting.meetsOn,
      dueOn: defaultDueOn(meeting, leadDays.get(boardId) ?? 7),
    });
    previous = meeting.meetsOn;
  }
  return stops;
}

// ── Reminders ───────────────────────────────────────────────────────────────────────────────────

/** Days before a stop's due date that the coordinator is first reminded. */
export const PACK_REMINDER_DAYS = 7;

/** "soon": due within the window; "overdue": the due date has passed and the meeting has not. */
export type PackReminderReason = "soon" | "overdue";

export interface ReminderStop {
  status: ForwardPlanStopStatus | string;
  dueOn: IsoDate | null;
  meetsOn: IsoDate | null;
  meetingStatus: string | null;
}

/**
 * Whether a stop needs a reminder today, and why. Only a stop still "planned" does: "in the pack" and
 * "received" are the report marked ready, "deferred" means it is not going to this meeting. Nothing
 * is due for a meeting that was held, cancelled or has passed.
 */
export function packReminderReason(
  stop: ReminderStop,
  today: IsoDate,
  windowDays = PACK_REMINDER_DAYS,
): PackReminderReason | null {
  if (stop.status !== "planned" || !stop.dueOn) return null;
  if (stop.meetingStatus !== null && stop.meetingStatus !== "planned") return null;
  if (stop.meetsOn !== null && stop.meetsOn < today) return null;
  if (today > stop.dueOn) return "overdue";
  if (today >= addDays(stop.dueOn, -windowDays)) return "soon";
  return null;
}

/**
 * The outbox key of a pack reminder: the report, the board's meeting, the due date, the reason and
 * the person. Stops are keyed by what they are rather than their row id, since editing a route
 * rewrites its rows; a moved due date is a new reason to remind.
 */
export function packReminderDedupeKey(
  stop: { itemId: number; boardId: number; meetingId: number | null; dueOn: IsoDate },
  reason: PackReminderReason,
  userId: number,
): string {
  return `forward:${stop.itemId}:board:${stop.boardId}:meeting:${stop.meetingId ?? "none"}:due:${stop.dueOn}:${reason}:user:${userId}`;
}
