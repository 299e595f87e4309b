// Key statistics: what an indicator measures and how its figures are written.
//
// Pure: no I/O. An indicator is a count, a percentage (with the numerator and denominator kept) or a
// rate per 100 / 1,000 / 10,000 / 100,000 of a stated population. Its polarity says whether a rise is
// good news. Judgements (judgement.ts) and safe publication (suppression.ts) build on these words.

import type { PeriodKind } from "./periods.ts";

export const UNITS = ["count", "percentage", "rate"] as const;
export type Unit = (typeof UNITS)[number];

export const UNIT_LABELS: Readonly<Record<Unit, string>> = {
  count: "Count",
  percentage: "Percentage",
  rate: "Rate",
};

/** The bases a rate can be given per: arrests per 100 crimes, incidents per 1,000 people aged 16+, … */
export const RATE_BASES = [100, 1_000, 10_000, 100_000] as const;
export type RateBase = (typeof RATE_BASES)[number];

export function isRateBase(n: unknown): n is RateBase {
  return typeof n === "number" && (RATE_BASES as readonly number[]).includes(n);
}

export const POLARITIES = ["up", "down", "neither"] as const;
export type Polarity = (typeof POLARITIES)[number];

/** How the polarity is said on a page: "Up is good". */
export const POLARITY_LABELS: Readonly<Record<Polarity, string>> = {
  up: "Up is good",
  down: "Down is good",
  neither: "Neither: a change is not in itself good or bad",
};

export const FREQUENCIES = ["monthly", "quarterly", "annual"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const FREQUENCY_LABELS: Readonly<Record<Frequency, string>> = {
  monthly: "Monthly",
  quarterly: "Quarterly (financial year quarters)",
  annual: "Annual (financial years, April to March)",
};

/** The period kind an indicator's observations are given for. */
export const FREQUENCY_PERIOD_KIND: Readonly<Record<Frequency, PeriodKind>> = {
  monthly: "month",
  quarterly: "quarter",
  annual: "year",
};

/** Performance indicators have a target; contextual ones show a trend only. */
export const INDICATOR_KINDS = ["performance", "contextual"] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const AREA_KINDS = ["own", "police_force_area", "region", "england", "other"] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export const AREA_KIND_LABELS: Readonly<Record<AreaKind, string>> = {
  own: "The partnership's own area",
  police_force_area: "Police force area",
  region: "Region",
  england: "England",
  other: "Other comparator",
};

/** What a figure is, enough to compute and write it. */
export interface UnitSpec {
  unit: Unit;
  /** Only for rates. */
  rateBase?: number | null;
  /** Only for rates, e.g. "people aged 16+". */
  populationLabel?: string | null;
}

/** A percentage or rate from its numerator and denominator; null when the denominator is not positive. */
export function computeValue(spec: UnitSpec, numerator: number, denominator: number): number | null {
  if (!(denominator > 0) || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return null;
  if (spec.unit === "percentage") return (100 * numerator) / denominator;
  if (spec.unit === "rate") return ((spec.rateBase ?? 1000) * numerator) / denominator;
  return null;
}

/** Rounds for display and storage comparisons: one decimal place for percentages and rates. */
export function roundFor(spec: UnitSpec, value: number): number {
  const places = spec.unit === "count" && Number.isInteger(value) ? 0 : 1;
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

const wholeNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "1,234" */
export function formatNumber(n: number, decimals: 0 | 1 = Number.isInteger(n) ? 0 : 1): string {
  return decimals === 0 ? wholeNumber.format(n) : oneDecimal.format(n);
}

/** "per 1,000 people aged 16+" */
export function rateLabel(spec: UnitSpec): string {
  const base = formatNumber(spec.rateBase ?? 1000, 0);
  const population = spec.populationLabel?.trim();
  return population ? `per ${base} ${population}` : `per ${base}`;
}

/** The unit as a phrase for a page: "Count", "Percentage", "Rate per 1,000 people aged 16+". */
export function describeUnit(spec: UnitSpec): string {
  return spec.unit === "rate" ? `Rate ${rateLabel(spec)}` : UNIT_LABELS[spec.unit];
}

/** A value as people read it: "1,234", "46.9%", "12.3 per 1,000 people aged 16+". */
export function formatValue(spec: UnitSpec, value: number, options: { short?: boolean } = {}): string {
  if (spec.unit === "count") return formatNumber(value);
  const text = formatNumber(roundFor(spec, value), 1);
  if (spec.unit === "percentage") return `${text}%`;
  return options.short ? text : `${text} ${rateLabel(spec)}`;
}

/**
 * A difference between two values of the same indicator, as words: "3.2 percentage points" for
 * percentages, "12" for counts, "0.4 per 1,000" for rates.
 */
export function formatDifference(spec: UnitSpec, difference: number): string {
  const size = Math.abs(difference);
  if (spec.unit === "percentage") {
    const text = formatNumber(roundFor(spec, size), 1);
    return `${text} percentage ${text === "1.0" ? "point" : "points"}`;
  }
  if (spec.unit === "rate") return `${formatNumber(roundFor(spec, size), 1)} ${rateLabel(spec)}`;
  return formatNumber(roundFor(spec, size));
}

/** The numbers given for one period and area: any of value, numerator and denominator. */
export interface ObservationInput {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export type ObservationCheck =
  | { ok: true; value: number; numerator: number | null; denominator: number | null }
  | { ok: false; field: "value" | "numerator" | "denominator"; message: string };

/**
 * Checks one observation against its indicator's unit and works out the value when only the numerator
 * and denominator are given. WHY strict: a percentage whose numerator and denominator disagree with it
 * would be judged on one number and suppressed on another.
 */
export function checkObservation(spec: UnitSpec, input: ObservationInput): ObservationCheck {
  const { value, numerator, denominator } = input;
  for (const [field, n] of [
    ["value", value],
    ["numerator", numerator],
    ["denominator", denominator],
  ] as const) {
    if (n !== null && !Number.isFinite(n))
      return { ok: false, field, message: `The ${field} is not a number` };
    if (n !== null && n < 0) return { ok: false, field, message: `The ${field} cannot be negative` };
  }
  if (spec.unit === "count") {
    if (value === null) return { ok: false, field: "value", message: "Enter the count" };
    if (!Number.isInteger(value))
      return { ok: false, field: "value", message: "A count must be a whole number" };
    if (numerator !== null || denominator !== null) {
      return { ok: false, field: "numerator", message: "A count has no numerator or denominator" };
    }
    return { ok: true, value, numerator: null, denominator: null };
  }
  if ((numerator === null) !== (denominator === null)) {
    const field = numerator === null ? "numerator" : "denominator";
    return { ok: false, field, message: "Give both the numerator and the denominator, or neither" };
  }
  if (numerator !== null && denominator !== null) {
    if (!Number.isInteger(numerator))
      return { ok: false, field: "numerator", message: "The numerator must be a whole number" };
    if (denominator <= 0)
      return { ok: false, field: "denominator", message: "The denominator must be more than 0" };
    if (spec.unit === "percentage" && numerator > denominator) {
      return { ok: false, field: "numerator", message: "The numerator cannot be more than the denominator" };
    }
    const computed = computeValue(spec, numerator, denominator) ?? 0;
    if (value !== null && Math.abs(roundFor(spec, computed) - roundFor(spec, value)) > 0.05 + 1e-9) {
      return {
        ok: false,
        field: "value",
        message: `The value ${formatNumber(value, 1)} does not match the numerator and denominator, which give ${formatNumber(roundFor(spec, computed), 1)}`,
      };
    }
    return { ok: true, value: value ?? computed, numerator, denominator };
  }
  if (value === null) {
    return { ok: false, field: "value", message: "Enter the value, or the numerator and denominator" };
  }
  if (spec.unit === "percentage" && value > 100) {
    return { ok: false, field: "value", message: "A percentage cannot be more than 100" };
  }
  return { ok: true, value, numerator: null, denominator: null };
}
