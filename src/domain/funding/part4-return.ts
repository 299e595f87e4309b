// The Domestic Abuse Act 2021 Part 4 annual return (issue 14): the measures the ministry collects from
// each tier-one authority about support in domestic abuse safe accommodation, for one financial year.
// Defined once here — key, label, group, mandatory or voluntary, hint — and read by the form, the
// validation, the Excel export and its published (suppressed) version. Pure.

import { isSmallCount, secondarySuppression } from "../suppression.ts";

export type Part4Group = "people" | "unable" | "leaving-non-sanctuary" | "leaving-sanctuary" | "capacity";

export const PART4_GROUPS: readonly { key: Part4Group; title: string; hint: string }[] = [
  {
    key: "people",
    title: "People supported in safe accommodation",
    hint: "Everyone who received support in safe accommodation commissioned under Part 4 during the year.",
  },
  {
    key: "unable",
    title: "Households the authority was unable to support",
    hint: "Households referred for support in safe accommodation who could not be supported, and why.",
  },
  {
    key: "leaving-non-sanctuary",
    title: "Households leaving support: safe accommodation other than sanctuary schemes",
    hint: "Households whose support ended during the year, by where they went.",
  },
  {
    key: "leaving-sanctuary",
    title: "Households leaving support: sanctuary schemes",
    hint: "Households whose sanctuary scheme support ended during the year, by outcome.",
  },
  {
    key: "capacity",
    title: "Commissioned bed spaces and units",
    hint: "At the end of the year, by type of safe accommodation. A unit is a self-contained home or room; a bed space is one person's place.",
  },
];

export interface Part4Field {
  key: string;
  label: string;
  group: Part4Group;
  mandatory: boolean;
  hint?: string;
  /** A part of this total (the parts of a total are published with secondary suppression). */
  partOf?: string;
  /** Counts of people or households are suppressed when published; counts of beds are not. */
  aboutPeople: boolean;
}

const people = (key: string, label: string, mandatory: boolean, hint?: string): Part4Field => ({
  key,
  label,
  group: "people",
  mandatory,
  aboutPeople: true,
  ...(hint ? { hint } : {}),
});
const part = (group: Part4Group, total: string, key: string, label: string, hint?: string): Part4Field => ({
  key,
  label,
  group,
  mandatory: false,
  partOf: total,
  aboutPeople: true,
  ...(hint ? { hint } : {}),
});
const total = (group: Part4Group, key: string, label: string): Part4Field => ({
  key,
  label,
  group,
  mandatory: true,
  aboutPeople: true,
});

const ACCOMMODATION_TYPES = [
  ["refuge", "Refuge"],
  ["specialist", "Specialist safe accommodation"],
  ["dispersed", "Dispersed accommodation"],
  ["sanctuary", "Sanctuary schemes"],
  ["moveOn", "Move-on or second stage accommodation"],
  ["other", "Other safe accommodation"],
] as const;

const capacity: Part4Field[] = ACCOMMODATION_TYPES.flatMap(([key, label]) => [
  {
    key: `${key}BedSpaces`,
    label: `${label}: bed spaces`,
    group: "capacity" as const,
    mandatory: key !== "other",
    aboutPeople: false,
  },
  {
    key: `${key}Units`,
    label: `${label}: units`,
    group: "capacity" as const,
    mandatory: key !== "other",
    aboutPeople: false,
    ...(key === "sanctuary" ? { hint: "Homes made safe under a sanctuary scheme" } : {}),
  },
]);

export const PART4_FIELDS: readonly Part4Field[] = [
  people("householdsSupported", "Households supported", true),
  people("women", "Women supported", true, "Adult victims who are women, including trans women"),
  people("men", "Men supported", true, "Adult victims who are men, including trans men"),
  people(
    "transAdults",
    "Trans adults supported",
    false,
    "Adult victims who identify as trans, also counted as women or men above",
  ),
  people("children", "Children supported", true, "Children who came with an adult victim"),
  total("unable", "unableTotal", "Households unable to be supported"),
  part("unable", "unableTotal", "unableNoSpace", "Unable: no space available"),
  part("unable", "unableTotal", "unableNeeds", "Unable: needs could not be met"),
  part("unable", "unableTotal", "unableIneligible", "Unable: not eligible"),
  part("unable", "unableTotal", "unableOther", "Unable: other or not known"),
  total("leaving-non-sanctuary", "leavingTotal", "Households leaving support"),
  part("leaving-non-sanctuary", "leavingTotal", "leavingSettled", "Moved to settled accommodation"),
  part(
    "leaving-non-sanctuary",
    "leavingTotal",
    "leavingTemporary",
    "Moved to other temporary or safe accommodation",
  ),
  part("leaving-non-sanctuary", "leavingTotal", "leavingReturned", "Returned to a previous home"),
  part("leaving-non-sanctuary", "leavingTotal", "leavingEvicted", "Evicted or left without notice"),
  part("leaving-non-sanctuary", "leavingTotal", "leavingOther", "Left for another reason, or not known"),
  total("leaving-sanctuary", "sanctuaryLeavingTotal", "Households leaving sanctuary scheme support"),
  part("leaving-sanctuary", "sanctuaryLeavingTotal", "sanctuaryStayed", "Stayed safely in their home"),
  part("leaving-sanctuary", "sanctuaryLeavingTotal", "sanctuaryMoved", "Moved to other accommodation"),
  part(
    "leaving-sanctuary",
    "sanctuaryLeavingTotal",
    "sanctuaryOther",
    "Sanctuary support ended for another reason, or not known",
  ),
  ...capacity,
];

export const PART4_FIELD_KEYS: ReadonlySet<string> = new Set(PART4_FIELDS.map((f) => f.key));

/** The largest count the form accepts: far above any authority's year, well inside an integer. */
export const PART4_MAX_COUNT = 1_000_000;

export type Part4Counts = Record<string, number | null>;

export interface Part4Problem {
  key: string;
  message: string;
}

/**
 * Reads the form's text boxes: empty is "not recorded" (null), otherwise a whole number from 0 to
 * PART4_MAX_COUNT (commas allowed, as people type 1,200). Keys not in PART4_FIELDS are ignored.
 */
export function readPart4Counts(input: Record<string, unknown>): {
  counts: Part4Counts;
  problems: Part4Problem[];
} {
  const counts: Part4Counts = {};
  const problems: Part4Problem[] = [];
  for (const field of PART4_FIELDS) {
    const raw = input[field.key];
    const text = typeof raw === "string" ? raw.trim().replace(/,/g, "") : "";
    if (text === "") {
      counts[field.key] = null;
      continue;
    }
    if (!/^\d{1,7}$/.test(text) || Number(text) > PART4_MAX_COUNT) {
      problems.push({
        key: field.key,
        message: `${field.label} must be a whole number from 0 to ${PART4_MAX_COUNT.toLocaleString("en-GB")}`,
      });
      counts[field.key] = null;
      continue;
    }
    counts[field.key] = Number(text);
  }
  return { counts, problems };
}

/** What stops a return being marked complete: each mandatory measure not recorded. */
export function missingMandatory(counts: Part4Counts): Part4Problem[] {
  return PART4_FIELDS.filter((f) => f.mandatory && (counts[f.key] ?? null) === null).map((f) => ({
    key: f.key,
    message: `Enter ${f.label.charAt(0).toLowerCase()}${f.label.slice(1)}, or save the return as a draft`,
  }));
}

/** Parts that add up to more than their total: a mistake the form reports whether draft or complete. */
export function partsOverTotal(counts: Part4Counts): Part4Problem[] {
  const problems: Part4Problem[] = [];
  for (const t of PART4_FIELDS.filter((f) => PART4_FIELDS.some((p) => p.partOf === f.key))) {
    const totalValue = counts[t.key];
    if (totalValue === null || totalValue === undefined) continue;
    const sum = PART4_FIELDS.filter((p) => p.partOf === t.key).reduce((s, p) => s + (counts[p.key] ?? 0), 0);
    if (sum > totalValue) {
      problems.push({
        key: t.key,
        message: `${t.label} (${totalValue}) is less than its parts add up to (${sum})`,
      });
    }
  }
  return problems;
}

export function completeness(counts: Part4Counts): { recorded: number; mandatoryMissing: number } {
  return {
    recorded: PART4_FIELDS.filter((f) => (counts[f.key] ?? null) !== null).length,
    mandatoryMissing: missingMandatory(counts).length,
  };
}

/**
 * The return as published: counts of people and households below the threshold read "fewer than N",
 * and where a total and its parts would let one hidden count be worked out, a second is hidden
 * (domain/suppression.ts, rule 3). Bed spaces and units are not about people and are shown as held.
 */
export function publishedPart4(counts: Part4Counts, threshold: number): Record<string, string> {
  const out: Record<string, string> = {};
  const shown = (n: number | null | undefined) =>
    n === null || n === undefined ? "not recorded" : String(n);
  for (const f of PART4_FIELDS) {
    const n = counts[f.key] ?? null;
    out[f.key] =
      f.aboutPeople && n !== null && isSmallCount(n, threshold) ? `fewer than ${threshold}` : shown(n);
  }
  for (const t of PART4_FIELDS.filter((f) => PART4_FIELDS.some((p) => p.partOf === f.key))) {
    const parts = PART4_FIELDS.filter((p) => p.partOf === t.key);
    const result = secondarySuppression(
      counts[t.key] ?? null,
      parts.map((p) => counts[p.key] ?? null),
      threshold,
    );
    if (result.total === "secondary") out[t.key] = "suppressed";
    result.parts.forEach((status, i) => {
      if (status === "secondary") out[parts[i]!.key] = "suppressed";
    });
  }
  return out;
}
