// Judgements on key statistics that explain themselves: rating against target, expected progress
// towards a target date, direction of travel, and the comparator sentence ("up 5% against 12% in
// England"). Every judgement carries the rule that made it, in words a board member can check.
//
// Pure: no I/O. WHY "no judgement" is a first-class answer: a missing or suppressed figure must never
// be guessed at, and a rating drawn from a guess is worse than none.

import {
  formatDifference,
  formatNumber,
  formatValue,
  POLARITY_LABELS,
  type Polarity,
  type UnitSpec,
} from "./indicators.ts";
import { daysBetween, type IsoDate } from "./periods.ts";
import { formatDate, type Thresholds, thresholdMeasureText } from "./thresholds.ts";

/** A figure as a judgement sees it: a value, nothing for that period, or a value hidden for publication. */
export type Figure = { state: "value"; value: number } | { state: "missing" } | { state: "suppressed" };

export const figure = (value: number | null | undefined): Figure =>
  value === null || value === undefined || !Number.isFinite(value)
    ? { state: "missing" }
    : { state: "value", value };

export type Judgement<T extends string> =
  | { judged: true; outcome: T; summary: string; rule: string }
  | { judged: false; outcome: "none"; summary: string; rule: string };

export type TargetRating = "green" | "amber" | "red";
export type Direction = "improving" | "worsening" | "no real change" | "rising" | "falling";

export const TARGET_RATING_LABELS: Readonly<Record<TargetRating, string>> = {
  green: "Green",
  amber: "Amber",
  red: "Red",
};

function none<T extends string>(summary: string, rule: string): Judgement<T> {
  return { judged: false, outcome: "none", summary: `No judgement: ${summary}`, rule };
}

function missingReason(f: Figure, what: string): string | null {
  if (f.state === "missing") return `there is no figure for ${what}`;
  if (f.state === "suppressed") return `the figure for ${what} is suppressed, so it cannot be judged`;
  return null;
}

/** How far short of `goal` a value is, in the indicator's units: 0 or less when at or better. */
export function shortfall(polarity: Polarity, value: number, goal: number): number {
  if (polarity === "up") return goal - value;
  if (polarity === "down") return value - goal;
  return Math.abs(value - goal);
}

/** The shortfall in the thresholds' measure: the unit's own, or per cent of the goal. */
function measuredShortfall(thresholds: Thresholds, gap: number, goal: number): number {
  if (thresholds.measure === "relative" && goal !== 0) return (100 * gap) / Math.abs(goal);
  return gap;
}

/** The rating for a shortfall by the ordered bands: the first band it fits, otherwise Red. */
export function bandFor(thresholds: Thresholds, measured: number): TargetRating {
  for (const band of thresholds.bands) if (measured <= band.shortfall + 1e-9) return band.rating;
  return "red";
}

/** "Green when at or better than the target; Amber when no more than 5% of the target short of it; otherwise Red." */
export function describeBands(
  spec: UnitSpec,
  polarity: Polarity,
  thresholds: Thresholds,
  goalName: string,
): string {
  const parts = thresholds.bands.map((band) => {
    const label = TARGET_RATING_LABELS[band.rating];
    if (band.shortfall <= 0) {
      return polarity === "neither"
        ? `${label} when exactly on ${goalName}`
        : `${label} when at or better than ${goalName}`;
    }
    const amount = thresholdMeasureText(spec, thresholds.measure, band.shortfall, goalName);
    return polarity === "neither"
      ? `${label} when within ${amount}`
      : `${label} when no more than ${amount} short of it`;
  });
  return `${[...parts, "otherwise Red"].join("; ")}. ${POLARITY_LABELS[polarity]}.`;
}

function describeGap(
  spec: UnitSpec,
  polarity: Polarity,
  value: number,
  goal: number,
  goalText: string,
): string {
  const diff = value - goal;
  if (Math.abs(diff) < 1e-9) return `${formatValue(spec, value)} is exactly ${goalText}`;
  const gap = shortfall(polarity, value, goal);
  if (polarity === "neither")
    return `${formatValue(spec, value)} is ${formatDifference(spec, diff)} ${diff > 0 ? "above" : "below"} ${goalText}`;
  return gap <= 0
    ? `${formatValue(spec, value)} is better than ${goalText}`
    : `${formatValue(spec, value)} is ${formatDifference(spec, gap)} short of ${goalText}`;
}

export interface TargetInput {
  spec: UnitSpec;
  polarity: Polarity;
  thresholds: Thresholds;
  target: number | null;
  latest: Figure;
  /** "Q2 2024/25" */
  latestLabel: string;
}

/** Rates the latest figure against the target by the indicator's ordered thresholds. */
export function rateAgainstTarget(input: TargetInput): Judgement<TargetRating> {
  const { spec, polarity, thresholds, target, latest } = input;
  if (target === null)
    return none(
      "this indicator has no target; it shows a trend only",
      "Only indicators with a target are rated.",
    );
  const goalText = `the target of ${formatValue(spec, target)}`;
  const rule = describeBands(spec, polarity, thresholds, goalText);
  const reason = missingReason(latest, input.latestLabel);
  if (reason !== null || latest.state !== "value") return none(reason ?? "", rule);
  const rating = bandFor(
    thresholds,
    measuredShortfall(thresholds, shortfall(polarity, latest.value, target), target),
  );
  return {
    judged: true,
    outcome: rating,
    summary: `${TARGET_RATING_LABELS[rating]}: ${describeGap(spec, polarity, latest.value, target, goalText)} (${input.latestLabel})`,
    rule,
  };
}

export interface ProgressInput {
  spec: UnitSpec;
  polarity: Polarity;
  thresholds: Thresholds;
  baseline: { value: number | null; label: string | null; date: IsoDate | null };
  target: { value: number | null; date: IsoDate | null };
  latest: Figure;
  /** The period the latest figure is for, and its last day: where the line is read. */
  latestLabel: string;
  latestDate: IsoDate;
}

/** Where a straight line from baseline to target puts the figure on `date` (held at the ends). */
export function expectedValue(
  baseline: { value: number; date: IsoDate },
  target: { value: number; date: IsoDate },
  date: IsoDate,
): number {
  const total = daysBetween(baseline.date, target.date);
  if (total <= 0) return target.value;
  const fraction = Math.min(1, Math.max(0, daysBetween(baseline.date, date) / total));
  return baseline.value + (target.value - baseline.value) * fraction;
}

/**
 * Expected progress: a straight line from the baseline to the target by its date, read at the end of
 * the latest period; the latest figure is rated against that expected figure by the target thresholds.
 */
export function expectedProgress(input: ProgressInput): Judgement<TargetRating> {
  const { spec, polarity, thresholds, baseline, target, latest } = input;
  if (baseline.value === null || baseline.date === null || target.value === null || target.date === null) {
    return none(
      "progress needs a baseline and a target with a date",
      "Expected progress is a straight line from the baseline to the target by its date.",
    );
  }
  if (daysBetween(baseline.date, target.date) <= 0) {
    return none(
      "the target date is not after the baseline",
      "Expected progress needs a target date after the baseline.",
    );
  }
  const expected = expectedValue(
    { value: baseline.value, date: baseline.date },
    { value: target.value, date: target.date },
    input.latestDate,
  );
  const goalText = `the expected ${formatValue(spec, expected)}`;
  const rule =
    `A straight line from the baseline (${formatValue(spec, baseline.value)}${baseline.label ? ` in ${baseline.label}` : ""}, ` +
    `${formatDate(baseline.date)}) to the target (${formatValue(spec, target.value)} by ${formatDate(target.date)}) ` +
    `puts the figure at ${formatValue(spec, expected)} on ${formatDate(input.latestDate)}, the end of ${input.latestLabel}. ` +
    describeBands(spec, polarity, thresholds, "the expected figure");
  const reason = missingReason(latest, input.latestLabel);
  if (reason !== null || latest.state !== "value") return none(reason ?? "", rule);
  const rating = bandFor(
    thresholds,
    measuredShortfall(thresholds, shortfall(polarity, latest.value, expected), expected),
  );
  const gap = shortfall(polarity, latest.value, expected);
  const position = polarity === "neither" ? "against" : gap > 0 ? "behind" : "on or ahead of";
  return {
    judged: true,
    outcome: rating,
    summary: `${TARGET_RATING_LABELS[rating]}: ${position} the straight line to the target — ${describeGap(spec, polarity, latest.value, expected, goalText)}`,
    rule,
  };
}

/** A change between two values, measured as the thresholds measure it: relative (%) or in units. */
export function changeOf(thresholds: Thresholds, from: number, to: number): number {
  if (thresholds.noChange.measure === "relative" && from !== 0) return (100 * (to - from)) / Math.abs(from);
  return to - from;
}

/** "5%", "0.4%", "-12%" — a percentage change as board papers write it. */
export function formatPercentChange(p: number): string {
  const size = Math.abs(p);
  return `${Math.round(size) < 1 && size > 0 ? formatNumber(Math.round(size * 10) / 10, 1) : formatNumber(Math.round(size), 0)}%`;
}

/** "up 5%", "down 2.1 percentage points", "no change". */
function changeWords(spec: UnitSpec, from: number, to: number): string {
  const diff = to - from;
  if (Math.abs(diff) < 1e-9) return "no change";
  const direction = diff > 0 ? "up" : "down";
  if (spec.unit === "percentage") return `${direction} ${formatDifference(spec, diff)}`;
  if (from === 0) return `${direction} ${formatDifference(spec, diff)}`;
  return `${direction} ${formatPercentChange((100 * diff) / Math.abs(from))}`;
}

export interface DirectionInput {
  spec: UnitSpec;
  polarity: Polarity;
  thresholds: Thresholds;
  current: Figure;
  currentLabel: string;
  compared: Figure;
  comparedLabel: string;
}

/** Improving / worsening / no real change against an earlier period, with the threshold stated. */
export function directionOfTravel(input: DirectionInput): Judgement<Direction> {
  const { spec, polarity, thresholds, current, compared } = input;
  const limit = thresholds.noChange;
  const limitText =
    limit.measure === "relative" ? `${formatNumber(limit.amount)}%` : formatDifference(spec, limit.amount);
  const rule = `${input.currentLabel} compared with ${input.comparedLabel}. Changes smaller than ${limitText} are no real change. ${POLARITY_LABELS[polarity]}.`;
  const reason = missingReason(current, input.currentLabel) ?? missingReason(compared, input.comparedLabel);
  if (reason !== null || current.state !== "value" || compared.state !== "value")
    return none(reason ?? "", rule);
  const change = changeOf(thresholds, compared.value, current.value);
  const words = `${changeWords(spec, compared.value, current.value)} from ${formatValue(spec, compared.value)} in ${input.comparedLabel}`;
  let outcome: Direction;
  if (Math.abs(change) < limit.amount - 1e-9 || Math.abs(change) < 1e-9) outcome = "no real change";
  else if (polarity === "neither") outcome = change > 0 ? "rising" : "falling";
  else outcome = change > 0 === (polarity === "up") ? "improving" : "worsening";
  const label = outcome.charAt(0).toUpperCase() + outcome.slice(1);
  return { judged: true, outcome, summary: `${label}: ${words}`, rule };
}

export interface ComparatorFigures {
  /** "England", "North Marston police force area" */
  name: string;
  current: Figure;
  compared: Figure;
}

export interface ComparatorInput {
  spec: UnitSpec;
  currentLabel: string;
  comparedLabel: string;
  local: { current: Figure; compared: Figure };
  comparators: ComparatorFigures[];
}

/**
 * "Up 5% against 12% in England": the local change beside each comparator's change over the same
 * periods; for percentages and rates the levels too ("35.0% against 31.0% in England").
 */
export function comparatorSentence(input: ComparatorInput): Judgement<"compared"> {
  const { spec, local } = input;
  const rule =
    `The change from ${input.comparedLabel} to ${input.currentLabel} in the partnership's area beside the same change in each comparator area` +
    (spec.unit === "count"
      ? "; counts are compared by their change only, as the areas differ in size."
      : ", and the levels in the latest period.");
  const reason =
    missingReason(local.current, input.currentLabel) ?? missingReason(local.compared, input.comparedLabel);
  if (reason !== null || local.current.state !== "value" || local.compared.state !== "value")
    return none(reason ?? "", rule);
  const localWords = changeWords(spec, local.compared.value, local.current.value);
  const usable = input.comparators.filter(
    (
      c,
    ): c is ComparatorFigures & {
      current: { state: "value"; value: number };
      compared: { state: "value"; value: number };
    } => c.current.state === "value" && c.compared.state === "value",
  );
  if (usable.length === 0)
    return none(`there are no comparator figures for ${input.comparedLabel} and ${input.currentLabel}`, rule);
  const localDirection = localWords.split(" ")[0];
  const words = usable.map((c) => changeWords(spec, c.compared.value, c.current.value));
  // "against 12% in England" when every comparator moved the same way; otherwise each says which way.
  const allSame = words.every((w) => w.split(" ")[0] === localDirection && w !== "no change");
  const changes = usable.map(
    (c, i) => `${allSame ? words[i]!.split(" ").slice(1).join(" ") : words[i]} in ${c.name}`,
  );
  let summary = `${localWords.charAt(0).toUpperCase()}${localWords.slice(1)} against ${joinAnd(changes)}`;
  if (spec.unit !== "count") {
    const levels = usable.map((c) => `${formatValue(spec, c.current.value, { short: true })} in ${c.name}`);
    summary += `; ${formatValue(spec, local.current.value, { short: true })} against ${joinAnd(levels)} in ${input.currentLabel}`;
  }
  return { judged: true, outcome: "compared", summary, rule };
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
