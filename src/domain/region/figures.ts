// The rules of the region's figures (issue 15), pure: what kind of service an allocation pays for,
// spend per 10,000 people, the window of contracts coming to an end, and how an indicator held by
// several partnerships is recognised as the same one.
import { monthsBefore } from "../funding/contract-reminders.ts";
import type { IsoDate } from "../periods.ts";
import { SERVICE_TYPE_LABELS, SERVICE_TYPES, type ServiceType } from "./vocabulary.ts";

function asServiceType(value: string | null | undefined): ServiceType | null {
  return value && (SERVICE_TYPES as readonly string[]).includes(value) ? (value as ServiceType) : null;
}

/**
 * An allocation's kind of service: its own, else its contract's, else "other". The allocation's own
 * comes first because one contract can be paid from several streams for different parts of it.
 */
export function serviceTypeOf(allocationType: string, contractType: string | null): ServiceType {
  return asServiceType(allocationType) ?? asServiceType(contractType) ?? "other";
}

export const serviceTypeLabel = (type: ServiceType): string => SERVICE_TYPE_LABELS[type];

export const PER_POPULATION = 10_000;

/**
 * Pence per 10,000 people, exact then rounded to the nearest penny (half up): integer arithmetic
 * on BigInt, so £1,000,000 over 333,333 people is £30,000.03 whatever the size of the sums.
 * Null when there is no population to divide by.
 */
export function pencePerTenThousand(pence: number, population: number | null): number | null {
  if (population === null || !Number.isSafeInteger(population) || population <= 0) return null;
  if (!Number.isSafeInteger(pence)) throw new RangeError(`Not a whole number of pence: ${pence}`);
  const scaled = BigInt(Math.abs(pence)) * BigInt(PER_POPULATION);
  const people = BigInt(population);
  const rounded = (scaled * 2n + people) / (people * 2n);
  const value = Number(rounded);
  return pence < 0 && value !== 0 ? -value : value;
}

/** The rule in words, for the page and the spreadsheet. */
export const PER_POPULATION_RULE =
  "Per 10,000 population: the amount × 10,000 ÷ the population the partnership gave, rounded to the nearest penny.";

/** How far ahead the region looks for contracts coming to an end. */
export const CONTRACT_WINDOW_MONTHS = 18;

/** The last day of the window of contracts ending from `asAt`: 18 months on (31 Aug → 28/29 Feb). */
export function contractWindowEnd(asAt: IsoDate): IsoDate {
  return monthsBefore(asAt, -CONTRACT_WINDOW_MONTHS);
}

/** Does a contract end inside the window: on or after `asAt` and on or before its end? */
export function endsInWindow(endsOn: IsoDate | null, asAt: IsoDate): boolean {
  return endsOn !== null && endsOn >= asAt && endsOn <= contractWindowEnd(asAt);
}

/**
 * The key that says two partnerships' indicators are the same statistic: the built-in template both
 * were switched on from, else the name regardless of case and spacing.
 */
export function indicatorMatchKey(indicator: { templateKey: string | null; name: string }): string {
  return indicator.templateKey
    ? `template:${indicator.templateKey}`
    : `name:${indicator.name.trim().replace(/\s+/g, " ").toLowerCase()}`;
}

/** The comparator areas a regional view shows (once per indicator): not a partnership's own, nor "other". */
export const COMPARATOR_KINDS = ["police_force_area", "region", "england"] as const;
export type ComparatorKind = (typeof COMPARATOR_KINDS)[number];
export function isComparatorKind(kind: string): kind is ComparatorKind {
  return (COMPARATOR_KINDS as readonly string[]).includes(kind);
}

/** "Missing: Victims of domestic abuse and Persons providing health care services" or "Covered". */
export function coverageText(missing: readonly string[]): string {
  if (missing.length === 0) return "Covered";
  const list =
    missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}`;
  return `Missing: ${list}`;
}
