// The thresholds an indicator is judged by, set per indicator and stored with it (jsonb): ordered
// bands for the rating against target, and the size of change that counts as "no real change".
//
// Pure: no I/O, no imports beyond the indicator vocabulary.

import { formatDifference, formatNumber, type Unit, type UnitSpec } from "./indicators.ts";
import { MONTH_NAMES } from "./periods.ts";

export interface ThresholdBand {
  rating: "green" | "amber";
  /** The largest shortfall from the target (in the thresholds' measure) that still earns this rating. */
  shortfall: number;
}

export interface Thresholds {
  /** How a shortfall is measured: in the indicator's own units, or as a percentage of the target. */
  measure: "absolute" | "relative";
  /** In order: Green first, then Amber; a shortfall beyond every band is Red. */
  bands: ThresholdBand[];
  /** Direction of travel: a change smaller than this is "no real change". */
  noChange: { measure: "absolute" | "relative"; amount: number };
}

/**
 * The starting thresholds: Green at or better than target, Amber within 5% of it; a change of less
 * than 2% (1 percentage point for percentages) is no real change. WHY percentage points for
 * percentages: a repeat rate moving from 30% to 31% is a 3% relative change but one point, and boards
 * read percentages in points.
 */
export function defaultThresholds(unit: Unit): Thresholds {
  return {
    measure: "relative",
    bands: [
      { rating: "green", shortfall: 0 },
      { rating: "amber", shortfall: 5 },
    ],
    noChange: unit === "percentage" ? { measure: "absolute", amount: 1 } : { measure: "relative", amount: 2 },
  };
}

const isNumber = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

/**
 * Reads stored thresholds, checking they are ordered; returns the problems in words, or the value.
 * WHY ordered: Amber must allow a larger shortfall than Green, or no figure could ever be Amber.
 */
export function readThresholds(
  raw: unknown,
): { ok: true; value: Thresholds } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const t = raw as Partial<Thresholds> | null;
  if (!t || typeof t !== "object") return { ok: false, errors: ["Thresholds are missing"] };
  if (t.measure !== "absolute" && t.measure !== "relative") errors.push("Say how the shortfall is measured");
  const bands = Array.isArray(t.bands) ? t.bands : [];
  if (bands.length === 0) errors.push("Give at least the Green threshold");
  let previous = -1;
  let seenAmber = false;
  for (const band of bands) {
    if (!band || (band.rating !== "green" && band.rating !== "amber")) {
      errors.push("Each threshold is Green or Amber");
      continue;
    }
    if (!isNumber(band.shortfall) || band.shortfall < 0) errors.push("A threshold must be 0 or more");
    else if (band.shortfall <= previous)
      errors.push("Each threshold must allow a larger shortfall than the one before");
    else previous = band.shortfall;
    if (band.rating === "green" && seenAmber) errors.push("The Green threshold comes before the Amber one");
    if (band.rating === "amber") seenAmber = true;
  }
  const noChange = t.noChange;
  if (
    !noChange ||
    (noChange.measure !== "absolute" && noChange.measure !== "relative") ||
    !isNumber(noChange.amount) ||
    noChange.amount < 0
  ) {
    errors.push("Give the size of change that counts as no real change (0 or more)");
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      measure: t.measure as Thresholds["measure"],
      bands: bands.map((b) => ({ rating: b.rating, shortfall: b.shortfall })),
      noChange: { measure: noChange!.measure, amount: noChange!.amount },
    },
  };
}

/** "5% of the target of 30.0%", "2 percentage points" — a threshold amount in words. */
export function thresholdMeasureText(
  spec: UnitSpec,
  measure: Thresholds["measure"],
  amount: number,
  goalName: string,
): string {
  return measure === "relative" ? `${formatNumber(amount)}% of ${goalName}` : formatDifference(spec, amount);
}

/** "2025-03-31" → "31 March 2025", without Date objects (see periods.ts). */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  return `${Number(match[3])} ${MONTH_NAMES[Number(match[2]) - 1] ?? ""} ${match[1]}`;
}
