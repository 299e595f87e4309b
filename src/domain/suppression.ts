// Safe publication: no figure small enough to identify a person leaves Waymark in an output marked
// "for publication" (reports, exports, the public API, the published preview).
//
// Pure: no I/O. The rules, each stated in `SUPPRESSION_RULES` for the preview page:
// 1. a count below the threshold (default 5, set per partnership), zero included, shows as "fewer than 5";
// 2. a percentage or rate whose numerator or denominator is below the threshold is suppressed; so is a
//    percentage whose remainder (denominator minus numerator) is, since 100% minus it gives that count;
// 3. secondary suppression: where a total and its parts are published and exactly one cell is hidden,
//    a second cell (the smallest part still shown, else the total) is hidden too, so the first cannot
//    be worked out by subtraction.

import type { UnitSpec } from "./indicators.ts";

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;
export const MIN_SUPPRESSION_THRESHOLD = 1;
export const MAX_SUPPRESSION_THRESHOLD = 50;

export type SuppressionReason =
  | "small count"
  | "small numerator"
  | "small denominator"
  | "small remainder"
  | "secondary";

export type PublishedFigure =
  | { status: "shown"; value: number; numerator: number | null; denominator: number | null }
  | { status: "suppressed"; reason: SuppressionReason; text: string }
  | { status: "missing" };

export interface ObservationNumbers {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** The rules in words, for the preview page and reports' notes. */
export function suppressionRules(threshold: number): string[] {
  return [
    `Counts below ${threshold}, zero included, are shown as "fewer than ${threshold}".`,
    `Percentages and rates are suppressed when their numerator or denominator is below ${threshold}, and percentages also when the denominator minus the numerator is below ${threshold}.`,
    "Where a total and its parts are published and only one of them is hidden, a second one is hidden too, so the first cannot be worked out by subtraction.",
  ];
}

/** Throws on a threshold outside 1–50: a setting of 0 would publish everything. */
export function checkThreshold(threshold: number): number {
  if (
    !Number.isInteger(threshold) ||
    threshold < MIN_SUPPRESSION_THRESHOLD ||
    threshold > MAX_SUPPRESSION_THRESHOLD
  ) {
    throw new RangeError(
      `The suppression threshold must be a whole number from ${MIN_SUPPRESSION_THRESHOLD} to ${MAX_SUPPRESSION_THRESHOLD}`,
    );
  }
  return threshold;
}

/** True when a count must not be published. */
export function isSmallCount(count: number, threshold: number): boolean {
  return count < checkThreshold(threshold);
}

/** "fewer than 5" */
export const fewerThan = (threshold: number) => `fewer than ${threshold}`;

function suppressed(reason: SuppressionReason, threshold: number): PublishedFigure {
  return {
    status: "suppressed",
    reason,
    text: reason === "small count" ? fewerThan(threshold) : "suppressed",
  };
}

/** Primary suppression of one observation (rules 1 and 2). */
export function publishObservation(
  spec: UnitSpec,
  numbers: ObservationNumbers,
  threshold: number,
): PublishedFigure {
  checkThreshold(threshold);
  const { value, numerator, denominator } = numbers;
  if (spec.unit === "count") {
    if (value === null) return { status: "missing" };
    return isSmallCount(value, threshold)
      ? suppressed("small count", threshold)
      : { status: "shown", value, numerator: null, denominator: null };
  }
  if (value === null && (numerator === null || denominator === null)) return { status: "missing" };
  if (numerator !== null && isSmallCount(numerator, threshold))
    return suppressed("small numerator", threshold);
  if (denominator !== null && isSmallCount(denominator, threshold))
    return suppressed("small denominator", threshold);
  if (spec.unit === "percentage" && numerator !== null && denominator !== null) {
    if (isSmallCount(denominator - numerator, threshold)) return suppressed("small remainder", threshold);
  }
  if (value === null) return { status: "missing" };
  return { status: "shown", value, numerator, denominator };
}

export type CellStatus = "shown" | "primary" | "secondary" | "missing";

/**
 * Rule 3, for one period and area: a total and its parts (counts). A missing cell is as unknown as a
 * hidden one, so it counts as hidden. Exactly one unknown cell could be worked out from the others
 * (total minus the shown parts), so a second cell is hidden: the smallest part still shown (the least
 * information lost), or the total when no part is left.
 */
export function secondarySuppression(
  total: number | null,
  parts: readonly (number | null)[],
  threshold: number,
): { total: CellStatus; parts: CellStatus[] } {
  checkThreshold(threshold);
  const status = (n: number | null): CellStatus =>
    n === null ? "missing" : isSmallCount(n, threshold) ? "primary" : "shown";
  const result = { total: status(total), parts: parts.map(status) };
  const hidden = [result.total, ...result.parts].filter((s) => s !== "shown").length;
  if (hidden !== 1) return result;
  let smallest = -1;
  parts.forEach((n, i) => {
    if (result.parts[i] === "shown" && n !== null && (smallest < 0 || n < (parts[smallest] ?? Infinity)))
      smallest = i;
  });
  if (smallest >= 0) result.parts[smallest] = "secondary";
  else if (result.total === "shown") result.total = "secondary";
  return result;
}

/** Applies rule 3's answer to a published figure. */
export function withSecondary(
  figure: PublishedFigure,
  status: CellStatus,
  threshold: number,
): PublishedFigure {
  return status === "secondary" && figure.status === "shown" ? suppressed("secondary", threshold) : figure;
}

/** How a published figure reads in a table cell: the value, "fewer than 5", "suppressed" or "no data". */
export function publishedText(figure: PublishedFigure, format: (value: number) => string): string {
  if (figure.status === "shown") return format(figure.value);
  if (figure.status === "suppressed") return figure.text;
  return "no data";
}
