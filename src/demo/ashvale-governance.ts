// Ashvale's governance (issue 13): the chain of boards with their terms of reference and seats, a year
// of meetings around the day the demo is loaded (two held with attendance, minutes, decisions and
// actions; the next one a month away with its agenda set and its pack still a draft), the forward plan
// of reports up the chain, and four items of policy and legislation watch. Every name is invented;
// nothing here is about a victim, a perpetrator or a child.
//
// Dates are written relative to the load day (months from its month, the nth weekday of that month),
// so the story looks current whenever it is loaded; load-governance.ts turns them into dates.

import type {
  AgendaPurpose,
  BoardKind,
  MeetingFrequency,
  S58Category,
} from "../domain/governance/vocabulary.ts";

export interface DemoSeat {
  title: string;
  /** Organisation key (ashvale.ts). */
  organisation?: string;
  /** A demo user who holds the seat (by e-mail), or only a name. */
  holderEmail?: string;
  holderName?: string;
  holderRole: string;
  deputyEmail?: string;
  deputyName?: string;
  categories?: S58Category[];
  voting?: boolean;
}

/** The nth weekday (0 Sunday … 6 Saturday) of a month counted from the load day's month. */
export interface DemoMeetingDay {
  monthsFromNow: number;
}

export interface DemoBoardGovernance {
  /** Board key (ashvale.ts). */
  board: string;
  kind: BoardKind;
  purpose: string;
  chair: string;
  quorum: number;
  frequency: MeetingFrequency;
  /** The terms are next reviewed this many months from now (negative: the review is overdue). */
  reviewInMonths: number;
  weekday: number;
  nth: number;
  startsAt: string;
  endsAt: string;
  location: string;
  onlineLink?: string;
  /** The months (from the load day's month) it meets in over the year shown. */
  months: number[];
  seats: DemoSeat[];
}

export type DemoSubject =
  | { subject: "text" }
  | { subject: "commitment"; commitment: string }
  | { subject: "report"; report: "strategy-review" | "action-plan" | "round-summary" };

export type DemoAgendaItem = {
  title: string;
  purpose: AgendaPurpose;
  presenter: string;
  minutesAllowed: number;
  description?: string;
  minutes?: string;
  children?: DemoAgendaItem[];
  /** Context items (by key) attached to the item. */
  context?: string[];
} & DemoSubject;

export interface DemoDecision {
  /** Agenda item title it was taken under. */
  item: string;
  decision: string;
  reasons: string;
  alternatives: string;
  maker: string;
  key: boolean;
  status: "agreed" | "agreed_with_changes" | "deferred" | "implemented";
}

export interface DemoMeetingAction {
  item: string;
  description: string;
  owner: string;
  /** Due this many days after the meeting. */
  dueInDays: number;
  status: "not_started" | "in_progress" | "done";
  /** Updates from the owner, oldest first, each this many days after the meeting. */
  updates: {
    afterDays: number;
    status: "in_progress" | "done";
    rating: "green" | "amber" | "red";
    by: string;
    narrative: string;
  }[];
}

/** A meeting's record (held) or its agenda (the next one), by the month it falls in. */
export interface DemoMeetingRecord {
  board: string;
  month: number;
  /** Seat titles sent apologies, or sent their deputy; every other seat was present. */
  apologies?: string[];
  deputies?: string[];
  agenda: DemoAgendaItem[];
  decisions?: DemoDecision[];
  actions?: DemoMeetingAction[];
}

export interface DemoForwardReport {
  title: string;
  report: "strategy-review" | "action-plan" | "round-summary";
  author: string;
  notes: string;
  /** The boards it goes to, in order, each at its first meeting in or after the month given. */
  route: { board: string; fromMonth: number }[];
}

export interface DemoContextItem {
  key: string;
  title: string;
  kind:
    | "bill"
    | "act"
    | "statutory_guidance"
    | "national_strategy"
    | "consultation"
    | "inspection"
    | "review";
  stage: string;
  /** The stage's date, this many months from now. */
  stageInMonths: number;
  summary: string;
  link: string;
  /** Reports it is attached to. */
  reports?: ("strategy-review" | "action-plan")[];
}

export { ASHVALE_GOVERNANCE } from "./ashvale-governance-data.ts";
