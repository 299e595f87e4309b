// Ashvale's money and commissioning (issue 14): three funding streams, their allocations to a dozen
// of the action plan's actions, two years of quarterly spend and two contracts. Every name, figure and
// reference here is invented. Money is whole pence.
//
// Written, like the rest of the demo, in the story's years (the action plans 2024–25 and 2025–26, the
// live round Q4 2025/26); `fundingOn` (below) moves it to the day it is loaded with the calendar
// (calendar.ts). The contracts' dates are written relative to the load day instead, since "the
// extension decision is due in two months" and "the tender should have been published last week" must
// stay true whatever the day.
//
// Spend returns are year-to-date snapshots, as council budget monitoring reports them: each quarter
// gives the year's budget, what is committed and actually spent so far, and the forecast outturn for
// the year; the variance (forecast − budget) is computed, never stored.

import type { FundingKind } from "../domain/funding/vocabulary.ts";
import { addDays, type IsoDate, type QuarterNumber, toIsoDate } from "../domain/periods.ts";
import type { ServiceType } from "../domain/region/vocabulary.ts";
import { type DemoCalendar, shiftYearsInText } from "./calendar.ts";

/** £1 in pence: figures below are written in pounds for reading, stored in pence. */
const POUND = 100;

/** A funder or contributor: one of the demo's organisations (by key), or an outside body by name. */
export type DemoParty = { organisation: string } | { name: string };

export interface DemoContribution {
  from: DemoParty;
  yearStart: number;
  amountPence: number;
  received: boolean;
  receivedOn?: IsoDate;
}

export interface DemoFundingStream {
  key: string;
  name: string;
  kind: FundingKind;
  funder: DemoParty;
  firstYearStart: number;
  lastYearStart: number;
  conditions: string;
  reportingRequirements: string;
  decisionReference: string;
  decisionLink: string;
  awardedOn: IsoDate;
  startsOn: IsoDate;
  endsOn: IsoDate;
  contributions: DemoContribution[];
}

/** What an allocation pays for: an action (its plan's name and the start of its `what`), a contract or a project. */
export type DemoTarget = { plan: string; action: string } | { contract: string } | { project: string };

export interface DemoSpendPlan {
  /** Whole percent of the budget forecast to be under (negative) or over (positive) spent. */
  variancePercent?: number;
  /** Required when the variance passes the partnership's threshold (10%). */
  explanation?: string;
  /** The live quarter's return is in already (entered by the coordinator from the finance system). */
  liveQuarterEntered?: boolean;
}

export interface DemoAllocation {
  stream: string;
  yearStart: number;
  target: DemoTarget;
  amountPence: number;
  notes?: string;
  /** For regional spend by service type; absent: from its contract, else "other". */
  serviceType?: ServiceType;
  spend: DemoSpendPlan;
}

export interface DemoMilestone {
  name: string;
  /** Days from the load day (negative: before it). */
  plannedInDays: number;
  /** Days from the load day it was done; absent while not done. */
  doneInDays?: number;
}

export interface DemoContract {
  key: string;
  service: string;
  reference: string;
  provider: DemoParty | null;
  stream: string | null;
  stage: "analyse" | "plan" | "do" | "review";
  annualValuePence: number;
  /** Months from the load day's month (the 1st of that month); ends are the day before a 1st. */
  startsInMonths: number;
  endsInMonths: number;
  latestEndInMonths: number;
  extensionDecisionInMonths: number | null;
  notes: string;
  /** What kind of service, for regional spend and capacity. */
  serviceType?: ServiceType;
  milestones: DemoMilestone[];
}

export interface DemoFunding {
  varianceThresholdPercent: number;
  streams: DemoFundingStream[];
  allocations: DemoAllocation[];
  contracts: DemoContract[];
}

const MINISTRY = { name: "Ministry of Housing, Communities and Local Government" };
const PREVIOUS = "2024–25";
const CURRENT = "2025–26";

export const ashvaleFunding: DemoFunding = {
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
        "Domestic Abuse Act 2021 defines it. Keep the safe accommodation needs assessment and strategy up " +
        "to date. Grant not spent by 31 March is returned unless the department agrees to carry it forward.",
      reportingRequirements:
        "Part 4 annual return by 31 May; mid-year spend return by 31 October; the chief finance officer " +
        "signs the grant declaration each year.",
      decisionReference: "Grant determination AV-DASA-2025-07",
      decisionLink: "https://ashvale.example/decisions/dasa-grant-2025",
      awardedOn: "2024-02-20",
      startsOn: "2024-04-01",
      endsOn: "2026-03-31",
      contributions: [
        {
          from: MINISTRY,
          yearStart: 2024,
          amountPence: 612_450 * POUND,
          received: true,
          receivedOn: "2024-04-19",
        },
        {
          from: MINISTRY,
          yearStart: 2025,
          amountPence: 627_930 * POUND,
          received: true,
          receivedOn: "2025-04-17",
        },
      ],
    },
    {
      key: "opcc",
      name: "Police and Crime Commissioner's domestic abuse contribution",
      kind: "partner_contribution",
      funder: { organisation: "opcc" },
      firstYearStart: 2024,
      lastYearStart: 2025,
      conditions:
        "For services that support victims to cope and recover, and for work with people who cause harm. " +
        "The commissioner's office sits on the steering group and sees the spend each quarter.",
      reportingRequirements:
        "Quarterly spend and outcomes to the commissioner's office within a month of quarter end.",
      decisionReference: "PCC Decision Notice 2024/031",
      decisionLink: "https://northmarston-pcc.example/decisions/2024-031",
      awardedOn: "2024-03-12",
      startsOn: "2024-04-01",
      endsOn: "2026-03-31",
      contributions: [
        {
          from: { organisation: "opcc" },
          yearStart: 2024,
          amountPence: 145_000 * POUND,
          received: true,
          receivedOn: "2024-05-02",
        },
        {
          from: { organisation: "opcc" },
          yearStart: 2025,
          amountPence: 150_000 * POUND,
          received: true,
          receivedOn: "2025-05-06",
        },
      ],
    },
    {
      key: "regional",
      name: "North Marston regional pot",
      kind: "pooled_budget",
      funder: { name: "North Marston safeguarding boards and commissioner" },
      firstYearStart: 2025,
      lastYearStart: 2025,
      conditions:
        "Pooled by the region's four bodies for one year; Ashvale hosts the pot and reports for all four. " +
        "Spend on the North Marston regional quality project, the shared stalking response and its " +
        "regional advocacy network only.",
      reportingRequirements: "A half-year and a year-end statement to each contributing body.",
      decisionReference: "Decision 2025-00318846",
      decisionLink: "https://ashvale.example/decisions/2025-00318846",
      awardedOn: "2025-03-18",
      startsOn: "2025-04-01",
      endsOn: "2026-03-31",
      contributions: [
        {
          from: { name: "North Marston Safeguarding Adults Board" },
          yearStart: 2025,
          amountPence: 8_000 * POUND,
          received: true,
          receivedOn: "2025-04-30",
        },
        {
          from: { name: "Ashvale Safeguarding Children Partnership" },
          yearStart: 2025,
          amountPence: 8_000 * POUND,
          received: true,
          receivedOn: "2025-05-14",
        },
        {
          from: { name: "Brackenford, Corrow Vale and Deneholme Safeguarding Children Partnership" },
          yearStart: 2025,
          amountPence: 8_000 * POUND,
          received: false,
        },
        {
          from: { organisation: "opcc" },
          yearStart: 2025,
          amountPence: 10_500 * POUND,
          received: true,
          receivedOn: "2025-05-06",
        },
      ],
    },
  ],

  allocations: [
    // 2024–25
    {
      stream: "dasa",
      yearStart: 2024,
      target: { contract: "refuge" },
      amountPence: 410_000 * POUND,
      spend: { variancePercent: 0 },
    },
    {
      stream: "dasa",
      yearStart: 2024,
      target: { plan: PREVIOUS, action: "Relaunch the Sanctuary scheme" },
      amountPence: 45_000 * POUND,
      spend: { variancePercent: -3 },
    },
    {
      stream: "dasa",
      yearStart: 2024,
      target: { plan: PREVIOUS, action: "Complete the yearly safe accommodation needs assessment" },
      amountPence: 15_000 * POUND,
      spend: {},
    },
    {
      stream: "dasa",
      yearStart: 2024,
      target: { plan: PREVIOUS, action: "Start work towards Domestic Abuse Housing Alliance" },
      amountPence: 9_000 * POUND,
      spend: { variancePercent: 4 },
    },
    {
      stream: "dasa",
      yearStart: 2024,
      target: { plan: PREVIOUS, action: "Make it easier for older and disabled people" },
      amountPence: 20_000 * POUND,
      spend: { variancePercent: -2 },
    },
    {
      stream: "dasa",
      yearStart: 2024,
      target: { project: "Move-on accommodation pilot" },
      amountPence: 85_000 * POUND,
      notes: "Second-stage flats leased from Millbeck Housing Association for a year.",
      spend: { variancePercent: -1 },
    },
    {
      stream: "opcc",
      yearStart: 2024,
      target: { plan: PREVIOUS, action: "Fund two more IDVA posts" },
      amountPence: 84_000 * POUND,
      spend: { variancePercent: -4 },
    },
    {
      stream: "opcc",
      yearStart: 2024,
      target: { plan: PREVIOUS, action: "Commission a behaviour-change programme" },
      amountPence: 40_000 * POUND,
      spend: {},
    },
    {
      stream: "opcc",
      yearStart: 2024,
      target: { plan: PREVIOUS, action: "Pilot a medium-risk outreach service" },
      amountPence: 21_000 * POUND,
      spend: { variancePercent: 2 },
    },

    // 2025–26: a dozen actions, the specialist service's contract and one regional project
    {
      stream: "dasa",
      yearStart: 2025,
      target: { contract: "refuge" },
      amountPence: 420_000 * POUND,
      spend: { liveQuarterEntered: true },
    },
    {
      stream: "dasa",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Open six dispersed safe accommodation units" },
      amountPence: 96_000 * POUND,
      spend: {
        variancePercent: -19,
        liveQuarterEntered: true,
        explanation:
          "Two of the six units open in the third quarter rather than in April, because the housing " +
          "association's refurbishment started late. We have asked the ministry to carry the unspent " +
          "money forward to next year's units.",
      },
    },
    {
      stream: "dasa",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Extend the Sanctuary scheme to private rented" },
      amountPence: 48_500 * POUND,
      spend: { variancePercent: 3 },
    },
    {
      stream: "dasa",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Achieve Domestic Abuse Housing Alliance accreditation" },
      amountPence: 12_000 * POUND,
      spend: {},
    },
    {
      stream: "dasa",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Improve support for male and LGBT+ victims" },
      amountPence: 26_000 * POUND,
      spend: { variancePercent: -5 },
    },
    {
      stream: "dasa",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Run recovery programmes for mothers and children" },
      amountPence: 18_000 * POUND,
      spend: {},
    },
    {
      stream: "opcc",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Add a court IDVA" },
      amountPence: 42_000 * POUND,
      spend: { variancePercent: -6, liveQuarterEntered: true },
    },
    {
      stream: "opcc",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Deliver the behaviour-change programme" },
      amountPence: 55_000 * POUND,
      spend: { variancePercent: 2 },
    },
    {
      stream: "opcc",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Make the medium-risk outreach service permanent" },
      amountPence: 38_000 * POUND,
      spend: { liveQuarterEntered: true },
    },
    {
      stream: "opcc",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Improve victims' experience of court" },
      amountPence: 9_500 * POUND,
      spend: {},
    },
    {
      stream: "opcc",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Run recovery groups for survivors" },
      amountPence: 5_500 * POUND,
      spend: { variancePercent: 8 },
    },
    {
      stream: "regional",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Widen MATAC to take on serial stalking perpetrators" },
      amountPence: 14_500 * POUND,
      spend: {},
    },
    {
      stream: "regional",
      yearStart: 2025,
      target: { plan: CURRENT, action: "Raise awareness of stalking and tech-enabled abuse" },
      amountPence: 12_000 * POUND,
      spend: { variancePercent: -4 },
    },
    {
      stream: "regional",
      yearStart: 2025,
      target: { project: "Regional stalking advocacy network" },
      amountPence: 8_000 * POUND,
      notes: "Shared with the region's three other partnerships; Ashvale hosts the network's coordinator.",
      spend: { liveQuarterEntered: true },
    },
  ],

  contracts: [
    {
      key: "refuge",
      service: "Specialist safe accommodation and community support service",
      reference: "AV-COM-0412",
      provider: { organisation: "specialist" },
      stream: "dasa",
      serviceType: "safe-accommodation",
      stage: "review",
      annualValuePence: 420_000 * POUND,
      startsInMonths: -29,
      endsInMonths: 7,
      latestEndInMonths: 31,
      extensionDecisionInMonths: 2,
      notes:
        "Three years from the start, with up to two one-year extensions. The steering group decides on " +
        "the first extension after the service review.",
      milestones: [
        { name: "Needs assessment", plannedInDays: -1_290, doneInDays: -1_284 },
        { name: "Engagement", plannedInDays: -1_230, doneInDays: -1_222 },
        { name: "Service model agreed", plannedInDays: -1_170, doneInDays: -1_161 },
        { name: "Tender published", plannedInDays: -1_120, doneInDays: -1_120 },
        { name: "Tender closes", plannedInDays: -1_085, doneInDays: -1_085 },
        { name: "Evaluation", plannedInDays: -1_060, doneInDays: -1_054 },
        { name: "Award decision", plannedInDays: -1_040, doneInDays: -1_036 },
        { name: "Standstill ends", plannedInDays: -1_028, doneInDays: -1_026 },
        { name: "Contract signed", plannedInDays: -1_010, doneInDays: -1_003 },
        { name: "Mobilisation", plannedInDays: -975, doneInDays: -975 },
        { name: "Service starts", plannedInDays: -885, doneInDays: -885 },
      ],
    },
    {
      key: "community",
      service: "Community domestic abuse support service (new model)",
      reference: "AV-COM-0519",
      provider: null,
      stream: "opcc",
      serviceType: "community-support",
      stage: "do",
      annualValuePence: 240_000 * POUND,
      startsInMonths: 7,
      endsInMonths: 43,
      latestEndInMonths: 67,
      extensionDecisionInMonths: null,
      notes:
        "Replaces the outreach pilot with one service for medium-risk victims across the borough. " +
        "Tender delayed while the specification's pricing schedule is checked.",
      milestones: [
        { name: "Needs assessment", plannedInDays: -270, doneInDays: -262 },
        { name: "Engagement", plannedInDays: -210, doneInDays: -201 },
        { name: "Service model agreed", plannedInDays: -150, doneInDays: -147 },
        { name: "Tender published", plannedInDays: -10 },
        { name: "Tender closes", plannedInDays: 35 },
        { name: "Evaluation", plannedInDays: 56 },
        { name: "Award decision", plannedInDays: 70 },
        { name: "Standstill ends", plannedInDays: 81 },
        { name: "Contract signed", plannedInDays: 90 },
        { name: "Mobilisation", plannedInDays: 100 },
        { name: "Service starts", plannedInDays: 212 },
      ],
    },
  ],
};

// ── Moving the story to the load day ──────────────────────────────────────────────────────────────

export interface DemoSpendReturn {
  yearStart: number;
  quarter: QuarterNumber;
  budgetPence: number;
  committedPence: number;
  actualPence: number;
  forecastPence: number;
  explanation: string;
}

export interface DemoAllocationOn extends DemoAllocation {
  returns: DemoSpendReturn[];
}

export interface DemoContractOn
  extends Omit<
    DemoContract,
    "startsInMonths" | "endsInMonths" | "latestEndInMonths" | "extensionDecisionInMonths" | "milestones"
  > {
  startsOn: IsoDate;
  endsOn: IsoDate;
  latestEndOn: IsoDate;
  extensionDecisionDueOn: IsoDate | null;
  milestones: { name: string; plannedOn: IsoDate; actualOn: IsoDate | null }[];
}

export interface DemoFundingOn {
  varianceThresholdPercent: number;
  streams: DemoFundingStream[];
  allocations: DemoAllocationOn[];
  contracts: DemoContractOn[];
}

/** Share of the year's budget spent by the end of each quarter (percent): slow start, year-end catch-up. */
const SPENT_BY_QUARTER = [21, 46, 72, 100] as const;
/** Share committed (orders raised, staff in post for the year) by the end of each quarter. */
const COMMITTED_BY_QUARTER = [70, 84, 95, 100] as const;

/** Whole pounds of `pence × percent / 100`, with integer arithmetic only. */
function percentOf(pence: number, percent: number): number {
  return Math.round((pence * percent) / (100 * POUND)) * POUND;
}

/**
 * The year-to-date returns of an allocation up to `lastQuarter`: the forecast carries the allocation's
 * variance from the first quarter, and the year's actual ends at the forecast outturn.
 */
export function spendReturns(allocation: DemoAllocation, lastQuarter: number): DemoSpendReturn[] {
  const budget = allocation.amountPence;
  const forecast = budget + percentOf(budget, allocation.spend.variancePercent ?? 0);
  const returns: DemoSpendReturn[] = [];
  for (let q = 1; q <= lastQuarter; q++) {
    const i = q - 1;
    const actual = q === 4 ? forecast : percentOf(forecast, SPENT_BY_QUARTER[i] ?? 100);
    const committed = Math.max(actual, percentOf(forecast, COMMITTED_BY_QUARTER[i] ?? 100));
    returns.push({
      yearStart: allocation.yearStart,
      quarter: q as QuarterNumber,
      budgetPence: budget,
      committedPence: committed,
      actualPence: actual,
      forecastPence: forecast,
      explanation: allocation.spend.explanation ?? "",
    });
  }
  return returns;
}

/** The first of the month `months` after the month of `today`. */
function firstOfMonth(today: IsoDate, months: number): IsoDate {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + months;
  return toIsoDate(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** The story's funding moved to the calendar: years shifted, spend up to the live quarter, contracts from today. */
export function fundingOn(story: DemoFunding, calendar: DemoCalendar): DemoFundingOn {
  const shift = calendar.yearShift;
  const text = (s: string) => shiftYearsInText(s, shift);
  const live = calendar.liveQuarter;
  const streams = story.streams.map((s) => ({
    ...s,
    firstYearStart: s.firstYearStart + shift,
    lastYearStart: s.lastYearStart + shift,
    conditions: text(s.conditions),
    reportingRequirements: text(s.reportingRequirements),
    decisionReference: text(s.decisionReference),
    decisionLink: text(s.decisionLink),
    awardedOn: text(s.awardedOn),
    startsOn: text(s.startsOn),
    endsOn: text(s.endsOn),
    contributions: s.contributions.map((c) => ({
      ...c,
      yearStart: c.yearStart + shift,
      ...(c.receivedOn ? { receivedOn: text(c.receivedOn) } : {}),
    })),
  }));
  const allocations = story.allocations.map((a) => {
    const moved: DemoAllocation = {
      ...a,
      yearStart: a.yearStart + shift,
      target: "plan" in a.target ? { plan: text(a.target.plan), action: text(a.target.action) } : a.target,
    };
    // The live year has spend up to the quarter just ended; that quarter's return only where it is in.
    let last = 4;
    if (moved.yearStart === live.startYear)
      last = a.spend.liveQuarterEntered ? live.quarter : live.quarter - 1;
    else if (moved.yearStart > live.startYear) last = 0;
    return { ...moved, returns: spendReturns(moved, last) };
  });
  const today = calendar.today;
  const contracts = story.contracts.map(
    ({ startsInMonths, endsInMonths, latestEndInMonths, extensionDecisionInMonths, milestones, ...c }) => ({
      ...c,
      startsOn: firstOfMonth(today, startsInMonths),
      endsOn: addDays(firstOfMonth(today, endsInMonths), -1),
      latestEndOn: addDays(firstOfMonth(today, latestEndInMonths), -1),
      extensionDecisionDueOn:
        extensionDecisionInMonths === null
          ? null
          : addDays(firstOfMonth(today, extensionDecisionInMonths), 14),
      milestones: milestones.map((m) => ({
        name: m.name,
        plannedOn: addDays(today, m.plannedInDays),
        actualOn: m.doneInDays === undefined ? null : addDays(today, m.doneInDays),
      })),
    }),
  );
  return { varianceThresholdPercent: story.varianceThresholdPercent, streams, allocations, contracts };
}
