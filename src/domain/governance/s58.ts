import { LOCAL_PARTNERSHIP_BOARD_KIND, S58_CATEGORIES, type S58Category } from "./vocabulary.ts";

// The Domestic Abuse Act 2021 s58(2) membership check for a Local Partnership Board: which of the
// categories the Act requires are represented by at least one seat, and which are missing.

/** A seat as the check reads it: its title (to name it) and the categories it represents. */
export interface SeatCategories {
  title: string;
  categories: readonly string[];
}

export interface S58CategoryState {
  value: S58Category;
  label: string;
  /** The titles of the seats representing it, in seat order. */
  seats: string[];
  /** Lower-tier authorities are required only where the area has district councils (two-tier). */
  twoTierOnly: boolean;
}

export interface S58Check {
  /** Required categories with at least one seat. */
  filled: S58CategoryState[];
  /** Required categories with none. */
  missing: S58CategoryState[];
  /** True when nothing required is missing. */
  complete: boolean;
}

/** Does the Act prescribe this board's membership? Only a Local Partnership Board's. */
export function needsS58Check(kind: string): boolean {
  return kind === LOCAL_PARTNERSHIP_BOARD_KIND;
}

/**
 * Each category of s58(2) is filled when some seat represents it. In a single-tier (unitary) area
 * there are no lower-tier authorities, so that category is not required there; in a two-tier area
 * (or when Waymark does not know, the safer default) it is.
 */
export function checkS58(
  seats: readonly SeatCategories[],
  options: { twoTierArea?: boolean } = {},
): S58Check {
  const twoTierArea = options.twoTierArea ?? true;
  const states: S58CategoryState[] = S58_CATEGORIES.map((category) => ({
    value: category.value,
    label: category.label,
    seats: seats.filter((s) => s.categories.includes(category.value)).map((s) => s.title),
    twoTierOnly: category.value === "lower_tier_authorities",
  }));
  const required = states.filter((s) => twoTierArea || !s.twoTierOnly);
  const filled = required.filter((s) => s.seats.length > 0);
  const missing = required.filter((s) => s.seats.length === 0);
  return { filled, missing, complete: missing.length === 0 };
}
