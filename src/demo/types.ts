// The shape of a demo partnership as plain data. The loader (src/demo/load.ts) turns it into rows;
// keeping the content separate means it can be read and reviewed like a board paper.

import type { Frequency, IndicatorKind, Polarity, Unit } from "../domain/indicators.ts";
import type { Period } from "../domain/periods.ts";
import type { Thresholds } from "../domain/thresholds.ts";

export type DemoRole = "admin" | "editor" | "viewer";

export interface DemoOrganisation {
  /** Short key used inside this file to refer to the organisation, e.g. "police". */
  key: string;
  name: string;
  /** e.g. "Police", "Health", "Specialist service", "Council", "Education", "Housing", "Probation" */
  kind: string;
}

export interface DemoUser {
  email: string;
  name: string;
  organisation: string; // DemoOrganisation.key
  role: DemoRole;
  /** What this demo sign-in is for, printed at start-up. */
  purpose: string;
}

export interface DemoBoard {
  key: string;
  name: string;
  parent?: string; // DemoBoard.key
  description: string;
  // Its terms, seats and meetings are the governance story's (demo/ashvale-governance.ts).
}

export interface DemoCommitment {
  /** The partnership's own number, e.g. "1.4" */
  number: string;
  text: string;
  /** Numbers of other commitments this one cross-references, e.g. ["1.4"] */
  seeAlso?: string[];
}

export interface DemoPriority {
  number: string; // "1"
  title: string; // "Culture change"
  /** The outcome statement printed above the priority's rows in the action plan table. */
  outcome: string;
  commitments: DemoCommitment[];
}

export interface DemoMilestone {
  description: string;
  dueOn: string; // ISO date
  done: boolean;
}

export interface DemoAction {
  /** Number of the commitment this action delivers, e.g. "1.4" */
  commitment: string;
  what: string;
  how: string;
  /** DemoOrganisation.key of each lead organisation (one or more) */
  leads: string[];
  performanceTarget: string;
  dueOn?: string; // ISO date
  milestones?: DemoMilestone[];
}

export interface DemoActionPlan {
  name: string; // "2024–25"
  startsOn: string; // ISO date, 1 April
  endsOn: string; // ISO date, 31 March
  actions: DemoAction[];
}

export interface DemoPartnership {
  slug: string;
  name: string;
  areaName: string;
  region: string;
  organisations: DemoOrganisation[];
  users: DemoUser[];
  boards: DemoBoard[];
  strategy: {
    title: string;
    startYear: number;
    endYear: number;
    vision: string;
    priorities: DemoPriority[];
  };
  actionPlans: DemoActionPlan[];
}

// ── Progress: the quarterly update rounds and the partners' updates (src/demo/ashvale-progress.ts) ──

export type DemoRating = "red" | "amber" | "green" | "grey" | "complete";
export type DemoUpdateStatus = "draft" | "submitted" | "returned" | "accepted";
export type DemoQuarter = "Q1" | "Q2" | "Q3" | "Q4";

export interface DemoRound {
  quarter: DemoQuarter;
  /** "Q2 2024/25" */
  name: string;
  periodStart: string; // ISO date
  periodEnd: string; // ISO date
  /** ISO date. For the open round this is the natural deadline; the loader may move it later. */
  deadline: string;
  /** ISO date the coordinator opened the round. */
  openedOn: string;
  /** ISO date the coordinator closed the round; absent while it is open. */
  closedOn?: string;
}

export interface DemoUpdate {
  /** Default "accepted". Only the open round holds drafts, submitted and returned updates. */
  status?: DemoUpdateStatus;
  /** Null only in a draft that has not been rated yet. */
  rating: DemoRating | null;
  narrative: string;
  /** "What we are doing about it": required for Red and Amber. */
  remedy?: string;
  /** "To note" points that carry forward to the next round. */
  toNote?: string;
  evidenceLinks?: string[];
  /** Submitted this many days after the deadline; otherwise a few days before it. */
  daysLate?: number;
  /** The coordinator's comment on a returned update. */
  reviewComment?: string;
}

export interface DemoActionProgress {
  /** The start of the action's `what`, unique within its plan (checked by the tests). */
  action: string;
  /** A quarter with no entry means nobody sent an update for that round. */
  updates: Partial<Record<DemoQuarter, DemoUpdate>>;
}

export interface DemoPlanProgress {
  /** DemoActionPlan.name */
  plan: string;
  /** In order; at most the last round of the last plan is open. */
  rounds: DemoRound[];
  actions: DemoActionProgress[];
}

export interface DemoProgress {
  /** DemoPartnership.slug this history belongs to. */
  partnership: string;
  plans: DemoPlanProgress[];
}

// ── Key statistics: indicators and their figures (src/demo/ashvale-statistics.ts, load-statistics.ts) ──

export interface DemoFigure {
  /** The area's name: the partnership's own area name, or a comparator's. */
  area: string;
  period: Period;
  value?: number;
  numerator?: number;
  denominator?: number;
}

export interface DemoIndicator {
  template?: string;
  name?: string;
  definition?: string;
  unit?: Unit;
  numeratorLabel?: string;
  denominatorLabel?: string;
  rateBase?: number;
  populationLabel?: string;
  source?: string;
  frequency?: Frequency;
  polarity?: Polarity;
  kind?: IndicatorKind;
  owner: string;
  baseline?: { period: Period; value: number };
  target?: { value: number; date: string };
  thresholds?: Thresholds;
  partOf?: string;
  commitments?: string[];
  notes?: { changedOn: string; note: string }[];
  figures: DemoFigure[];
}

export interface DemoStatistics {
  /** The areas compared with the partnership's own, in order. */
  comparators: { name: string; kind: "police_force_area" | "region" | "england" }[];
  indicators: DemoIndicator[];
}
