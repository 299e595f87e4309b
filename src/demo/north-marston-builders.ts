// The North Marston region's builders (issue 15). The region holds Ashvale and three smaller fictional partnerships of the same
// police force area, each with just enough of its own data for the region to compare — a strategy, one
// action plan with a year of accepted updates, a few key statistics, money and contracts, and a Local
// Partnership Board. Every name and figure is invented; nothing is about a victim, a perpetrator or a
// child. The partnerships are in north-marston-<name>.ts, listed in north-marston.ts; this file holds
// the shapes they share and the builders that keep them short (apart, so the list can import them). They load with the same loaders as Ashvale's (load.ts).

import type { S58Category } from "../domain/governance/vocabulary.ts";
import type { ServiceType } from "../domain/region/vocabulary.ts";
import type { DemoAllocation, DemoContract, DemoFunding } from "./ashvale-funding.ts";
import type { DemoBoardGovernance, DemoMeetingRecord, DemoSeat } from "./ashvale-governance.ts";
import type { GovernanceStory } from "./load-governance-records.ts";
import type { DemoActionProgress, DemoPartnership, DemoProgress, DemoRating, DemoRound } from "./types.ts";

/** The figures a smaller partnership's key statistics are made from (north-marston-statistics.ts). */
export interface RegionStatisticsSpec {
  /** Cases discussed at Marac in an average quarter. */
  maracCases: number;
  /** Share of Marac cases that are repeats, percent. */
  repeatPercent: number;
  /** Households the safe accommodation service could not support, per year (oldest first). */
  householdsNotSupported: [number, number, number, number, number];
  /** Seed for the repeatable wobble, so the partnerships differ. */
  seed: number;
}

/** Everything one smaller partnership of the region brings to the demo. */
export interface RegionPartnershipStory {
  partnership: DemoPartnership;
  progress: DemoProgress;
  funding: DemoFunding;
  governance: GovernanceStory;
  statistics: RegionStatisticsSpec;
}

/** The story's current plan, as Ashvale's: its quarters move to the load day with calendar.ts. */
export const CURRENT_PLAN = "2025–26";

const STORY_ROUNDS: DemoRound[] = [
  {
    q: "Q1",
    start: "2025-04-01",
    end: "2025-06-30",
    deadline: "2025-07-15",
    open: "2025-07-01",
    shut: "2025-07-25",
  },
  {
    q: "Q2",
    start: "2025-07-01",
    end: "2025-09-30",
    deadline: "2025-10-15",
    open: "2025-10-01",
    shut: "2025-10-24",
  },
  {
    q: "Q3",
    start: "2025-10-01",
    end: "2025-12-31",
    deadline: "2026-01-15",
    open: "2026-01-02",
    shut: "2026-01-23",
  },
  { q: "Q4", start: "2026-01-01", end: "2026-03-31", deadline: "2026-04-15", open: "2026-04-01" },
].map((r) => ({
  quarter: r.q as DemoRound["quarter"],
  name: `${r.q} 2025/26`,
  periodStart: r.start,
  periodEnd: r.end,
  deadline: r.deadline,
  openedOn: r.open,
  ...(r.shut ? { closedOn: r.shut } : {}),
}));

/** One action's year: a rating and a sentence for each quarter, and what is being done when off track. */
export interface ActionYear {
  action: string;
  ratings: [DemoRating, DemoRating, DemoRating, DemoRating];
  notes: [string, string, string, string];
  remedy?: string;
}

/** A year of accepted quarterly updates for the current plan (the story's live Q4 included). */
export function yearOfUpdates(slug: string, actions: ActionYear[]): DemoProgress {
  const quarters = ["Q1", "Q2", "Q3", "Q4"] as const;
  const entries: DemoActionProgress[] = actions.map((a) => ({
    action: a.action,
    updates: Object.fromEntries(
      quarters.map((q, i) => [
        q,
        {
          rating: a.ratings[i] ?? "grey",
          narrative: a.notes[i] ?? "",
          ...(a.ratings[i] === "red" || a.ratings[i] === "amber" ? { remedy: a.remedy ?? "" } : {}),
        },
      ]),
    ),
  }));
  return { partnership: slug, plans: [{ plan: CURRENT_PLAN, rounds: STORY_ROUNDS, actions: entries }] };
}

/**
 * A smaller partnership's governance: its Local Partnership Board (seats with the s58 categories they
 * represent), meeting quarterly; last month's meeting agreed the self-assessment for submission.
 */
export function boardGovernance(
  board: Omit<
    DemoBoardGovernance,
    "kind" | "frequency" | "months" | "weekday" | "nth" | "startsAt" | "endsAt"
  >,
  lastMeeting: Omit<DemoMeetingRecord, "board" | "month">,
): GovernanceStory {
  return {
    boards: [
      {
        ...board,
        kind: "strategic",
        frequency: "quarterly",
        months: [-4, -1, 2, 5],
        weekday: 2,
        nth: 2,
        startsAt: "10:00",
        endsAt: "12:00",
      },
    ],
    meetings: [{ ...lastMeeting, board: board.board, month: -1 }],
    forwardPlan: [],
    contextItems: [],
  };
}

const POUND = 100;
const MINISTRY = { name: "Ministry of Housing, Communities and Local Government" };

/** A contract of a smaller partnership: its dates in months from the load day, as Ashvale's. */
export type RegionContract = Omit<DemoContract, "milestones" | "stream" | "annualValuePence" | "stage"> & {
  stream: "dasa" | "opcc";
  annualPounds: number;
  stage?: DemoContract["stage"];
};

/**
 * A smaller partnership's money: the safe accommodation grant (two years) and the commissioner's
 * contribution (this year), each contract paid from its stream in both years, and a few actions of the
 * current plan funded from the commissioner's money.
 */
export function regionFunding(spec: {
  council: string;
  grantPounds: [number, number];
  opccPounds: number;
  contracts: RegionContract[];
  actions: { action: string; pounds: number; serviceType: ServiceType; variancePercent?: number }[];
}): DemoFunding {
  const allocations: DemoAllocation[] = [
    ...spec.contracts.flatMap((c) =>
      (c.stream === "dasa" ? [2024, 2025] : [2025]).map((yearStart) => ({
        stream: c.stream,
        yearStart,
        target: { contract: c.key },
        amountPence: c.annualPounds * POUND,
        spend: { variancePercent: yearStart === 2025 ? -3 : 0 },
      })),
    ),
    ...spec.actions.map((a) => ({
      stream: "opcc",
      yearStart: 2025,
      target: { plan: CURRENT_PLAN, action: a.action },
      amountPence: a.pounds * POUND,
      serviceType: a.serviceType,
      spend: { variancePercent: a.variancePercent ?? 0 },
    })),
  ];
  return {
    varianceThresholdPercent: 10,
    streams: [
      {
        key: "dasa",
        name: "Domestic Abuse Safe Accommodation Grant",
        kind: "grant",
        funder: MINISTRY,
        firstYearStart: 2024,
        lastYearStart: 2025,
        conditions:
          "Spend only on support within safe accommodation as the statutory guidance for Part 4 of the " +
          "Domestic Abuse Act 2021 defines it.",
        reportingRequirements: "The yearly Part 4 return to the department.",
        decisionReference: "",
        decisionLink: "",
        awardedOn: "2024-03-12",
        startsOn: "2024-04-01",
        endsOn: "2026-03-31",
        contributions: spec.grantPounds.map((pounds, i) => ({
          from: MINISTRY,
          yearStart: 2024 + i,
          amountPence: pounds * POUND,
          received: true,
          receivedOn: i === 0 ? "2024-05-10" : "2025-05-09",
        })),
      },
      {
        key: "opcc",
        name: "Police and Crime Commissioner's victims' services contribution",
        kind: "partner_contribution",
        funder: { organisation: "opcc" },
        firstYearStart: 2025,
        lastYearStart: 2025,
        conditions: `Spend on community support and perpetrator work agreed with ${spec.council}.`,
        reportingRequirements: "Quarterly spend and outcomes to the commissioner's office.",
        decisionReference: "",
        decisionLink: "",
        awardedOn: "2025-03-20",
        startsOn: "2025-04-01",
        endsOn: "2026-03-31",
        contributions: [
          {
            from: { organisation: "opcc" },
            yearStart: 2025,
            amountPence: spec.opccPounds * POUND,
            received: true,
            receivedOn: "2025-05-20",
          },
        ],
      },
    ],
    allocations,
    contracts: spec.contracts.map(({ annualPounds, stage, ...c }) => ({
      ...c,
      stage: stage ?? "review",
      annualValuePence: annualPounds * POUND,
      milestones: [
        { name: "Service review", plannedInDays: -60, doneInDays: -55 },
        { name: "Extension decision", plannedInDays: 45 },
      ],
    })),
  };
}

/** Board seats written one a line: title, organisation key ("" for none), holder, role, s58 categories. */
export function seatsOf(rows: [string, string, string, string, S58Category[]][]): DemoSeat[] {
  return rows.map(([title, organisation, holderName, holderRole, categories]) => ({
    title,
    ...(organisation ? { organisation } : {}),
    holderName,
    holderRole,
    categories,
  }));
}
