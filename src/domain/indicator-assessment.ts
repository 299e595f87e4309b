// One indicator's judgements from its series: the latest figure for the partnership's own area rated
// against target and against the straight line to it, its direction of travel against the previous
// period and the same period last year, and the comparator sentence for the year-on-year change.
//
// Pure: no I/O. The same function serves the signed-in pages (real figures) and every output for
// publication (figures after suppression, where a suppressed figure gives "no judgement").

import type { IndicatorKind, Polarity, UnitSpec } from "./indicators.ts";
import {
  comparatorSentence,
  type Direction,
  directionOfTravel,
  expectedProgress,
  type Figure,
  type Judgement,
  rateAgainstTarget,
  type TargetRating,
} from "./judgement.ts";
import { type IsoDate, type Period, previousPeriod, samePeriodLastYear } from "./periods.ts";
import type { Thresholds } from "./thresholds.ts";

export interface IndicatorRules {
  spec: UnitSpec;
  polarity: Polarity;
  kind: IndicatorKind;
  thresholds: Thresholds;
  baseline: { value: number | null; label: string | null; date: IsoDate | null };
  target: { value: number | null; date: IsoDate | null };
}

export interface SeriesPoint {
  areaId: number;
  areaName: string;
  /** The partnership's own area (judged), or a comparator. */
  own: boolean;
  period: Period;
  figure: Figure;
}

export interface Assessment {
  latest: { period: Period; figure: Figure } | null;
  target: Judgement<TargetRating>;
  progress: Judgement<TargetRating>;
  sincePrevious: Judgement<Direction>;
  sinceLastYear: Judgement<Direction>;
  comparator: Judgement<"compared">;
}

const noData = <T extends string>(rule: string): Judgement<T> => ({
  judged: false,
  outcome: "none",
  summary: "No judgement: there are no figures for the partnership's area yet",
  rule,
});

const sameKey = (p: Period) => `${p.kind}:${p.start}`;

/** The latest own-area period and every judgement on it. */
export function assessIndicator(rules: IndicatorRules, series: readonly SeriesPoint[]): Assessment {
  const own = series.filter((p) => p.own);
  const latestPoint = own.reduce<SeriesPoint | null>(
    (best, p) => (best === null || p.period.start > best.period.start ? p : best),
    null,
  );
  if (latestPoint === null) {
    return {
      latest: null,
      target: noData("A figure is needed to rate against the target."),
      progress: noData("A figure is needed to compare with the line to the target."),
      sincePrevious: noData("A figure is needed to compare with the previous period."),
      sinceLastYear: noData("A figure is needed to compare with the same period last year."),
      comparator: noData("A figure is needed to compare with other areas."),
    };
  }
  const period = latestPoint.period;
  const find = (areaId: number, p: Period): Figure =>
    series.find((s) => s.areaId === areaId && sameKey(s.period) === sameKey(p))?.figure ?? {
      state: "missing",
    };
  const previous = previousPeriod(period);
  const lastYear = samePeriodLastYear(period);
  const base = { spec: rules.spec, polarity: rules.polarity, thresholds: rules.thresholds };
  const contextual = rules.kind === "contextual";
  const trendOnly = <T extends string>(): Judgement<T> => ({
    judged: false,
    outcome: "none",
    summary: "No judgement: a contextual indicator shows a trend only and has no target",
    rule: "Only performance indicators are rated against a target.",
  });

  const comparatorAreas = [...new Map(series.filter((s) => !s.own).map((s) => [s.areaId, s.areaName]))];
  return {
    latest: { period, figure: latestPoint.figure },
    target: contextual
      ? trendOnly()
      : rateAgainstTarget({
          ...base,
          target: rules.target.value,
          latest: latestPoint.figure,
          latestLabel: period.label,
        }),
    progress: contextual
      ? trendOnly()
      : expectedProgress({
          ...base,
          baseline: rules.baseline,
          target: rules.target,
          latest: latestPoint.figure,
          latestLabel: period.label,
          latestDate: period.end,
        }),
    sincePrevious: directionOfTravel({
      ...base,
      current: latestPoint.figure,
      currentLabel: period.label,
      compared: find(latestPoint.areaId, previous),
      comparedLabel: previous.label,
    }),
    sinceLastYear: directionOfTravel({
      ...base,
      current: latestPoint.figure,
      currentLabel: period.label,
      compared: find(latestPoint.areaId, lastYear),
      comparedLabel: lastYear.label,
    }),
    comparator: comparatorSentence({
      spec: rules.spec,
      currentLabel: period.label,
      comparedLabel: lastYear.label,
      local: { current: latestPoint.figure, compared: find(latestPoint.areaId, lastYear) },
      comparators: comparatorAreas.map(([areaId, name]) => ({
        name,
        current: find(areaId, period),
        compared: find(areaId, lastYear),
      })),
    }),
  };
}
