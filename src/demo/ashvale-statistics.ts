// Ashvale's key statistics: twenty quarters up to the one just ended and five financial years (see
// calendar.ts: the periods move with the day the demo is loaded) of invented quarterly and annual
// figures for Ashvale Borough and its comparators (the police force area, the region, England).
// Every figure is fictional. They are made to be believable: seasonal peaks at Christmas and in the
// summer, a Marac repeat rate that jumps when the definition changed in April 2022, and a few small
// counts (male and LGBT+ victims at Marac, households that could not be supported, "other" bed
// spaces) that must be suppressed when published, one of them needing secondary suppression.
//
// Loaded by src/demo/load-statistics.ts in the demo's own transaction, with set-based inserts.
import { quarterOf, yearPeriod } from "../domain/periods.ts";
import { type DemoCalendar, shiftIsoDate, shiftYearsInText } from "./calendar.ts";
import type { DemoIndicator, DemoStatistics, DemoFigure as Figure } from "./types.ts";

const OWN = "Ashvale Borough";
const FORCE = "North Marston police force area";
const REGION = "Northern region";
const ENGLAND = "England";
export const ASHVALE_COMPARATORS = [
  { name: FORCE, kind: "police_force_area" as const },
  { name: REGION, kind: "region" as const },
  { name: ENGLAND, kind: "england" as const },
];

/** A repeatable wobble in [-1, 1]: the same figures on every load, without Math.random. */
function wobble(i: number, seed: number): number {
  const x = Math.sin(i * 12.9898 + seed * 78.233) * 43_758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

/** Christmas (Q3) and summer (Q2) peaks in domestic abuse reporting. */
const SEASON = [0.97, 1.04, 1.06, 0.93];

/**
 * The demo's indicators with their figures for the calendar's periods: twenty quarters up to the one just
 * ended and five financial years up to the last that has ended (see calendar.ts).
 */
export function ashvaleIndicators(calendar: DemoCalendar): DemoIndicator[] {
  const quarters = calendar.statisticsQuarters;
  const years = calendar.statisticsYears;
  const shift = calendar.statisticsYearShift;
  const season = (i: number) => SEASON[quarterOf(quarters[i]!.start).quarter - 1]!;
  // The repeat definition widened at the start of the third year of figures (April 2022 in the story).
  const widenedOn = shiftIsoDate("2022-04-01", shift);
  const widened = quarters.findIndex((q) => q.start >= widenedOn);
  const round1 = (n: number) => Math.round(n * 10) / 10;

  /** Own-area cases discussed at Marac each quarter: rising as more partners refer. */
  const maracCases = quarters.map((_, i) => Math.round((78 + i * 1.3) * season(i) + wobble(i, 1) * 6));

  function percentFigures(
    seed: number,
    own: (i: number) => number,
    comparators: [number, number, number],
    denominators = maracCases,
  ): Figure[] {
    return quarters.flatMap((period, i) => {
      const denominator = denominators[i]!;
      const numerator = Math.max(0, Math.min(denominator, Math.round((denominator * own(i)) / 100)));
      return [
        { area: OWN, period, numerator, denominator },
        ...ASHVALE_COMPARATORS.map((c, k) => ({
          area: c.name,
          period,
          value: round1(comparators[k]! + wobble(i, seed + k) * 0.8),
        })),
      ];
    });
  }

  /** The repeat definition widened in April 2022 (Q1 2022/23, the 9th quarter): repeats jump. */
  const repeatShare = (i: number) => (i < widened ? 33 : 43 - (i - widened) * 0.55) + wobble(i, 2) * 2.2;
  const repeatComparators = (i: number): [number, number, number] =>
    i < widened ? [30, 29, 28] : [36, 34.5, 33];

  const police16 = [162_400, 163_100, 163_900, 164_700, 165_300];
  const incidents = quarters.map((_, i) => Math.round((1_020 + i * 9) * season(i) + wobble(i, 5) * 35));
  const crimes = incidents.map((n, i) => Math.round(n * (0.58 + i * 0.002)));

  return [
    {
      template: "marac-cases",
      owner: "specialist",
      commitments: ["4.1"],
      figures: quarters.map((period, i) => ({ area: OWN, period, value: maracCases[i]! })),
    },
    {
      template: "marac-repeat-rate",
      owner: "specialist",
      polarity: "down",
      kind: "performance",
      // Set after the definition changed: the 2022/23 rate, to come down to 36% by March 2027.
      baseline: { period: yearPeriod({ startYear: 2022 + shift }), value: 42.6 },
      target: { value: 36, date: shiftIsoDate("2027-03-31", shift) },
      commitments: ["4.1"],
      notes: [
        {
          changedOn: widenedOn,
          note: shiftYearsInText(
            "SafeLives widened the definition of a repeat: any case heard again within 12 months of its last Marac now counts, whether or not a new incident was reported to the police. Figures from Q1 2022/23 are higher for that reason and cannot be compared directly with earlier quarters.",
            shift,
          ),
        },
      ],
      figures: quarters.flatMap((period, i) => [
        {
          area: OWN,
          period,
          numerator: Math.round((maracCases[i]! * repeatShare(i)) / 100),
          denominator: maracCases[i]!,
        },
        ...ASHVALE_COMPARATORS.map((c, k) => ({
          area: c.name,
          period,
          value: round1(repeatComparators(i)[k]! + wobble(i, 20 + k) * 0.7),
        })),
      ]),
    },
    {
      template: "marac-referrals-not-police",
      owner: "specialist",
      figures: percentFigures(30, (i) => 27 + i * 0.45 + wobble(i, 3) * 3, [29, 31, 33]),
    },
    // Small numbers: a few male and LGBT+ victims each quarter, hidden when published.
    {
      template: "marac-male",
      owner: "specialist",
      commitments: ["4.6"],
      figures: percentFigures(40, (i) => 5 + wobble(i, 4) * 2.5, [5.5, 5.2, 4.8]),
    },
    {
      template: "marac-lgbt",
      owner: "specialist",
      commitments: ["4.6"],
      figures: percentFigures(50, (i) => 3.5 + i * 0.1 + wobble(i, 6) * 1.5, [2.4, 2.2, 2.6]),
    },
    {
      template: "marac-cases-per-10000-women",
      owner: "specialist",
      figures: quarters.flatMap((period, i) => {
        const women = Math.round(police16[Math.floor(i / 4)]! * 0.515);
        return [
          { area: OWN, period, numerator: maracCases[i]!, denominator: women },
          ...ASHVALE_COMPARATORS.map((c, k) => ({
            area: c.name,
            period,
            value: round1([9.4, 9.1, 9.8][k]! + i * 0.04 + wobble(i, 60 + k) * 0.4),
          })),
        ];
      }),
    },
    {
      template: "police-da-per-1000",
      owner: "police",
      figures: quarters.flatMap((period, i) => [
        { area: OWN, period, numerator: incidents[i]!, denominator: police16[Math.floor(i / 4)]! },
        ...ASHVALE_COMPARATORS.map((c, k) => ({
          area: c.name,
          period,
          value: round1(([6.7, 7.1, 7.6][k]! + i * 0.03) * season(i) + wobble(i, 70 + k) * 0.1),
        })),
      ]),
    },
    {
      template: "police-da-arrests-per-100",
      owner: "police",
      figures: quarters.flatMap((period, i) => {
        const arrests = Math.round(crimes[i]! * (0.27 + i * 0.002 + wobble(i, 8) * 0.015));
        return [
          { area: OWN, period, numerator: arrests, denominator: crimes[i]! },
          ...ASHVALE_COMPARATORS.map((c, k) => ({
            area: c.name,
            period,
            value: round1([29, 31, 30][k]! + wobble(i, 80 + k)),
          })),
        ];
      }),
    },
    {
      template: "police-da-charge-rate",
      owner: "police",
      polarity: "up",
      kind: "performance",
      baseline: { period: yearPeriod({ startYear: 2019 + shift }), value: 8.1 },
      target: { value: 12, date: shiftIsoDate("2026-03-31", shift) },
      commitments: ["4.7"],
      figures: percentFigures(90, (i) => 7.6 + i * 0.16 + wobble(i, 9) * 0.6, [8.4, 8.9, 8.2], crimes),
    },
    {
      name: "Children's social care referrals where domestic abuse is a factor",
      definition:
        "Of the referrals to Children's Services in the quarter, the share where domestic abuse was recorded as a factor at the referral point.",
      unit: "percentage",
      numeratorLabel: "Referrals with domestic abuse recorded as a factor",
      denominatorLabel: "Referrals to Children's Services",
      source: "Ashvale Children's Services case management system (quarterly extract)",
      frequency: "quarterly",
      polarity: "neither",
      kind: "contextual",
      owner: "childrens",
      figures: quarters.map((period, i) => {
        const denominator = Math.round(640 + wobble(i, 11) * 60);
        return {
          area: OWN,
          period,
          numerator: Math.round(denominator * (0.1 + wobble(i, 12) * 0.012)),
          denominator,
        };
      }),
    },
    {
      template: "sa-people-supported",
      owner: "housingOptions",
      commitments: ["4.3"],
      figures: years.map((period, i) => ({ area: OWN, period, value: [212, 236, 251, 268, 290][i]! })),
    },
    {
      template: "sa-households-not-supported",
      owner: "housingOptions",
      commitments: ["4.3"],
      figures: years.map((period, i) => ({ area: OWN, period, value: [11, 7, 3, 4, 6][i]! })),
    },
    {
      template: "sa-bed-spaces",
      owner: "housingOptions",
      figures: years.map((period, i) => ({ area: OWN, period, value: [38, 41, 44, 47, 52][i]! })),
    },
    {
      template: "sa-bed-spaces-refuge",
      owner: "housingOptions",
      partOf: "sa-bed-spaces",
      figures: years.map((period, i) => ({ area: OWN, period, value: [24, 24, 26, 26, 28][i]! })),
    },
    {
      template: "sa-bed-spaces-dispersed",
      owner: "housingOptions",
      partOf: "sa-bed-spaces",
      figures: years.map((period, i) => ({ area: OWN, period, value: [14, 14, 15, 16, 17][i]! })),
    },
    // "Other" bed spaces are few: hidden when published, and one more part with them (secondary suppression).
    {
      template: "sa-bed-spaces-other",
      owner: "housingOptions",
      partOf: "sa-bed-spaces",
      figures: years.map((period, i) => ({ area: OWN, period, value: [0, 3, 3, 5, 7][i]! })),
    },
  ];
}

/** Ashvale's comparators and indicators for the calendar's periods. */
export function ashvaleStatistics(calendar: DemoCalendar): DemoStatistics {
  return { comparators: ASHVALE_COMPARATORS, indicators: ashvaleIndicators(calendar) };
}
