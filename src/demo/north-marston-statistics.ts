// The smaller North Marston partnerships' key statistics: four of Ashvale's indicators (the same
// templates, so the region can set them side by side), with figures for the calendar's periods made
// from each partnership's few numbers (north-marston-<name>.ts). Male victims at Marac are a handful a
// quarter and households not supported a handful a year, so suppression shows when they are published.
import type { DemoCalendar } from "./calendar.ts";
import { northMarstonStatisticsSpecOf } from "./north-marston.ts";
import type { DemoStatistics } from "./types.ts";

const FORCE = "North Marston police force area";
const ENGLAND = "England";

/** A repeatable wobble in [-1, 1], as Ashvale's: the same figures on every load. */
function wobble(i: number, seed: number): number {
  const x = Math.sin(i * 12.9898 + seed * 78.233) * 43_758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

/** Figures for the partnership's own area are written against this name (its area name may change). */
export const OWN_AREA = "own";

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A smaller partnership's statistics, or none for a slug that is not one of them. */
export function northMarstonStatisticsOf(
  slug: string,
): ((calendar: DemoCalendar) => DemoStatistics) | undefined {
  const spec = northMarstonStatisticsSpecOf(slug);
  if (!spec) return undefined;
  return (calendar) => {
    const quarters = calendar.statisticsQuarters;
    const years = calendar.statisticsYears;
    const seed = spec.seed;
    const cases = quarters.map((_, i) =>
      Math.max(8, Math.round(spec.maracCases + i * 0.4 + wobble(i, seed) * 4)),
    );
    return {
      comparators: [
        { name: FORCE, kind: "police_force_area" },
        { name: ENGLAND, kind: "england" },
      ],
      indicators: [
        {
          template: "marac-cases",
          owner: "specialist",
          commitments: ["2.1"],
          figures: quarters.map((period, i) => ({ area: OWN_AREA, period, value: cases[i] ?? 0 })),
        },
        {
          template: "marac-repeat-rate",
          owner: "specialist",
          figures: quarters.flatMap((period, i) => {
            const denominator = cases[i] ?? 0;
            const numerator = Math.round(
              (denominator * (spec.repeatPercent + wobble(i, seed + 1) * 3)) / 100,
            );
            return [
              { area: OWN_AREA, period, numerator, denominator },
              { area: FORCE, period, value: round1(36 + wobble(i, 21) * 0.7) },
              { area: ENGLAND, period, value: round1(33 + wobble(i, 22) * 0.6) },
            ];
          }),
        },
        {
          template: "marac-male",
          owner: "specialist",
          figures: quarters.flatMap((period, i) => {
            const denominator = cases[i] ?? 0;
            const numerator = Math.max(0, Math.round(2 + wobble(i, seed + 2) * 2));
            return [
              { area: OWN_AREA, period, numerator, denominator },
              { area: FORCE, period, value: round1(5.5 + wobble(i, 41) * 0.8) },
              { area: ENGLAND, period, value: round1(4.8 + wobble(i, 42) * 0.8) },
            ];
          }),
        },
        {
          template: "sa-households-not-supported",
          owner: "housing",
          figures: years.map((period, i) => ({
            area: OWN_AREA,
            period,
            value: spec.householdsNotSupported[i] ?? 0,
          })),
        },
      ],
    };
  };
}
